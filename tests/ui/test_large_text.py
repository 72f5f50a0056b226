"""With a large application font nothing is cut: every label and button gets the room it asks.

The screenshots (`docs/screenshots/make_a11y_screenshots.py large-font` and `scale-200`) are
the pictures; this is the check that runs on every change. `QT_SCALE_FACTOR=2` scales layout
and text together, so a layout that fits at 1x fits at 2x; a larger font is the harder case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.safety import load_safety_note
from posture_break.core.settings import Settings
from posture_break.ui.prompt import BreakPrompt
from posture_break.ui.review import ReviewWindow
from posture_break.ui.safety_dialog import SafetyDialog
from tests.ui.test_stretch_window import START, FakeChime, on_demand_window

FONT_FACTOR = 1.6


@pytest.fixture
def large_font() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = QFont(app.font())
    font = QFont(saved)
    font.setPointSizeF(saved.pointSizeF() * FONT_FACTOR)
    app.setFont(font)
    yield
    app.setFont(saved)


def cut_off(window: QWidget) -> list[str]:
    """Return the visible labels and buttons of `window` smaller than they need to be."""
    found = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text():
            continue
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if label.height() + 1 < need:
                found.append(f"label {label.text()[:40]!r}: {label.height()} < {need} px high")
        elif label.width() + 1 < label.minimumSizeHint().width():
            found.append(f"label {label.text()[:40]!r}: {label.width()} px wide")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window):
            continue
        hint = button.minimumSizeHint()
        if button.width() + 1 < hint.width() or button.height() + 1 < hint.height():
            found.append(f"button {button.text()!r}: {button.size()} < {hint}")
    return found


def _stretch(history: BreakHistory, *, ended: bool = False) -> QWidget:
    clock = FakeClock(START)
    window = on_demand_window(clock, history, FakeChime())
    window.show_stretch()
    if ended:
        clock.advance(31.0)  # past half time: Done counts and the check-in is asked
        window.done()
    return window


WINDOWS: dict[str, Callable[[BreakHistory], QWidget]] = {
    "stretch window": _stretch,
    "end view with the check-in": lambda history: _stretch(history, ended=True),
    "prompt": lambda _: BreakPrompt("Seated open book", 60, 10, clock=FakeClock(START)),
    "review": lambda history: ReviewWindow(history, Settings(), FakeClock(START), titles={}),
    "safety note": lambda _: SafetyDialog(load_safety_note()),
}


@pytest.mark.parametrize("name", WINDOWS)
@pytest.mark.usefixtures("large_font")
def test_nothing_is_cut_with_a_large_font(qtbot: QtBot, history: BreakHistory, name: str) -> None:
    window = WINDOWS[name](history)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QGuiApplication.processEvents()
    assert cut_off(window) == []


def test_the_check_finds_a_cut_label(qtbot: QtBot) -> None:
    prompt = BreakPrompt("Seated open book", 60, 10, clock=FakeClock(START))
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.waitExposed(prompt)
    prompt.start_button.setFixedWidth(12)  # far too narrow for "Start"
    QGuiApplication.processEvents()
    assert any("Start" in problem for problem in cut_off(prompt))
