"""Streak rules: which days meet the goal, and how many in a row.

A day meets the goal when its completed stretches (by `local_date`) number at least the daily
goal. Counting back from day D, a day that meets the goal adds one; a day that does not ends the
run, unless it is not a work day or it is D itself (D is not over yet): such a day is passed over,
neither adding nor breaking. A non-work day that does meet the goal adds one like any other day:
stretching on a Saturday is worth as much as on a Monday. Days after D are ignored.

`work_days` are `date.weekday()` numbers: Monday 0 ... Sunday 6.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from operator import sub

from posture_break.core.daycounts import DayCounts


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
    """Return `(current_streak, best_streak)` in one pass over the goal days."""
    return streaks_of_ordinals(
        sorted({day.toordinal() for day in days_met if day <= as_of}), as_of, work_days
    )


def streaks_of_ordinals(
    days_met: Sequence[int], as_of: date, work_days: Collection[int]
) -> tuple[int, int]:
    """Return `(current_streak, best_streak)` for goal days given as `date.toordinal()` numbers.

    `days_met` must be sorted and distinct; numbers after `as_of` are ignored. This is `streaks`
    without a date object per day: `posture-break stats` walks ten years of days on every run.
    """
    _check_work_days(work_days)
    last = as_of.toordinal()
    end = len(days_met)
    while end and days_met[end - 1] > last:
        end -= 1
    if not end:
        return 0, 0
    met = days_met[:end]
    # Between two goal days every day missed the goal, so a run survives a gap only when the gap
    # holds no work day. Runs of consecutive days are found at C speed (`map`); only the gaps
    # are looked at, and their answer is looked up by weekday and length.
    holds = _gap_table(work_days)
    best = start = 0  # `start`: the index where the current run began
    for index in [i for i, step in enumerate(map(sub, met[1:], met), 1) if step != 1]:
        previous = met[index - 1]
        if holds[previous % 7][min(met[index] - previous - 1, 7)]:
            best = max(best, index - start)
            start = index
    run = end - start
    best = max(best, run)
    # The run still counts today only if nothing between the last goal day and `as_of` (which
    # itself is passed over) was a missed work day.
    previous = met[-1]
    is_work = [weekday in work_days for weekday in range(7)]
    current = 0 if _holds_work_day(previous + 1, last - previous - 1, is_work) else run
    return current, best


def _gap_table(work_days: Collection[int]) -> list[list[bool]]:
    """Return `table[w][n]`: whether `n` days from weekday `w` on hold a work day (7: 7 or more).

    The gap after goal day `d` starts on weekday `d % 7` (see `_holds_work_day`).
    """
    is_work = [weekday in work_days for weekday in range(7)]
    return [
        [_holds_work_day(start + 1, length, is_work) for length in range(8)] for start in range(7)
    ]


def _holds_work_day(first: int, length: int, is_work: list[bool]) -> bool:
    """Tell whether `length` days from ordinal `first` on include a work day.

    The weekday of an ordinal is `(ordinal - 1) % 7`: day 1 (1 January of year 1) was a Monday.
    """
    if length <= 0:
        return False
    if length >= 7:
        return any(is_work)
    start = (first - 1) % 7
    return any(is_work[(start + offset) % 7] for offset in range(length))


def _check_work_days(work_days: Iterable[int]) -> None:
    for day in work_days:
        if not 0 <= day <= 6:
            raise ValueError(f"work day {day!r} is not a weekday number 0-6")
