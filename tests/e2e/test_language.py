"""posture-break in the user's language on a real desktop (issue 17): German, French, Chinese.

The app runs as a German user starts it, with `LANG=de_DE.UTF-8` and nothing else chosen, on
Xvfb with trayer, a session D-Bus and the AT-SPI bus. What it shows is read the way a screen
reader reads it: the tray menu through the focus events as the keyboard walks it (Qt leaves
popup menus out of the accessible tree), the stretch window through its accessible tree. The
expected text comes from po/de.po through the project's own catalogue (`use_languages`), never
from German words written here, so the test follows the translators.

Screenshots of both go to the test's tmp dir, and with POSTURE_BREAK_UPDATE_SCREENSHOTS=1 to
docs/screenshots/e2e-de-tray-menu.png and e2e-de-stretch.png.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posture_break.core.catalogue import load_catalogue
from posture_break.core.clock import FakeClock
from posture_break.core.i18n import LOCALE_VARIABLES, SOURCE_LANGUAGE, _, use_languages
from posture_break.ui.tray import Tray
from posture_break.ui.tray_icon import TrayIcons
from tests.e2e import atspi
from tests.e2e.atspi import AccessibilityBus, Window
from tests.harness.app import RunningApp, make_home, new_window, run_cli
from tests.harness.desktop import DesktopSession
from tests.harness.faketime import write_settings
from tests.harness.waiting import wait_for
from tests.harness.xwindows import (
    mapped_windows_of,
    screenshot,
    visible_windows_of,
    window_name,
)
from tools.i18n import LOCALE_DIR, PO_DIR
from tools.i18n_checks import read_catalog

REPO = Path(__file__).resolve().parents[2]
MENU_SHOT = REPO / "docs" / "screenshots" / "e2e-de-tray-menu.png"
STRETCH_SHOT = REPO / "docs" / "screenshots" / "e2e-de-stretch.png"
# The language of the desktop run and the locale its user has.
GERMAN = "de"
GERMAN_LOCALE = "de_DE.UTF-8"
FOCUS_PROBE = Path(__file__).with_name("atspi_focus_probe.py")
# Any time will do: the menu's entries do not depend on it.
_NOON = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)

needs_atspi = pytest.mark.skipif(atspi.missing() is not None, reason=atspi.missing() or "")


def language_env(env: Mapping[str, str], **variables: str) -> dict[str, str]:
    """Return `env` with the locale variables of a user who set only `variables`.

    The test session forces LANGUAGE=en for itself (tests/conftest.py) and the desktop copies
    it; a user who sets LANG alone has no LANGUAGE, so it goes, with LC_ALL and LC_MESSAGES.
    """
    chosen = {k: v for k, v in env.items() if k not in LOCALE_VARIABLES}
    chosen.update(variables)
    return chosen


def without_mnemonic(text: str) -> str:
    """Return `text` as a screen reader hears it: "&Save" -> "Save", "&&" -> "&"."""
    return re.sub(r"&(.)", r"\1", text)


@pytest.fixture
def in_language() -> Iterator[None]:
    """Let the test switch this process's language; English again afterwards."""
    yield
    use_languages([SOURCE_LANGUAGE])


def untranslated_english(language: str) -> frozenset[str]:
    """Return the English texts that po/<language>.po translates differently (mnemonics off).

    One of them on screen is a string the app left in English.
    """
    texts = set()
    for message in read_catalog(PO_DIR / f"{language}.po"):
        if not message.id or not isinstance(message.id, str) or not message.string:
            continue
        english = without_mnemonic(message.id)
        if isinstance(message.string, str) and without_mnemonic(message.string) != english:
            texts.add(english)
    return frozenset(texts)


@pytest.fixture(scope="module")
def accessible_desktop(desktop: DesktopSession) -> Iterator[DesktopSession]:
    """The module's desktop with the AT-SPI bus beside its session D-Bus."""
    with AccessibilityBus(desktop.env):
        yield desktop


@pytest.fixture
def german_app(accessible_desktop: DesktopSession, tmp_path: Path) -> Iterator[RunningApp]:
    """posture-break as a German user starts it (LANG=de_DE.UTF-8 only), docked and ready."""
    app = RunningApp(accessible_desktop, make_home(tmp_path), atspi.ACCESSIBLE_ENV)
    app.env = language_env(app.env, LANG=GERMAN_LOCALE)
    try:
        app.start()
        app.wait_ready()
        yield app
    finally:
        app.stop()


@dataclass(frozen=True, slots=True)
class MenuTexts:
    """The tray menu's entries in one language, as a screen reader names them."""

    entries: frozenset[str]
    # Shown and enabled whatever the app's state (Resume shows only while paused, and "Skip the
    # next one" is enabled only while a stretch is planned).
    always: frozenset[str]


def tray_menu_texts(language: str) -> MenuTexts:
    """Return the tray menu's entries in `language` as the app builds them."""
    use_languages([language], LOCALE_DIR)
    tray = Tray(FakeClock(_NOON), TrayIcons())
    try:
        acts = tray.actions
        entries = [a for a in tray.menu.actions() if not a.isSeparator()]
        state_bound = {acts.resume, acts.skip_next}
        return MenuTexts(
            entries=frozenset(without_mnemonic(a.text()) for a in entries),
            always=frozenset(without_mnemonic(a.text()) for a in entries if a not in state_bound),
        )
    finally:
        tray.menu.deleteLater()
        use_languages([SOURCE_LANGUAGE])


