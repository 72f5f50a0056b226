"""The scheduler's commands: pause, resume, snooze, skip the next and new settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from posture_break.core.settings import ScheduleSettings, Settings
from posture_break.ui.scheduling import ScheduleState
from tests.ui.schedule_rig import BERLIN, WED_10, Rig, state_of


def test_pause_thirty_minutes(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    rig.scheduler.pause(rig.clock.now() + timedelta(minutes=30))
    assert state_of(rig) is ScheduleState.PAUSED
    rig.run_for(timedelta(minutes=30, seconds=30))
    assert state_of(rig) is ScheduleState.COUNTING
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=5))
    # Overdue since 10:45; the pause ended at 11:00 and the grace period at 11:02.
    assert rig.prompts == [WED_10 + timedelta(minutes=62)]


def test_pause_until_tomorrow(rig: Rig) -> None:
    tomorrow = datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)
    rig.scheduler.pause(tomorrow)
    rig.run_for(timedelta(hours=23))
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=50))
    assert rig.prompts == [tomorrow + timedelta(minutes=45)]


def test_pause_until_resumed(rig: Rig) -> None:
    rig.scheduler.pause(None)
    assert rig.scheduler.next_prompt_at is None
    assert "prompt" not in rig.scheduler.planned_jobs()
    rig.run_for(timedelta(hours=3))
    assert rig.prompts == []
    assert state_of(rig) is ScheduleState.PAUSED
    rig.scheduler.resume()
    resumed = rig.clock.now()
    assert state_of(rig) is ScheduleState.COUNTING
    rig.run_for(timedelta(minutes=5))
    assert rig.prompts == [resumed + timedelta(minutes=2)]


def test_resume_without_a_pause_changes_nothing(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=44))
    rig.scheduler.resume()
    rig.run_for(timedelta(minutes=2))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]


def test_pause_while_the_prompt_shows_withdraws_it(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=46))
    rig.scheduler.pause(None)
    assert rig.withdrawn == 1
    assert state_of(rig) is ScheduleState.PAUSED


def test_snooze(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=45))
    assert len(rig.prompts) == 1
    rig.scheduler.snooze()
    snoozed = rig.clock.now()
    assert state_of(rig) is ScheduleState.COUNTING
    assert rig.scheduler.next_prompt_at == snoozed + timedelta(minutes=10)
    rig.run_for(timedelta(minutes=11))
    assert rig.prompts[1:] == [snoozed + timedelta(minutes=10)]


def test_skip_next(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=10))
    rig.scheduler.skip_next()
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(minutes=90)
    rig.run_for(timedelta(minutes=85))
    assert rig.prompts == [WED_10 + timedelta(minutes=90)]


def test_apply_settings_takes_a_new_interval(rig: Rig) -> None:
    rig.scheduler.apply_settings(
        Settings(schedule=replace(ScheduleSettings(), interval_minutes=20))
    )
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(minutes=20)
