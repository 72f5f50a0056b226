"""The translation checks themselves: each one fails on the mistake it is there for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools.i18n_checks import msgfmt_problems, po_problems

_HEADER = """\
msgid ""
msgstr ""
"Language: {language}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {plural}\\n"

"""
_RU = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)


def _po(tmp_path: Path, language: str, body: str, plural: str) -> Path:
    path = tmp_path / f"{language}.po"
    path.write_text(_HEADER.format(language=language, plural=plural) + body, encoding="utf-8")
    return path


_GOOD_RU = """\
msgid "Streak: {days}"
msgstr "Серия: {days}"

msgid "{count} day"
msgid_plural "{count} days"
msgstr[0] "{count} день"
msgstr[1] "{count} дня"
msgstr[2] "{count} дней"
"""


def test_a_good_translation_has_no_problem(tmp_path: Path) -> None:
    assert po_problems(_po(tmp_path, "ru", _GOOD_RU, _RU)) == []


def test_the_plural_rule_must_be_the_languages(tmp_path: Path) -> None:
    problems = po_problems(_po(tmp_path, "ru", _GOOD_RU, "nplurals=2; plural=(n != 1);"))
    assert len(problems) == 1
    assert "Plural-Forms" in problems[0]


def test_same_rule_with_other_spacing_passes(tmp_path: Path) -> None:
    body = 'msgid "Hello"\nmsgstr "Bonjour"\n'
    assert po_problems(_po(tmp_path, "fr", body, "nplurals=2; plural=n>1;")) == []


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('msgid "Streak: {days}"\nmsgstr "Serie: {tage}"\n', "msgstr has ['tage']"),
        ('msgid "Streak: {days}"\nmsgstr ""\n', "not translated"),
        ('#, fuzzy\nmsgid "Streak: {days}"\nmsgstr "Serie: {days}"\n', "fuzzy"),
        ('msgid "A"\nmsgstr "B"\n\n#~ msgid "Old"\n#~ msgstr "Alt"\n', "obsolete"),
        (
            'msgid "{count} day"\nmsgid_plural "{count} days"\nmsgstr[0] "{count} Tag"\n'
            'msgstr[1] "viele Tage"\n',
            "msgstr[1] has []",
        ),
    ],
)
def test_each_mistake_is_reported(tmp_path: Path, body: str, needle: str) -> None:
    problems = po_problems(_po(tmp_path, "de", body, "nplurals=2; plural=(n != 1);"))
    assert any(needle in problem for problem in problems), problems


def test_the_language_header_must_match_the_file_name(tmp_path: Path) -> None:
    path = _po(tmp_path, "de", 'msgid "A"\nmsgstr "B"\n', "nplurals=2; plural=(n != 1);")
    path.write_text(path.read_text("utf-8").replace("Language: de", "Language: fr"), "utf-8")
    assert any("header Language" in problem for problem in po_problems(path))


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt missing (apt install gettext)")
def test_msgfmt_reports_a_broken_c_format(tmp_path: Path) -> None:
    body = '#, c-format\nmsgid "%d days"\nmsgstr "%s Tage"\n'
    assert msgfmt_problems(_po(tmp_path, "de", body, "nplurals=2; plural=(n != 1);"))
