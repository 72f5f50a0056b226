"""Rest days in the history file (migration 2, the store API) and in the CSV export."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_break.core.csvio import parse_csv
from posture_break.core.history import MIGRATIONS, SCHEMA_VERSION, BreakHistory, migrate
from posture_break.core.record import CSV_HEADER, BreakRecord, Outcome, Trigger
from tests.core.test_csvio import export

CET = timezone(timedelta(hours=1))
HEADER = ",".join(CSV_HEADER) + "\n"
BREAK = "2026-11-24T10:15:00+01:00,2026-11-24,cat-cow,completed,60,scheduled,\n"
XMAS = date(2026, 12, 24)


@pytest.fixture
def history() -> Iterator[BreakHistory]:
    with BreakHistory(sqlite3.connect(":memory:")) as opened:
        yield opened


def test_rest_days_are_added_once_removed_once_and_listed_in_order(history: BreakHistory) -> None:
    days = [XMAS + timedelta(days=n) for n in (3, 0, 1)]
    assert history.add_rest_days(days) == 3
    assert history.add_rest_days([XMAS, XMAS]) == 0  # already marked: nothing changes
    assert history.rest_days() == (XMAS, XMAS + timedelta(days=1), XMAS + timedelta(days=3))
    assert history.rest_days(XMAS + timedelta(days=1), XMAS + timedelta(days=3)) == (
        XMAS + timedelta(days=1),
        XMAS + timedelta(days=3),
    )
    assert history.rest_days(None, XMAS) == (XMAS,)
    assert history.remove_rest_days([XMAS, XMAS + timedelta(days=2)]) == 1
    assert history.remove_rest_days([XMAS]) == 0
    assert history.rest_days() == (XMAS + timedelta(days=1), XMAS + timedelta(days=3))


def test_the_schema_refuses_a_rest_day_that_is_not_a_date(history: BreakHistory) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        history._db.execute("INSERT INTO rest_day VALUES ('24 December')")


def test_a_version_1_history_is_backed_up_then_gains_the_rest_day_table(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, MIGRATIONS[:1])
    old.execute(
        "INSERT INTO break_record (started_at, started_utc_us, local_date, stretch, outcome, "
        "duration_s, trigger_kind) VALUES ('2026-11-24T10:15:00+01:00', 0, '2026-11-24', "
        "'cat-cow', 'completed', 60, 'scheduled')"
    )
    old.close()
    with BreakHistory(sqlite3.connect(path)) as history:
        assert history._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert history.rest_days() == ()
        assert history.add_rest_days([XMAS]) == 1
        assert len(history.records()) == 1
    backup = sqlite3.connect(tmp_path / "history.sqlite3.v1-backup")
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT count(*) FROM break_record").fetchone()[0] == 1
    finally:
        backup.close()


# --- CSV. -----------------------------------------------------------------------------------------


def test_rest_days_are_written_after_the_breaks_oldest_first() -> None:
    entry = BreakRecord.at(
        datetime(2026, 11, 24, 10, 15, tzinfo=CET),
        "cat-cow",
        Outcome.COMPLETED,
        60,
        Trigger.SCHEDULED,
    )
    text = export([entry], [XMAS + timedelta(days=1), XMAS])
    assert text == HEADER + BREAK + ",2026-12-24,,rest-day,,,\n,2026-12-25,,rest-day,,,\n"
    parsed = parse_csv(text)
    assert parsed.errors == ()
    assert parsed.records == (entry,)
    assert parsed.rest_days == (XMAS, XMAS + timedelta(days=1))


def test_an_old_file_without_rest_days_imports_as_before() -> None:
    parsed = parse_csv(HEADER + BREAK)
    assert parsed.is_valid
    assert len(parsed.records) == 1
    assert parsed.rest_days == ()


def test_a_bad_rest_day_row_is_reported_with_its_line_and_column() -> None:
    text = HEADER + BREAK + ",2026-13-01,,rest-day,,,\n" + ",2026-12-24,cat-cow,rest-day,,,\n"
    parsed = parse_csv(text)
    assert [str(error) for error in parsed.errors] == [
        "line 3, column local_date: '2026-13-01' is not a real calendar date",
        "line 4, column stretch: must be empty on a rest-day row, not 'cat-cow'",
    ]


@given(st.sets(st.dates(date(1990, 1, 1), date(2100, 12, 31)), max_size=30))
def test_rest_days_survive_a_round_trip(days: set[date]) -> None:
    parsed = parse_csv(export([], sorted(days, reverse=True)))
    assert parsed.errors == ()
    assert parsed.rest_days == tuple(sorted(days))
    assert export([], list(parsed.rest_days)) == export([], list(days))
