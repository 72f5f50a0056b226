"""The stats report: the `stats --json` shape, the ISO week, and days after as_of."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_break.core.history import BreakHistory
from posture_break.core.record import BreakRecord, DayCounts, Outcome, Trigger
from posture_break.core.stats import (
    StatsService,
    TodaySummary,
    build_stats,
    build_week,
    week_start,
)
from posture_break.core.stats_text import week_sentence

WEEKDAYS = frozenset(range(5))
MON = date(2026, 11, 23)


def test_json_shape_is_exactly_the_documented_one() -> None:
    counts = {
        MON: DayCounts(completed=4, skipped=1),
        MON + timedelta(days=1): DayCounts(completed=2, snoozed=3, abandoned=1),
    }
    report = build_stats(counts, 6, 4, WEEKDAYS, MON + timedelta(days=1))
    data = json.loads(json.dumps(report.to_json_dict()))
    assert list(data) == [
        "as_of",
        "daily_goal",
        "current_streak",
        "best_streak",
        "freezes_banked",
        "week",
        "total_completed",
    ]
    assert data["as_of"] == "2026-11-24"
    assert data["daily_goal"] == 4
    assert (data["current_streak"], data["best_streak"]) == (1, 1)
    assert data["total_completed"] == 6
    assert data["freezes_banked"] == 0
    week = data["week"]
    assert list(week) == ["start", "days", "completed", "goal_days_met"]
    assert week["start"] == "2026-11-23"
    assert (week["completed"], week["goal_days_met"]) == (6, 1)
    assert week["days"][0] == {
        "date": "2026-11-23",
        "completed": 4,
        "skipped": 1,
        "snoozed": 0,
        "goal_met": True,
        "rest": False,
        "frozen": False,
    }
    assert week["days"][1] == {
        "date": "2026-11-24",
        "completed": 2,
        "skipped": 0,
        "snoozed": 3,
        "goal_met": False,
        "rest": False,
        "frozen": False,
    }
    assert [day["date"] for day in week["days"]] == [
        (MON + timedelta(days=n)).isoformat() for n in range(7)
    ]


def test_days_after_as_of_show_zeros() -> None:
    counts = {MON + timedelta(days=n): DayCounts(completed=5, skipped=1) for n in range(7)}
    report = build_stats(counts, 10, 4, WEEKDAYS, MON + timedelta(days=2))
    days = report.to_json_dict()["week"]["days"]
    assert [day["completed"] for day in days] == [5, 5, 5, 0, 0, 0, 0]
    assert [day["goal_met"] for day in days] == [True, True, True, False, False, False, False]
    assert report.week.completed == 15
    assert report.current_streak == 3


def test_sunday_belongs_to_the_week_that_started_monday() -> None:
    sunday = MON + timedelta(days=6)
    assert build_stats({}, 0, 4, WEEKDAYS, sunday).week.start == MON
    assert build_stats({}, 0, 4, WEEKDAYS, sunday + timedelta(days=1)).week.start == sunday + (
        timedelta(days=1)
    )


def test_empty_history() -> None:
    data = build_stats({}, 0, 4, WEEKDAYS, MON).to_json_dict()
    assert data["current_streak"] == data["best_streak"] == data["total_completed"] == 0
    assert data["week"]["completed"] == data["week"]["goal_days_met"] == 0


def test_a_previous_week_has_the_same_numbers_as_when_it_was_current() -> None:
    counts = {MON - timedelta(days=7 - n): DayCounts(completed=n) for n in range(7)}
    friday_then = MON - timedelta(days=3)
    earlier = build_stats(counts, 21, 3, WEEKDAYS, MON - timedelta(days=1)).week
    later = build_week(counts, 3, MON - timedelta(days=7), MON + timedelta(days=30), WEEKDAYS)
    assert earlier == later
    assert later.goal_days_met == 4  # 3, 4, 5 and 6 completed
    assert not later.days[0].is_future
    assert build_week(counts, 3, MON - timedelta(days=7), friday_then).days[5].is_future


def test_build_week_wants_a_monday() -> None:
    with pytest.raises(ValueError, match="not a Monday"):
        build_week({}, 4, MON + timedelta(days=1), MON)


@given(
    st.dictionaries(
        st.integers(min_value=0, max_value=40).map(lambda n: MON + timedelta(days=n)),
        st.builds(DayCounts, st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)),
    ),
    st.integers(min_value=0, max_value=40).map(lambda n: MON + timedelta(days=n)),
    st.integers(min_value=1, max_value=6),
)
def test_week_totals_add_up(counts: dict[date, DayCounts], as_of: date, goal: int) -> None:
    report = build_stats(counts, 0, goal, WEEKDAYS, as_of)
    week = report.week
    assert week.start == week_start(as_of)
    assert week.start.weekday() == 0
    assert week.completed == sum(
        c.completed for day, c in counts.items() if week.start <= day <= as_of
    )
    assert week.goal_days_met == sum(day.goal_met for day in week.days)
    assert all(not day.goal_met and day.completed == 0 for day in week.days if day.day > as_of)
    assert report.current_streak <= report.best_streak


# --- The one stats service. -----------------------------------------------------------------------


class RecordingHistory:
    """A real in-memory history that notes which day ranges were asked for."""

    def __init__(self) -> None:
        self.history = BreakHistory(sqlite3.connect(":memory:"))
        self.asked: list[tuple[date | None, date]] = []

    def day_counts(self, first: date | None, last: date) -> dict[date, DayCounts]:
        self.asked.append((first, last))
        return self.history.day_counts(first, last)

    def total_completed(self, until: date) -> int:
        return self.history.total_completed(until)

    def rest_days(self, first: date | None = None, last: date | None = None) -> tuple[date, ...]:
        return self.history.rest_days(first, last)

    def add(self, day: date, completed: int) -> None:
        start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        self.history.record_many(
            BreakRecord.at(
                start + timedelta(minutes=n), "cat-cow", Outcome.COMPLETED, 60, Trigger.SCHEDULED
            )
            for n in range(completed)
        )


def test_the_service_reports_what_build_stats_reports() -> None:
    recording = RecordingHistory()
    for offset in range(12):
        recording.add(MON - timedelta(days=offset), 4 if offset != 5 else 1)
    service = StatsService(recording, 4, WEEKDAYS)
    counts = recording.history.day_counts(None, MON)
    expected = build_stats(counts, recording.history.total_completed(MON), 4, WEEKDAYS, MON)
    assert service.report(MON) == expected
    assert service.week(MON, MON) == expected.week


def test_today_summary_reads_the_per_day_totals_once() -> None:
    recording = RecordingHistory()
    recording.add(MON - timedelta(days=400), 9)  # an old goal day far behind a missed work day
    for offset in range(1, 40):
        recording.add(MON - timedelta(days=offset), 4)
    recording.add(MON, 2)
    summary = StatsService(recording, 4, WEEKDAYS).today_summary(MON)
    # 39 days: a freeze covered nothing (the old day is a year back), and today is not over.
    assert summary == TodaySummary(completed=2, current_streak=39)
    assert recording.asked == [(None, MON)]


@given(
    st.sets(st.integers(min_value=0, max_value=90)),
    st.frozensets(st.integers(min_value=0, max_value=6)),
    st.sets(st.integers(min_value=-5, max_value=90)),
    st.booleans(),
)
def test_today_summary_agrees_with_the_full_report(
    goal_offsets: set[int], work: frozenset[int], rest_offsets: set[int], freezes: bool
) -> None:
    counts = {MON - timedelta(days=n): DayCounts(completed=3) for n in goal_offsets}
    rest = {MON - timedelta(days=n) for n in rest_offsets}

    class Totals:
        def day_counts(self, first: date | None, last: date) -> dict[date, DayCounts]:
            return {d: c for d, c in counts.items() if (first is None or first <= d) and d <= last}

        def total_completed(self, until: date) -> int:
            return sum(c.completed for d, c in counts.items() if d <= until)

        def rest_days(
            self, first: date | None = None, last: date | None = None
        ) -> tuple[date, ...]:
            return tuple(
                sorted(
                    d for d in rest if (first is None or first <= d) and (last is None or d <= last)
                )
            )

    service = StatsService(Totals(), 3, work, freezes=freezes)
    summary = service.today_summary(MON)
    report = service.report(MON)
    assert summary.current_streak == report.current_streak
    assert summary.completed == (3 if 0 in goal_offsets else 0)


# --- Rest days, frozen days and the bank in the report. -------------------------------------------


def test_the_week_shows_rest_and_frozen_days_and_the_bank() -> None:
    last_week = {MON - timedelta(days=7 - n): DayCounts(completed=4) for n in range(5)}
    this_week = {MON: DayCounts(completed=4), MON + timedelta(days=3): DayCounts(completed=5)}
    rest = {MON + timedelta(days=2), MON + timedelta(days=9)}  # Wed, and a day after as_of
    report = build_stats(
        {**last_week, **this_week}, 33, 4, WEEKDAYS, MON + timedelta(days=4), rest_days=rest
    )
    days = report.to_json_dict()["week"]["days"]
    assert [day["rest"] for day in days] == [False, False, True, False, False, False, False]
    assert [day["frozen"] for day in days] == [False, True, False, False, False, False, False]
    assert report.current_streak == 7  # Tue frozen, Wed rest, Fri is today and not over
    assert report.freezes_banked == 0
    off = build_stats(
        {**last_week, **this_week},
        33,
        4,
        WEEKDAYS,
        MON + timedelta(days=4),
        rest_days=rest,
        freezes=False,
    )
    assert (off.current_streak, off.freezes_banked) == (1, 0)
    assert not any(day.frozen for day in off.week.days)


def test_days_after_as_of_are_neither_rest_nor_frozen() -> None:
    rest = {MON + timedelta(days=n) for n in range(7)}
    report = build_stats({}, 0, 4, WEEKDAYS, MON + timedelta(days=1), rest_days=rest)
    assert [day.rest for day in report.week.days] == [True, True] + [False] * 5


def test_a_week_straddling_the_dst_change_and_travel_counts_by_local_day() -> None:
    # Europe's clocks go back on Sunday 25 October 2026; that week ends in New York, where the
    # evening breaks are already the next day in UTC.
    recording = RecordingHistory()
    summer, winter = timezone(timedelta(hours=2)), timezone(timedelta(hours=1))
    new_york = timezone(timedelta(hours=-5))
    monday = date(2026, 10, 19)
    for offset in range(4):
        day = monday + timedelta(days=offset)
        for n in range(4):
            start = datetime(day.year, day.month, day.day, 9 + n, tzinfo=summer)
            recording.history.record(
                BreakRecord.at(start, "cat-cow", Outcome.COMPLETED, 60, Trigger.SCHEDULED)
            )
    for n in range(4):  # Friday evening in New York: 23 October there, 24 October in UTC
        start = datetime(2026, 10, 23, 20, 30 + n, tzinfo=new_york)
        recording.history.record(
            BreakRecord.at(start, "cat-cow", Outcome.COMPLETED, 60, Trigger.SCHEDULED)
        )
    next_monday = datetime(2026, 10, 26, 9, tzinfo=winter)
    recording.history.record(
        BreakRecord.at(next_monday, "cat-cow", Outcome.COMPLETED, 60, Trigger.SCHEDULED)
    )
    service = StatsService(recording, 4, WEEKDAYS)
    sunday = service.report(date(2026, 10, 25))
    assert [day.goal_met for day in sunday.week.days] == [True] * 5 + [False] * 2
    assert (sunday.current_streak, sunday.freezes_banked) == (5, 1)
    # Monday 26th (1 of 4) and Tuesday missed: the freeze covers Monday, Tuesday breaks.
    wednesday = service.report(date(2026, 10, 28))
    assert [day.frozen for day in wednesday.week.days][:3] == [True, False, False]
    assert (wednesday.current_streak, wednesday.best_streak) == (0, 5)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=20),  # the local day, from Monday 19 October 2026
            st.integers(min_value=0, max_value=23),  # the local hour
            st.integers(min_value=-11, max_value=13),  # the UTC offset there (DST, travel)
        ),
        max_size=60,
    ),
    st.sets(st.integers(min_value=0, max_value=20), max_size=4),
    st.booleans(),
)
def test_streaks_follow_the_local_day_whatever_the_offset(
    breaks: list[tuple[int, int, int]], rest_offsets: set[int], freezes: bool
) -> None:
    # Three weeks around Europe's DST change (25 October 2026), breaks taken anywhere on Earth.
    monday = date(2026, 10, 19)
    recording = RecordingHistory()
    local: dict[date, int] = {}
    for offset, hour, utc_offset in breaks:
        day = monday + timedelta(days=offset)
        start = datetime(
            day.year, day.month, day.day, hour, tzinfo=timezone(timedelta(hours=utc_offset))
        )
        recording.history.record(
            BreakRecord.at(start, "cat-cow", Outcome.COMPLETED, 60, Trigger.SCHEDULED)
        )
        local[day] = local.get(day, 0) + 1
    rest = {monday + timedelta(days=n) for n in rest_offsets}
    recording.history.add_rest_days(rest)
    as_of = monday + timedelta(days=20)
    counts = {day: DayCounts(completed=n) for day, n in local.items()}
    expected = build_stats(
        counts, sum(local.values()), 2, WEEKDAYS, as_of, rest_days=rest, freezes=freezes
    )
    assert StatsService(recording, 2, WEEKDAYS, freezes=freezes).report(as_of) == expected


def test_the_week_sentence_counts_only_days_so_far_and_names_rest_and_frozen_days() -> None:
    last_week = {MON - timedelta(days=7 - n): DayCounts(completed=4) for n in range(5)}
    this_week = {
        MON: DayCounts(completed=4, skipped=1),
        MON + timedelta(days=3): DayCounts(completed=5, snoozed=2),
    }
    saturday = MON + timedelta(days=5)
    report = build_stats(
        {**last_week, **this_week}, 33, 4, WEEKDAYS, saturday, rest_days={MON + timedelta(days=2)}
    )
    assert week_sentence(report.week) == (
        "Goal met on 2 of 6 days (5 work days) · 9 stretches done · 1 skipped · 2 snoozed"
        " · 1 rest day · 1 frozen"
    )
