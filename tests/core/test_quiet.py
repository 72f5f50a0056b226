"""Quiet times: parsing, membership, where they end, and moving a prompt out of them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from posture_break.core.quiet import QuietPeriod, QuietRange, QuietTimes, quiet_today

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def at(text: str, zone: ZoneInfo = BERLIN, fold: int = 0) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone, fold=fold)


def elapsed(start: datetime, end: datetime) -> timedelta:
    # Subtracting two datetimes that share a tzinfo gives the wall-clock difference, not time.
    return end.astimezone(UTC) - start.astimezone(UTC)


def quiet(*texts: str) -> QuietTimes:
    return QuietTimes.parse(texts)


# -- parsing


def test_a_range_reads_as_written() -> None:
    assert QuietRange.parse("12:00-13:00") == QuietRange(time(12), time(13))
    assert QuietRange.parse(" 9:05 - 9:35 ") == QuietRange(time(9, 5), time(9, 35))
    assert str(QuietRange.parse("22:00-06:30")) == "22:00-06:30"
    assert QuietRange.parse("22:00-06:30").is_overnight
    assert not QuietRange.parse("00:00-06:30").is_overnight


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12:00", "'12:00' is not a range"),
        ("noon-13:00", "'noon' is not a time of day"),
        ("12:00-25:00", "'25:00' is not a time of day"),
        ("12:00-13:60", "'13:60' is not a time of day"),
        ("12-13", "'12' is not a time of day"),
        ("", "'' is not a range"),
        ("12:00-12:00", "'12:00-12:00' is empty"),
    ],
)
def test_a_bad_range_is_refused_naming_the_value(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        QuietRange.parse(text)


def test_the_settings_list_names_the_bad_entry() -> None:
    with pytest.raises(ValueError, match="quiet time '1300-1400'"):
        QuietTimes.parse(["12:00-13:00", "1300-1400"])


@pytest.mark.parametrize(
    "texts",
    [
        ["00:00-12:00", "12:00-00:00"],
        ["08:00-07:59", "07:00-08:30"],
        ["18:00-09:00", "09:00-18:00"],
    ],
)
def test_quiet_times_covering_the_whole_day_are_refused(texts: list[str]) -> None:
    with pytest.raises(ValueError, match="cover the whole day"):
        QuietTimes.parse(texts)


def test_almost_the_whole_day_is_allowed() -> None:
    times = quiet("00:00-12:00", "12:01-00:00")
    assert times.next_outside(at("2026-05-04T11:00")) == at("2026-05-04T12:00")


# -- membership and ends


def test_lunch_break() -> None:
    times = quiet("12:00-13:00")
    assert not times.is_quiet(at("2026-05-04T11:59:59"))
    assert times.is_quiet(at("2026-05-04T12:00"))
    assert times.is_quiet(at("2026-05-04T12:59:59"))
    assert not times.is_quiet(at("2026-05-04T13:00"))
    assert times.quiet_end(at("2026-05-04T12:30")) == at("2026-05-04T13:00")
    assert times.quiet_end(at("2026-05-04T13:30")) is None


def test_overnight_range_covers_both_evenings_and_mornings() -> None:
    times = quiet("22:00-06:00")
    assert times.is_quiet(at("2026-05-04T23:00"))
    assert times.is_quiet(at("2026-05-04T05:59"))
    assert not times.is_quiet(at("2026-05-04T06:00"))
    assert not times.is_quiet(at("2026-05-04T21:59"))
    assert times.quiet_end(at("2026-05-04T23:00")) == at("2026-05-05T06:00")
    assert times.quiet_end(at("2026-05-05T01:00")) == at("2026-05-05T06:00")


def test_back_to_back_and_overlapping_ranges_end_at_the_last() -> None:
    times = quiet("12:00-13:00", "13:00-14:00", "13:30-14:15")
    assert times.quiet_end(at("2026-05-04T12:10")) == at("2026-05-04T14:15")
    times = quiet("23:00-00:00", "00:00-01:00")
    assert times.quiet_end(at("2026-05-04T23:30")) == at("2026-05-05T01:00")


def test_a_prompt_time_moves_out_of_a_quiet_time() -> None:
    times = quiet("12:00-13:00")
    assert times.next_outside(at("2026-05-04T12:20")) == at("2026-05-04T13:00")
    assert times.next_outside(at("2026-05-04T14:20")) == at("2026-05-04T14:20")


def test_the_answer_is_in_the_zone_asked_in() -> None:
    end = quiet("12:00-13:00").quiet_end(at("2026-05-04T12:20"))
    assert end is not None
    assert end.tzinfo is BERLIN


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        quiet("12:00-13:00").is_quiet(datetime(2026, 5, 4, 12, 30))  # noqa: DTZ001


# -- DST


def test_spring_forward_keeps_the_length_of_a_range_through_the_skipped_hour() -> None:
    # Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST. 01:30-02:30 is an hour of real time.
    times = quiet("01:30-02:30")
    end = times.quiet_end(at("2026-03-29T01:45"))
    assert end == at("2026-03-29T03:30")
    assert end is not None
    assert elapsed(at("2026-03-29T01:30"), end) == timedelta(hours=1)
    assert not times.is_quiet(at("2026-03-29T03:30"))


def test_a_range_inside_the_skipped_hour_moves_past_the_jump_that_day() -> None:
    # 02:10-02:50 does not exist on 29 March: read with the winter offset it is 03:10-03:50 CEST.
    times = quiet("02:10-02:50")
    assert not times.is_quiet(at("2026-03-29T03:05"))
    assert times.quiet_end(at("2026-03-29T03:10")) == at("2026-03-29T03:50")
    assert not times.is_quiet(at("2026-03-29T03:50"))
    assert times.is_quiet(at("2026-03-30T02:30"))


def test_a_range_from_the_skipped_hour_to_just_after_it_is_empty_that_day() -> None:
    times = quiet("02:30-03:10")  # 01:30 UTC to 01:10 UTC on 29 March
    start = at("2026-03-29T00:00").astimezone(UTC)
    assert not any(
        times.is_quiet((start + timedelta(minutes=m)).astimezone(BERLIN)) for m in range(0, 600, 5)
    )
    assert times.is_quiet(at("2026-03-30T02:45"))


def test_fall_back_covers_the_repeated_hour_both_times() -> None:
    # Berlin, 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    times = quiet("02:00-03:00")
    assert times.is_quiet(at("2026-10-25T02:30", fold=0))
    assert times.is_quiet(at("2026-10-25T02:30", fold=1))
    end = times.quiet_end(at("2026-10-25T02:30", fold=0))
    assert end == at("2026-10-25T03:00")
    assert elapsed(at("2026-10-25T02:00", fold=0), end) == timedelta(hours=2)


def test_overnight_range_across_a_dst_change_ends_at_the_local_wall_time() -> None:
    times = quiet("22:00-07:00")
    assert times.quiet_end(at("2026-03-28T23:00")) == at("2026-03-29T07:00")
    assert times.quiet_end(at("2026-11-01T00:30", NEW_YORK)) == at("2026-11-01T07:00", NEW_YORK)


# -- one-off quiet time today


def test_a_quiet_time_later_today() -> None:
    period = quiet_today("14:00", "15:30", at("2026-05-04T10:00"))
    assert period == QuietPeriod(at("2026-05-04T14:00"), at("2026-05-04T15:30"))
    times = QuietTimes().with_once(period)
    assert times.is_quiet(at("2026-05-04T14:00"))
    assert times.next_outside(at("2026-05-04T15:00")) == at("2026-05-04T15:30")
    assert not times.is_quiet(at("2026-05-05T14:30"))  # once, not every day


def test_a_quiet_time_already_begun_starts_now() -> None:
    now = at("2026-05-04T14:20")
    assert quiet_today("14:00", "15:30", now) == QuietPeriod(now, at("2026-05-04T15:30"))


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("09:00", "10:00", "--until 10:00 has already passed \\(it is 10:15 now\\)"),
        ("09:00", "10:15", "--until 10:15 has already passed"),
        ("16:00", "15:00", "--until 15:00 must be later today than --from 16:00"),
        ("16:00", "16:00", "--until 16:00 must be later"),
        ("4pm", "17:00", "'4pm' is not a time of day"),
    ],
)
def test_a_one_off_quiet_time_in_the_past_or_backwards_is_refused(
    start: str, end: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        quiet_today(start, end, at("2026-05-04T10:15"))


def test_ended_one_off_times_are_dropped() -> None:
    period = quiet_today("14:00", "15:30", at("2026-05-04T10:00"))
    times = quiet("12:00-13:00").with_once(period)
    assert times.without_past(at("2026-05-04T15:00")) == times
    assert times.without_past(at("2026-05-04T15:30")) == quiet("12:00-13:00")


# -- properties

wall_times = st.times().map(lambda value: value.replace(second=0, microsecond=0))
ranges = st.tuples(wall_times, wall_times).filter(lambda pair: pair[0] != pair[1])
instants = st.datetimes(
    min_value=datetime(2024, 1, 1),  # noqa: DTZ001 (hypothesis wants naive bounds)
    max_value=datetime(2030, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from([BERLIN, NEW_YORK, UTC]),
)


def quiet_times_from(pairs: list[tuple[time, time]]) -> QuietTimes:
    ranges_ = tuple(QuietRange(start, end) for start, end in pairs)
    try:
        return QuietTimes(ranges_)
    except ValueError:
        assume(False)
        raise


@settings(deadline=None)  # zoneinfo lookups on a loaded CI machine vary in time
@given(st.lists(ranges, max_size=4), instants)
def test_a_moved_prompt_is_never_in_a_quiet_time_nor_earlier(
    pairs: list[tuple[time, time]], when: datetime
) -> None:
    times = quiet_times_from(pairs)
    moved = times.next_outside(when)
    assert moved >= when
    assert not times.is_quiet(moved)
    if not times.is_quiet(when):
        assert moved == when
        assert times.quiet_end(when) is None


@settings(deadline=None)  # zoneinfo lookups on a loaded CI machine vary in time
@given(st.lists(ranges, min_size=1, max_size=4), instants, st.floats(0, 1))
def test_every_moment_until_the_end_is_quiet(
    pairs: list[tuple[time, time]], when: datetime, fraction: float
) -> None:
    times = quiet_times_from(pairs)
    end = times.quiet_end(when)
    assume(end is not None)
    assert end is not None
    assert when < end
    # A day's gap can fall inside the hour a spring-forward night skips: then it does not happen
    # that day and one quiet time runs into the next (see the Berlin example below).
    assert elapsed(when, end) <= timedelta(days=1 if _steady(when) else 2)
    between = (when.astimezone(UTC) + elapsed(when, end) * fraction).astimezone(when.tzinfo)
    assume(between < end)
    assert times.is_quiet(between)


def _steady(when: datetime) -> bool:
    """No DST change within a day either side: wall time and elapsed time agree there."""
    offset = when.utcoffset()
    return all(
        (when + timedelta(hours=hours)).astimezone(when.tzinfo).utcoffset() == offset
        for hours in range(-26, 27)
    )


@settings(deadline=None)  # zoneinfo lookups on a loaded CI machine vary in time
@given(ranges, instants)
def test_a_range_is_quiet_exactly_between_its_wall_times(
    pair: tuple[time, time], when: datetime
) -> None:
    assume(_steady(when))
    start, end = pair
    wall = when.timetz().replace(tzinfo=None)
    inside = start <= wall < end if start < end else (wall >= start or wall < end)
    assert quiet_times_from([pair]).is_quiet(when) is inside


def test_a_gap_inside_the_skipped_hour_does_not_happen_that_night() -> None:
    # Quiet all day but 02:00-03:00: on the night clocks go forward (Berlin, 31 March 2024) that
    # hour does not exist, so the quiet time from Saturday 03:00 runs on to Monday 02:00 (46 h).
    times = QuietTimes((QuietRange(time(3), time(2)),))
    saturday = datetime(2024, 3, 30, 12, 0, tzinfo=BERLIN)
    assert times.quiet_end(saturday) == datetime(2024, 4, 1, 2, 0, tzinfo=BERLIN)
    assert not times.is_quiet(datetime(2024, 3, 29, 2, 30, tzinfo=BERLIN))  # a normal night
