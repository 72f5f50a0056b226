"""kill -9 a real process while it writes records, 100 times: nothing lost, nothing half there."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from history_writer import batch_size, expected_row, index_of

from posture_break.core.clock import FakeClock
from posture_break.core.history import open_history

WRITER = Path(__file__).with_name("history_writer.py")
KILLS = 100
SEED = 20261125


def start_writer(db: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(db)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("ready "), f"writer did not start: {line!r}"
    return proc, int(line.split()[1])


def check_database(db: Path, known: int, start: int) -> int:
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


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_during_writes_never_leaves_half_a_record(tmp_path: Path) -> None:
    db = tmp_path / "kill test ünï" / "history.sqlite3"
    rng = random.Random(SEED)
    known = 0
    hot_wal_seen = 0
    growth = 0
    began = time.perf_counter()
    for _ in range(KILLS):
        proc, start = start_writer(db)
        assert start == known
        time.sleep(rng.uniform(0.0, 0.04))  # a random moment in the middle of the writes
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        wal = db.with_name(db.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            hot_wal_seen += 1
        count = check_database(db, known, start)
        growth += count > known
        known = count
    elapsed = time.perf_counter() - began
    print(f"{KILLS} kills in {elapsed:.1f} s, {known} records, {hot_wal_seen} hot WALs")
    assert hot_wal_seen >= KILLS // 2, "the kills should mostly leave a WAL to recover"
    assert growth >= KILLS // 2, "the writer should usually get some records in before a kill"
