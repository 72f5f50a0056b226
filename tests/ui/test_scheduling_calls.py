"""Calls and quiet times through the real BreakScheduler, on a fake clock with a fake detector.

The detector counts every read: the call signals must be read only when a prompt is due and
while it waits, never while the schedule is merely counting down.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from posture_break.core.hold import HoldReason
from posture_break.core.quiet import quiet_today
from posture_break.core.settings import CallSettings, QuietSettings, Settings
from posture_break.core.status import AppState
from posture_break.platform.call import CallAnswer, CallSignal, CallState
from posture_break.ui.scheduling import BreakScheduler, ScheduleState
from tests.ui.schedule_rig import (
    WED_10,
    FakeDisturb,
    FakeIdle,
    Rig,
    fake_clock,
    make_rig,
    state_of,
)


@dataclass
class FakeCallDetector:
    """A call as the test sets it: yes, no or unknown; counts how often it was read."""

    answer: CallAnswer = CallAnswer.NO
    reads: int = 0

    def in_call(self) -> CallState:
        self.reads += 1
        if self.answer is CallAnswer.YES:
            return CallState(CallAnswer.YES, in_use=(CallSignal.MICROPHONE,))
        if self.answer is CallAnswer.UNKNOWN:
            return CallState(CallAnswer.UNKNOWN, unknown=(CallSignal.MICROPHONE,))
        return CallState(CallAnswer.NO)


def is_long_call_offer(rig: Rig) -> bool:
    """Ask through a call, so that mypy does not narrow the property across commands."""
    return rig.scheduler.is_long_call_offer


@pytest.fixture
def detector() -> FakeCallDetector:
    return FakeCallDetector()


@pytest.fixture
def rig(qtbot: QtBot, detector: FakeCallDetector) -> Iterator[Rig]:
    made = make_rig(qtbot, WED_10, calls=detector)
    yield made
    made.scheduler.shutdown()


def test_no_call_signal_is_read_while_counting_down(rig: Rig, detector: FakeCallDetector) -> None:
    rig.run_for(timedelta(minutes=44, seconds=59))
    assert detector.reads == 0
    rig.run_for(timedelta(seconds=2))
    assert detector.reads == 1  # once, when the prompt fell due
    assert len(rig.prompts) == 1


def test_a_prompt_due_during_a_call_waits_until_it_ends(
    rig: Rig, detector: FakeCallDetector
) -> None:
    detector.answer = CallAnswer.YES
    rig.run_for(timedelta(minutes=46))
    assert rig.prompts == []
    assert state_of(rig) is ScheduleState.HELD
    status = rig.scheduler.status()
    assert status.state is AppState.HELD
    assert status.held_because == (HoldReason.CALL,)
    assert status.next_prompt is None
    rig.run_for(timedelta(minutes=10))
    assert rig.prompts == []
    assert detector.reads <= 12  # about once a minute while held, not more
    detector.answer = CallAnswer.NO
    ended = rig.clock.now()
    rig.run_for(timedelta(minutes=2))
    assert len(rig.prompts) == 1
    assert rig.prompts[0] - ended <= timedelta(seconds=60)
    assert not rig.scheduler.is_long_call_offer  # the call seen lasted about 11 minutes


def test_held_for_a_call_is_not_a_rest_even_without_input(
    rig: Rig, detector: FakeCallDetector
) -> None:
    detector.answer = CallAnswer.YES
    rig.run_for(timedelta(minutes=46))
    rig.idle.walk_away()  # listening on a call, hands off the keyboard
    rig.run_for(timedelta(minutes=15))
    assert rig.prompts == []
    assert rig.scheduler.held_because == (HoldReason.CALL,)
    detector.answer = CallAnswer.NO
    rig.idle.come_back()
    rig.run_for(timedelta(minutes=2))
    assert len(rig.prompts) == 1  # not skipped, and the interval did not restart


def test_a_long_call_ends_with_the_offer_once(rig: Rig, detector: FakeCallDetector) -> None:
    detector.answer = CallAnswer.YES
    rig.run_for(timedelta(minutes=45))
    rig.run_for(timedelta(minutes=25))
    assert rig.prompts == []
    detector.answer = CallAnswer.NO
    ended = rig.clock.now()
    rig.run_for(timedelta(minutes=2))
    assert len(rig.prompts) == 1
    assert rig.prompts[0] - ended <= timedelta(minutes=2)
    assert is_long_call_offer(rig)
    rig.scheduler.break_finished()
    assert not is_long_call_offer(rig)
    rig.run_for(timedelta(minutes=46))
    assert len(rig.prompts) == 2
    assert not is_long_call_offer(rig)  # once


def test_unknown_never_holds(rig: Rig, detector: FakeCallDetector) -> None:
    detector.answer = CallAnswer.UNKNOWN
    rig.run_for(timedelta(minutes=46))
    assert len(rig.prompts) == 1


def test_a_failing_detector_never_holds(rig: Rig, detector: FakeCallDetector) -> None:
    def broken() -> CallState:
        raise RuntimeError("sound server gone mad")

    detector.in_call = broken  # type: ignore[method-assign]
    rig.run_for(timedelta(minutes=46))
    assert len(rig.prompts) == 1


def test_a_snooze_never_fires_into_a_call(rig: Rig, detector: FakeCallDetector) -> None:
    rig.run_for(timedelta(minutes=45))
    assert len(rig.prompts) == 1
    rig.scheduler.snooze()
    detector.answer = CallAnswer.YES
    rig.run_for(timedelta(minutes=20))
    assert len(rig.prompts) == 1
    assert rig.scheduler.held_because == (HoldReason.CALL,)
    detector.answer = CallAnswer.NO
    rig.run_for(timedelta(minutes=2))
    assert len(rig.prompts) == 2


def test_a_prompt_never_shows_in_a_quiet_time(qtbot: QtBot, detector: FakeCallDetector) -> None:
    settings = Settings(quiet=QuietSettings(times=("10:30-11:15",)))
    rig = make_rig(qtbot, WED_10, settings, calls=detector)
    try:
        assert rig.scheduler.next_prompt_at == WED_10 + timedelta(hours=1, minutes=15)
        rig.run_for(timedelta(minutes=50))
        assert rig.prompts == []
        status = rig.scheduler.status()
        assert (status.state, status.held_because) == (AppState.HELD, (HoldReason.QUIET_TIME,))
        assert status.next_prompt == WED_10 + timedelta(hours=1, minutes=15)
        rig.run_for(timedelta(minutes=30))
        assert rig.prompts == [WED_10 + timedelta(hours=1, minutes=15)]
        assert detector.reads == 1  # not during the quiet time: nothing could show then
    finally:
        rig.scheduler.shutdown()


def test_pause_from_until_is_a_quiet_time_for_today(rig: Rig) -> None:
    rig.scheduler.add_quiet_time(quiet_today("10:40", "11:00", rig.clock.now()))
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(hours=1)
    rig.run_for(timedelta(minutes=61))
    assert rig.prompts == [WED_10 + timedelta(hours=1)]


def test_a_quiet_time_withdraws_a_prompt_on_show(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=45))
    assert state_of(rig) is ScheduleState.DUE
    rig.scheduler.add_quiet_time(quiet_today("10:45", "11:30", rig.clock.now()))
    assert rig.withdrawn == 1
    rig.run_for(timedelta(minutes=50))
    assert rig.prompts[1:] == [WED_10 + timedelta(hours=1, minutes=30)]


def test_the_detector_is_built_only_when_a_prompt_is_near(qtbot: QtBot) -> None:
    built: list[CallSettings] = []
    detector = FakeCallDetector()

    def calls_for(chosen: CallSettings) -> FakeCallDetector:
        built.append(chosen)
        return detector

    clock = fake_clock(WED_10)
    scheduler = BreakScheduler(
        clock, Settings(), FakeIdle(clock), FakeDisturb(), calls_for=calls_for
    )
    scheduler.start()
    scheduler.engine.pause()  # only this test decides when to look
    try:
        clock.advance(timedelta(minutes=42))
        scheduler.poll()
        assert built == []  # libpulse is not loaded for a prompt 3 minutes away
        clock.advance(timedelta(minutes=1, seconds=30))
        scheduler.poll()
        assert built == [CallSettings()]
        assert detector.reads == 0  # built ahead, asked only when due
    finally:
        scheduler.shutdown()
