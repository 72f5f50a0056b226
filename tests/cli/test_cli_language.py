"""The command line speaks the user's language: LANG, LANGUAGE or `[appearance] language`."""

from __future__ import annotations

import argparse
import gettext
import inspect
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from posture_break.cli_argparse import ARGPARSE_TEXTS
from posture_break.core import i18n
from posture_break.core.catalogue import load_catalogue
from posture_break.core.i18n import DOMAIN, current_language, use_languages
from tests.cli.support import Runner, write_settings
from tests.core.test_whole_phrases import write_catalogue

REAL_FRENCH = Path(__file__).resolve().parents[2] / "resources/locale/fr/LC_MESSAGES"


@pytest.fixture
def french_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A tiny French catalogue in place of the shipped ones; English again afterwards."""
    title = load_catalogue(translate=False)[0].title
    catalog = Catalog(locale="fr", domain=DOMAIN)
    catalog.add(title, "Câlin et dos rond (test)")
    target = tmp_path / "fr" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    target.parent.mkdir(parents=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    target.write_bytes(buffer.getvalue())
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    for variable in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    yield "Câlin et dos rond (test)"
    use_languages(["en"])


def test_lang_fr_prints_french_titles(
    run: Runner, french_catalogue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, _ = run("stretches")
    assert code == 0
    assert current_language() == "fr"
    assert french_catalogue in out
    assert load_catalogue(translate=False)[0].title not in out


def test_json_stays_english_in_french(
    run: Runner, french_catalogue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, _ = run("stretches", "--json")
    assert code == 0
    assert french_catalogue not in out
    assert load_catalogue(translate=False)[0].title in out


def test_language_setting_overrides_the_system(
    run: Runner, french_catalogue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    write_settings('[appearance]\nlanguage = "en"\n')
    code, out, _ = run("stretches")
    assert code == 0
    assert current_language() == "en"
    assert french_catalogue not in out
    write_settings('[appearance]\nlanguage = "fr"\n')
    monkeypatch.setenv("LANG", "C")
    code, out, _ = run("stretches")
    assert french_catalogue in out


def test_language_list_picks_the_first_shipped(
    run: Runner, french_catalogue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "ga:fr:de")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    code, out, _ = run("stretches")
    assert code == 0
    assert french_catalogue in out


def test_dates_in_stats_and_rest_follow_the_language(
    run: Runner, french_catalogue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert run("rest", "add", "2025-09-01")[0] == 0
    code, out, _ = run("rest", "list")
    assert (code, out) == (0, "lun. 2025-09-01\n")
    code, out, _ = run("stats", "--as-of", "2025-09-03")
    assert code == 0
    assert "lun. 1 sept. 2025" in out  # the week's first day, as French writes it
    assert "mer. 3 sept." in out


def test_dates_in_json_stay_iso(
    run: Runner, french_catalogue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert run("rest", "add", "2025-09-01")[0] == 0
    assert run("rest", "list", "--json")[1] == '{"rest_days": ["2025-09-01"]}\n'


@pytest.mark.skipif(not REAL_FRENCH.exists(), reason="po/fr.po not compiled yet")
def test_the_installed_command_prints_the_shipped_french(tmp_path: Path) -> None:
    # The real program and catalogue, as a person types it: LANG=fr_FR.UTF-8 posture-break ...
    env = {k: v for k, v in os.environ.items() if k not in i18n.LOCALE_VARIABLES}
    env["LANG"] = "fr_FR.UTF-8"
    done = subprocess.run(
        [sys.executable, "-m", "posture_break.cli", "stretches"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    english = load_catalogue(translate=False)
    use_languages(["fr"])
    try:
        french = load_catalogue()
    finally:
        use_languages(["en"])
    assert french[0].title != english[0].title
    assert french[0].title in done.stdout


def test_the_app_path_never_loads_babel() -> None:
    # The tray app starts through cli.main; it formats dates with QLocale, so Babel (15 ms and
    # a few MB) stays out of its process.
    code = (
        "import sys, posture_break.cli, posture_break.status_client\n"
        "posture_break.cli.build_parser()\n"
        "assert not any(name.split('.')[0] == 'babel' for name in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_argparse_speaks_the_chosen_language_through_our_catalogue(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalogue(
        tmp_path,
        "fr",
        {
            "usage: ": "utilisation : ",
            "options": "réglages",
            "the following arguments are required: %s": "il manque : %s",
        },
    )
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    monkeypatch.setenv("LANGUAGE", "de")  # the setting wins over the system's language
    write_settings('[appearance]\nlanguage = "fr"\n')
    code, out, _ = run("--help")
    assert code == 0
    assert out.startswith("utilisation : posture-break")
    assert "\nréglages:\n" in out
    code, _, err = run("rest")
    assert code == 2
    assert "il manque : ACTION" in err
    # Put back for the rest of the process (the tray app it may start, the programs it starts).
    assert os.environ["LANGUAGE"] == "de"
    assert gettext.textdomain() == "messages"
    use_languages(["en"])


def test_argparse_stays_english_in_english(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalogue(tmp_path, "fr", {"the following arguments are required: %s": "il manque : %s"})
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    monkeypatch.setenv("LANGUAGE", "fr")
    write_settings('[appearance]\nlanguage = "en"\n')
    code, _, err = run("rest")
    assert code == 2
    assert "the following arguments are required: ACTION" in err


def test_the_listed_argparse_texts_are_argparse_s_own() -> None:
    # They are listed by hand (extraction cannot read the standard library): a Python that
    # rewords one makes this fail, and the listed text would never be looked up.
    source = inspect.getsource(argparse)
    for text in ARGPARSE_TEXTS:
        assert repr(text) in source or f'"{text}"' in source, text
