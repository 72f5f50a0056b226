"""One stretch run and one offered break: their states, and what is recorded when.

Every outcome of a break is decided here, without Qt; the windows only show the state and save
the record they are handed:

* A prompt answered Snooze, or Skip (or ignored, or withdrawn): ``snoozed`` / ``skipped`` at the
  time it was shown, 0 s (`Offer.declined`).
* The countdown reaching zero, or Done once at least half the planned time is stretched
  (`COMPLETE_SHARE`): ``completed`` with the seconds actually stretched.
* Done earlier than that: ``abandoned`` with the seconds done; the end view says why it did not
  count (`StretchRun.counts_as_completed` tells the window which it was).
* Skip before starting, or closing a run that was never started: ``skipped``, 0 s, at the time
  the window opened.
* Skip or close (Esc, the window's close button, Quit, a signal) after starting: ``abandoned``
  with the seconds done.
* Another stretch, started or not: nothing is recorded. The user swapped the suggestion, not
  the break, which is still going on with the new stretch and ends with one outcome of its own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from posture_break.core.clock import Clock
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.stretch import Stretch
from posture_break.core.timeline import EPSILON_S, Timeline

#: The share of the planned time a run must reach for Done to count it as completed.
COMPLETE_SHARE = 0.5


class Stage(enum.Enum):
    """Where a run is in its short life."""

    READY = "ready"  # shown, not started (a scheduled break waits for the user)
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"  # completed: the calm end view
    CLOSED = "closed"  # left (skipped, abandoned, swapped for another) or closed after the end

    @property
    def is_live(self) -> bool:
        """Return whether the run can still start, go on or be left (not ended or closed)."""
        return self in (Stage.READY, Stage.RUNNING, Stage.PAUSED)


@dataclass(frozen=True, slots=True)
class Offer:
    """A scheduled break offered in the prompt, before any stretch starts."""

    stretch: Stretch
    shown_at: datetime

    def declined(self, outcome: Outcome) -> BreakRecord:
        """Return the record of a prompt answered `snoozed` or `skipped` (or let go)."""
        if outcome not in (Outcome.SNOOZED, Outcome.SKIPPED):
            raise ValueError(f"outcome: a prompt is only snoozed or skipped, not {outcome}")
        return BreakRecord.at(self.shown_at, self.stretch.id, outcome, 0, Trigger.SCHEDULED)


class StretchRun:
    """One run of one stretch: start, pause, resume, then one outcome.

    Time is a deadline on the monotonic clock: the run never counts by ticks, so a late timer
    never makes it drift, and nothing is counted while paused. The methods that end the run
    return the `BreakRecord` to save (or None when there is nothing to record).
    """

    def __init__(
        self,
        stretch: Stretch,
        timeline: Timeline,
        *,
        clock: Clock,
        trigger: Trigger,
        opened_at: datetime,
    ) -> None:
        """Make a ready run; `opened_at` is when its window opened (a skip is recorded then)."""
        self._stretch = stretch
        self._timeline = timeline
        self._clock = clock
        self._trigger = trigger
        self._opened_at = opened_at
        self._started_at = opened_at
        self._is_started = False
        self._stage = Stage.READY
        self._done_before_pause = 0.0
        self._resumed_at = clock.monotonic()

    @property
    def stretch(self) -> Stretch:
        """Return the stretch being run."""
        return self._stretch

    @property
    def timeline(self) -> Timeline:
        """Return the run's timeline."""
        return self._timeline

    @property
    def stage(self) -> Stage:
        """Return where the run is."""
        return self._stage

    @property
    def was_started(self) -> bool:
        """Return whether the run has started (whatever happened since)."""
        return self._is_started

    def elapsed_s(self) -> float:
        """Return the seconds stretched so far (not counting pauses), at most the total."""
        done = self._done_before_pause
        if self._stage is Stage.RUNNING:
            done += self._clock.monotonic() - self._resumed_at
        return min(self._timeline.total_s, max(0.0, done))

    def remaining_s(self) -> float:
        """Return the seconds left on the countdown."""
        return max(0.0, self._timeline.total_s - self.elapsed_s())

    def is_due(self) -> bool:
        """Return whether a running run has reached its end (then call `complete`)."""
        return (
            self._stage is Stage.RUNNING and self.elapsed_s() >= self._timeline.total_s - EPSILON_S
        )

    def start(self) -> bool:
        """Start counting down from the ready state; return whether it started."""
        if self._stage is not Stage.READY:
            return False
        self._started_at = self._clock.now()
        self._is_started = True
        self._done_before_pause = 0.0
        self._resumed_at = self._clock.monotonic()
        self._stage = Stage.RUNNING
        return True

    def pause(self) -> bool:
        """Stop counting until `resume`; return whether it paused."""
        if self._stage is not Stage.RUNNING:
            return False
        self._done_before_pause = self.elapsed_s()
        self._stage = Stage.PAUSED
        return True

    def resume(self) -> bool:
        """Carry on counting from where `pause` stopped; return whether it resumed."""
        if self._stage is not Stage.PAUSED:
            return False
        self._resumed_at = self._clock.monotonic()
        self._stage = Stage.RUNNING
        return True

    def counts_as_completed(self) -> bool:
        """Return whether ending now would count as completed (half the planned time done)."""
        return self.elapsed_s() >= self._timeline.total_s * COMPLETE_SHARE - EPSILON_S

    def complete(self) -> BreakRecord | None:
        """End a started run now (Done, or the time is up); None if not started.

        The record is ``completed`` when `counts_as_completed`, else ``abandoned``: a Done
        pressed after a few seconds is an honest stop, not a stretch done.
        """
        if self._stage not in (Stage.RUNNING, Stage.PAUSED):
            return None
        seconds = self.elapsed_s()
        outcome = Outcome.COMPLETED if self.counts_as_completed() else Outcome.ABANDONED
        self._done_before_pause = seconds
        self._stage = Stage.ENDED
        return self._record(outcome, seconds)

    def leave(self) -> BreakRecord | None:
        """End the run unfinished (Skip, Esc, closing): skipped before start, abandoned after."""
        if not self._stage.is_live:
            self._stage = Stage.CLOSED
            return None
        if self._stage is Stage.READY:
            record = self._record(Outcome.SKIPPED, 0.0)
        else:
            record = self._record(Outcome.ABANDONED, self.elapsed_s())
        self._stage = Stage.CLOSED
        return record

    def swap(self) -> bool:
        """End the run for "Another stretch" (nothing recorded); return whether it was live.

        Swapping is choosing a different stretch for the same break, not abandoning it: the
        break goes on with the new stretch and gets one outcome, whichever stretch ends it.
        """
        if not self._stage.is_live:
            return False
        self._stage = Stage.CLOSED
        return True

    def _record(self, outcome: Outcome, seconds: float) -> BreakRecord:
        started = self._opened_at if outcome is Outcome.SKIPPED else self._started_at
        return BreakRecord.at(started, self._stretch.id, outcome, round(seconds), self._trigger)
