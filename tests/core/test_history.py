from __future__ import annotations

import sqlite3
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_break.core.clock import FakeClock
from posture_break.core.history import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    BreakHistory,
    HistoryOpen,
    HistoryWriteError,
    UnusableHistoryError,
    migrate,
    open_history,
)
from posture_break.core.record import BreakRecord, DayCounts, Outcome, Trigger

CET = timezone(timedelta(hours=1))
TOKYO = timezone(timedelta(hours=9))
NEW_YORK = timezone(timedelta(hours=-5))


def rec(
    when: datetime,
    stretch: str = "cat-cow",
    outcome: Outcome = Outcome.COMPLETED,
    duration_s: int = 60,
    trigger: Trigger = Trigger.SCHEDULED,
) -> BreakRecord:
    return BreakRecord.at(when, stretch, outcome, duration_s, trigger)


@pytest.fixture
def history() -> Iterator[BreakHistory]:
    with BreakHistory(sqlite3.connect(":memory:")) as opened:
        yield opened


@pytest.fixture
def file_db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    yield db
    db.close()


def day_totals_from_records(db: sqlite3.Connection) -> dict[str, tuple[int, int, int, int]]:
    rows = db.execute(
        "SELECT local_date, sum(outcome = 'completed'), sum(outcome = 'skipped'), "
        "sum(outcome = 'snoozed'), sum(outcome = 'abandoned') FROM break_record GROUP BY local_date"
    ).fetchall()
    return {day: (c, s, z, a) for day, c, s, z, a in rows}


def day_totals_table(db: sqlite3.Connection) -> dict[str, tuple[int, int, int, int]]:
    rows = db.execute(
        "SELECT local_date, completed, skipped, snoozed, abandoned FROM day_total"
    ).fetchall()
    return {day: (c, s, z, a) for day, c, s, z, a in rows}


def test_record_returns_row_ids_and_records_come_back_equal(history: BreakHistory) -> None:
    first = rec(datetime(2026, 11, 24, 10, 15, tzinfo=CET))
    second = rec(datetime(2026, 11, 24, 11, 0, 30, 123456, tzinfo=CET), "wall-angel")
    assert history.record(first) < history.record(second)
    assert history.records() == [first, second]
    assert [r.started_at.isoformat() for r in history.records()] == [
        "2026-11-24T10:15:00+01:00",
        "2026-11-24T11:00:30.123456+01:00",
    ]


def test_records_are_ordered_by_instant_not_by_text(history: BreakHistory) -> None:
    # As text, Tokyo's 18:00 sorts after New York's 09:00, yet it happened 5 hours earlier.
    later = rec(datetime(2026, 11, 24, 9, 0, tzinfo=NEW_YORK), "later")
    earlier = rec(datetime(2026, 11, 24, 18, 0, tzinfo=TOKYO), "earlier")
    history.record(later)
    history.record(earlier)
    assert [r.stretch for r in history.records()] == ["earlier", "later"]


def test_records_until_uses_the_stored_local_day(history: BreakHistory) -> None:
    # Flew west: the stretch counts for the 24th although in UTC it is the 25th.
    travel = BreakRecord(
        datetime(2026, 11, 25, 1, 0, tzinfo=UTC),
        date(2026, 11, 24),
        "cat-cow",
        Outcome.COMPLETED,
        60,
        Trigger.ON_DEMAND,
    )
    history.record(travel)
    history.record(rec(datetime(2026, 11, 25, 10, 0, tzinfo=CET)))
    assert history.records(until=date(2026, 11, 24)) == [travel]
    assert history.day_counts(None, date(2026, 11, 24)) == {date(2026, 11, 24): DayCounts(1)}


