"""Streak rules: which days meet the goal, and the one walk that turns them into streaks.

A day meets the goal when its completed stretches (by `local_date`) number at least the daily
goal. The walk goes forward one calendar day at a time up to the as-of day D, with a run, the
best run and a bank of freezes (at most `MAX_FREEZES`):

1. A day that meets the goal adds one to the run (any day: a Saturday counts like a Monday).
2. Else D itself (not over yet), a rest day or a non-work day neither adds nor breaks.
3. Else, with freezes on, a missed work day while the run is alive spends a banked freeze: the
   day is *frozen* and neither adds nor breaks.
4. Else the missed work day ends the run.
5. On each Sunday, a week that had at least one work day that is not a rest day, and met the
   goal on every such day, earns a freeze (the bank holds at most `MAX_FREEZES`).

With freezes off step 3 never applies and the bank stays empty: a missed work day always ends
the run, exactly as before freezes existed. Days after D are ignored.

`work_days` are `date.weekday()` numbers: Monday 0 ... Sunday 6.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from posture_break.core.record import DayCounts

MAX_FREEZES = 2
_DAY = timedelta(days=1)
_SUNDAY = 6


@dataclass(frozen=True, slots=True)
class StreakWalk:
    """What the walk up to one day found.

    `bank` is the number of freezes in hand after that day (always 0 with freezes off);
    `frozen` holds the missed work days a freeze covered.
    """

    current: int = 0
    best: int = 0
    bank: int = 0
    frozen: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if not 0 <= self.bank <= MAX_FREEZES:
            raise ValueError(f"bank {self.bank} is outside 0..{MAX_FREEZES}")
        if not 0 <= self.current <= self.best:
            raise ValueError(f"current {self.current} must be between 0 and best {self.best}")


def days_meeting_goal(day_counts: Mapping[date, DayCounts], daily_goal: int) -> frozenset[date]:
    """Return the days whose completed stretches reach the daily goal."""
    if daily_goal < 1:
        raise ValueError(f"daily goal {daily_goal} must be at least 1")
    return frozenset(day for day, counts in day_counts.items() if counts.completed >= daily_goal)


def walk_streak(
    days_met: Collection[date],
    as_of: date,
    work_days: Collection[int],
    *,
    rest_days: Collection[date] = frozenset(),
    freezes: bool = True,
) -> StreakWalk:
    """Walk forward to `as_of` by the rules above and return the streaks, bank and frozen days.

    The rules start from the Monday of the week of the earliest record or rest day; the walk
    starts at the Monday of the week of the earliest goal day instead, which gives the same
    answer: before the first goal day the run is 0 (nothing can freeze) and no week can earn a
    freeze (a week earns only when some work day in it met the goal). It costs one step per
    calendar day from there (about 3,650 for ten years), not one per break.
    """
    _check_work_days(work_days)
    met = frozenset(day for day in days_met if day <= as_of)
    if not met:
        return StreakWalk()
    rest = frozenset(rest_days)
    working = frozenset(work_days)
    run = best = bank = 0
    frozen: set[date] = set()
    # The ISO week so far: whether it had a work day to keep, and whether every one was kept.
    week_has_work = False
    week_all_met = True
    day = _monday(min(met))
    while day <= as_of:
        is_met = day in met
        counted = day.weekday() in working and day not in rest
        if is_met:
            run += 1
            best = max(best, run)
        elif day == as_of or not counted:
            pass  # D is not over; a rest day or a day off neither adds nor breaks
        elif freezes and run > 0 and bank > 0:
            bank -= 1
            frozen.add(day)
        else:
            run = 0  # a missed work day ends the run
        if counted:
            week_has_work = True
            week_all_met = week_all_met and is_met
        if day.weekday() == _SUNDAY:
            if freezes and week_has_work and week_all_met:
                bank = min(bank + 1, MAX_FREEZES)
            week_has_work, week_all_met = False, True
        day += _DAY
    return StreakWalk(run, best, bank, frozenset(frozen))


def streaks(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> tuple[int, int]:
    """Return `(current_streak, best_streak)` by the rules without rest days or freezes."""
    walked = walk_streak(days_met, as_of, work_days, freezes=False)
    return walked.current, walked.best


def current_streak(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> int:
    """Return the run of goal days ending at `as_of` (no rest days, no freezes)."""
    return streaks(days_met, as_of, work_days)[0]


def best_streak(days_met: Collection[date], as_of: date, work_days: Collection[int]) -> int:
    """Return the longest run of goal days anywhere up to `as_of` (no rest days, no freezes)."""
    return streaks(days_met, as_of, work_days)[1]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _check_work_days(work_days: Iterable[int]) -> None:
    for day in work_days:
        if not 0 <= day <= 6:
            raise ValueError(f"work day {day!r} is not a weekday number 0-6")
