"""The break rhythm: when the next prompt is due. Pure rules; time is always an argument.

Durations (the interval, a snooze, what is left of a pause) are kept as deadlines on the monotonic
clock, and wall-clock targets are recomputed from them at every look. So a wall clock set back
never delays the next stretch by the amount it moved, and one set forward never makes several
prompts fall due at once: there is only ever one deadline, and a prompt past it is shown once.
Working-window edges are local wall times (see `core/plan.py`), recomputed at every look too, so
wall-clock steps, DST and time-zone changes need no transition of their own: the next look simply
sees the new wall time (`clock_change` below tells the scheduler what happened, for sleep).

A sleep or an away period at least `away_seconds` long is a natural break: the interval restarts.
After a resume, a return from away or the end of a pause no prompt comes for `grace_seconds`.
A prompt that falls in a quiet time (`core/quiet.py`) moves to the quiet time's end; from there
the usual rules apply (a working window that closed meanwhile moves it to the next one).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, tzinfo

from posture_break.core.plan import Window, next_window_start, window_at
from posture_break.core.quiet import QuietPeriod, QuietTimes
from posture_break.core.settings import ScheduleSettings, Settings
from posture_break.core.text import utc

# No prompt in the first two minutes after the lid opens, the user comes back or a pause ends:
# long enough to sit down and find the thread again, short enough not to matter for the rhythm.
GRACE_SECONDS = 120.0

# Clock deltas smaller than this are scheduling jitter, not a step or a sleep.
CLOCK_TOLERANCE_SECONDS = 2.0

# A prompt that fits no window within this many window hops never will (every window is shorter
# than the interval); give up instead of looping.
_MAX_HOPS = 32


@dataclass(frozen=True, slots=True)
class CycleRules:
    """The settings the break rhythm follows, in seconds."""

    schedule: ScheduleSettings
    snooze_seconds: float = 600.0
    away_seconds: float = 300.0
    grace_seconds: float = GRACE_SECONDS
    quiet: QuietTimes = field(default_factory=QuietTimes)

    def __post_init__(self) -> None:
        if self.schedule.interval_minutes <= 0:
            raise ValueError(f"interval_minutes {self.schedule.interval_minutes} is not positive")
        for name in ("snooze_seconds", "away_seconds", "grace_seconds"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} {getattr(self, name)} is negative")

    @classmethod
    def from_settings(cls, settings: Settings) -> CycleRules:
        """Return the rules of `settings`."""
        return cls(
            schedule=settings.schedule,
            snooze_seconds=settings.breaks.snooze_minutes * 60.0,
            away_seconds=settings.idle.away_minutes * 60.0,
            quiet=QuietTimes.parse(settings.quiet.times),
        )

    @property
    def interval(self) -> timedelta:
        """Return the time between prompts."""
        return timedelta(minutes=self.schedule.interval_minutes)


@dataclass(frozen=True, slots=True)
class BreakCycle:
    """The state of the break rhythm, changed only by returning a new value.

    Attributes:
        rules: The settings in force.
        anchor_mono: Monotonic seconds at which the current interval started.
        last_break: Wall time of the last break taken (a stretch or a natural break), if any.
        snoozed_until_mono: Monotonic deadline of a snoozed prompt.
        paused_until: Wall time a pause ends at (with `paused_until_mono`, whichever comes first).
        paused_until_mono: The same end as a monotonic deadline, immune to wall-clock steps.
        paused_indefinitely: Paused until the user resumes.
        skip_next: The next prompt is dropped; the interval restarts when it would have come.
        away_since_mono: Monotonic seconds of the last input before the user went away.
        grace_until_mono: No prompt before this monotonic deadline.
    """

    rules: CycleRules
    anchor_mono: float
    last_break: datetime | None = None
    snoozed_until_mono: float | None = None
    paused_until: datetime | None = None
    paused_until_mono: float | None = None
    paused_indefinitely: bool = False
    skip_next: bool = False
    away_since_mono: float | None = None
    grace_until_mono: float | None = None

    def __post_init__(self) -> None:
        if (self.paused_until is None) != (self.paused_until_mono is None):
            raise ValueError("paused_until and paused_until_mono must be set together")
        if self.paused_until is not None and self.paused_until.utcoffset() is None:
            raise ValueError(f"paused_until {self.paused_until.isoformat()} has no time zone")
        if self.paused_indefinitely and self.paused_until is not None:
            raise ValueError("paused_indefinitely and paused_until are exclusive")

    @classmethod
    def started(cls, rules: CycleRules, now_mono: float) -> BreakCycle:
        """Return a fresh cycle whose interval starts now (the app just started)."""
        return cls(rules=rules, anchor_mono=now_mono)

    def with_rules(self, rules: CycleRules) -> BreakCycle:
        """Return this cycle under new settings, keeping where it stands and one-off quiet times."""
        quiet = QuietTimes(rules.quiet.daily, self.rules.quiet.once)
        return replace(self, rules=replace(rules, quiet=quiet))

    def quiet_added(self, period: QuietPeriod) -> BreakCycle:
        """Return the cycle with a one-off quiet time (`pause --from ... --until ...`)."""
        return replace(self, rules=replace(self.rules, quiet=self.rules.quiet.with_once(period)))

    # --- transitions -------------------------------------------------------------------------

    def break_taken(self, now_wall: datetime, now_mono: float) -> BreakCycle:
        """Return the cycle after a stretch ended (done, skipped or abandoned): a new interval."""
        return replace(
            self,
            anchor_mono=now_mono,
            last_break=now_wall,
            snoozed_until_mono=None,
            skip_next=False,
            grace_until_mono=None,
        )

    def snoozed(self, now_mono: float) -> BreakCycle:
        """Return the cycle with the prompt put off by the snooze time."""
        return replace(self, snoozed_until_mono=now_mono + self.rules.snooze_seconds)

    def skipped_next(self) -> BreakCycle:
        """Return the cycle with the next prompt dropped."""
        return replace(self, skip_next=True)

    def paused(self, now_wall: datetime, now_mono: float, until: datetime | None) -> BreakCycle:
        """Return the cycle paused until `until` (wall time), or until resumed when `None`."""
        if until is None:
            return replace(
                self, paused_indefinitely=True, paused_until=None, paused_until_mono=None
            )
        if until.utcoffset() is None:
            raise ValueError(f"pause end {until.isoformat()} has no time zone")
        seconds = (utc(until) - utc(now_wall)).total_seconds()
        if seconds <= 0:
            return self.resumed(now_mono)
        return replace(
            self,
            paused_indefinitely=False,
            paused_until=until,
            paused_until_mono=now_mono + seconds,
        )

    def resumed(self, now_mono: float) -> BreakCycle:
        """Return the cycle unpaused, with a grace period before any prompt."""
        return replace(
            self,
            paused_indefinitely=False,
            paused_until=None,
            paused_until_mono=None,
            grace_until_mono=now_mono + self.rules.grace_seconds,
        )

    def away_detected(self, now_wall: datetime, now_mono: float, idle_seconds: float) -> BreakCycle:
        """Return the cycle after sampling `idle_seconds` without input.

        Idle for at least `away_seconds` is a natural break in progress: the interval restarts
        (and keeps restarting while the user stays away), and a snoozed prompt is forgotten.
        """
        if idle_seconds < self.rules.away_seconds:
            return self
        since = now_mono - idle_seconds
        if self.away_since_mono is not None:
            since = min(since, self.away_since_mono)
        return replace(
            self,
            away_since_mono=since,
            anchor_mono=now_mono,
            last_break=now_wall,
            snoozed_until_mono=None,
        )

    def returned(self, now_mono: float, idle_seconds: float) -> BreakCycle:
        """Return the cycle after the user came back: the interval runs from their first input."""
        if self.away_since_mono is None:
            return self
        back_at = max(self.anchor_mono, now_mono - max(idle_seconds, 0.0))
        return replace(self, away_since_mono=None, anchor_mono=back_at)

    def resumed_from_sleep(
        self, now_wall: datetime, now_mono: float, slept_seconds: float
    ) -> BreakCycle:
        """Return the cycle after the machine slept: a grace period, and a new interval if long."""
        grace = now_mono + self.rules.grace_seconds
        if slept_seconds >= self.rules.away_seconds:
            return replace(
                self,
                anchor_mono=now_mono,
                last_break=now_wall,
                snoozed_until_mono=None,
                away_since_mono=None,
                grace_until_mono=grace,
            )
        return replace(self, grace_until_mono=grace)

    def settled(self, now_wall: datetime, now_mono: float) -> BreakCycle:
        """Return the cycle with everything that has run out by now cleared.

        An ended pause gives way to a grace period counted from its end; a skipped prompt whose
        time has come restarts the interval at that time; an interval begun before the working
        window now open restarts at the window's start.
        """
        cycle = self
        if cycle.rules.quiet.once:
            quiet = cycle.rules.quiet.without_past(now_wall)
            if quiet != cycle.rules.quiet:
                cycle = replace(cycle, rules=replace(cycle.rules, quiet=quiet))
        pause_end = cycle.pause_end(now_wall, now_mono)
        if pause_end is not None and utc(pause_end) <= utc(now_wall):
            ended_mono = now_mono + (utc(pause_end) - utc(now_wall)).total_seconds()
            cycle = cycle.resumed(ended_mono)
        if cycle.grace_until_mono is not None and cycle.grace_until_mono <= now_mono:
            cycle = replace(cycle, grace_until_mono=None)
        if cycle.skip_next and not cycle.paused_indefinitely:
            skipped = cycle._prompt(now_wall, now_mono, skip=False, clamp=False)
            if skipped is not None and utc(skipped) <= utc(now_wall):
                at_mono = now_mono + (utc(skipped) - utc(now_wall)).total_seconds()
                cycle = replace(
                    cycle, anchor_mono=at_mono, snoozed_until_mono=None, skip_next=False
                )
        window = window_at(cycle.rules.schedule, now_wall)
        if window is not None:
            anchor = _wall_of(now_wall, now_mono, cycle.anchor_mono)
            if anchor < utc(window.start):
                start_mono = now_mono + (utc(window.start) - utc(now_wall)).total_seconds()
                cycle = replace(cycle, anchor_mono=start_mono, snoozed_until_mono=None)
        return cycle

    # --- queries -----------------------------------------------------------------------------

    @property
    def is_away(self) -> bool:
        """Tell whether the last idle sample said the user is away."""
        return self.away_since_mono is not None

    def pause_end(self, now_wall: datetime, now_mono: float) -> datetime | None:
        """Return when a timed pause ends: its wall time or its duration, whichever is first."""
        if self.paused_until is None or self.paused_until_mono is None:
            return None
        by_duration = _wall_of(now_wall, now_mono, self.paused_until_mono)
        return min(utc(self.paused_until), by_duration).astimezone(now_wall.tzinfo)

    def is_paused(self, now_wall: datetime, now_mono: float) -> bool:
        """Tell whether prompts are paused at this moment."""
        if self.paused_indefinitely:
            return True
        end = self.pause_end(now_wall, now_mono)
        return end is not None and utc(now_wall) < utc(end)

    def next_prompt_at(self, now_wall: datetime, now_mono: float) -> datetime | None:
        """Return when the next prompt is due (maybe already past), in the zone of `now_wall`.

        Never inside a quiet time. `None` when paused until resumed, or when no working window
        can ever hold a prompt.
        """
        if self.paused_indefinitely:
            return None
        return self._prompt(now_wall, now_mono, skip=self.skip_next)

    def is_held_by_quiet(self, now_wall: datetime, now_mono: float) -> bool:
        """Tell whether a prompt would be due now but for the quiet time `now_wall` is in."""
        if self.paused_indefinitely or not self.rules.quiet.is_quiet(now_wall):
            return False
        due = self._prompt(now_wall, now_mono, skip=self.skip_next, quiet=False)
        return due is not None and utc(due) <= utc(now_wall)

    def _prompt(
        self,
        now_wall: datetime,
        now_mono: float,
        *,
        skip: bool,
        clamp: bool = True,
        quiet: bool = True,
    ) -> datetime | None:
        """Return the next prompt; with `clamp=False` an overdue one keeps its past time."""
        rules = self.rules
        zone = now_wall.tzinfo
        assert zone is not None  # aware by the Clock contract
        now = utc(now_wall)
        floor = now if clamp else datetime.min.replace(tzinfo=UTC)
        pause_end = self.pause_end(now_wall, now_mono)
        if pause_end is not None:
            floor = max(floor, utc(pause_end) + timedelta(seconds=rules.grace_seconds))
        if self.grace_until_mono is not None:
            floor = max(floor, _wall_of(now_wall, now_mono, self.grace_until_mono))
        anchor = _wall_of(now_wall, now_mono, self.anchor_mono)
        due = anchor + rules.interval
        window = window_at(rules.schedule, now, zone)
        if window is not None and anchor < utc(window.start):
            # The interval began before this window opened (yesterday, before work): it restarts
            # at the window's start, and a snooze from back then no longer applies.
            anchor = utc(window.start)
            due = anchor + rules.interval
        elif self.snoozed_until_mono is not None:
            due = _wall_of(now_wall, now_mono, self.snoozed_until_mono)
        prompt = self._place(max(due, floor), anchor, floor, zone)
        if skip and prompt is not None:
            prompt = self._place(max(prompt + rules.interval, floor), prompt, floor, zone)
        if quiet and prompt is not None:
            prompt = self._out_of_quiet(prompt, anchor, floor, zone)
        return None if prompt is None else prompt.astimezone(zone)

    def _out_of_quiet(
        self, prompt: datetime, anchor: datetime, floor: datetime, zone: tzinfo
    ) -> datetime | None:
        """Move a placed prompt to the end of the quiet time it falls in, then place it again."""
        candidate: datetime | None = prompt
        for _ in range(_MAX_HOPS):
            if candidate is None:
                return None
            moved = utc(self.rules.quiet.next_outside(candidate.astimezone(zone)))
            if moved == utc(candidate):
                return candidate
            # Still in the same window: the prompt comes at the quiet time's end. A window that
            # closed meanwhile hands it to the next window's start plus one interval.
            candidate = self._place(moved, anchor, floor, zone)
        return None

    def _place(
        self, candidate: datetime, anchor: datetime, floor: datetime, zone: tzinfo
    ) -> datetime | None:
        """Move `candidate` into a working window; an interval starts again at a window start."""
        schedule = self.rules.schedule
        for _ in range(_MAX_HOPS):
            window: Window | None = window_at(schedule, candidate, zone)
            if window is not None and anchor >= utc(window.start):
                return candidate
            start = (
                window.start if window is not None else next_window_start(schedule, candidate, zone)
            )
            if start is None:
                return None
            anchor = utc(start)
            candidate = max(anchor + self.rules.interval, floor)
        return None


@dataclass(frozen=True, slots=True)
class ClockReading:
    """One look at the three clocks."""

    wall: datetime
    mono: float
    boot: float

    def __post_init__(self) -> None:
        if self.wall.utcoffset() is None:
            raise ValueError(f"clock reading {self.wall.isoformat()} has no time zone")


@dataclass(frozen=True, slots=True)
class ClockChange:
    """What happened to time between two looks, beyond time passing."""

    slept_seconds: float = 0.0
    stepped_seconds: float = 0.0
    zone_changed: bool = False

    @property
    def is_quiet(self) -> bool:
        """Tell whether nothing but ordinary time passed."""
        return self.slept_seconds == 0.0 and self.stepped_seconds == 0.0 and not self.zone_changed


def clock_change(
    before: ClockReading,
    after: ClockReading,
    *,
    boot_counts_sleep: bool = True,
    expected_gap_seconds: float = 60.0,
) -> ClockChange:
    """Classify what happened between two readings: a sleep, a wall-clock step, a zone change.

    With a boot-time clock that counts suspend (Linux), boot minus monotonic growth is sleep and
    wall minus boot growth is a step. Without one (`boot_counts_sleep=False`), a forward jump of
    the wall clock past the monotonic one, or a monotonic gap much longer than
    `expected_gap_seconds`, is read as sleep: the safe reading, which at worst restarts the
    interval once too often and never prompts the instant the lid opens.
    """
    d_wall = (utc(after.wall) - utc(before.wall)).total_seconds()
    d_mono = after.mono - before.mono
    d_boot = after.boot - before.boot
    zone_changed = (
        after.wall.utcoffset() != before.wall.utcoffset()
        or after.wall.tzname() != before.wall.tzname()
    )
    slept = 0.0
    stepped = 0.0
    if boot_counts_sleep:
        if d_boot - d_mono > CLOCK_TOLERANCE_SECONDS:
            slept = d_boot - d_mono
        if abs(d_wall - d_boot) > CLOCK_TOLERANCE_SECONDS:
            stepped = d_wall - d_boot
    else:
        jump = d_wall - d_mono
        if jump > CLOCK_TOLERANCE_SECONDS:
            slept = jump
        elif jump < -CLOCK_TOLERANCE_SECONDS:
            stepped = jump
        if d_mono > 2 * expected_gap_seconds:
            slept += d_mono - expected_gap_seconds
    return ClockChange(slept_seconds=slept, stepped_seconds=stepped, zone_changed=zone_changed)


def _wall_of(now_wall: datetime, now_mono: float, mono: float) -> datetime:
    """Return (in UTC) the wall time a monotonic instant corresponds to, seen from now."""
    return utc(now_wall) + timedelta(seconds=mono - now_mono)
