"""Streak rules: which days meet the goal, and how many in a row.

A day meets the goal when its completed stretches (by `local_date`) number at least the daily
goal. Counting back from day D, a day that meets the goal adds one; a day that does not ends the
run, unless it is not a work day or it is D itself (D is not over yet): such a day is passed over,
neither adding nor breaking. A non-work day that does meet the goal adds one like any other day:
stretching on a Saturday is worth as much as on a Monday. Days after D are ignored.

`work_days` are `date.weekday()` numbers: Monday 0 ... Sunday 6.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta

from posture_break.core.record import DayCounts

_DAY = timedelta(days=1)


def days_meeting_goal(day_counts: Mapping[date, DayCounts], daily_goal: int) -> frozenset[date]:
    """Return the days whose completed stretches reach the daily goal."""
    if daily_goal < 1:
        raise ValueError(f"daily goal {daily_goal} must be at least 1")
    return frozenset(day for day, counts in day_counts.items() if counts.completed >= daily_goal)


def current_streak(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> int:
    """Return the run of goal days ending at `as_of`, passing over non-work days and `as_of`."""
    return streaks(days_met, as_of, work_days)[0]


def best_streak(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> int:
    """Return the longest run of goal days anywhere up to `as_of`, by the same rules."""
    return streaks(days_met, as_of, work_days)[1]


def streaks(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> tuple[int, int]:
    """Return `(current_streak, best_streak)` in one walk from the first goal day to `as_of`.

    The walk costs one step per calendar day (about 3,650 for ten years), not one per break.
    """
    _check_work_days(work_days)
    met = {day for day in days_met if day <= as_of}
    if not met:
        return 0, 0
    run = best = 0
    day = min(met)
    while day <= as_of:
        if day in met:
            run += 1
            best = max(best, run)
        elif day != as_of and day.weekday() in work_days:
            run = 0  # a missed work day ends the run
        day += _DAY
    return run, best


def _check_work_days(work_days: Iterable[int]) -> None:
    for day in work_days:
        if not 0 <= day <= 6:
            raise ValueError(f"work day {day!r} is not a weekday number 0-6")
