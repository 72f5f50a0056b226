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
from datetime import date

from posture_break.core.record import DayCounts


def days_meeting_goal(day_counts: Mapping[date, DayCounts], daily_goal: int) -> frozenset[date]:
    """Return the days whose completed stretches reach the daily goal."""
    if daily_goal < 1:
        raise ValueError(f"daily goal {daily_goal} must be at least 1")
    return frozenset(day for day, counts in day_counts.items() if counts.completed >= daily_goal)


def current_streak(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> int:
    """Return the run of goal days ending at `as_of`, passing over non-work days and `as_of`."""
    _check_work_days(work_days)
    met = {day for day in days_met if day <= as_of}
    if not met:
        return 0
    earliest = min(met)
    count = 0
    day = as_of
    while day >= earliest:
        if day in met:
            count += 1
        elif day != as_of and day.weekday() in work_days:
            break
        day = date.fromordinal(day.toordinal() - 1)
    return count


def best_streak(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> int:
    """Return the longest run of goal days anywhere up to `as_of`, by the same rules."""
    _check_work_days(work_days)
    ordered = sorted(day for day in set(days_met) if day <= as_of)
    best = run = 0
    previous: date | None = None
    for day in ordered:
        if previous is not None and _gap_has_work_day(previous, day, work_days):
            run = 0
        run += 1
        best = max(best, run)
        previous = day
    return best


def streaks(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> tuple[int, int]:
    """Return `(current_streak, best_streak)` in one call."""
    return current_streak(days_met, as_of, work_days), best_streak(days_met, as_of, work_days)


def _gap_has_work_day(before: date, after: date, work_days: Collection[int]) -> bool:
    """Tell whether a work day lies strictly between two days (every such day missed the goal)."""
    gap = after.toordinal() - before.toordinal() - 1
    if gap <= 0:
        return False
    if gap >= 7:
        return bool(work_days)
    first = before.weekday() + 1
    return any((first + offset) % 7 in work_days for offset in range(gap))


def _check_work_days(work_days: Iterable[int]) -> None:
    for day in work_days:
        if not 0 <= day <= 6:
            raise ValueError(f"work day {day!r} is not a weekday number 0-6")
