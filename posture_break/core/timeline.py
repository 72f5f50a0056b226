"""A stretch's timeline, built from its dose: set-up, reps, holds, sides and breaths.

One side of a stretch is a set-up (getting into position in the neutral pose, the stretch's
`setup_steps` first steps on show in turn), then `reps` repetitions. A rep is one breath: into
the key pose on the half breath that leads there (the in-breath moves the start pose to the end
pose, the out-breath back), the catalogue's `hold_s` held still there, and back to neutral on the
other half. A per-side stretch changes sides in a "switch" part as long as the set-up (the set-up
steps show again: the other side is set up), then does the same reps mirrored.

How the user's stretch length combines with the dose (see docs/stretches.md, "Dose and length"):
the catalogue's dose is the most a stretch asks for and is never padded; the length setting is a
time budget that drops whole reps (the same number on each side) until the run fits, but never
below one rep per side with its full hold, so a very short setting can be exceeded.
"""

from __future__ import annotations

import bisect
import enum
import math
from dataclasses import dataclass, replace

from posture_break.core.stretch import Stretch

EPSILON_S = 0.001  # moments closer than this count as reached (float noise, timer rounding)


class Part(enum.Enum):
    """What the body does during one segment of the timeline."""

    SET_UP = "set-up"  # getting into position; the figure shows the start pose, still
    SWITCH = "switch"  # changing to the other side; still
    BREATHE_IN = "breathe-in"  # moving from the start pose to the end pose
    BREATHE_OUT = "breathe-out"  # moving from the end pose back to the start pose
    HOLD = "hold"  # holding the key pose, breathing easily; still

    @property
    def is_still(self) -> bool:
        """Return whether the figure stays still during this part."""
        return self in (Part.SET_UP, Part.SWITCH, Part.HOLD)


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of time with one thing happening: a set-up, a half breath, a hold."""

    part: Part
    start_s: float
    length_s: float
    side: int  # 0: the first (or only) side, 1: the second
    from_phase: float
    to_phase: float

    @property
    def end_s(self) -> float:
        """Return when this segment ends, in seconds since the run started."""
        return self.start_s + self.length_s


@dataclass(frozen=True, slots=True)
class Timeline:
    """The fixed moments of one stretch run, in seconds since it started.

    Attributes:
        segments: Back to back from 0 to `total_s`.
        step_count: How many steps the stretch has.
        reps: Reps per side in this run (the dose's, or fewer to fit the length setting).
        setup_steps: How many of the first steps are done while getting into position: they
            share the set-up (and the switch, which sets up the other side) equally, and the
            other steps share the time of each side's reps equally, so each step shows while
            the body does it.
    """

    segments: tuple[Segment, ...]
    step_count: int
    reps: int
    setup_steps: int = 1

    def __post_init__(self) -> None:
        if not self.segments:
            raise ValueError("segments: a timeline needs at least one segment")
        if self.step_count < 1:
            raise ValueError(f"step_count: needs at least one step, got {self.step_count}")
        if not 1 <= self.setup_steps <= max(1, self.step_count - 1):
            raise ValueError(
                f"setup_steps: must be 1-{max(1, self.step_count - 1)}, got {self.setup_steps}"
            )

    @property
    def total_s(self) -> float:
        """Return the length of the whole run."""
        return self.segments[-1].end_s

    @property
    def per_side(self) -> bool:
        """Return whether the run does two sides."""
        return self.segments[-1].side == 1

    def segment_at(self, elapsed: float) -> Segment:
        """Return the segment going on at `elapsed` (the last one at or after the end)."""
        starts = [segment.start_s for segment in self.segments]
        index = bisect.bisect_right(starts, elapsed + EPSILON_S) - 1
        return self.segments[min(max(index, 0), len(self.segments) - 1)]

    def step_index(self, elapsed: float) -> int:
        """Return the step shown at `elapsed`: the set-up steps in turn, then the others."""
        segment = self.segment_at(elapsed)
        if _is_between_sides(segment.part):
            return _slice_index(elapsed, segment.start_s, segment.end_s, self.setup_steps)
        rep_steps = self.step_count - self.setup_steps
        if rep_steps < 1:  # a one-step stretch: that step shows throughout
            return self.step_count - 1
        start, end = self._reps_span(segment.side)
        return self.setup_steps + _slice_index(elapsed, start, end, rep_steps)

    def is_second_side(self, elapsed: float) -> bool:
        """Return whether a per-side stretch has switched to the second side."""
        return self.segment_at(elapsed).side == 1

    def is_switch_cue(self, elapsed: float) -> bool:
        """Return whether the "Switch sides" cue shows at `elapsed`."""
        return self.segment_at(elapsed).part is Part.SWITCH

    def part(self, elapsed: float) -> Part:
        """Return what the body does at `elapsed`."""
        return self.segment_at(elapsed).part

    def is_inhale(self, elapsed: float) -> bool:
        """Return whether the breathing pace says "breathe in" at `elapsed`."""
        return self.part(elapsed) is Part.BREATHE_IN

    def phase(self, elapsed: float) -> float:
        """Return the figure's phase at `elapsed`: eased along a breath, still otherwise."""
        segment = self.segment_at(elapsed)
        u = (elapsed - segment.start_s) / segment.length_s if segment.length_s else 1.0
        return segment.from_phase + (segment.to_phase - segment.from_phase) * _ease(u)

    def pose_phase(self, elapsed: float) -> float:
        """Return the phase the body is moving to (or holding) at `elapsed`."""
        return self.segment_at(elapsed).to_phase

    def boundaries(self) -> tuple[float, ...]:
        """Return every moment something shown changes by itself, sorted, ending at the end."""
        total = self.total_s
        moments = {float(s) for s in range(1, math.ceil(total))}
        # Whole seconds of *remaining* time: the countdown text changes there.
        moments |= {total - s for s in range(1, math.ceil(total))}
        moments |= {segment.start_s for segment in self.segments}
        for segment in self.segments:
            if _is_between_sides(segment.part):
                moments |= _slice_starts(segment.start_s, segment.end_s, self.setup_steps)
        rep_steps = self.step_count - self.setup_steps
        for side in range(2 if self.per_side else 1):
            start, end = self._reps_span(side)
            if rep_steps >= 1:
                moments |= _slice_starts(start, end, rep_steps)
        inside = {round(m, 6) for m in moments if 0.0 < m < total}
        return (*sorted(inside), total)

    def next_frame(self, elapsed: float, steps: int) -> float:
        """Return when the figure's phase next moves by 1/`steps` of its range.

        Frames are spaced by how far the figure moves, not by a fixed rate: the eased motion is
        slow near the ends of a breath and quick in the middle, so fewer frames are needed for
        the same smoothness. A still part needs no frame until it ends.
        """
        segment = self.segment_at(elapsed)
        if segment.part.is_still or segment.length_s <= 0:
            return segment.end_s
        progress = _ease((elapsed - segment.start_s) / segment.length_s)
        level = math.floor(progress * steps + 1e-9) + 1
        if level >= steps:
            return segment.end_s
        return segment.start_s + segment.length_s * _uneased(level / steps)

    def scaled_to(self, total_s: float) -> Timeline:
        """Return this timeline stretched or squeezed to last exactly `total_s` seconds."""
        if not (math.isfinite(total_s) and total_s > 0):
            raise ValueError(f"total_s: must be a positive number of seconds, got {total_s!r}")
        factor = total_s / self.total_s
        segments = tuple(
            replace(segment, start_s=segment.start_s * factor, length_s=segment.length_s * factor)
            for segment in self.segments
        )
        return replace(self, segments=segments)

    def _reps_span(self, side: int) -> tuple[float, float]:
        """Return when the reps of `side` start and end."""
        reps = [s for s in self.segments if s.side == side and not _is_between_sides(s.part)]
        return reps[0].start_s, reps[-1].end_s


def _is_between_sides(part: Part) -> bool:
    return part in (Part.SET_UP, Part.SWITCH)


def _slice_index(elapsed: float, start: float, end: float, count: int) -> int:
    """Return which of `count` equal slices of `start`..`end` holds `elapsed` (0-based)."""
    if end - start <= 0:
        return count - 1
    slice_s = (end - start) / count
    index = int((min(elapsed, end - EPSILON_S) - start + EPSILON_S) / slice_s)
    return min(max(index, 0), count - 1)


def _slice_starts(start: float, end: float, count: int) -> set[float]:
    """Return where each of `count` equal slices of `start`..`end` begins."""
    return {start + i * (end - start) / count for i in range(count)}


def rep_s(stretch: Stretch) -> float:
    """Return the length of one rep: a breath in and out, and the hold."""
    return stretch.inhale_s + stretch.exhale_s + stretch.hold_s


def dose_s(stretch: Stretch) -> float:
    """Return the length of the catalogue's whole dose for `stretch`."""
    return _length(stretch, stretch.reps)


def reps_within(stretch: Stretch, budget_s: float) -> int:
    """Return the reps per side that fit `budget_s`: the dose's at most, one at least."""
    sides = 2 if stretch.per_side else 1
    room = budget_s - _length(stretch, 0)
    fitting = math.floor((room + EPSILON_S) / (sides * rep_s(stretch)))
    return max(1, min(stretch.reps, fitting))


def build_timeline(stretch: Stretch, budget_s: float) -> Timeline:
    """Return the timeline of `stretch` within the user's length setting `budget_s`.

    The dose is never padded to fill the budget; reps are dropped to fit it, down to one per side.
    """
    reps = reps_within(stretch, budget_s)
    segments: list[Segment] = []
    t = 0.0

    def add(part: Part, length: float, side: int, start: float, end: float) -> None:
        nonlocal t
        segments.append(Segment(part, t, length, side, start, end))
        t += length

    # The body waits in the neutral pose (the one that is not the key pose) and each rep goes
    # into the key pose on the breath that leads there, holds it, and comes back on the other.
    key = stretch.key_phase
    neutral = 1.0 - key
    into, back = (
        (Part.BREATHE_IN, Part.BREATHE_OUT) if key == 1.0 else (Part.BREATHE_OUT, Part.BREATHE_IN)
    )
    into_s, back_s = (
        (stretch.inhale_s, stretch.exhale_s) if key == 1.0 else (stretch.exhale_s, stretch.inhale_s)
    )
    for side in range(2 if stretch.per_side else 1):
        add(Part.SET_UP if side == 0 else Part.SWITCH, stretch.setup_s, side, neutral, neutral)
        for _ in range(reps):
            add(into, into_s, side, neutral, key)
            if stretch.hold_s:
                add(Part.HOLD, stretch.hold_s, side, key, key)
            add(back, back_s, side, key, neutral)
    return Timeline(tuple(segments), len(stretch.steps), reps, stretch.setup_steps)


def _length(stretch: Stretch, reps: int) -> float:
    sides = 2 if stretch.per_side else 1
    return sides * (stretch.setup_s + reps * rep_s(stretch))


def _ease(u: float) -> float:
    """Return a gentle start-and-stop curve over 0..1, like an unhurried breath."""
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, u)))


def _uneased(p: float) -> float:
    """Return the `u` at which `_ease(u)` reaches `p`."""
    return math.acos(1.0 - 2.0 * min(1.0, max(0.0, p))) / math.pi


def clock_text(seconds: float) -> str:
    """Return `m:ss` for a countdown showing `seconds` left (rounded up, as clocks count)."""
    whole = max(0, math.ceil(seconds - EPSILON_S))
    return f"{whole // 60}:{whole % 60:02d}"


def ms_until(seconds: float, *, floor_ms: int) -> int:
    """Return whole milliseconds to wait for `seconds`, never early (float noise aside)."""
    return max(floor_ms, math.ceil(round(seconds * 1000, 3)))
