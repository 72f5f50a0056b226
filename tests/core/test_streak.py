"""Streak rules: examples from the README's contract and properties against a plain model."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_break.core.record import DayCounts
from posture_break.core.rest_days import MAX_REST_RANGE_DAYS, rest_range
from posture_break.core.streak import (
    MAX_FREEZES,
    StreakWalk,
    best_streak,
    current_streak,
    days_meeting_goal,
    streaks,
    walk_streak,
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


# --- Rest days and freezes: examples. -------------------------------------------------------------


def week_of(monday: date, *weekdays: int) -> set[date]:
    return {monday + timedelta(days=n) for n in weekdays}


FULL_WEEK = (0, 1, 2, 3, 4)


def test_the_readme_worked_example() -> None:
    first = date(2026, 11, 2)  # goal met every work day of this week: a freeze on Sunday 8th
    second = date(2026, 11, 9)  # Tue missed (frozen), Wed a rest day, Thu and Fri met
    met = week_of(first, *FULL_WEEK) | week_of(second, 0, 3, 4)
    rest = {second + timedelta(days=2)}
    on_sunday = walk_streak(met, first + timedelta(days=6), WEEKDAYS, rest_days=rest)
    assert (on_sunday.current, on_sunday.bank) == (5, 1)
    friday = walk_streak(met, second + timedelta(days=4), WEEKDAYS, rest_days=rest)
    assert friday == StreakWalk(8, 8, 0, frozenset({second + timedelta(days=1)}))
    # No freeze earned that week, so missing Monday 16th ends the streak (seen on Tuesday 17th).
    after = walk_streak(met, date(2026, 11, 17), WEEKDAYS, rest_days=rest)
    assert (after.current, after.best, after.bank) == (0, 8, 0)


def test_the_bank_holds_at_most_two_freezes() -> None:
    met = week_of(d(0), *FULL_WEEK) | week_of(d(7), *FULL_WEEK) | week_of(d(14), *FULL_WEEK)
    three_weeks = walk_streak(met, d(20), WEEKDAYS)
    assert (three_weeks.current, three_weeks.bank) == (15, MAX_FREEZES)
    # Monday to Wednesday missed: two freezes cover Mon and Tue, Wednesday breaks the streak.
    later = walk_streak(met | {d(24)}, d(24), WEEKDAYS)
    assert later.frozen == {d(21), d(22)}
    assert (later.current, later.best, later.bank) == (1, 15, 0)


def test_a_freeze_covers_the_day_and_the_next_miss_breaks() -> None:
    met = week_of(d(0), *FULL_WEEK) | {d(9)}
    walked = walk_streak(met, d(9), WEEKDAYS)  # Mon d(7) frozen, Tue d(8) breaks, Wed met
    assert walked == StreakWalk(1, 5, 0, frozenset({d(7)}))
    assert walk_streak(set(), d(9), WEEKDAYS) == StreakWalk()


def test_a_week_with_a_frozen_day_earns_nothing() -> None:
    met = week_of(d(0), *FULL_WEEK) | week_of(d(7), 1, 2, 3, 4)  # Mon d(7) frozen
    walked = walk_streak(met, d(13), WEEKDAYS)
    assert walked.frozen == {d(7)}
    assert (walked.current, walked.bank) == (9, 0)


def test_rest_days_inside_a_streak_neither_add_nor_break() -> None:
    met = {d(0), d(2)}
    assert walk_streak(met, d(2), WEEKDAYS, rest_days={d(1)}).current == 2
    assert walk_streak(met, d(2), WEEKDAYS, rest_days={d(1)}, freezes=False).current == 2
    assert walk_streak(met, d(2), WEEKDAYS, freezes=False).current == 1


def test_a_rest_day_that_meets_the_goal_still_adds_one() -> None:
    assert walk_streak({d(0), d(1), d(2)}, d(2), WEEKDAYS, rest_days={d(1)}).current == 3


def test_rest_days_outside_a_streak_change_nothing() -> None:
    met = {d(10), d(11)}
    before = {d(-40), d(-3), d(30)}  # long before, just before, and after as_of
    assert walk_streak(met, d(11), WEEKDAYS, rest_days=before) == walk_streak(met, d(11), WEEKDAYS)


def test_a_week_of_only_rest_days_earns_no_freeze() -> None:
    met = week_of(d(0), *FULL_WEEK) | {d(14)}
    rest = week_of(d(7), *FULL_WEEK)  # a week off
    walked = walk_streak(met, d(14), WEEKDAYS, rest_days=rest)
    assert (walked.current, walked.bank) == (6, 1)  # only the first week earned one


def test_a_week_whose_missed_days_are_rest_days_earns_a_freeze() -> None:
    met = week_of(d(0), 0, 1, 2)
    walked = walk_streak(met, d(6), WEEKDAYS, rest_days={d(3), d(4)})
    assert (walked.current, walked.bank) == (3, 1)


def test_holidays_over_new_year_keep_the_streak() -> None:
    monday = date(2026, 12, 21)
    met = week_of(monday, 0, 1, 2, 3) | {date(2027, 1, 4)}
    holidays = rest_range(date(2026, 12, 25), date(2027, 1, 1))
    assert len(holidays) == 8
    assert (holidays[0].year, holidays[-1].year) == (2026, 2027)
    walked = walk_streak(met, date(2027, 1, 4), WEEKDAYS, rest_days=holidays, freezes=False)
    assert walked.current == 5


def test_rest_ranges_are_inclusive_and_at_most_366_days() -> None:
    assert rest_range(d(0)) == [d(0)]
    assert rest_range(d(0), d(2)) == [d(0), d(1), d(2)]
    assert len(rest_range(date(2027, 1, 1), date(2028, 1, 1))) == MAX_REST_RANGE_DAYS == 366
    with pytest.raises(ValueError, match="367 days; at most 366"):
        rest_range(date(2027, 1, 1), date(2028, 1, 2))
    with pytest.raises(ValueError, match="before"):
        rest_range(d(2), d(1))


# --- Rest days and freezes: properties against a literal reading of the rules. -------------------


def spec_walk(
    records: set[date],
    met: set[date],
    rest: set[date],
    as_of: date,
    work_days: frozenset[int],
    freezes: bool,
) -> StreakWalk:
    """The five numbered rules, word for word, from the Monday of the first record or rest day."""
    starts = [day for day in records | met | rest if day <= as_of]
    if not starts:
        return StreakWalk()
    run = best = bank = 0
    frozen: set[date] = set()
    day = min(starts) - timedelta(days=min(starts).weekday())
    while day <= as_of:
        if day in met:
            run += 1
            best = max(best, run)
        elif day == as_of or day in rest or day.weekday() not in work_days:
            pass
        elif freezes and run > 0 and bank > 0:
            bank -= 1
            frozen.add(day)
        else:
            run = 0
        if day.weekday() == 6:
            week = [day - timedelta(days=n) for n in range(7)]
            kept = [w for w in week if w.weekday() in work_days and w not in rest]
            if freezes and kept and all(w in met for w in kept):
                bank = min(bank + 1, 2)
        day += timedelta(days=1)
    return StreakWalk(run, best, bank, frozenset(frozen))


records_st = st.sets(st.integers(min_value=-10, max_value=60).map(d), max_size=10)
rest_st = st.sets(st.integers(min_value=-10, max_value=70).map(d), max_size=20)


@given(records_st, days_st, rest_st, as_of_st, work_st, st.booleans())
def test_the_walk_follows_the_rules_word_for_word(
    records: set[date],
    met: set[date],
    rest: set[date],
    as_of: date,
    work_days: frozenset[int],
    freezes: bool,
) -> None:
    walked = walk_streak(met, as_of, work_days, rest_days=rest, freezes=freezes)
    assert walked == spec_walk(records, met, rest, as_of, work_days, freezes)


@given(days_st, as_of_st, work_st)
def test_freezes_off_without_rest_days_are_exactly_the_old_rules(
    met: set[date], as_of: date, work_days: frozenset[int]
) -> None:
    runs = model_runs({day for day in met if day <= as_of}, as_of, work_days)
    walked = walk_streak(met, as_of, work_days, freezes=False)
    assert (walked.current, walked.best) == (runs[-1], max(runs))
    assert (walked.bank, walked.frozen) == (0, frozenset())


@given(days_st, rest_st, as_of_st, work_st)
def test_freezes_only_ever_save_a_streak(
    met: set[date], rest: set[date], as_of: date, work_days: frozenset[int]
) -> None:
    on = walk_streak(met, as_of, work_days, rest_days=rest)
    off = walk_streak(met, as_of, work_days, rest_days=rest, freezes=False)
    assert on.current >= off.current
    assert on.best >= off.best
    assert 0 <= on.bank <= MAX_FREEZES
    assert on.bank == 0 or on.current > 0  # a freeze is only ever earned by a live streak
    for day in on.frozen:
        assert day < as_of
        assert day not in met | rest
        assert day.weekday() in work_days


@given(days_st, rest_st, as_of_st, work_st, st.integers(min_value=0, max_value=60).map(d))
def test_resting_on_a_missed_day_never_lowers_a_streak(
    met: set[date], rest: set[date], as_of: date, work_days: frozenset[int], extra: date
) -> None:
    if extra in met:
        return
    before = walk_streak(met, as_of, work_days, rest_days=rest)
    after = walk_streak(met, as_of, work_days, rest_days=rest | {extra})
    assert after.current >= before.current
    assert after.best >= before.best


@given(days_st, rest_st, as_of_st, work_st, st.sets(st.integers(min_value=1, max_value=30)))
def test_rest_days_and_records_after_as_of_change_nothing(
    met: set[date], rest: set[date], as_of: date, work_days: frozenset[int], later: set[int]
) -> None:
    future = {as_of + timedelta(days=n) for n in later}
    assert walk_streak(met | future, as_of, work_days, rest_days=rest | future) == walk_streak(
        met, as_of, work_days, rest_days=rest
    )
