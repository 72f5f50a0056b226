"""The stretch window's end view: the check-in, the tally and streak, the why line, closing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.stretch_run import Stage
from posture_break.ui.stretch_window import StretchWindow
from tests.ui.stretch_factory import make_stretch
from tests.ui.test_stretch_window import (  # fixtures and helpers, not tests
    FakeChime,
    WindowFactory,
    advance,
    button,
    chime,
    clock,
    label_texts,
    make_window,
    stage,
    timer,
)

__all__ = ["chime", "clock", "make_window"]  # fixtures used by name below


def test_checkin_is_stored_with_the_record(
    make_window: WindowFactory, clock: FakeClock, history: BreakHistory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 60.0)
    assert "How does your mid back feel?" in label_texts(window)
    with qtbot.waitSignal(window.checked_in) as answered:
        button(window, "7").click()
    assert answered.args == [7]
    assert [r.checkin for r in history.records()] == [7]
    assert "Thanks, noted." in label_texts(window)
    close_timer = timer(window, "closeTimer")
    assert close_timer.isActive()
    with qtbot.waitSignal(window.closed):
        close_timer.timeout.emit()  # the moment passes: the window closes itself


def test_checkin_by_digit_key(
    make_window: WindowFactory, clock: FakeClock, history: BreakHistory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    QTest.keyClick(window, Qt.Key.Key_4)  # while stretching a digit does nothing
    advance(clock, window, 60.0)
    assert "Seated twist · 1:00" in label_texts(window)
    with qtbot.waitSignal(window.checked_in):
        QTest.keyClick(window, Qt.Key.Key_4)
    assert [r.checkin for r in history.records()] == [4]


def test_end_view_without_checkin_or_sound_closes_itself(
    make_window: WindowFactory, clock: FakeClock, chime: FakeChime, qtbot: QtBot
) -> None:
    window = make_window(Trigger.SCHEDULED, sound=False, checkin=False)
    window.start()
    advance(clock, window, 60.0)
    assert stage(window) is Stage.ENDED
    assert "How does your mid back feel?" not in label_texts(window)
    assert chime.plays == 0
    close_timer = timer(window, "closeTimer")
    assert 2000 <= close_timer.interval() <= 10000
    leave_window(window, qtbot)
    with qtbot.waitSignal(window.closed):
        close_timer.timeout.emit()


def leave_window(window: StretchWindow, qtbot: QtBot) -> None:
    """Turn to another window: the stretch window has neither focus nor the pointer."""
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    away = window.frameGeometry().bottomRight() + QPoint(40, 40)
    QCursor.setPos(away)
    qtbot.waitUntil(lambda: QCursor.pos() == away)


def test_end_view_with_a_checkin_waits_half_a_minute_and_while_watched(
    make_window: WindowFactory, clock: FakeClock, qtbot: QtBot
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 60.0)
    close_timer = timer(window, "closeTimer")
    assert close_timer.interval() == 30_000
    assert QApplication.activeWindow() is window  # the user is on it: it stays
    close_timer.timeout.emit()
    assert window.isVisible()
    assert close_timer.isActive()  # and looks again shortly
    leave_window(window, qtbot)
    with qtbot.waitSignal(window.closed):
        close_timer.timeout.emit()


def test_done_before_half_the_time_is_abandoned_and_said_gently(
    make_window: WindowFactory, clock: FakeClock, chime: FakeChime, history: BreakHistory
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 6.0)
    button(window, "Done").click()
    assert stage(window) is Stage.ENDED
    assert [(r.outcome, r.duration_s) for r in history.records()] == [(Outcome.ABANDONED, 6)]
    texts = label_texts(window)
    assert "Stopped early" in texts
    assert "Not counted: a stretch counts from half of its 1:00." in texts
    assert "How does your mid back feel?" not in texts  # no check-in for a stretch not done
    assert chime.plays == 0


def test_end_view_shows_today_and_streak(
    make_window: WindowFactory, clock: FakeClock, history: BreakHistory
) -> None:
    # Monday and Tuesday met the goal of 4; today (Wednesday) is 2 of 4 before this one.
    for day, count in ((date(2026, 11, 23), 4), (date(2026, 11, 24), 4), (date(2026, 11, 25), 2)):
        started = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        for _ in range(count):
            history.record(
                BreakRecord.at(started, "open-book", Outcome.COMPLETED, 60, Trigger.SCHEDULED)
            )
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 60.0)
    assert "3 of 4 today · 2-day streak" in label_texts(window)


def test_the_end_view_says_why_it_helps(make_window: WindowFactory, clock: FakeClock) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 60.0)
    assert make_stretch().why in label_texts(window)
