"""The interval and the working window through the real BreakScheduler, on a FakeClock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from posture_break.ui.scheduling import ScheduleState
from tests.ui.schedule_rig import BERLIN, HEARTBEAT, WED_10, Rig, make_rig, state_of


def test_first_prompt_comes_one_interval_after_start(rig: Rig) -> None:
    assert state_of(rig) is ScheduleState.COUNTING
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(minutes=45)
    rig.run_for(timedelta(minutes=44))
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=2))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]
    assert state_of(rig) is ScheduleState.DUE
    assert rig.scheduler.next_prompt_at is None


def test_the_prompt_job_is_planned_for_the_next_prompt(rig: Rig) -> None:
    jobs = rig.scheduler.planned_jobs()
    assert jobs["prompt"] == (WED_10 + timedelta(minutes=45)).astimezone(UTC)
    assert jobs["heartbeat"] - rig.clock.now() <= HEARTBEAT
    assert jobs["window_edge"] == WED_10.replace(hour=17, minute=30).astimezone(UTC)


def test_an_ignored_prompt_does_not_nag(rig: Rig) -> None:
    rig.run_for(timedelta(hours=3))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]
    assert state_of(rig) is ScheduleState.DUE
    assert "prompt" not in rig.scheduler.planned_jobs()


def test_break_finished_restarts_the_interval(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=47))
    rig.scheduler.break_finished()
    assert state_of(rig) is ScheduleState.COUNTING
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(minutes=47 + 45)
    rig.run_for(timedelta(minutes=46))
    assert len(rig.prompts) == 2


def test_outside_working_hours_the_next_prompt_is_window_start_plus_interval(
    qtbot: QtBot, night_rig: list[Rig]
) -> None:
    evening = WED_10.replace(hour=17, minute=0)
    night_rig.append(rig := make_rig(qtbot, evening))
    thursday = datetime(2026, 11, 26, 9, 45, tzinfo=BERLIN)
    assert rig.scheduler.next_prompt_at == thursday
    rig.run_for(timedelta(minutes=31))
    assert state_of(rig) is ScheduleState.OFF_HOURS
    samples = rig.idle.samples
    rig.run_for(timedelta(hours=15))  # until 08:30
    assert rig.idle.samples == samples  # nobody to prompt: the desktop is not asked
    rig.run_for(timedelta(hours=2))
    assert rig.prompts == [thursday]


def test_nothing_is_emitted_after_shutdown(rig: Rig, qtbot: QtBot) -> None:
    rig.scheduler.shutdown()
    rig.clock.advance(timedelta(minutes=50))
    with qtbot.assertNotEmitted(rig.scheduler.break_due):
        rig.scheduler.poll()
        rig.scheduler.snooze()
    assert rig.scheduler.planned_jobs() == {}


def test_state_changed_is_emitted_for_the_tray(rig: Rig, qtbot: QtBot) -> None:
    with qtbot.waitSignal(rig.scheduler.state_changed, timeout=1000):
        rig.scheduler.pause(None)
    with qtbot.assertNotEmitted(rig.scheduler.state_changed):
        rig.scheduler.poll()