def test_day_counts_only_lists_days_with_breaks_and_counts_each_outcome(
    history: BreakHistory,
) -> None:
    day = datetime(2026, 11, 23, 9, 0, tzinfo=CET)
    for hour, outcome in enumerate(
        [Outcome.COMPLETED, Outcome.COMPLETED, Outcome.SKIPPED, Outcome.SNOOZED, Outcome.ABANDONED]
    ):
        history.record(rec(day + timedelta(hours=hour), outcome=outcome))
    history.record(rec(day + timedelta(days=2), outcome=Outcome.SKIPPED))
    counts = history.day_counts(None, date(2026, 11, 30))
    assert counts == {
        date(2026, 11, 23): DayCounts(completed=2, skipped=1, snoozed=1, abandoned=1),
        date(2026, 11, 25): DayCounts(skipped=1),
    }
    assert history.day_counts(date(2026, 11, 24), date(2026, 11, 30)) == {
        date(2026, 11, 25): DayCounts(skipped=1)
    }
    assert history.day_counts(None, date(2026, 11, 22)) == {}
    assert history.total_completed(date(2026, 11, 22)) == 0
    assert history.total_completed(date(2026, 11, 23)) == 2


def test_record_many_adds_rows_once_and_reports_how_many(history: BreakHistory) -> None:
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    rows = [rec(base + timedelta(hours=h), f"s{h}") for h in range(5)]
    assert history.record_many(rows) == 5
    assert history.record_many(rows) == 0
    assert history.record_many([*rows, rec(base + timedelta(hours=9), "new")]) == 1
    assert len(history.records()) == 6
    assert history.total_completed(date(2026, 11, 24)) == 6


def test_record_many_keeps_true_repeats_so_an_export_imports_back_whole(
    history: BreakHistory,
) -> None:
    same = rec(datetime(2026, 11, 24, 9, 0, tzinfo=CET))
    assert history.record_many([same, same]) == 2
    assert history.record_many([same, same]) == 0
    assert history.record_many([same, same, same]) == 1
    assert history.records() == [same, same, same]


def test_record_many_treats_another_offset_as_another_row(history: BreakHistory) -> None:
    # Same instant, different CSV text: not identical in every CSV column, so both are kept.
    history.record(rec(datetime(2026, 11, 24, 9, 0, tzinfo=CET)))
    utc = BreakRecord(
        datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
        date(2026, 11, 24),
        "cat-cow",
        Outcome.COMPLETED,
        60,
        Trigger.SCHEDULED,
    )
    assert history.record_many([utc]) == 1


def test_checkins_are_set_cleared_and_listed(history: BreakHistory) -> None:
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    first = history.record(rec(base))
    second = history.record(rec(base + timedelta(days=1)))
    history.set_checkin(first, 3)
    history.set_checkin(second, 10)
    assert history.checkins(date(2026, 11, 1), date(2026, 11, 30)) == [
        (date(2026, 11, 24), 3),
        (date(2026, 11, 25), 10),
    ]
    history.set_checkin(second, None)
    assert history.checkins(date(2026, 11, 25), date(2026, 11, 25)) == []
    assert history.records()[0].checkin == 3
    with pytest.raises(ValueError, match="11"):
        history.set_checkin(first, 11)
    with pytest.raises(ValueError, match="no break with id 999"):
        history.set_checkin(999, 5)


def test_recent_stretches_are_distinct_newest_first(history: BreakHistory) -> None:
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    for minutes, stretch in enumerate(["a", "b", "a", "c", "b", "d"]):
        history.record(rec(base + timedelta(minutes=minutes), stretch, Outcome.SKIPPED))
    assert history.recent_stretches(3) == ("d", "b", "c")
    assert history.recent_stretches(10) == ("d", "b", "c", "a")
    assert history.recent_stretches(0) == ()


