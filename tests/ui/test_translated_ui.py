"""The tray menu, its tooltip and the prompt show the catalogue's words when a language is set.

A tiny German catalogue is compiled with the real `msgfmt` into a temporary folder, so the test
checks the path a shipped language takes: `use_languages` loads the `.mo`, the widgets call `_()`
and `ngettext()` when they are built. The session goes back to English afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.i18n import DOMAIN, use_languages
from posture_break.core.settings import Settings
from posture_break.platform.autostart import XdgAutostart
from posture_break.ui.prompt import BreakPrompt
from posture_break.ui.settings_dialog import SettingsDialog
from posture_break.ui.tray import Tray, TrayStatus, status_text
from posture_break.ui.tray_icon import IconState, TrayIcons

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)

GERMAN_PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "&Stretch now"
msgstr "Jetzt &dehnen"

msgid "&Pause"
msgstr "&Pausieren"

msgid "Until &tomorrow"
msgstr "Bis &morgen"

msgid "&Quit"
msgstr "&Beenden"

msgid "Next stretch at {time} ({left})"
msgstr "Nächste Dehnung um {time} ({left})"

msgid "in {minutes} min"
msgid_plural "in {minutes} min"
msgstr[0] "in {minutes} Minute"
msgstr[1] "in {minutes} Minuten"

msgid "Time for a posture snack"
msgstr "Zeit für eine Haltungspause"

msgid "{heading} — {stretch}, {minutes} min"
msgid_plural "{heading} — {stretch}, {minutes} min"
msgstr[0] "{heading}: {stretch}, {minutes} Minute"
msgstr[1] "{heading}: {stretch}, {minutes} Minuten"

msgid "&Start"
msgstr "&Los"

msgid "S&nooze ({minutes} min)"
msgid_plural "S&nooze ({minutes} min)"
msgstr[0] "S&päter ({minutes} Minute)"
msgstr[1] "S&päter ({minutes} Minuten)"

msgid "posture-break: time for a stretch"
msgstr "posture-break: Zeit zum Dehnen"

msgid "Outside working hours — next at {time}"
msgstr "Außerhalb der Arbeitszeit, nächste um {time}"

msgid "Automatic (system language)"
msgstr "Automatisch (Systemsprache)"

msgid "The language changes when posture-break restarts."
msgstr "Die Sprache wechselt beim nächsten Start von posture-break."
"""


@pytest.fixture
def german(tmp_path: Path) -> Iterator[None]:
    """Speak the tiny German catalogue for one test, then English again."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed: apt install gettext")
    messages = tmp_path / "locale" / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    source = tmp_path / "de.po"
    source.write_text(GERMAN_PO, encoding="utf-8")
    subprocess.run(
        [msgfmt, "--check", "-o", str(messages / f"{DOMAIN}.mo"), str(source)], check=True
    )
    use_languages(["de"], str(tmp_path / "locale"))
    english = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))  # as the app does
    try:
        yield
    finally:
        use_languages(["en"], str(tmp_path / "locale"))  # no English catalogue: the source text
        QLocale.setDefault(english)


@pytest.mark.usefixtures("german")
def test_tray_menu_and_tooltip_are_translated(qtbot: QtBot) -> None:
    tray = Tray(FakeClock(NOW), TrayIcons())
    texts = [action.text() for action in tray.menu.actions() if not action.isSeparator()]
    assert texts[:2] == ["Jetzt &dehnen", "&Pausieren"]
    assert texts[-1] == "&Beenden"
    pause = [action.text() for action in tray.actions.pause_menu.actions()]
    assert "Bis &morgen" in pause
    assert "&About" in texts  # not in the catalogue: the English source shows, never a blank
    tooltip = status_text(TrayStatus(IconState.COUNTING, NOW + timedelta(minutes=5)), NOW)
    assert tooltip == "Nächste Dehnung um 10:05 (in 5 Minuten)"
    one = status_text(TrayStatus(IconState.COUNTING, NOW + timedelta(minutes=1)), NOW)
    assert one.endswith("(in 1 Minute)")  # the singular form, chosen by the catalogue's rule
    monday = datetime(2026, 3, 9, 9, 45, tzinfo=UTC)  # NOW is a Wednesday
    off_hours = status_text(TrayStatus(IconState.OFF_HOURS, monday), NOW)
    assert off_hours == "Außerhalb der Arbeitszeit, nächste um Mo. 09:45"  # Qt's German weekday


@pytest.mark.usefixtures("german")
def test_prompt_is_translated(qtbot: QtBot) -> None:
    prompt = BreakPrompt("Seated reach", 60, 10, clock=FakeClock(NOW))
    qtbot.addWidget(prompt)
    assert prompt.message.text() == "Zeit für eine Haltungspause: Seated reach, 1 Minute"
    assert prompt.start_button.text() == "&Los"
    assert prompt.start_button.accessibleName() == "Los"
    assert prompt.snooze_button.text() == "S&päter (10 Minuten)"
    assert prompt.windowTitle() == "posture-break: Zeit zum Dehnen"


@pytest.mark.usefixtures("german")
def test_language_names_stay_in_their_own_language(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), (), tmp_path / "settings.toml", starter=XdgAutostart())
    qtbot.addWidget(dialog)
    combo = dialog.form.language
    names = [combo.itemText(index) for index in range(combo.count())]
    assert names[0] == "Automatisch (Systemsprache)"
    days = dialog.form.day_buttons
    assert (days[0].text(), days[2].accessibleName()) == ("Mo.", "Mittwoch")
    assert names[1:] == [
        "Deutsch",
        "English",
        "Español",
        "Français",
        "Português (Brasil)",
        "Русский",
        "简体中文",
    ]


def test_choosing_a_language_says_it_applies_after_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    dialog = SettingsDialog(Settings(), (), path, starter=XdgAutostart())
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert not form.language_note.isVisible()
    form.language.setCurrentIndex(form.language.findText("Français"))
    assert form.language_note.isVisible()
    assert form.language_note.text() == "The language changes when posture-break restarts."
    assert dialog.settings().appearance.language == "fr"
    form.language.setCurrentIndex(0)  # back to what the file says: nothing will change
    assert not form.language_note.isVisible()
