"""The break plan: working windows and the next prompt times. Pure functions of time.

A working window opens on each work day at `work_start` local wall time and closes at `work_end`;
when `work_end` is earlier than `work_start` the window closes the next day and belongs to the day
it starts (an overnight shift). Window edges are local wall times in a given zone (by default the
zone of the time passed in; hand in a `ZoneInfo` to follow DST). Intervals are elapsed time: across
a DST change 45 minutes stay 45 minutes.

All arithmetic and comparison here happens in UTC: Python compares and adds datetimes that share
a `tzinfo` by wall time, which is wrong across DST changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from posture_break.core.quiet import QuietTimes
from posture_break.core.settings import ScheduleSettings
from posture_break.core.text import utc

# Searching further than this for a window a prompt fits in means none ever will (every window is
# shorter than the interval).
_SEARCH_DAYS = 15


@dataclass(frozen=True, slots=True)
class Window:
    """One working window: the work day it belongs to and its aware start and end."""

    day: date
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.utcoffset() is None or self.end.utcoffset() is None:
            raise ValueError(f"window of {self.day} needs aware start and end")
        if utc(self.end) <= utc(self.start):
            raise ValueError(f"window of {self.day} ends at or before it starts")

    def contains(self, when: datetime) -> bool:
        """Tell whether `when` is inside the window (start included, end excluded)."""
        return utc(self.start) <= utc(when) < utc(self.end)


def work_day_numbers(schedule: ScheduleSettings) -> frozenset[int]:
    """Return the work days as `date.weekday()` numbers (Monday 0)."""
    return frozenset(day.index for day in schedule.work_days)


def window_of_day(schedule: ScheduleSettings, day: date, tz: tzinfo) -> Window | None:
    """Return the window that starts on `day`, or `None` if there is no working time that day.

    That is a day off, or a window that falls wholly into a DST gap and so holds no real time.
    """
    if day.weekday() not in work_day_numbers(schedule):
        return None
    end_day = day if schedule.work_end > schedule.work_start else day + timedelta(days=1)
    start = _wall(day, schedule, tz, start=True)
    end = _wall(end_day, schedule, tz, start=False)
    if utc(end) <= utc(start):
        # The whole window fell into a spring-forward gap (02:46-03:00 on the night 02:00 jumps
        # to 03:00): both edges land on the same instant, so there is no working time that day.
        return None
    return Window(day=day, start=start, end=end)


def window_at(
    schedule: ScheduleSettings, when: datetime, tz: tzinfo | None = None
) -> Window | None:
    """Return the working window holding `when`, or `None` outside working time.

    If two windows overlap (an almost-24-hour overnight shift on the night the clocks go back),
    the later-starting one is returned.
    """
    zone = _zone(when, tz)
    local_day = when.astimezone(zone).date()
    for day in (local_day, local_day - timedelta(days=1)):
        window = window_of_day(schedule, day, zone)
        if window is not None and window.contains(when):
            return window
    return None


def is_working_time(schedule: ScheduleSettings, when: datetime, tz: tzinfo | None = None) -> bool:
    """Tell whether `when` falls in a working window."""
    return window_at(schedule, when, tz) is not None


def next_window(
    schedule: ScheduleSettings, when: datetime, tz: tzinfo | None = None
) -> Window | None:
    """Return the first window that opens strictly after `when` (`None` if there are no work days).

    A window already open at `when` is not it; see `window_at`.
    """
    zone = _zone(when, tz)
    local_day = when.astimezone(zone).date()
    moment = utc(when)
    for offset in range(9):
        window = window_of_day(schedule, local_day + timedelta(days=offset), zone)
        if window is not None and utc(window.start) > moment:
            return window
    return None


def next_window_start(
    schedule: ScheduleSettings, when: datetime, tz: tzinfo | None = None
) -> datetime | None:
    """Return the start of the first window that opens strictly after `when`."""
    window = next_window(schedule, when, tz)
    return None if window is None else window.start


def next_break(
    schedule: ScheduleSettings, previous: datetime, tz: tzinfo | None = None
) -> datetime | None:
    """Return the prompt that follows a break at (or a plan starting from) `previous`.

    Inside a window it is one interval later; before a window opens, or when that would be at or
    after the window's end, it is the next window's start plus one interval. `None` if no window
    within two weeks is long enough to hold a prompt.
    """
    zone = _zone(previous, tz)
    interval = timedelta(minutes=schedule.interval_minutes)
    window = window_at(schedule, previous, zone)
    if window is not None:
        candidate = utc(previous) + interval
        if candidate < utc(window.end):
            return candidate.astimezone(zone)
    limit = utc(previous) + timedelta(days=_SEARCH_DAYS)
    probe = previous
    while True:
        window = next_window(schedule, probe, zone)
        if window is None or utc(window.start) > limit:
            return None
        candidate = utc(window.start) + interval
        if candidate < utc(window.end):
            return candidate.astimezone(zone)
        probe = window.start


def next_quiet_break(
    schedule: ScheduleSettings,
    previous: datetime,
    quiet: QuietTimes,
    tz: tzinfo | None = None,
) -> datetime | None:
    """Return the prompt that follows `previous` (see `next_break`), never in a quiet time.

    A prompt that falls in a quiet time comes at its end when that is still in the same working
    window; otherwise the plan goes on from there as after any break outside a window.
    """
    zone = _zone(previous, tz)
    following = next_break(schedule, previous, zone)
    for _ in range(_SEARCH_DAYS * 4):
        if following is None:
            return None
        moved = quiet.next_outside(following.astimezone(zone))
        if utc(moved) == utc(following):
            return following
        window = window_at(schedule, moved, zone)
        if window is not None and window == window_at(schedule, following, zone):
            return moved.astimezone(zone)
        # Outside working time, or in a later window: an interval starts at that window's start.
        following = next_break(schedule, moved if window is None else window.start, zone)
    return None


def next_breaks(
    schedule: ScheduleSettings,
    start: datetime,
    count: int,
    tz: tzinfo | None = None,
    quiet: QuietTimes | None = None,
) -> list[datetime]:
    """Return up to `count` prompt times after `start`, assuming each break is taken on time.

    Times are aware, in `tz` (default: the zone of `start`), and never in a quiet time. Fewer
    than `count` come back only when no working window is long enough for one interval.
    """
    if count < 0:
        raise ValueError(f"count {count} is negative")
    if start.utcoffset() is None:
        raise ValueError(f"start {start.isoformat()} has no time zone")
    result: list[datetime] = []
    previous = start
    while len(result) < count:
        following = next_quiet_break(schedule, previous, quiet or QuietTimes(), tz)
        if following is None:
            break
        result.append(following)
        previous = following
    return result


def _zone(when: datetime, tz: tzinfo | None) -> tzinfo:
    if when.utcoffset() is None:
        raise ValueError(f"{when.isoformat()} has no time zone")
    zone = tz if tz is not None else when.tzinfo
    assert zone is not None  # utcoffset() above proved it
    return zone


def _wall(day: date, schedule: ScheduleSettings, tz: tzinfo, *, start: bool) -> datetime:
    """Return the aware instant of a window edge on `day`, normalised to a real local time.

    A wall time that does not exist (the hour skipped in spring) lands after the gap; a wall time
    that happens twice (the hour repeated in autumn) is the first of the two.
    """
    clock = schedule.work_start if start else schedule.work_end
    naive = datetime.combine(day, clock)
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
