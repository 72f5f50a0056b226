"""What a stretch run and an offered break record, and when, on a fake clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from posture_break.core.catalogue import load_catalogue
from posture_break.core.clock import FakeClock
from posture_break.core.record import Outcome, Trigger
from posture_break.core.stretch_run import COMPLETE_SHARE, Offer, Stage, StretchRun
from posture_break.core.timeline import build_timeline

OPENED = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
# A one-minute dose: per side 5 s to set up, 4 s in, a 15 s hold, 6 s out.
MOVE = replace(
    next(s for s in load_catalogue() if s.per_side),
    hold_s=15,
    reps=1,
    inhale_s=4.0,
    exhale_s=6.0,
    setup_s=5.0,
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(OPENED)


def stage(run: StretchRun) -> Stage:
    """Read the stage afresh (a call, so the type checker does not pin it after an assert)."""
    return run.stage


def make_run(clock: FakeClock, trigger: Trigger = Trigger.ON_DEMAND) -> StretchRun:
    return StretchRun(
        MOVE, build_timeline(MOVE, 60.0), clock=clock, trigger=trigger, opened_at=clock.now()
    )


def test_a_run_counts_only_while_running_and_completes_with_the_seconds_done(
    clock: FakeClock,
) -> None:
    run = make_run(clock)
    clock.advance(30.0)  # waiting to start does not count
    assert run.elapsed_s() == 0.0
    assert run.start()
    started_at = clock.now()
    clock.advance(10.0)
    assert run.pause()
    clock.advance(300.0)
    assert run.elapsed_s() == 10.0
    assert run.resume()
    clock.advance(49.0)
    assert not run.is_due()
    clock.advance(1.0)
    assert run.is_due()
    record = run.complete()
    assert record is not None
    assert (record.started_at, record.outcome, record.duration_s, record.trigger) == (
        started_at,
        Outcome.COMPLETED,
        60,
        Trigger.ON_DEMAND,
    )
    assert stage(run) is Stage.ENDED
    assert run.complete() is None  # one outcome only
    assert run.leave() is None  # closing the end view records nothing more
    assert stage(run) is Stage.CLOSED


def test_the_countdown_never_runs_past_the_end(clock: FakeClock) -> None:
    run = make_run(clock)
    run.start()
    clock.advance(500.0)  # a late wake-up
    assert run.elapsed_s() == 60.0
    assert run.remaining_s() == 0.0


def test_leaving_before_start_is_skipped_at_the_time_the_window_opened(clock: FakeClock) -> None:
    run = make_run(clock, Trigger.SCHEDULED)
    clock.advance(12.0)
    record = run.leave()
    assert record is not None
    assert (record.started_at, record.outcome, record.duration_s, record.trigger) == (
        OPENED,
        Outcome.SKIPPED,
        0,
        Trigger.SCHEDULED,
    )
    assert stage(run) is Stage.CLOSED
    assert run.leave() is None


def test_leaving_after_start_is_abandoned_with_the_seconds_done(clock: FakeClock) -> None:
    run = make_run(clock)
    clock.advance(3.0)
    run.start()
    clock.advance(21.4)
    record = run.leave()
    assert record is not None
    assert (record.outcome, record.duration_s) == (Outcome.ABANDONED, 21)
    assert record.started_at == OPENED.replace(second=3)


def test_swapping_records_nothing_started_or_not(clock: FakeClock) -> None:
    run = make_run(clock)
    assert run.swap()
    assert stage(run) is Stage.CLOSED
    assert not run.swap()  # a closed run is not swapped again
    started = make_run(clock)
    started.start()
    clock.advance(15.0)
    assert started.swap()
    assert stage(started) is Stage.CLOSED
    assert started.leave() is None  # and closing the window afterwards records nothing


def test_done_before_half_the_planned_time_is_abandoned_with_the_seconds_done(
    clock: FakeClock,
) -> None:
    run = make_run(clock)
    run.start()
    clock.advance(1.0)
    assert not run.counts_as_completed()
    record = run.complete()
    assert record is not None
    assert (record.outcome, record.duration_s) == (Outcome.ABANDONED, 1)
    assert stage(run) is Stage.ENDED  # the end view says why it did not count


def test_done_at_half_the_planned_time_counts_as_completed(clock: FakeClock) -> None:
    assert COMPLETE_SHARE == 0.5
    short = make_run(clock)
    short.start()
    clock.advance(29.9)
    assert not short.counts_as_completed()
    run = make_run(clock)
    run.start()
    clock.advance(30.0)  # half of the 60 s run
    assert run.counts_as_completed()
    record = run.complete()
    assert record is not None
    assert (record.outcome, record.duration_s) == (Outcome.COMPLETED, 30)


def test_paused_runs_can_be_completed_and_nothing_starts_twice(clock: FakeClock) -> None:
    run = make_run(clock)
    assert not run.pause()
    assert not run.resume()
    assert run.complete() is None  # Done on a ready run starts it instead (the window's job)
    run.start()
    assert not run.start()
    clock.advance(40.0)
    run.pause()
    clock.advance(100.0)  # a pause does not count towards the half
    record = run.complete()
    assert record is not None
    assert (record.outcome, record.duration_s) == (Outcome.COMPLETED, 40)


def test_a_declined_offer_is_recorded_when_it_was_shown() -> None:
    offer = Offer(MOVE, OPENED)
    snoozed = offer.declined(Outcome.SNOOZED)
    assert (snoozed.started_at, snoozed.outcome, snoozed.duration_s, snoozed.trigger) == (
        OPENED,
        Outcome.SNOOZED,
        0,
        Trigger.SCHEDULED,
    )
    assert offer.declined(Outcome.SKIPPED).outcome is Outcome.SKIPPED
    with pytest.raises(ValueError, match="only snoozed or skipped"):
        offer.declined(Outcome.COMPLETED)
