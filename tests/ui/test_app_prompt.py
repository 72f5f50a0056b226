"""A due break in the running app: each answer to the prompt reaches the scheduler and history."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.record import Outcome, Trigger
from posture_break.core.stretch_run import Stage
from posture_break.ui.app import PostureBreakApp
from posture_break.ui.stretch_window import StretchWindow
from tests.ui.app_harness import outcomes, prompt_now


def assert_skipped_and_restarted(
    app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    """The break is recorded as skipped and the next one is a whole interval away."""
    assert outcomes(history) == [("seated-twist", Outcome.SKIPPED, Trigger.SCHEDULED)]
    next_at = app.tray.status.next_at
    assert next_at is not None
    assert next_at - clock.now() >= timedelta(minutes=44)


def test_a_due_break_shows_the_prompt_without_focus(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock
) -> None:
    focus_before = QApplication.focusWindow()
    prompt = prompt_now(qtbot, app, clock)
    assert prompt.isVisible()
    assert "Seated twist" in prompt.message.text()
    assert QApplication.focusWindow() is focus_before
    assert app.tray.status.state.name == "DUE"


def test_snooze_is_recorded_and_puts_the_break_off(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    QTest.mouseClick(prompt.snooze_button, Qt.MouseButton.LeftButton)
    assert outcomes(history) == [("seated-twist", Outcome.SNOOZED, Trigger.SCHEDULED)]
    assert app.prompt is None
    next_at = app.tray.status.next_at
    assert next_at is not None
    assert next_at - clock.now() <= timedelta(minutes=10)


def test_skip_is_recorded_and_restarts_the_interval(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    QTest.mouseClick(prompt.skip_button, Qt.MouseButton.LeftButton)
    assert_skipped_and_restarted(app, clock, history)


def test_start_opens_a_scheduled_stretch(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    with qtbot.waitSignal(app.stretch_opened, timeout=1000) as blocker:
        QTest.mouseClick(prompt.start_button, Qt.MouseButton.LeftButton)
    window = blocker.args[0] if blocker.args else None
    assert isinstance(window, StretchWindow)
    assert window.stretch.id == "seated-twist"
    # Start in the prompt already started it: the countdown runs without a second click.
    assert window.stage is Stage.RUNNING
    clock.advance(10)
    # Closing it mid-way is the window's own "abandoned", recorded as scheduled.
    with qtbot.waitSignal(window.closed, timeout=1000):
        window.close()
    assert outcomes(history) == [("seated-twist", Outcome.ABANDONED, Trigger.SCHEDULED)]
    assert [r.duration_s for r in history.records()] == [10]
    assert app.stretch_window is None


def test_an_ignored_prompt_is_recorded_as_skipped_and_does_not_nag(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    clock.advance(121)
    with qtbot.waitSignal(prompt.ignored, timeout=1000):
        prompt.look()  # as its timer would
    assert_skipped_and_restarted(app, clock, history)


def test_pausing_while_a_prompt_shows_skips_it(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    app.handle_command("pause", "1h")
    assert not prompt.isVisible()
    assert outcomes(history) == [("seated-twist", Outcome.SKIPPED, Trigger.SCHEDULED)]
    assert app.tray.status.state.name == "PAUSED"


def test_quitting_records_the_open_stretch_as_its_path_says(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    # Quit (the menu, or SIGTERM/SIGINT, which call the same quit) closes the window:
    # a started stretch is abandoned with its seconds.
    app.stretch_now()
    window = app.stretch_window
    assert window is not None
    clock.advance(timedelta(seconds=9))
    app.quit()
    assert [(r.outcome, r.duration_s) for r in history.records()] == [(Outcome.ABANDONED, 9)]


def test_quitting_with_a_prompt_or_an_unstarted_break_records_skipped(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt_now(qtbot, app, clock)
    app.quit()
    assert [r.outcome for r in history.records()] == [Outcome.SKIPPED]
