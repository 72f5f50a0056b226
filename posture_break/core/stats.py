"""The numbers shown to the user: streaks, a week against the goal, totals.

`StatsService` is the one source of what `posture-break stats` prints, what the review window
shows and what the stretch window's end view says; it reads per-day totals only, never every
break. `build_stats` and `build_week` are its pure rules. Records after `as_of` never count.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from posture_break.core.record import DayCounts
from posture_break.core.streak import days_meeting_goal, streaks

_NOTHING = DayCounts()
_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DayStat:
    """One day of a week: its counts and whether it met the goal.

    Days after `as_of` (`is_future`) show zeros and never meet the goal.
    """

    day: date
    completed: int
    skipped: int
    snoozed: int
    abandoned: int
    goal_met: bool
    is_future: bool
    is_work_day: bool

    def to_json_dict(self) -> dict[str, Any]:
        """Return the day as `stats --json` prints it."""
        return {
            "date": self.day.isoformat(),
            "completed": self.completed,
            "skipped": self.skipped,
            "snoozed": self.snoozed,
            "goal_met": self.goal_met,
        }


@dataclass(frozen=True, slots=True)
class WeekReport:
    """An ISO week (Monday first) against the daily goal."""

    start: date
    days: tuple[DayStat, ...]
    completed: int
    goal_days_met: int

    def __post_init__(self) -> None:
        if self.start.weekday() != 0:
            raise ValueError(f"week start {self.start} is not a Monday")
        if len(self.days) != 7:
            raise ValueError(f"a week has 7 days, not {len(self.days)}")

    def to_json_dict(self) -> dict[str, Any]:
        """Return the week as `stats --json` prints it."""
        return {
            "start": self.start.isoformat(),
            "days": [day.to_json_dict() for day in self.days],
            "completed": self.completed,
            "goal_days_met": self.goal_days_met,
        }


@dataclass(frozen=True, slots=True)
class StatsReport:
    """Everything `posture-break stats` reports as of one day."""

    as_of: date
    daily_goal: int
    current_streak: int
    best_streak: int
    week: WeekReport
    total_completed: int

    def __post_init__(self) -> None:
        if self.total_completed < 0:
            raise ValueError(f"total_completed {self.total_completed} is negative")

    def to_json_dict(self) -> dict[str, Any]:
        """Return exactly the documented `stats --json` object."""
        return {
            "as_of": self.as_of.isoformat(),
            "daily_goal": self.daily_goal,
            "current_streak": self.current_streak,
            "best_streak": self.best_streak,
            "week": self.week.to_json_dict(),
            "total_completed": self.total_completed,
        }


@dataclass(frozen=True, slots=True)
class TodaySummary:
    """What the stretch window's end view says: stretches completed today, and the streak."""

    completed: int
    current_streak: int


class DayTotals(Protocol):
    """The per-day totals a `StatsService` reads (a `BreakHistory` is one)."""

    def day_counts(self, first: date | None, last: date) -> dict[date, DayCounts]:
        """Return the counts of each day from `first` (or the start) to `last` that has breaks."""
        ...

    def total_completed(self, until: date) -> int:
        """Return the completed breaks up to and including `until`."""
        ...


class StatsService:
    """Answer every question about streaks and totals from the history's per-day totals."""

    def __init__(self, history: DayTotals, daily_goal: int, work_days: Collection[int]) -> None:
        """Read `history` against this goal and these `date.weekday()` work days."""
        if daily_goal < 1:
            raise ValueError(f"daily goal {daily_goal} must be at least 1")
        self._history = history
        self._goal = daily_goal
        self._work_days = frozenset(work_days)

    def day_counts(self, as_of: date) -> dict[date, DayCounts]:
        """Return every day's counts up to `as_of` (for callers that show many weeks)."""
        return self._history.day_counts(None, as_of)

    def report(
        self, as_of: date, day_counts: Mapping[date, DayCounts] | None = None
    ) -> StatsReport:
        """Return the report as of `as_of`; pass `day_counts` if already read by `day_counts`."""
        counts = self.day_counts(as_of) if day_counts is None else day_counts
        total = self._history.total_completed(as_of)
        return build_stats(counts, total, self._goal, self._work_days, as_of)

    def week(
        self, monday: date, as_of: date, day_counts: Mapping[date, DayCounts] | None = None
    ) -> WeekReport:
        """Return the week starting on `monday` as seen on `as_of`."""
        if day_counts is None:
            day_counts = self._history.day_counts(monday, monday + 6 * _DAY)
        return build_week(day_counts, self._goal, monday, as_of, self._work_days)

    def today_summary(self, today: date) -> TodaySummary:
        """Return today's completed count and the current streak, cheaply.

        Reads the per-day totals back from `today` four weeks at a time and stops where the streak
        ends, so the stretch window's end view never reads the whole history.
        """
        if not self._work_days:
            # No day can break the streak: every goal day ever counts.
            counts = self._history.day_counts(None, today)
            met = days_meeting_goal(counts, self._goal)
            return TodaySummary(counts.get(today, _NOTHING).completed, len(met))
        streak = completed = 0
        last = today
        while True:
            # Four weeks always hold a work day, so an empty chunk ends the streak.
            first = last - 27 * _DAY
            counts = self._history.day_counts(first, last)
            if last == today:
                completed = counts.get(today, _NOTHING).completed
            day = last
            while day >= first:
                if counts.get(day, _NOTHING).completed >= self._goal:
                    streak += 1
                elif day != today and day.weekday() in self._work_days:
                    return TodaySummary(completed, streak)
                day -= _DAY
            last = first - _DAY


def week_start(day: date) -> date:
    """Return the Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def build_week(
    day_counts: Mapping[date, DayCounts],
    daily_goal: int,
    monday: date,
    as_of: date,
    work_days: Collection[int] = (0, 1, 2, 3, 4),
) -> WeekReport:
    """Return the week starting on `monday` as seen on `as_of` (later days show zeros)."""
    if daily_goal < 1:
        raise ValueError(f"daily goal {daily_goal} must be at least 1")
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        is_future = day > as_of
        counts = _NOTHING if is_future else day_counts.get(day, _NOTHING)
        days.append(
            DayStat(
                day=day,
                completed=counts.completed,
                skipped=counts.skipped,
                snoozed=counts.snoozed,
                abandoned=counts.abandoned,
                goal_met=counts.completed >= daily_goal,
                is_future=is_future,
                is_work_day=day.weekday() in work_days,
            )
        )
    return WeekReport(
        start=monday,
        days=tuple(days),
        completed=sum(day.completed for day in days),
        goal_days_met=sum(day.goal_met for day in days),
    )


def build_stats(
    day_counts: Mapping[date, DayCounts],
    total_completed: int,
    daily_goal: int,
    work_days: Collection[int],
    as_of: date,
) -> StatsReport:
    """Return the report as of `as_of`.

    Args:
        day_counts: Counts per local day; days after `as_of` are ignored, missing days are zero.
        total_completed: All completed stretches up to and including `as_of`.
        daily_goal: Completed stretches a day that keep the streak alive.
        work_days: `date.weekday()` numbers of the work days.
        as_of: The day the report is for (usually today).
    """
    current, best = streaks(days_meeting_goal(day_counts, daily_goal), as_of, work_days)
    return StatsReport(
        as_of=as_of,
        daily_goal=daily_goal,
        current_streak=current,
        best_streak=best,
        week=build_week(day_counts, daily_goal, week_start(as_of), as_of, work_days),
        total_completed=total_completed,
    )
