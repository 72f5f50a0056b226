"""The break plan: windows, next prompt times, overnight shifts and DST in both directions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_break.core.plan import (
    is_working_time,
    next_breaks,
    next_window_start,
    window_at,
)
from posture_break.core.quiet import QuietTimes
from posture_break.core.settings import ScheduleSettings, Weekday

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
EVERY_DAY = tuple(Weekday)
OFFICE = ScheduleSettings()  # Mon-Fri 09:00-17:30, every 45 minutes
NIGHTS = ScheduleSettings(work_days=EVERY_DAY, work_start=time(22, 0), work_end=time(6, 0))


def iso(times: list[datetime]) -> list[str]:
    return [t.isoformat() for t in times]


def test_before_the_window_the_first_prompt_is_start_plus_interval() -> None:
    start = datetime(2026, 11, 24, 7, 12, tzinfo=BERLIN)
    assert iso(next_breaks(OFFICE, start, 3)) == [
        "2026-11-24T09:45:00+01:00",
        "2026-11-24T10:30:00+01:00",
        "2026-11-24T11:15:00+01:00",
    ]


def test_inside_the_window_prompts_follow_from_start() -> None:
    start = datetime(2026, 11, 24, 10, 2, tzinfo=BERLIN)
    assert iso(next_breaks(OFFICE, start, 2)) == [
        "2026-11-24T10:47:00+01:00",
        "2026-11-24T11:32:00+01:00",
    ]


def test_a_prompt_at_the_window_end_moves_to_the_next_work_day() -> None:
    # Friday 16:45 + 45 min = 17:30, exactly the end: next is Monday 09:45.
    start = datetime(2026, 11, 27, 16, 45, tzinfo=BERLIN)
    assert iso(next_breaks(OFFICE, start, 2)) == [
        "2026-11-30T09:45:00+01:00",
        "2026-11-30T10:30:00+01:00",
    ]


def test_from_a_fixed_offset_time_the_output_keeps_that_offset() -> None:
    start = datetime(2026, 11, 24, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    assert iso(next_breaks(OFFICE, start, 1)) == ["2026-11-24T09:45:00+01:00"]


def test_a_given_zone_decides_the_window_edges() -> None:
    start = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
    assert iso(next_breaks(OFFICE, start, 1, BERLIN)) == ["2026-11-24T09:45:00+01:00"]


def test_overnight_shift_belongs_to_the_day_it_starts() -> None:
    shift = ScheduleSettings(
        work_days=(Weekday.FRI,), work_start=time(22, 0), work_end=time(6, 0), interval_minutes=60
    )
    saturday_early = datetime(2026, 11, 28, 3, 0, tzinfo=BERLIN)
    window = window_at(shift, saturday_early)
    assert window is not None
    assert window.day == date(2026, 11, 27)
    assert iso(next_breaks(shift, saturday_early, 3)) == [
        "2026-11-28T04:00:00+01:00",
        "2026-11-28T05:00:00+01:00",
        "2026-12-04T23:00:00+01:00",  # 06:00 is the end: next Friday's shift
    ]
    assert not is_working_time(shift, datetime(2026, 11, 28, 22, 30, tzinfo=BERLIN))


def test_spring_forward_keeps_elapsed_intervals_berlin() -> None:
    # 29 March 2026: 02:00 CET becomes 03:00 CEST.
    start = datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)
    assert iso(next_breaks(NIGHTS, start, 3)) == [
        "2026-03-29T03:15:00+02:00",  # 45 real minutes, not 02:15 (which does not exist)
        "2026-03-29T04:00:00+02:00",
        "2026-03-29T04:45:00+02:00",
    ]


def test_fall_back_keeps_elapsed_intervals_berlin() -> None:
    # 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    start = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # the first 02:30 (fold=0)
    assert iso(next_breaks(NIGHTS, start, 3)) == [
        "2026-10-25T02:15:00+01:00",
        "2026-10-25T03:00:00+01:00",
        "2026-10-25T03:45:00+01:00",
    ]


def test_dst_changes_in_new_york_both_ways() -> None:
    office = ScheduleSettings(work_days=EVERY_DAY)
    # The window edges stay at local wall time on both sides of each change.
    spring = next_breaks(office, datetime(2026, 3, 7, 17, 0, tzinfo=NEW_YORK), 2)
    assert iso(spring) == ["2026-03-08T09:45:00-04:00", "2026-03-08T10:30:00-04:00"]
    autumn = next_breaks(office, datetime(2026, 10, 31, 17, 0, tzinfo=NEW_YORK), 2)
    assert iso(autumn) == ["2026-11-01T09:45:00-05:00", "2026-11-01T10:30:00-05:00"]
    night = ScheduleSettings(work_days=EVERY_DAY, work_start=time(23, 0), work_end=time(5, 0))
    falls = next_breaks(night, datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK), 2)
    assert iso(falls) == ["2026-11-01T01:15:00-05:00", "2026-11-01T02:00:00-05:00"]


def test_a_window_edge_in_the_skipped_hour_opens_after_the_gap() -> None:
    shift = ScheduleSettings(work_days=EVERY_DAY, work_start=time(2, 30), work_end=time(8, 0))
    start = next_window_start(shift, datetime(2026, 3, 29, 0, 0, tzinfo=BERLIN))
    assert start is not None
    assert start.isoformat() == "2026-03-29T03:30:00+02:00"


def test_a_window_wholly_in_the_skipped_hour_is_no_window_that_day() -> None:
    # 02:46-03:00 on 2025-03-30 does not exist in Berlin (02:00 jumps to 03:00): no working time
    # that Sunday, so the first prompt is in Monday's window.
    gap = ScheduleSettings(
        work_days=EVERY_DAY, work_start=time(2, 46), work_end=time(3, 0), interval_minutes=5
    )
    sunday = datetime(2025, 3, 30, 0, 0, tzinfo=BERLIN)
    assert window_at(gap, datetime(2025, 3, 30, 3, 0, tzinfo=BERLIN)) is None
    assert not is_working_time(gap, datetime(2025, 3, 30, 1, 50, tzinfo=UTC))
    assert iso(next_breaks(gap, sunday, 1)) == ["2025-03-31T02:51:00+02:00"]


def test_travel_the_zone_of_the_start_decides() -> None:
    # The same instant seen from New York is before work; from Berlin it is mid-afternoon.
    instant = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    assert iso(next_breaks(OFFICE, instant, 1, NEW_YORK)) == ["2026-11-24T09:45:00-05:00"]
    assert iso(next_breaks(OFFICE, instant, 1, BERLIN)) == ["2026-11-24T15:45:00+01:00"]


def test_windows_shorter_than_the_interval_hold_no_prompt() -> None:
    tiny = ScheduleSettings(work_start=time(9, 0), work_end=time(9, 30), interval_minutes=45)
    assert next_breaks(tiny, datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN), 3) == []


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        next_breaks(OFFICE, datetime(2026, 11, 24, 8, 0), 1)  # noqa: DTZ001


# --- Properties. ----------------------------------------------------------------------------------

ZONES = [BERLIN, NEW_YORK, ZoneInfo("Asia/Kolkata"), ZoneInfo("Australia/Lord_Howe"), UTC]


def _schedule(
    interval: int, days: set[Weekday], start_min: int, length_min: int
) -> ScheduleSettings:
    end_min = (start_min + length_min) % 1440
    return ScheduleSettings(
        interval_minutes=interval,
        work_days=tuple(day for day in Weekday if day in days),
        work_start=time(start_min // 60, start_min % 60),
        work_end=time(end_min // 60, end_min % 60),
    )


schedules = st.builds(
    _schedule,
    st.integers(min_value=5, max_value=240),
    st.sets(st.sampled_from(list(Weekday)), min_size=1),
    st.integers(min_value=0, max_value=1439),
    st.integers(min_value=1, max_value=1439),
)

starts = st.datetimes(
    min_value=datetime(2025, 1, 1),  # noqa: DTZ001
    max_value=datetime(2028, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from(ZONES),
)


@given(schedules, starts)
def test_every_prompt_is_in_a_window_on_a_work_day(
    schedule: ScheduleSettings, start: datetime
) -> None:
    work_days = {day.index for day in schedule.work_days}
    times = next_breaks(schedule, start, 6)
    previous = start
    for when in times:
        assert when.tzinfo is start.tzinfo
        window = window_at(schedule, when)
        assert window is not None, when
        assert window.day.weekday() in work_days
        assert window.start.astimezone(UTC) < when.astimezone(UTC) < window.end.astimezone(UTC)
        gap = when.astimezone(UTC) - previous.astimezone(UTC)
        interval = timedelta(minutes=schedule.interval_minutes)
        # Either exactly one interval after the previous one, or a window's start plus one.
        assert gap == interval or when.astimezone(UTC) - window.start.astimezone(UTC) == interval
        assert gap >= interval or window_at(schedule, previous) != window
        previous = when


@given(schedules, starts)
def test_the_plan_continues_from_any_of_its_prompts(
    schedule: ScheduleSettings, start: datetime
) -> None:
    times = next_breaks(schedule, start, 5)
    if len(times) >= 2:
        assert next_breaks(schedule, times[1], 3) == times[2:5]


def test_next_prompts_never_fall_in_a_quiet_time() -> None:
    schedule = ScheduleSettings(interval_minutes=60)
    start = datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)  # a Wednesday at the window's start
    quiet = QuietTimes.parse(["11:30-12:30"])
    times = next_breaks(schedule, start, 5, BERLIN, quiet)
    assert [f"{t:%H:%M}" for t in times] == ["10:00", "11:00", "12:30", "13:30", "14:30"]


def test_a_quiet_time_that_ends_after_work_moves_to_the_next_day() -> None:
    schedule = ScheduleSettings(interval_minutes=60)
    start = datetime(2026, 11, 25, 16, 0, tzinfo=BERLIN)
    quiet = QuietTimes.parse(["16:45-18:00"])
    times = next_breaks(schedule, start, 2, BERLIN, quiet)
    assert [f"{t:%a %H:%M}" for t in times] == ["Thu 10:00", "Thu 11:00"]