def test_stretch_counts_count_completed_only_most_first(history: BreakHistory) -> None:
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    done = ["thread-needle", "cat-cow", "thread-needle", "wall-angel", "cat-cow", "thread-needle"]
    for minutes, stretch in enumerate(done):
        history.record(rec(base + timedelta(minutes=minutes), stretch))
    history.record(rec(base + timedelta(hours=2), "wall-angel", Outcome.SKIPPED))
    history.record(rec(base + timedelta(days=9), "wall-angel"))
    assert history.stretch_counts(date(2026, 11, 24), date(2026, 11, 30)) == [
        ("thread-needle", 3),
        ("cat-cow", 2),
        ("wall-angel", 1),
    ]


def test_day_totals_follow_updates_and_deletes(history: BreakHistory) -> None:
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    ids = [history.record(rec(base + timedelta(hours=h))) for h in range(3)]
    db: sqlite3.Connection = history._db
    db.execute("UPDATE break_record SET outcome = 'skipped' WHERE id = ?", (ids[0],))
    db.execute("UPDATE break_record SET local_date = '2026-11-23' WHERE id = ?", (ids[1],))
    db.execute("DELETE FROM break_record WHERE id = ?", (ids[2],))
    assert history.day_counts(None, date(2026, 12, 1)) == {
        date(2026, 11, 23): DayCounts(completed=1),
        date(2026, 11, 24): DayCounts(skipped=1),
    }
    db.execute("DELETE FROM break_record")
    assert history.day_counts(None, date(2026, 12, 1)) == {}