@needs_atspi
def test_tray_menu_and_stretch_window_are_german(
    german_app: RunningApp, qtbot: QtBot, tmp_path: Path, in_language: None
) -> None:
    # qtbot: the QApplication the Tray built here (offscreen) needs; it reads the app's entries.
    english, german = tray_menu_texts(SOURCE_LANGUAGE), tray_menu_texts(GERMAN)
    assert german.entries != english.entries, "po/de.po does not translate the tray menu"
    heard = set(walk_tray_menu(german_app, len(german.entries), tmp_path / "e2e-de-tray-menu.png"))
    assert heard <= german.entries, f"heard {sorted(heard)}; the German menu: {german.entries}"
    assert german.always <= heard, f"heard {sorted(heard)}; not {german.always - heard}"
    assert not heard & untranslated_english(GERMAN), heard

    use_languages([GERMAN], LOCALE_DIR)
    before = set(visible_windows_of(german_app.env, german_app.pid))
    assert german_app.cli("stretch").returncode == 0
    window = stretch_window(german_app, _("Stretch break"))
    title = window_name(german_app.env, new_window(german_app, before))
    assert _("Stretch break") in title, title
    shown = {n.name for n in window.nodes if n.is_showing} | {
        n.description for n in window.nodes if n.is_showing
    }
    buttons = {n.name for n in window.controls() if n.role == "push button"}
    assert {without_mnemonic(_("&Done")), without_mnemonic(_("&Another stretch"))} <= buttons
    titles = {stretch.title for stretch in load_catalogue()}
    assert any(title in text for text in shown for title in titles), shown
    leftovers = sorted(shown & untranslated_english(GERMAN))
    assert leftovers == [], f"English left in the German stretch window: {leftovers}"
    screenshot(german_app.env, tmp_path / "e2e-de-stretch.png", STRETCH_SHOT)


def walk_tray_menu(app: RunningApp, entries: int, shot: Path) -> list[str]:
    """Open the tray menu, walk it with Down as a keyboard user does; return what was focused.

    The screenshot is taken with the menu open, then Escape closes it.
    """
    probe = subprocess.Popen(
        ["/usr/bin/python3", str(FOCUS_PROBE), str(app.pid)],
        env=app.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert probe.stdin is not None
    assert probe.stdout is not None
    try:
        assert probe.stdout.readline().strip() == "ready"
        icon = app.wait_docked()
        before = set(mapped_windows_of(app.env, app.pid))
        x, y = icon.center
        subprocess.run(
            ["xdotool", "mousemove", str(x), str(y), "click", "3"], env=app.env, check=True
        )
        menu = wait_for(
            lambda: set(mapped_windows_of(app.env, app.pid)) - before, 10, 0.05, "the tray menu"
        )
        # Down once per entry (disabled and hidden ones are passed over, so it wraps round).
        keys = ["xdotool"] + ["key", "--delay", "60", "Down"] * entries
        subprocess.run(keys, env=app.env, check=True)
        screenshot(app.env, shot, MENU_SHOT)
        subprocess.run(["xdotool", "key", "Escape"], env=app.env, check=True)
        wait_for(
            lambda: not menu & set(mapped_windows_of(app.env, app.pid)), 5, 0.05, "menu to close"
        )
    finally:
        # Closing its stdin (communicate does) tells the probe to print the rest and end.
        try:
            out = probe.communicate(timeout=10)[0]
        except subprocess.TimeoutExpired:
            probe.kill()
            probe.communicate()
            raise
    return [
        line["name"] for line in map(json.loads, out.splitlines()) if line["role"] == "menu item"
    ]


def stretch_window(app: RunningApp, title_part: str) -> Window:
    """Wait until the accessible window titled with `title_part` shows; return it."""

    def probe() -> Window | None:
        return next(
            (
                w
                for w in atspi.windows(app.env, app.pid)
                if title_part in w.title and w.nodes[0].is_showing
            ),
            None,
        )

    return wait_for(probe, 15, 0.2, f"an accessible window titled {title_part!r}")


def test_stretches_lists_french_titles_under_a_french_locale(
    tmp_path: Path, in_language: None
) -> None:
    env = language_env(os.environ, LANG="fr_FR.UTF-8")
    result = run_cli(env, "stretches")
    assert result.returncode == 0, result.stderr
    english = {stretch.id: stretch.title for stretch in load_catalogue(translate=False)}
    use_languages(["fr"], LOCALE_DIR)
    french = {stretch.id: stretch.title for stretch in load_catalogue()}
    assert french != english, "po/fr.po does not translate the stretch titles"
    missing = [title for title in french.values() if title not in result.stdout]
    assert missing == [], result.stdout
    assert not [t for i, t in english.items() if t != french[i] and t in result.stdout]


def test_language_setting_overrides_the_system_language(
    desktop: DesktopSession, tmp_path: Path, in_language: None
) -> None:
    home = make_home(tmp_path)
    write_settings(home, '[appearance]\nlanguage = "zh_CN"\n')
    app = RunningApp(desktop, home)
    app.env = language_env(app.env, LANG="de_DE.UTF-8")
    use_languages(["zh_CN"], LOCALE_DIR)
    chinese = _("Stretch break")
    assert chinese != "Stretch break", "po/zh_CN.po does not translate the window title"
    try:
        app.start()
        app.wait_ready()
        before = set(visible_windows_of(app.env, app.pid))
        assert app.cli("stretch").returncode == 0
        title = window_name(app.env, new_window(app, before))
        assert chinese in title, title
    finally:
        app.stop()
