"""The numbers shown to the user: streaks, a week against the goal, totals.

`build_stats` is the one source of what `posture-break stats` prints and what the review window
shows; `build_week` gives any other week with the same rules. Records after `as_of` never count.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta

from posture_break.core.daycounts import DayCounts, FrozenValue
from posture_break.core.streak import days_meeting_goal, streaks, streaks_of_ordinals

# `typing` costs milliseconds to import and `posture-break stats` imports this: only mypy needs it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_NOTHING = DayCounts()


class DayStat(FrozenValue):
    """One day of a week: its counts and whether it met the goal.

    Days after `as_of` (`is_future`) show zeros and never meet the goal.
    """

    __slots__ = (
        "abandoned",
        "completed",
        "day",
        "goal_met",
        "is_future",
        "is_work_day",
        "skipped",
        "snoozed",
    )
    day: date
    completed: int
    skipped: int
    snoozed: int
    abandoned: int
    goal_met: bool
    is_future: bool
    is_work_day: bool

    def __init__(
        self,
        day: date,
        completed: int,
        skipped: int,
        snoozed: int,
        abandoned: int,
        goal_met: bool,
        is_future: bool,
        is_work_day: bool,
    ) -> None:
        self._set(
            day=day,
            completed=completed,
            skipped=skipped,
            snoozed=snoozed,
            abandoned=abandoned,
            goal_met=goal_met,
            is_future=is_future,
            is_work_day=is_work_day,
        )

    def to_json_dict(self) -> dict[str, Any]:
        """Return the day as `stats --json` prints it."""
        return {
            "date": self.day.isoformat(),
            "completed": self.completed,
            "skipped": self.skipped,
            "snoozed": self.snoozed,
            "goal_met": self.goal_met,
        }


class WeekReport(FrozenValue):
    """An ISO week (Monday first) against the daily goal."""

    __slots__ = ("completed", "days", "goal_days_met", "start")
    start: date
    days: tuple[DayStat, ...]
    completed: int
    goal_days_met: int

    def __init__(
        self, start: date, days: tuple[DayStat, ...], completed: int, goal_days_met: int
    ) -> None:
        if start.weekday() != 0:
            raise ValueError(f"week start {start} is not a Monday")
        if len(days) != 7:
            raise ValueError(f"a week has 7 days, not {len(days)}")
        self._set(start=start, days=days, completed=completed, goal_days_met=goal_days_met)

    def to_json_dict(self) -> dict[str, Any]:
        """Return the week as `stats --json` prints it."""
        return {
            "start": self.start.isoformat(),
            "days": [day.to_json_dict() for day in self.days],
            "completed": self.completed,
            "goal_days_met": self.goal_days_met,
        }


class StatsReport(FrozenValue):
    """Everything `posture-break stats` reports as of one day."""

    __slots__ = (
        "as_of",
        "best_streak",
        "current_streak",
        "daily_goal",
        "total_completed",
        "week",
    )
    as_of: date
    daily_goal: int
    current_streak: int
    best_streak: int
    week: WeekReport
    total_completed: int

    def __init__(
        self,
        as_of: date,
        daily_goal: int,
        current_streak: int,
        best_streak: int,
        week: WeekReport,
        total_completed: int,
    ) -> None:
        self._set(
            as_of=as_of,
            daily_goal=daily_goal,
            current_streak=current_streak,
            best_streak=best_streak,
            week=week,
            total_completed=total_completed,
        )

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
    goal_days = days_meeting_goal(day_counts, daily_goal)
    return _report(
        streaks(goal_days, as_of, work_days),
        day_counts,
        total_completed,
        daily_goal,
        work_days,
        as_of,
    )


def build_stats_from_goal_days(
    goal_ordinals: Sequence[int],
    week_counts: Mapping[date, DayCounts],
    total_completed: int,
    daily_goal: int,
    work_days: Collection[int],
    as_of: date,
) -> StatsReport:
    """Return the report as of `as_of` from the days that met the goal and one week's counts.

    The same report as `build_stats`, for a caller that reads less than every day's counts:
    `posture-break stats` on years of history reads just the goal days and one week.

    Args:
        goal_ordinals: The days that met the goal (as `days_meeting_goal` gives them), as sorted,
            distinct `date.toordinal()` numbers; days after `as_of` are ignored.
        week_counts: Counts per local day of at least the week holding `as_of`.
        total_completed: All completed stretches up to and including `as_of`.
        daily_goal: Completed stretches a day that keep the streak alive.
        work_days: `date.weekday()` numbers of the work days.
        as_of: The day the report is for (usually today).
    """
    if daily_goal < 1:
        raise ValueError(f"daily goal {daily_goal} must be at least 1")
    return _report(
        streaks_of_ordinals(goal_ordinals, as_of, work_days),
        week_counts,
        total_completed,
        daily_goal,
        work_days,
        as_of,
    )


def _report(
    current_and_best: tuple[int, int],
    week_counts: Mapping[date, DayCounts],
    total_completed: int,
    daily_goal: int,
    work_days: Collection[int],
    as_of: date,
) -> StatsReport:
    if total_completed < 0:
        raise ValueError(f"total_completed {total_completed} is negative")
    current, best = current_and_best
    return StatsReport(
        as_of=as_of,
        daily_goal=daily_goal,
        current_streak=current,
        best_streak=best,
        week=build_week(week_counts, daily_goal, week_start(as_of), as_of, work_days),
        total_completed=total_completed,
    )
