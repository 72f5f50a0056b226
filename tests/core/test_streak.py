"""Streak rules: examples from the README's contract and properties against a plain model."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from posture_break.core.record import DayCounts
from posture_break.core.streak import (
    best_streak,
    current_streak,
    days_meeting_goal,
    streaks,
)

WEEKDAYS = frozenset(range(5))  # Monday..Friday
MON = date(2026, 11, 23)  # a Monday


def d(offset: int) -> date:
    return MON + timedelta(days=offset)


def test_empty_history_has_no_streak() -> None:
    assert streaks(set(), d(0), WEEKDAYS) == (0, 0)


def test_today_not_yet_met_does_not_break_the_streak() -> None:
    met = {d(0), d(1), d(2)}  # Mon-Wed
    assert current_streak(met, d(3), WEEKDAYS) == 3  # Thursday morning, nothing done yet


def test_today_met_adds_one() -> None:
    assert current_streak({d(0), d(1), d(2), d(3)}, d(3), WEEKDAYS) == 4


def test_a_missed_work_day_ends_the_streak() -> None:
    met = {d(0), d(2)}  # Tuesday missed
    assert current_streak(met, d(2), WEEKDAYS) == 1
    assert current_streak(met, d(3), WEEKDAYS) == 1
    assert best_streak(met, d(3), WEEKDAYS) == 1


def test_yesterday_missed_means_no_streak_today() -> None:
    assert current_streak({d(0)}, d(2), WEEKDAYS) == 0
    assert best_streak({d(0)}, d(2), WEEKDAYS) == 1


def test_the_weekend_is_passed_over() -> None:
    met = {d(3), d(4), d(7)}  # Thu, Fri, next Mon
    assert current_streak(met, d(7), WEEKDAYS) == 3
    assert current_streak(met, d(6), WEEKDAYS) == 2  # on Sunday: Fri and Thu


def test_a_met_weekend_day_adds_one() -> None:
    met = {d(4), d(5), d(7)}  # Fri, Sat, Mon
    assert current_streak(met, d(7), WEEKDAYS) == 3
    assert best_streak(met, d(7), WEEKDAYS) == 3


def test_records_after_as_of_are_ignored() -> None:
    met = {d(0), d(1), d(2), d(10), d(11)}
    assert streaks(met, d(2), WEEKDAYS) == (3, 3)


def test_best_streak_remembers_an_older_longer_run() -> None:
    met = {d(0), d(1), d(2), d(3), d(4), d(7), d(9), d(10)}  # broken on Tue d(8)
    assert current_streak(met, d(10), WEEKDAYS) == 2
    assert best_streak(met, d(10), WEEKDAYS) == 6


def test_goal_counts_only_completed_stretches() -> None:
    counts = {
        d(0): DayCounts(completed=4),
        d(1): DayCounts(completed=3, skipped=5, snoozed=2, abandoned=1),
        d(2): DayCounts(completed=9),
    }
    assert days_meeting_goal(counts, 4) == {d(0), d(2)}


def test_every_day_a_work_day() -> None:
    everyday = frozenset(range(7))
    assert current_streak({d(4), d(6)}, d(6), everyday) == 1  # Saturday missed


def test_no_work_days_never_breaks() -> None:
    assert current_streak({d(0), d(5), d(20)}, d(30), frozenset()) == 3


# --- Properties against a literal day-by-day reading of the rules. --------------------------------


def model_runs(met: set[date], as_of: date, work_days: frozenset[int]) -> list[int]:
    """Walk forward day by day from the first met day, returning each run's length at each day."""
    if not met:
        return [0]
    runs = [0]
    run = 0
    day = min(met)
    while day <= as_of:
        if day in met:
            run += 1
        elif day != as_of and day.weekday() in work_days:
            run = 0
        runs.append(run)
        day += timedelta(days=1)
    return runs


days_st = st.sets(st.integers(min_value=0, max_value=60).map(d), max_size=40)
work_st = st.frozensets(st.integers(min_value=0, max_value=6))
as_of_st = st.integers(min_value=-3, max_value=70).map(d)


@given(days_st, as_of_st, work_st)
def test_streaks_match_the_model(met: set[date], as_of: date, work_days: frozenset[int]) -> None:
    seen = {day for day in met if day <= as_of}
    runs = model_runs(seen, as_of, work_days)
    assert current_streak(met, as_of, work_days) == runs[-1]
    assert best_streak(met, as_of, work_days) == max(runs)


@given(days_st, as_of_st, work_st)
def test_best_is_at_least_current(met: set[date], as_of: date, work_days: frozenset[int]) -> None:
    current, best = streaks(met, as_of, work_days)
    assert 0 <= current <= best <= len(met)


@given(days_st, as_of_st, work_st, st.integers(min_value=1, max_value=30).map(d))
def test_meeting_the_goal_on_one_more_day_never_lowers_a_streak(
    met: set[date], as_of: date, work_days: frozenset[int], extra: date
) -> None:
    before = streaks(met, as_of, work_days)
    after = streaks(met | {extra}, as_of, work_days)
    assert after[0] >= before[0]
    assert after[1] >= before[1]


@given(days_st, as_of_st, work_st, st.sets(st.integers(min_value=1, max_value=30)))
def test_days_after_as_of_change_nothing(
    met: set[date], as_of: date, work_days: frozenset[int], later: set[int]
) -> None:
    future = {as_of + timedelta(days=n) for n in later}
    assert streaks(met | future, as_of, work_days) == streaks(met, as_of, work_days)
