"""CSV import and export against hostile or unlucky input: ids, formulas, escapes, check-ins."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_break.core.csvio import CsvReader, formula_safe, parse_csv, write_csv
from posture_break.core.history import BreakHistory
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.text import escape_controls

HEADER = "started_at,local_date,stretch,outcome,duration_s,trigger,checkin\n"
OLD_HEADER = "started_at,local_date,stretch,outcome,duration_s,trigger\n"
CET = timezone(timedelta(hours=1))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def row(
    stretch: str = "open-book", checkin: str = "", started: str = "2026-11-24T10:15:00+01:00"
) -> str:
    return f"{started},2026-11-24,{stretch},completed,60,scheduled,{checkin}\n"


def export(records: list[BreakRecord]) -> str:
    out = io.StringIO()
    write_csv(records, out)
    return out.getvalue()


@pytest.mark.parametrize(
    "stretch",
    [
        '"<img src=""/dev/zero"">"',
        '"=HYPERLINK(""http://x"",""y"")"',
        "\"+cmd|' /C calc'!A0\"",
        "@SUM(1+1)",
        "-2+3",
        "Open-Book",
        "open book",
        "a" * 65,
        "open-böok",
        "",
    ],
)
def test_import_refuses_ids_outside_the_rule(stretch: str) -> None:
    parsed = parse_csv(HEADER + row(stretch))
    assert [(e.line, e.column) for e in parsed.errors] == [(2, "stretch")]
    assert parsed.records == ()


@pytest.mark.parametrize(
    "stretch", ["open-book", "0-legacy-stretch", "x", "a" * 64, "gone-since-v1"]
)
def test_import_accepts_ids_by_the_rule_even_outside_the_catalogue(stretch: str) -> None:
    parsed = parse_csv(HEADER + row(stretch))
    assert parsed.errors == ()
    assert parsed.records[0].stretch == stretch


def test_export_never_writes_a_cell_a_spreadsheet_would_evaluate() -> None:
    # An id stored by an older version, before the id rule: exported inert, and import refuses it.
    legacy = BreakRecord.at(
        datetime(2026, 11, 24, 10, 15, tzinfo=CET), "=1+1", Outcome.COMPLETED, 60, Trigger.SCHEDULED
    )
    text = export([legacy])
    cells = text.splitlines()[1].split(",")
    assert cells[2] == "'=1+1"
    assert not parse_csv(text).is_valid


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_property_formula_safe_cells_never_start_a_formula(cell: str) -> None:
    assert not formula_safe(cell).startswith(FORMULA_STARTS)


def test_checkins_round_trip_through_export_and_import() -> None:
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    entries = [
        BreakRecord.at(base, "open-book", Outcome.COMPLETED, 60, Trigger.SCHEDULED, 7),
        BreakRecord.at(
            base + timedelta(hours=1), "open-book", Outcome.COMPLETED, 60, Trigger.SCHEDULED, 0
        ),
        BreakRecord.at(
            base + timedelta(hours=2), "open-book", Outcome.SKIPPED, 0, Trigger.SCHEDULED
        ),
    ]
    text = export(entries)
    assert text.splitlines()[1].endswith(",7")
    with BreakHistory(sqlite3.connect(":memory:")) as history:
        assert history.record_many(parse_csv(text).records) == 3
        assert [r.checkin for r in history.records()] == [7, 0, None]
        assert export(history.records()) == text


def test_files_without_the_checkin_column_still_import() -> None:
    parsed = parse_csv(
        OLD_HEADER + "2026-11-24T10:15:00+01:00,2026-11-24,open-book,completed,60,scheduled\n"
    )
    assert parsed.errors == ()
    assert parsed.records[0].checkin is None


@pytest.mark.parametrize("checkin", ["11", "-1", "7.5", "x", "007"])
def test_bad_checkins_are_reported_with_line_and_column(checkin: str) -> None:
    parsed = parse_csv(HEADER + row(checkin=checkin))
    assert [(e.line, e.column) for e in parsed.errors] == [(2, "checkin")]


def test_header_errors_escape_terminal_control_characters() -> None:
    parsed = parse_csv("\x1b]0;pwned\x07\x1b[2J,b\n")
    reason = parsed.errors[0].reason
    assert "\x1b" not in reason
    assert "\x07" not in reason
    assert "\\x1b]0;pwned\\x07" in reason


def test_cell_errors_escape_control_characters_and_cut_long_cells() -> None:
    parsed = parse_csv(HEADER + row(started="\x1b[31m" + "9" * 5000))
    reason = parsed.errors[0].reason
    assert "\x1b" not in reason
    assert len(reason) < 300


def test_escape_controls_names_every_unprintable_character() -> None:
    assert escape_controls("a\nb\tc\x00\x7f\u202e😀") == "a\\nb\\tc\\x00\\x7f\\u202e😀"


def test_offsets_with_seconds_are_refused_by_the_row_checks_not_by_sqlite() -> None:
    parsed = parse_csv(HEADER + row(started="2026-11-24T10:15:00.123456+01:00:30.123456"))
    assert [(e.line, e.column) for e in parsed.errors] == [(2, "started_at")]


@st.composite
def csv_cells(draw: st.DrawFn) -> str:
    started = draw(
        st.datetimes(
            min_value=datetime(1, 1, 2),  # noqa: DTZ001 - hypothesis wants naive bounds
            max_value=datetime(9999, 12, 30),  # noqa: DTZ001
            timezones=st.just(UTC),
        )
    ).astimezone(timezone(timedelta(minutes=draw(st.integers(-23 * 60, 23 * 60)))))
    local = started.date() + timedelta(days=draw(st.sampled_from([-1, 0, 1])))
    stretch = draw(st.from_regex(r"[a-z0-9-]{1,70}", fullmatch=True))
    checkin = draw(st.sampled_from(["", "0", "10", "5"]))
    duration = draw(st.sampled_from(["0", "86400", "60"]))
    cells = (started.isoformat(), local.isoformat(), stretch, "abandoned", duration, "on-demand")
    return ",".join(cells) + f",{checkin}\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(csv_cells(), min_size=1, max_size=5))
def test_property_every_row_the_checks_accept_satisfies_the_schema(rows: list[str]) -> None:
    parsed = parse_csv(HEADER + "".join(rows))
    with BreakHistory(sqlite3.connect(":memory:")) as history:
        assert history.record_many(parsed.records) == len(parsed.records)


def test_reader_streams_and_caps_the_error_report() -> None:
    lines = (row() if i % 2 else row(stretch="BAD ID") for i in range(20_000))
    text = HEADER + "".join(lines)
    reader = CsvReader(io.StringIO(text, newline=""), max_errors=10)
    good = sum(1 for _ in reader)
    assert good == 10_000
    assert reader.error_count == 10_000
    assert len(reader.errors) == 10
    assert reader.rows_read == 20_000


def test_an_import_that_fails_midway_stores_nothing() -> None:
    class RejectedError(Exception):
        pass

    def entries() -> Iterator[BreakRecord]:
        yield from parse_csv(HEADER + row() * 3).records
        raise RejectedError

    with BreakHistory(sqlite3.connect(":memory:")) as history:
        with pytest.raises(RejectedError):
            history.record_many(entries())
        assert history.records() == []
