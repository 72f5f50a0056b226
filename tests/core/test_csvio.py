from __future__ import annotations

import io
import sqlite3
from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from posture_break.core.csvio import CsvError, parse_csv, write_csv
from posture_break.core.history import BreakHistory
from posture_break.core.record import STRETCH_ID_PATTERN, BreakRecord, Outcome, Trigger

CET = timezone(timedelta(hours=1))
OLD_HEADER = "started_at,local_date,stretch,outcome,duration_s,trigger\n"
HEADER = "started_at,local_date,stretch,outcome,duration_s,trigger,checkin\n"
SAMPLE = HEADER + "2026-11-24T10:15:00+01:00,2026-11-24,mid-back-cat-cow,completed,60,scheduled,\n"


def export(records: list[BreakRecord], rest_days: Collection[date] = ()) -> str:
    """Return the CSV `export` writes for `records` and `rest_days`."""
    out = io.StringIO()
    write_csv(records, out, rest_days)
    return out.getvalue()


def test_export_matches_the_documented_example() -> None:
    entry = BreakRecord.at(
        datetime(2026, 11, 24, 10, 15, tzinfo=CET),
        "mid-back-cat-cow",
        Outcome.COMPLETED,
        60,
        Trigger.SCHEDULED,
    )
    assert export([entry]) == SAMPLE
    assert export([]) == HEADER


def test_documented_example_parses() -> None:
    parsed = parse_csv(SAMPLE)
    assert parsed.is_valid
    assert parsed.records == (
        BreakRecord(
            datetime(2026, 11, 24, 10, 15, tzinfo=CET),
            date(2026, 11, 24),
            "mid-back-cat-cow",
            Outcome.COMPLETED,
            60,
            Trigger.SCHEDULED,
        ),
    )


def test_parse_accepts_a_stream_a_bom_crlf_and_blank_lines() -> None:
    text = "\ufeff" + SAMPLE.replace("\n", "\r\n") + "\r\n"
    parsed = parse_csv(io.StringIO(text, newline=""))
    assert parsed.errors == ()
    assert len(parsed.records) == 1


def test_every_bad_row_is_reported_with_line_column_and_reason() -> None:
    text = OLD_HEADER + (
        "2026-11-24T10:15:00+01:00,2026-11-24,cat-cow,completed,60,scheduled\n"
        "2026-11-24T10:15:00,2026-11-24,cat-cow,completed,60,scheduled\n"
        "2026-11-24T10:15:00+01:00,24.11.2026,cat-cow,done,60,scheduled\n"
        "2026-11-24T10:15:00+01:00,2026-11-24,cat-cow,completed,-5,manual\n"
        "2026-11-24T10:15:00+01:00,2026-11-27,cat-cow,completed,1.5,scheduled\n"
        "2026-11-24T10:15:00+01:00,2026-11-24,cat-cow,completed\n"
        "2026-02-30T10:15:00+01:00,2026-02-31,,completed,86401,scheduled\n"
    )
    parsed = parse_csv(text)
    assert not parsed.is_valid
    assert [(e.line, e.column) for e in parsed.errors] == [
        (3, "started_at"),
        (4, "local_date"),
        (4, "outcome"),
        (5, "duration_s"),
        (5, "trigger"),
        (6, "local_date"),
        (6, "duration_s"),
        (7, None),
        (8, "started_at"),
        (8, "local_date"),
        (8, "stretch"),
        (8, "duration_s"),
    ]
    reasons = {(e.line, e.column): e.reason for e in parsed.errors}
    assert "no time zone" in reasons[(3, "started_at")]
    assert "completed | skipped | snoozed | abandoned" in reasons[(4, "outcome")]
    assert "scheduled | on-demand" in reasons[(5, "trigger")]
    assert "more than a day" in reasons[(6, "local_date")]
    assert "expected 6 columns, found 4" in reasons[(7, None)]
    assert str(parsed.errors[0]).startswith("line 3, column started_at: ")


def test_wrong_or_missing_header_is_one_clear_error() -> None:
    wrong = parse_csv("when,day,stretch,outcome,duration_s,trigger\n")
    assert [(e.line, e.column) for e in wrong.errors] == [(1, None)]
    assert "expected the header started_at,local_date" in wrong.errors[0].reason
    empty = parse_csv("")
    assert empty.errors == (CsvError(1, None, empty.errors[0].reason),)
    assert "empty" in empty.errors[0].reason


def test_malformed_csv_is_reported_not_raised() -> None:
    parsed = parse_csv(
        OLD_HEADER + '2026-11-24T10:15:00+01:00,2026-11-24,"cat"cow,completed,60,x\n'
    )
    assert len(parsed.errors) == 1
    assert parsed.errors[0].line == 2
    assert "malformed" in parsed.errors[0].reason


def test_importing_an_export_twice_adds_nothing_the_second_time() -> None:
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    entries = [
        BreakRecord.at(base + timedelta(hours=h), "thread-the-needle", o, 30, Trigger.ON_DEMAND)
        for h, o in enumerate(Outcome)
    ]
    text = export(entries)
    with BreakHistory(sqlite3.connect(":memory:")) as history:
        parsed = parse_csv(text)
        assert parsed.is_valid
        assert history.record_many(parsed.records) == 4
        assert history.record_many(parse_csv(text).records) == 0
        assert export(history.records()) == text


offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
stretch_ids = st.from_regex(STRETCH_ID_PATTERN, fullmatch=True)


@st.composite
def break_records(draw: st.DrawFn) -> BreakRecord:
    instant = draw(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1)))  # noqa: DTZ001
    started_at = instant.replace(tzinfo=UTC).astimezone(draw(offsets))
    local_date = started_at.date() + timedelta(days=draw(st.integers(-1, 1)))
    return BreakRecord(
        started_at,
        local_date,
        draw(stretch_ids),
        draw(st.sampled_from(list(Outcome))),
        draw(st.integers(0, 86400)),
        draw(st.sampled_from(list(Trigger))),
        draw(st.none() | st.integers(0, 10)),
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(break_records(), max_size=20))
def test_property_records_survive_csv_round_trip(entries: list[BreakRecord]) -> None:
    text = export(entries)
    parsed = parse_csv(text)
    assert parsed.errors == ()
    assert list(parsed.records) == entries
    assert [r.started_at.isoformat() for r in parsed.records] == [
        r.started_at.isoformat() for r in entries
    ]
    assert export(list(parsed.records)) == text