def test_file_database_uses_the_documented_pragmas(file_db: sqlite3.Connection) -> None:
    BreakHistory(file_db)

    def pragma(name: str) -> object:
        return file_db.execute(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("trusted_schema") == 0
    assert pragma("busy_timeout") == 5000
    assert pragma("application_id") == APPLICATION_ID
    assert pragma("user_version") == SCHEMA_VERSION == len(MIGRATIONS)
    assert file_db.isolation_level is None


def test_schema_rejects_values_outside_the_rules(history: BreakHistory) -> None:
    db: sqlite3.Connection = history._db
    good = ("2026-11-24T10:15:00+01:00", 0, "2026-11-24", "cat-cow", "completed", 60, "scheduled")
    sql = (
        "INSERT INTO break_record (started_at, started_utc_us, local_date, stretch, outcome, "
        "duration_s, trigger_kind, checkin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    db.execute(sql, (*good, None))
    for index, bad in [
        (4, "done"),
        (6, "manual"),
        (5, 86401),
        (5, "sixty"),
        (5, 1.5),
        (2, "24.11.2026"),
    ]:
        row = list(good)
        row[index] = bad
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(sql, (*row, None))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(sql, (*good, 11))


def test_disk_full_raises_a_plain_write_error_and_keeps_earlier_records(
    file_db: sqlite3.Connection,
) -> None:
    history = BreakHistory(file_db)
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    kept = [rec(base + timedelta(minutes=m), f"kept-{m}") for m in range(3)]
    history.record_many(kept)
    pages = file_db.execute("PRAGMA page_count").fetchone()[0]
    file_db.execute(f"PRAGMA max_page_count = {pages}")
    batch = [rec(base + timedelta(days=1, minutes=m), "x" * 100) for m in range(2000)]
    with pytest.raises(HistoryWriteError, match="disk is full") as caught:
        history.record_many(batch)
    assert "earlier history is unchanged" in str(caught.value)
    assert history.records() == kept
    assert file_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not file_db.in_transaction


def test_busy_database_raises_a_plain_write_error(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    history = BreakHistory(sqlite3.connect(path))
    history._db.execute("PRAGMA busy_timeout = 10")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(HistoryWriteError, match="another program"):
            history.record(rec(datetime(2026, 11, 24, 9, 0, tzinfo=CET)))
    finally:
        other.execute("ROLLBACK")
        other.close()
    history.close()


# --- migrations ---------------------------------------------------------------------------------

ADD_NOTE: tuple[str, ...] = ("ALTER TABLE break_record ADD COLUMN note TEXT",)


def test_fresh_database_is_migrated_without_a_backup(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    assert migrate(db) is None
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "backup" in p.name) == []


def test_migration_of_a_used_database_backs_it_up_first(file_db: sqlite3.Connection) -> None:
    history = BreakHistory(file_db)
    kept = rec(datetime(2026, 11, 24, 9, 0, tzinfo=CET))
    history.record(kept)
    backup = migrate(file_db, (*MIGRATIONS, ADD_NOTE))
    assert backup is not None
    assert backup.name == f"history.sqlite3.v{SCHEMA_VERSION}-backup"
    assert file_db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "note" in {row[1] for row in file_db.execute("PRAGMA table_info(break_record)")}
    assert history.records() == [kept]
    old = sqlite3.connect(backup)
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert old.execute("SELECT stretch FROM break_record").fetchall() == [("cat-cow",)]
    finally:
        old.close()
    assert backup.stat().st_mode & 0o777 == 0o600
    # A second migration never overwrites the first backup.
    second = migrate(file_db, (*MIGRATIONS, ADD_NOTE, ("SELECT 1",)))
    assert second is not None
    assert second.name == f"history.sqlite3.v{SCHEMA_VERSION + 1}-backup"
    assert backup.exists()


def test_failed_migration_leaves_the_old_version_whole(file_db: sqlite3.Connection) -> None:
    history = BreakHistory(file_db)
    kept = rec(datetime(2026, 11, 24, 9, 0, tzinfo=CET))
    history.record(kept)
    broken = (*ADD_NOTE, "INSERT INTO no_such_table VALUES (1)")
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        migrate(file_db, (*MIGRATIONS, broken))
    assert file_db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "note" not in {row[1] for row in file_db.execute("PRAGMA table_info(break_record)")}
    assert history.records() == [kept]
    assert not file_db.in_transaction


def test_newer_or_foreign_schema_is_refused_without_writing(tmp_path: Path) -> None:
    newer = sqlite3.connect(tmp_path / "newer.sqlite3", isolation_level=None)
    BreakHistory(newer)
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(UnusableHistoryError, match="newer version"):
        BreakHistory(newer)
    newer.close()
    foreign = sqlite3.connect(tmp_path / "foreign.sqlite3", isolation_level=None)
    foreign.execute("CREATE TABLE moz_places (id INTEGER)")
    with pytest.raises(UnusableHistoryError, match=r"not a posture-break history.*moz_places"):
        BreakHistory(foreign)
    foreign.execute("PRAGMA application_id = 1234")
    with pytest.raises(UnusableHistoryError, match="another program"):
        BreakHistory(foreign)
    foreign.close()


# --- open_history --------------------------------------------------------------------------------

CLOCK_START = datetime(2026, 11, 25, 12, 15, 0, tzinfo=CET)


def test_open_history_creates_a_fresh_private_database(tmp_path: Path) -> None:
    path = tmp_path / "new dir" / "history.sqlite3"
    opened = open_history(path, FakeClock(CLOCK_START))
    try:
        assert opened.problem is None
        assert opened.moved_aside is None
        assert opened.is_persistent
        opened.history.record(rec(datetime(2026, 11, 25, 9, 0, tzinfo=CET)))
    finally:
        opened.history.close()
    reopened = open_history(path, FakeClock(CLOCK_START))
    assert len(reopened.history.records()) == 1
    reopened.history.close()


def test_open_history_treats_a_zero_length_file_as_new(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.touch()
    opened = open_history(path, FakeClock(CLOCK_START))
    assert opened.problem is None
    assert opened.history.records() == []
    opened.history.close()


def test_two_unreadable_files_in_one_second_get_different_names(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    clock = FakeClock(CLOCK_START)
    moved = []
    for _ in range(2):
        path.write_bytes(b"not a database at all" * 20)
        opened = open_history(path, clock)
        opened.history.close()
        assert opened.moved_aside is not None
        moved.append(opened.moved_aside.name)
    assert moved == [
        "history.sqlite3.unreadable-20261125-121500",
        "history.sqlite3.unreadable-20261125-121500-2",
    ]


# --- properties ----------------------------------------------------------------------------------

zones = st.sampled_from([UTC, CET, TOKYO, NEW_YORK, timezone(timedelta(hours=5, minutes=45))])
records = st.builds(
    lambda when, zone, stretch, outcome, duration, trigger: BreakRecord.at(
        when.replace(tzinfo=UTC).astimezone(zone), stretch, outcome, duration, trigger
    ),
    # hypothesis wants naive bounds; the zone is applied in the builder above.
    st.datetimes(min_value=datetime(2016, 1, 1), max_value=datetime(2026, 12, 31)),  # noqa: DTZ001
    zones,
    st.sampled_from(["cat-cow", "wall-angel", "thread-needle"]),
    st.sampled_from(list(Outcome)),
    st.integers(0, 86400),
    st.sampled_from(list(Trigger)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(records, max_size=30))
def test_property_stored_records_and_day_totals_agree(entries: list[BreakRecord]) -> None:
    with BreakHistory(sqlite3.connect(":memory:")) as history:
        assert history.record_many(entries) == len(entries)
        assert history.record_many(entries) == 0
        stored = history.records()
        assert sorted(stored, key=lambda r: r.started_at) == stored
        assert Counter(r.started_at.isoformat() for r in stored) == Counter(
            r.started_at.isoformat() for r in entries
        )
        expected: dict[date, Counter[Outcome]] = {}
        for entry in entries:
            expected.setdefault(entry.local_date, Counter())[entry.outcome] += 1
        got = history.day_counts(None, date(2027, 1, 1))
        assert got == {
            day: DayCounts(
                c[Outcome.COMPLETED], c[Outcome.SKIPPED], c[Outcome.SNOOZED], c[Outcome.ABANDONED]
            )
            for day, c in expected.items()
        }
        assert day_totals_table(history._db) == day_totals_from_records(history._db)


def test_day_counts_beyond_sixteen_bits_are_exact(history: BreakHistory) -> None:
    base = datetime(2026, 11, 24, 9, 0, tzinfo=CET)
    history.record(rec(base))
    history.record(rec(base + timedelta(days=1), outcome=Outcome.ABANDONED))
    # The per-day table is derived; set huge counts directly rather than store 70,000 breaks.
    history._db.execute(
        "UPDATE day_total SET completed = 70000, skipped = 65536, abandoned = 65535 "
        "WHERE local_date = '2026-11-24'"
    )
    assert history.day_counts(None, date(2026, 11, 30)) == {
        date(2026, 11, 24): DayCounts(completed=70000, skipped=65536, abandoned=65535),
        date(2026, 11, 25): DayCounts(abandoned=1),
    }


def test_history_open_is_an_immutable_value(history: BreakHistory) -> None:
    opened = HistoryOpen(history, "a problem", Path("/x/history.sqlite3.unreadable-1"))
    assert opened == HistoryOpen(history, "a problem", Path("/x/history.sqlite3.unreadable-1"))
    assert opened != HistoryOpen(history)
    assert opened != HistoryOpen(
        history, "a problem", Path("/x/history.sqlite3.unreadable-1"), is_persistent=False
    )
    assert "a problem" in repr(opened)
    with pytest.raises(FrozenInstanceError):
        opened.problem = None  # type: ignore[misc]


def test_open_history_takes_a_plain_string_path(tmp_path: Path) -> None:
    database = tmp_path / "new dir" / "history.sqlite3"
    opened = open_history(str(database), FakeClock(datetime(2026, 11, 25, 12, tzinfo=CET)))
    with opened.history as history:
        history.record(rec(datetime(2026, 11, 25, 9, tzinfo=CET)))
    assert opened.problem is None
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
