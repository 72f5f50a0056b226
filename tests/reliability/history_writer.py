"""A child process for the reliability tests: writes break records until it is killed.

Record number `i` is fully determined by `i` (see `expected_row`), and its stretch id starts with
`r<i>`, so a reader can tell a whole record from a half-written or wrong one. Writes alternate
between single records and `record_many` batches whose sizes also follow from `i`.

Usage: python history_writer.py DB_PATH   (exits 2 with "write error: ..." when a write fails)
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from posture_break.core.clock import FakeClock
from posture_break.core.history import HistoryWriteError, open_history
from posture_break.core.record import BreakRecord, Outcome, Trigger

BASE = datetime(2016, 1, 4, 8, 0, tzinfo=UTC)
ZONES = (timezone(timedelta(hours=1)), timezone(timedelta(hours=-5)), timezone(timedelta(hours=9)))


def batch_size(i: int) -> int:
    """Return how many records the write starting at record `i` stores at once."""
    return 1 if i % 3 == 0 else (i % 7) + 1


def expected_row(i: int) -> tuple[str, str, str, str, int, str, int | None]:
    """Return the stored columns of record `i`, in `history._COLUMNS` order."""
    started_at = (BASE + timedelta(minutes=37 * i)).astimezone(ZONES[i % 3])
    return (
        started_at.isoformat(),
        started_at.date().isoformat(),
        f"r{i:07d}-" + "x" * (i % 60),
        list(Outcome)[i % 4].value,
        (i * 7919) % 86401,
        list(Trigger)[i % 2].value,
        i % 11 if i % 5 == 0 else None,
    )


def index_of(stretch: str) -> int:
    """Return the record number encoded in a stretch id."""
    return int(stretch[1:8])


def make_record(i: int) -> BreakRecord:
    """Build record `i` as the app would."""
    started_at, local_date, stretch, outcome, duration_s, trigger, checkin = expected_row(i)
    return BreakRecord(
        datetime.fromisoformat(started_at),
        datetime.fromisoformat(local_date).date(),
        stretch,
        Outcome(outcome),
        duration_s,
        Trigger(trigger),
        checkin,
    )


def verify_history(db: Path, known: int, start: int) -> int:
    """Open the killed database as the app would, check every record, return how many exist."""
    opened = open_history(db, FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)))
    assert opened.problem is None, opened.problem
    assert opened.moved_aside is None
    history = opened.history
    conn: sqlite3.Connection = history._db
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        count = conn.execute("SELECT count(*) FROM break_record").fetchone()[0]
        rows = conn.execute(
            "SELECT stretch, started_at, local_date, outcome, duration_s, trigger_kind, checkin "
            "FROM break_record ORDER BY id"
        ).fetchall()
        # Committed writes are a prefix 0..count-1: nothing lost, nothing out of order.
        assert [index_of(r[0]) for r in rows] == list(range(count))
        assert count >= known
        for row in rows[known:]:
            i = index_of(row[0])
            started_at, local_date, stretch, outcome, duration_s, trigger, checkin = expected_row(i)
            assert row == (stretch, started_at, local_date, outcome, duration_s, trigger, checkin)
        # A batch is all or nothing: the count must sit on a batch boundary of this run.
        boundary = start
        while boundary < count:
            boundary += batch_size(boundary)
        assert boundary == count, f"half a batch stored: {count} rows, batch ended at {boundary}"
        # The per-day totals were written in the same transactions as the records.
        totals = conn.execute(
            "SELECT local_date, completed, skipped, snoozed, abandoned FROM day_total "
            "ORDER BY local_date"
        ).fetchall()
        recount = conn.execute(
            "SELECT local_date, sum(outcome = 'completed'), sum(outcome = 'skipped'), "
            "sum(outcome = 'snoozed'), sum(outcome = 'abandoned') FROM break_record "
            "GROUP BY local_date ORDER BY local_date"
        ).fetchall()
        assert totals == recount
        return int(count)
    finally:
        history.close()


def main() -> int:
    """Write records forever (or until a write fails, with --until-error)."""
    path = Path(sys.argv[1])
    opened = open_history(path, FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)))
    if opened.problem is not None:
        print(f"problem: {opened.problem}", flush=True)
        return 3
    history = opened.history
    i = int(history._db.execute("SELECT count(*) FROM break_record").fetchone()[0])
    print(f"ready {i}", flush=True)
    while True:
        size = batch_size(i)
        try:
            if size == 1:
                history.record(make_record(i))
            else:
                history.record_many(make_record(j) for j in range(i, i + size))
        except HistoryWriteError as exc:
            print(f"write error: {exc}", flush=True)
            history.close()
            return 2
        i += size


if __name__ == "__main__":
    sys.exit(main())
