"""The break prompt: calm, in the tray's corner, never taking keyboard focus."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.ui import prompt as prompt_module
from posture_break.ui.prompt import BreakPrompt, corner_position, prompt_text
from posture_break.ui.prompt_terms import IGNORE_AFTER_S, LONG_CALL_HEADING

START = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def make_prompt(qtbot: QtBot, clock: FakeClock, *, look_ms: int | None = None) -> BreakPrompt:
    prompt = BreakPrompt("Seated reach", 60, 10, clock=clock, look_ms=look_ms)
    qtbot.addWidget(prompt)
    return prompt


def test_the_prompt_names_the_stretch_and_its_length() -> None:
    assert prompt_text("Seated reach", 60) == "Time for a posture snack — Seated reach, 1 min"
    assert prompt_text("Doorway opener", 150) == "Time for a posture snack — Doorway opener, 2 min"
    assert prompt_text("Quick one", 20) == "Time for a posture snack — Quick one, 1 min"


def test_the_offer_after_a_long_call_says_so_in_its_window_title(
    qtbot: QtBot, clock: FakeClock
) -> None:
    usual = make_prompt(qtbot, clock)
    offer = BreakPrompt("Seated reach", 60, 10, clock=clock, heading=LONG_CALL_HEADING)
    qtbot.addWidget(offer)
    assert usual.windowTitle() == "posture-break: time for a stretch"
    assert offer.windowTitle() == "posture-break: time for a stretch after a long call"
    assert offer.message.text().startswith("Long call — stretch? — ")


def test_the_buttons_say_what_they_do(qtbot: QtBot, clock: FakeClock) -> None:
    prompt = make_prompt(qtbot, clock)
    assert prompt.start_button.text() == "&Start"
    assert prompt.snooze_button.text() == "S&nooze (10 min)"
    assert prompt.skip_button.text() == "S&kip"


def test_the_prompt_is_a_tool_window_that_never_takes_focus(qtbot: QtBot, clock: FakeClock) -> None:
    prompt = make_prompt(qtbot, clock)
    flags = prompt.windowFlags()
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.FramelessWindowHint
    assert (flags & Qt.WindowType.Tool) == Qt.WindowType.Tool
    assert prompt.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    for button in (prompt.start_button, prompt.snooze_button, prompt.skip_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_typing_goes_on_into_the_users_window_while_the_prompt_shows(
    qtbot: QtBot, clock: FakeClock
) -> None:
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is editor.windowHandle())
    focus_before = QGuiApplication.focusWindow()

    prompt = make_prompt(qtbot, clock)
    prompt.show_near(None)
    qtbot.waitExposed(prompt)

    assert prompt.isVisible()
    assert QGuiApplication.focusWindow() is focus_before
    assert not prompt.isActiveWindow()
    target = QGuiApplication.focusObject()
    assert isinstance(target, QLineEdit)
    QTest.keyClicks(target, "still typing")
    assert editor.text() == "still typing"


@pytest.mark.parametrize(
    ("button", "signal"),
    [("start_button", "started"), ("snooze_button", "snoozed"), ("skip_button", "skipped")],
)
def test_each_button_answers_once_and_closes_the_prompt(
    qtbot: QtBot, clock: FakeClock, button: str, signal: str
) -> None:
    prompt = make_prompt(qtbot, clock)
    prompt.show_near(None)
    with qtbot.waitSignal(getattr(prompt, signal), timeout=1000):
        QTest.mouseClick(getattr(prompt, button), Qt.MouseButton.LeftButton)
    assert not prompt.isVisible()


def test_an_ignored_prompt_tucks_itself_away_after_two_minutes(
    qtbot: QtBot, clock: FakeClock
) -> None:
    prompt = make_prompt(qtbot, clock, look_ms=5)
    prompt.show_near(None)
    # The timer looks often here, but the clock says too little time has passed.
    clock.advance(IGNORE_AFTER_S - 1)
    with qtbot.assertNotEmitted(prompt.ignored, wait=50):
        pass
    assert prompt.isVisible()
    clock.advance(1)
    with qtbot.waitSignal(prompt.ignored, timeout=1000):
        pass
    assert not prompt.isVisible()


def test_a_withdrawn_prompt_says_nothing(qtbot: QtBot, clock: FakeClock) -> None:
    prompt = make_prompt(qtbot, clock, look_ms=5)
    answers: list[str] = []
    for name in ("started", "snoozed", "skipped", "ignored"):
        getattr(prompt, name).connect(lambda name=name: answers.append(name))
    prompt.show_near(None)
    prompt.withdraw()
    clock.advance(IGNORE_AFTER_S + 1)
    with qtbot.assertNotEmitted(prompt.ignored, wait=50):
        pass
    assert answers == []
    assert not prompt.isVisible()


SCREEN = QRect(0, 0, 1920, 1080)


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (None, QPoint(1920 - 300 - 16, 1080 - 100 - 16)),
        (QPoint(1900, 1070), QPoint(1920 - 300 - 16, 1080 - 100 - 16)),
        (QPoint(1900, 10), QPoint(1920 - 300 - 16, 16)),
        (QPoint(10, 10), QPoint(16, 16)),
        (QPoint(10, 1070), QPoint(16, 1080 - 100 - 16)),
        (QPoint(5000, 5000), QPoint(1920 - 300 - 16, 1080 - 100 - 16)),  # another screen
    ],
)
def test_the_prompt_sits_in_the_trays_corner(anchor: QPoint | None, expected: QPoint) -> None:
    assert corner_position(SCREEN, (300, 100), anchor) == expected


def test_the_prompt_appears_inside_the_screen(qtbot: QtBot, clock: FakeClock) -> None:
    prompt = make_prompt(qtbot, clock)
    prompt.show_near(None)
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    assert screen.availableGeometry().contains(prompt.frameGeometry())


@pytest.mark.qt_log_ignore("does not support setting window masks")  # offscreen: kept anyway
def test_without_a_compositor_the_corners_are_cut_not_black(
    qtbot: QtBot, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # X11 paints a translucent window's transparent corners black when no compositor runs.
    monkeypatch.setattr(prompt_module, "needs_shape_mask", lambda: True)
    prompt = BreakPrompt("Open book", 60, 10, clock=clock)
    qtbot.addWidget(prompt)
    prompt.show_near(None)
    mask = prompt.mask()
    assert not mask.isEmpty()
    assert not mask.contains(QPoint(0, 0))  # the corner is not part of the window
    assert not mask.contains(QPoint(prompt.width() - 1, prompt.height() - 1))
    assert mask.contains(QPoint(prompt.width() // 2, prompt.height() // 2))
    assert mask.contains(QPoint(prompt.width() // 2, 0))  # the straight edge is whole


def test_with_translucency_composed_no_mask_is_needed(qtbot: QtBot, clock: FakeClock) -> None:
    assert not prompt_module.needs_shape_mask()  # offscreen, like Wayland, composes
    prompt = BreakPrompt("Open book", 60, 10, clock=clock)
    qtbot.addWidget(prompt)
    prompt.show_near(None)
    assert prompt.mask().isEmpty()
