"""Safety in and around the stretch window: the safety note and the cautions on the first screen."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core.record import Trigger
from posture_break.core.safety import SafetyNote
from posture_break.core.stretch import Stretch
from posture_break.ui import safety_dialog
from posture_break.ui.safety_dialog import SafetyDialog
from posture_break.ui.stretch_safety import STOP_SIGNS, CautionsDialog
from posture_break.ui.stretch_window import NO_MATCH
from tests.ui.stretch_factory import make_stretch
from tests.ui.test_stretch_window import (  # fixtures and helpers, not tests
    WindowFactory,
    button,
    chime,
    clock,
    label_texts,
    make_window,
)

__all__ = ["chime", "clock", "make_window"]  # fixtures used by name below


# --- the safety note --------------------------------------------------------------------------

NOTE = SafetyNote(
    title="Before you start",
    intro=("Move gently and never into pain.",),
    red_flags_heading="See a doctor instead of stretching if you notice:",
    red_flags=("Numbness or weakness in your arms or legs.", "Pain with chest symptoms."),
    outro=("You can read this again from the menu.",),
)


def test_safety_note_shows_every_red_flag_and_an_i_understand_button(qtbot: QtBot) -> None:
    dialog = SafetyDialog(NOTE)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Before you start" in texts
    assert "•  Pain with chest symptoms." in texts
    assert "You can read this again from the menu." in texts
    with qtbot.waitSignal(dialog.accepted):
        dialog.understood_button.click()


def test_show_note_opens_modally_and_returns_when_understood(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safety_dialog, "load_safety_note", lambda: NOTE)
    seen: list[str] = []

    def press_i_understand() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SafetyDialog)
        seen.append(dialog.windowTitle())
        dialog.understood_button.click()

    QTimer.singleShot(0, press_i_understand)
    SafetyDialog.show_note(None)
    assert seen == ["Before you start"]


# Safety you can see, the why line, the fallback notice, a memory for "Another stretch" ---------


def careful_stretch() -> Stretch:
    return replace(
        make_stretch(),
        cautions=("Keep the turn small if your back is <b>sore</b>.", "Stop if you feel dizzy."),
    )


def test_the_first_screen_shows_the_caution_and_the_stop_signs_as_plain_text(
    make_window: WindowFactory,
) -> None:
    window = make_window(Trigger.SCHEDULED, stretch=careful_stretch())
    texts = label_texts(window)
    assert "Keep the turn small if your back is <b>sore</b>." in texts
    assert STOP_SIGNS in texts
    caution = next(w for w in window.findChildren(QLabel) if w.text().startswith("Keep the"))
    assert caution.textFormat() is Qt.TextFormat.PlainText
    assert NO_MATCH not in texts


def test_safety_shows_every_caution_and_leads_to_the_safety_note(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    window = make_window(Trigger.SCHEDULED, stretch=careful_stretch())
    shown: list[list[str]] = []
    notes: list[QWidget | None] = []

    def fake_exec(dialog: CautionsDialog) -> int:
        shown.append([label.text() for label in dialog.cautions])
        dialog.note_button.click()
        return 0

    monkeypatch.setattr(CautionsDialog, "exec", fake_exec)
    monkeypatch.setattr(SafetyDialog, "show_note", classmethod(lambda cls, p=None: notes.append(p)))
    button(window, "Safety…").click()
    assert shown == [
        ["•  Keep the turn small if your back is <b>sore</b>.", "•  Stop if you feel dizzy."]
    ]
    assert len(notes) == 1
