"""The APScheduler engine under BreakScheduler: real passes on the GUI thread, and the
WORKAROUND for QtScheduler's timer per reschedule (SingleTimerQtScheduler).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from apscheduler.triggers.date import DateTrigger
from PySide6.QtCore import QCoreApplication, QThread, QTimer
from pytestqt.qtbot import QtBot

from posture_break.core.settings import Settings
from posture_break.ui.scheduling import BreakScheduler, SingleTimerQtScheduler
from tests.ui.schedule_rig import BERLIN, FakeDisturb, FakeIdle, fake_clock


def test_a_real_engine_pass_reaches_the_gui_thread(qtbot: QtBot) -> None:
    # The fake clock stands in the year 2000, so to the engine (on the real clock) the planned
    # prompt is long overdue and fires on the first pass.
    clock = fake_clock(datetime(2000, 1, 5, 10, 0, tzinfo=BERLIN))
    scheduler = BreakScheduler(clock, Settings(), FakeIdle(clock), FakeDisturb())
    threads: list[QThread] = []
    scheduler.break_due.connect(lambda: threads.append(QThread.currentThread()))
    scheduler.start()
    clock.advance(timedelta(minutes=45))
    try:
        with qtbot.waitSignal(scheduler.break_due, timeout=5000):
            pass
    finally:
        scheduler.shutdown()
    app = QCoreApplication.instance()
    assert app is not None
    assert threads == [app.thread()]


def test_an_engine_pass_after_a_wall_clock_step_replans(qtbot: QtBot) -> None:
    # Year 2100: ahead of the real clock, so the engine itself never finds a job due.
    clock = fake_clock(datetime(2100, 1, 6, 10, 0, tzinfo=BERLIN))  # a Wednesday
    scheduler = BreakScheduler(clock, Settings(), FakeIdle(clock), FakeDisturb())
    scheduler.start()
    try:
        clock.advance(timedelta(minutes=30))
        clock.set_wall(clock.now().astimezone(UTC) - timedelta(hours=1))
        expected = (clock.now() + timedelta(minutes=15)).astimezone(UTC)
        scheduler.engine.wakeup()  # the capped wait ran out: a pass with no job due
        qtbot.waitUntil(lambda: scheduler.planned_jobs().get("prompt") == expected, timeout=5000)
    finally:
        scheduler.shutdown()


def test_the_engine_looks_at_least_every_max_wait(qtbot: QtBot) -> None:
    passes: list[int] = []
    engine = SingleTimerQtScheduler(
        max_wait_seconds=0.05,
        on_pass=lambda: passes.append(1),
        timezone=UTC,
        executors={"default": DebugExecutor()},
    )
    engine.start()
    try:
        engine.add_job(_noop, DateTrigger(run_date=FAR), id="far")
        qtbot.waitUntil(lambda: len(passes) >= 3, timeout=5000)
    finally:
        engine.shutdown(wait=False)


# --- WORKAROUND regression: scheduler passes must not grow with reschedules -------------------


FAR = datetime(2100, 1, 1, tzinfo=UTC)  # never due during a test on the real clock


class CountingStockQtScheduler(QtScheduler):  # type: ignore[misc]
    passes = 0

    def _process_jobs(self) -> None:
        self.passes += 1
        super()._process_jobs()


def _passes_after(qtbot: QtBot, engine: QtScheduler, reschedules: int) -> int:
    engine.start()
    for i in range(reschedules):
        engine.add_job(
            _noop, DateTrigger(run_date=FAR + timedelta(minutes=i)), id="job", replace_existing=True
        )
    settled: list[bool] = []
    # Every pass the reschedules asked for is a zero-length timeout, due before this one.
    QTimer.singleShot(50, lambda: settled.append(True))
    qtbot.waitUntil(lambda: bool(settled), timeout=5000)
    passes = int(engine.passes)
    engine.shutdown(wait=False)
    return passes


def _noop() -> None:
    pass


@pytest.mark.parametrize("reschedules", [1, 10, 100])
def test_owned_timer_runs_one_pass_however_often_jobs_change(
    qtbot: QtBot, reschedules: int
) -> None:
    engine = SingleTimerQtScheduler(timezone=UTC, executors={"default": DebugExecutor()})
    assert _passes_after(qtbot, engine, reschedules) == 1


def test_stock_qtscheduler_still_leaks_a_timer_per_reschedule(qtbot: QtBot) -> None:
    # Documents why SingleTimerQtScheduler exists; if this fails, APScheduler fixed the defect
    # and the WORKAROUND in posture_break/ui/scheduling.py can go.
    engine = CountingStockQtScheduler(timezone=UTC, executors={"default": DebugExecutor()})
    assert _passes_after(qtbot, engine, 100) >= 100


def test_break_scheduler_commands_do_not_pile_up_passes(qtbot: QtBot) -> None:
    clock = fake_clock(datetime(2100, 1, 6, 10, 0, tzinfo=BERLIN))  # far ahead of the real clock
    scheduler = BreakScheduler(clock, Settings(), FakeIdle(clock), FakeDisturb())
    scheduler.start()
    try:
        for _ in range(100):
            clock.advance(30)
            scheduler.snooze()
        settled: list[bool] = []
        QTimer.singleShot(50, lambda: settled.append(True))
        qtbot.waitUntil(lambda: bool(settled), timeout=5000)
        assert scheduler.engine.passes == 1
    finally:
        scheduler.shutdown()
