"""What holds a due prompt back: typing, do-not-disturb, fullscreen and being away."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from posture_break.core.hold import HoldReason
from posture_break.core.settings import DisturbSettings, Settings
from posture_break.ui.scheduling import ScheduleState
from tests.ui.schedule_rig import HEARTBEAT, WED_10, Rig, make_rig, state_of


def test_typing_delays_the_prompt_until_a_pause(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=44, seconds=30))
    rig.idle.fixed = 0.5
    rig.run_for(timedelta(seconds=60))
    assert rig.prompts == []
    assert state_of(rig) is ScheduleState.HELD
    assert rig.scheduler.held_because == (HoldReason.TYPING,)
    rig.idle.fixed = 4.0  # a pause in typing
    paused_at = rig.clock.now()
    rig.run_for(timedelta(seconds=10))
    assert len(rig.prompts) == 1
    assert rig.prompts[0] - paused_at <= timedelta(seconds=5)


def test_do_not_disturb_is_asked_at_most_once_a_minute_during_the_typing_wait(rig: Rig) -> None:
    rig.idle.fixed = 0.5
    rig.run_for(timedelta(minutes=44, seconds=59))
    assert rig.disturb.questions == 0  # nobody asks before a prompt is due
    rig.run_for(timedelta(minutes=3))
    assert len(rig.prompts) == 1
    assert rig.disturb.questions <= 2 * 3  # two questions per look, one look a minute


def test_typing_wait_is_bounded(rig: Rig) -> None:
    rig.idle.fixed = 0.5  # typing without a pause
    rig.run_for(timedelta(minutes=55))
    due = WED_10 + timedelta(minutes=45)
    assert len(rig.prompts) == 1
    assert due + timedelta(minutes=2) <= rig.prompts[0] <= due + timedelta(minutes=2, seconds=5)


def test_do_not_disturb_holds_the_prompt_but_not_for_ever(rig: Rig) -> None:
    rig.disturb.dnd = True
    rig.run_for(timedelta(hours=2))
    due = WED_10 + timedelta(minutes=45)
    assert rig.prompts == [due + timedelta(minutes=60)]


def test_do_not_disturb_ending_lets_the_prompt_out_within_a_minute(rig: Rig) -> None:
    rig.disturb.fullscreen = True
    rig.run_for(timedelta(minutes=60))
    assert rig.prompts == []
    rig.disturb.fullscreen = False
    ended = rig.clock.now()
    rig.run_for(timedelta(minutes=5))
    assert len(rig.prompts) == 1
    assert rig.prompts[0] - ended <= HEARTBEAT


def test_fullscreen_ignored_when_the_setting_is_off(qtbot: QtBot, night_rig: list[Rig]) -> None:
    settings = Settings(disturb=DisturbSettings(hold_while_fullscreen=False))
    night_rig.append(rig := make_rig(qtbot, WED_10, settings))
    rig.disturb.fullscreen = True
    rig.run_for(timedelta(minutes=46))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]


def test_away_is_a_natural_break(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=20))
    rig.idle.walk_away()
    rig.run_for(timedelta(minutes=40))  # the prompt would have come at 10:45
    assert rig.prompts == []
    rig.idle.come_back()
    back = rig.clock.now()
    rig.run_for(timedelta(minutes=50))
    assert len(rig.prompts) == 1
    assert abs(rig.prompts[0] - (back + timedelta(minutes=45))) <= HEARTBEAT


def test_away_while_the_prompt_shows_withdraws_it(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=46))
    rig.idle.walk_away()
    rig.run_for(timedelta(minutes=10))
    assert rig.withdrawn == 1
    assert state_of(rig) is ScheduleState.COUNTING


def test_unknown_idle_time_behaves_as_without_idle_detection(rig: Rig) -> None:
    rig.idle.fixed = None
    rig.run_for(timedelta(minutes=46))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]
