"""kill -9 a real process while it writes records, 100 times: nothing lost, nothing half there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.history_writer import verify_history

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
        count = verify_history(db, known, start)
        growth += count > known
        known = count
    elapsed = time.perf_counter() - began
    print(f"{KILLS} kills in {elapsed:.1f} s, {known} records, {hot_wal_seen} hot WALs")
    assert hot_wal_seen >= KILLS // 2, "the kills should mostly leave a WAL to recover"
    assert growth >= KILLS // 2, "the writer should usually get some records in before a kill"
