"""The numbers shown to the user: streaks, a week against the goal, totals.

`StatsService` is the one source of what `posture-break stats` prints, what the review window
shows and what the stretch window's end view says; it reads per-day totals only, never every
break, and the rest days. `build_stats` and `build_week` are its pure rules; the streaks come
from the one walk in `core.streak`. Records and rest days after `as_of` never count.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from posture_break.core.record import DayCounts
from posture_break.core.streak import StreakWalk, days_meeting_goal, walk_streak

_NOTHING = DayCounts()
_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DayStat:
    """One day of a week: its counts, whether it met the goal, and how the streak saw it.

    `rest` says the user marked the day as a rest day; `frozen` that a banked freeze covered it.
    Days after `as_of` (`is_future`) show zeros, never meet the goal, and are neither.
    """

    day: date
    completed: int
    skipped: int
    snoozed: int
    abandoned: int
    goal_met: bool
    is_future: bool
    is_work_day: bool
    rest: bool = False
    frozen: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        """Return the day as `stats --json` prints it."""
        return {
            "date": self.day.isoformat(),
            "completed": self.completed,
            "skipped": self.skipped,
            "snoozed": self.snoozed,
            "goal_met": self.goal_met,
            "rest": self.rest,
            "frozen": self.frozen,
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
    freezes_banked: int = 0

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
            "freezes_banked": self.freezes_banked,
            "week": self.week.to_json_dict(),
            "total_completed": self.total_completed,
        }


@dataclass(frozen=True, slots=True)
class TodaySummary:
    """What the stretch window's end view says: stretches completed today, and the streak."""

    completed: int
    current_streak: int


class DayTotals(Protocol):
    """The per-day totals and rest days a `StatsService` reads (a `BreakHistory` is one)."""

    def day_counts(self, first: date | None, last: date) -> dict[date, DayCounts]:
        """Return the counts of each day from `first` (or the start) to `last` that has breaks."""
        ...

    def total_completed(self, until: date) -> int:
        """Return the completed breaks up to and including `until`."""
        ...

    def rest_days(self, first: date | None = None, last: date | None = None) -> tuple[date, ...]:
        """Return the rest days from `first` to `last` (either end open when None), ascending."""
        ...


class StatsService:
    """Answer every question about streaks and totals from the per-day totals and rest days."""

    def __init__(
        self,
        history: DayTotals,
        daily_goal: int,
        work_days: Collection[int],
        *,
        freezes: bool = True,
    ) -> None:
        """Read `history` against this goal, these `date.weekday()` work days and freeze rule."""
        if daily_goal < 1:
            raise ValueError(f"daily goal {daily_goal} must be at least 1")
        self._history = history
        self._goal = daily_goal
        self._work_days = frozenset(work_days)
        self._freezes = freezes

    def day_counts(self, as_of: date) -> dict[date, DayCounts]:
        """Return every day's counts up to `as_of` (for callers that show many weeks)."""
        return self._history.day_counts(None, as_of)

    def rest_days(self, as_of: date) -> frozenset[date]:
        """Return every rest day up to `as_of`."""
        return frozenset(self._history.rest_days(None, as_of))

    def report(
        self,
        as_of: date,
        day_counts: Mapping[date, DayCounts] | None = None,
        rest_days: Collection[date] | None = None,
    ) -> StatsReport:
        """Return the report as of `as_of`; pass what `day_counts`/`rest_days` already read."""
        counts = self.day_counts(as_of) if day_counts is None else day_counts
        rest = self.rest_days(as_of) if rest_days is None else rest_days
        total = self._history.total_completed(as_of)
        return build_stats(
            counts, total, self._goal, self._work_days, as_of, rest_days=rest, freezes=self._freezes
        )

    def week(
        self,
        monday: date,
        as_of: date,
        day_counts: Mapping[date, DayCounts] | None = None,
        rest_days: Collection[date] | None = None,
    ) -> WeekReport:
        """Return the week starting on `monday` as seen on `as_of`, frozen days included."""
        counts = self.day_counts(as_of) if day_counts is None else day_counts
        rest = self.rest_days(as_of) if rest_days is None else rest_days
        walked = self._walk(counts, rest, as_of)
        return build_week(counts, self._goal, monday, as_of, self._work_days, rest, walked.frozen)

    def today_summary(self, today: date) -> TodaySummary:
        """Return today's completed count and the current streak.

        Freezes depend on every earlier week, so this is the same walk as `report`: one row of
        per-day totals per day with breaks, never the breaks themselves.
        """
        counts = self.day_counts(today)
        walked = self._walk(counts, self.rest_days(today), today)
        return TodaySummary(counts.get(today, _NOTHING).completed, walked.current)

    def _walk(
        self, counts: Mapping[date, DayCounts], rest: Collection[date], as_of: date
    ) -> StreakWalk:
        met = days_meeting_goal(counts, self._goal)
        return walk_streak(met, as_of, self._work_days, rest_days=rest, freezes=self._freezes)


def week_start(day: date) -> date:
    """Return the Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def build_week(
    day_counts: Mapping[date, DayCounts],
    daily_goal: int,
    monday: date,
    as_of: date,
    work_days: Collection[int] = (0, 1, 2, 3, 4),
    rest_days: Collection[date] = frozenset(),
    frozen_days: Collection[date] = frozenset(),
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
                rest=not is_future and day in rest_days,
                frozen=not is_future and day in frozen_days,
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
    *,
    rest_days: Collection[date] = frozenset(),
    freezes: bool = True,
) -> StatsReport:
    """Return the report as of `as_of`.

    Args:
        day_counts: Counts per local day; days after `as_of` are ignored, missing days are zero.
        total_completed: All completed stretches up to and including `as_of`.
        daily_goal: Completed stretches a day that keep the streak alive.
        work_days: `date.weekday()` numbers of the work days.
        as_of: The day the report is for (usually today).
        rest_days: Days the user marked as rest days; later ones are ignored.
        freezes: Whether full weeks at the goal earn freezes (`goal.freezes`).
    """
    met = days_meeting_goal(day_counts, daily_goal)
    rest = frozenset(day for day in rest_days if day <= as_of)
    walked = walk_streak(met, as_of, work_days, rest_days=rest, freezes=freezes)
    return StatsReport(
        as_of=as_of,
        daily_goal=daily_goal,
        current_streak=walked.current,
        best_streak=walked.best,
        week=build_week(
            day_counts, daily_goal, week_start(as_of), as_of, work_days, rest, walked.frozen
        ),
        total_completed=total_completed,
        freezes_banked=walked.bank,
    )
