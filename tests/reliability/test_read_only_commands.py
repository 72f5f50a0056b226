"""Read-only commands (`stats`, `export`) on a history they cannot read: a reason, never damage.

The real command runs as its own process. Whatever is wrong with the history, it is left byte for
byte where it was, nothing is created or set aside, a good export is never replaced by an empty
one, and the command exits non-zero with one line that says why.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from posture_break.core.history import SCHEMA_VERSION, BreakHistory
from tests.reliability.cli_process import history_path, run_cli
from tests.reliability.history_writer import make_record

GOOD_EXPORT = b"started_at,local_date,stretch,outcome,duration_s,trigger\nmy last good backup\n"


@pytest.fixture
def database() -> Path:
    return history_path()


def our_history(path: Path) -> None:
    with BreakHistory(sqlite3.connect(path)) as history:
        history.record_many(make_record(i) for i in range(30))


def newer(path: Path) -> None:
    our_history(path)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1234")
        db.execute("CREATE TABLE notes (body TEXT)")


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00\x01 not sqlite " * 500)


def damaged_inside(path: Path) -> None:
    our_history(path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2 : page * 3] = b"\xff" * page  # a table page, header intact
    path.write_bytes(bytes(data))


KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "newer": (newer, "newer version"),
    "foreign": (foreign, "another program"),
    "garbage": (garbage, "not a SQLite database"),
    "damaged": (damaged_inside, "damaged"),
}


def snapshot(folder: Path) -> dict[str, str]:
    """Hash every file but SQLite's own `-wal`/`-shm`, which a read-only reader may leave."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if not p.name.endswith(("-wal", "-shm"))
    }


def check_one_line_refusal(done: subprocess.CompletedProcess[str], reason: str) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("posture-break: error: ")
    assert reason in lines[0]
    assert "will not be kept" not in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_export_to_a_file_keeps_the_last_good_export(
    database: Path, tmp_path: Path, kind: str
) -> None:
    make, reason = KINDS[kind]
    make(database)
    before = snapshot(database.parent)
    target = tmp_path / "backup.csv"
    target.write_bytes(GOOD_EXPORT)

    done = run_cli("export", str(target))

    check_one_line_refusal(done, reason)
    assert target.read_bytes() == GOOD_EXPORT
    assert snapshot(database.parent) == before


# Damage inside the records only shows to a command that reads them (export, above); stats reads
# the per-day totals, which this damage does not reach.
@pytest.mark.parametrize("kind", ["foreign", "garbage", "newer"])
def test_stats_says_why_and_leaves_the_history_alone(database: Path, kind: str) -> None:
    make, reason = KINDS[kind]
    make(database)
    before = snapshot(database.parent)

    done = run_cli("stats", "--json", "--as-of", "2026-11-25")

    check_one_line_refusal(done, reason)
    assert done.stdout == ""
    assert snapshot(database.parent) == before


def test_a_history_locked_past_the_busy_timeout_is_a_one_line_refusal(
    database: Path, tmp_path: Path
) -> None:
    our_history(database)
    target = tmp_path / "backup.csv"
    target.write_bytes(GOOD_EXPORT)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("DELETE FROM day_total WHERE local_date = '1999-01-01'")
    holder.execute("COMMIT")  # exclusive locking mode keeps the lock after the commit
    try:
        done = run_cli("export", str(target))
    finally:
        holder.close()
    check_one_line_refusal(done, "another program is using the history file")
    assert target.read_bytes() == GOOD_EXPORT
    assert [p.name for p in database.parent.iterdir() if "unreadable" in p.name] == []


def test_read_only_commands_never_create_a_history(database: Path) -> None:
    for args in (["stats"], ["export"], ["next"], ["paths"]):
        done = run_cli(*args)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
    assert not database.exists()
    assert list(database.parent.iterdir()) == []


def test_read_only_commands_read_a_good_history(database: Path) -> None:
    our_history(database)
    done = run_cli("export")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 31
