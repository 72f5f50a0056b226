"""Damaged, truncated, empty, newer and foreign history files: explained, kept, and replaced."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from posture_break.core.clock import FakeClock
from posture_break.core.history import (
    SCHEMA_VERSION,
    BreakHistory,
    HistoryReadError,
    open_history,
)
from posture_break.core.history import schema as history_schema
from posture_break.core.record import BreakRecord, Outcome, Trigger

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 12, 15, 0, tzinfo=CET)
ASIDE = "history.sqlite3.unreadable-20261125-121500"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def a_break(minutes: int = 0) -> BreakRecord:
    return BreakRecord.at(
        datetime(2026, 11, 24, 9, 0, tzinfo=CET) + timedelta(minutes=minutes),
        f"stretch-{minutes:05d}-" + "y" * 40,
        Outcome.COMPLETED,
        60,
        Trigger.SCHEDULED,
    )


def our_history(path: Path, count: int) -> None:
    db = sqlite3.connect(path)
    with BreakHistory(db) as history:
        history.record_many(a_break(m) for m in range(count))


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def text_file(path: Path) -> None:
    path.write_text("these are my notes, not a database\n" * 40)


def truncated(path: Path) -> None:
    our_history(path, 3000)
    size = path.stat().st_size
    with path.open("r+b") as stream:
        stream.truncate((size // 2) // 4096 * 4096)


def cut_mid_page(path: Path) -> None:
    our_history(path, 300)
    with path.open("r+b") as stream:
        stream.truncate(path.stat().st_size - 1000)


def header_only(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


def newer_schema(path: Path) -> None:
    our_history(path, 10)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()


def foreign_application(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 0x46495245")
    db.execute("CREATE TABLE bookmarks (url TEXT)")
    db.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    db.commit()
    db.close()


def unknown_tables(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    db.commit()
    db.close()


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "garbage": (garbage, "not a SQLite database"),
    "text file": (text_file, "not a SQLite database"),
    "header only": (header_only, "not a SQLite database"),
    "truncated": (truncated, "truncated"),
    "cut mid-page": (cut_mid_page, "truncated"),
    "newer schema": (newer_schema, "newer version of posture-break"),
    "foreign application id": (foreign_application, "belongs to another program"),
    "unknown tables": (unknown_tables, "not a posture-break history"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_unusable_file_is_moved_aside_byte_for_byte_and_a_fresh_history_works(
    tmp_path: Path, case: str
) -> None:
    make, words = CASES[case]
    path = tmp_path / "history.sqlite3"
    make(path)
    original = sha256(path)

    opened = open_history(path, FakeClock(NOW))

    aside = tmp_path / ASIDE
    assert opened.moved_aside == aside
    assert sha256(aside) == original
    assert opened.problem is not None
    assert words in opened.problem
    assert str(aside) in opened.problem
    assert "nothing was deleted" in opened.problem
    assert opened.is_persistent
    opened.history.record(a_break())
    assert opened.history.records() == [a_break()]
    opened.history.close()
    assert sha256(aside) == original
    assert sorted(p.name for p in tmp_path.iterdir() if "unreadable" in p.name) == [ASIDE]


def test_zero_length_file_is_simply_a_new_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")
    opened = open_history(path, FakeClock(NOW))
    assert opened.problem is None
    assert opened.moved_aside is None
    opened.history.record(a_break())
    opened.history.close()
    assert [p.name for p in tmp_path.iterdir() if "unreadable" in p.name] == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_foreign_database_with_a_hot_wal_is_moved_with_its_wal(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    # Another program's WAL database, killed mid-session so its WAL still holds committed data.
    script = (
        "import os, signal, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('PRAGMA journal_mode = WAL')\n"
        "db.execute('CREATE TABLE notes (body TEXT)')\n"
        "db.execute(\"INSERT INTO notes VALUES ('kept in the WAL')\")\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(path)], check=False)
    assert proc.returncode == -signal.SIGKILL
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    hashes = (sha256(path), sha256(wal))

    opened = open_history(path, FakeClock(NOW))
    opened.history.close()

    aside = tmp_path / ASIDE
    assert opened.moved_aside == aside
    assert opened.problem is not None
    assert "not a posture-break history (its tables: notes)" in opened.problem
    assert (sha256(aside), sha256(aside.with_name(ASIDE + "-wal"))) == hashes
    # Together the pair still opens, with the data that was only in the WAL.
    check = sqlite3.connect(aside)
    assert check.execute("SELECT body FROM notes").fetchall() == [("kept in the WAL",)]
    check.close()


def test_damage_inside_the_records_is_reported_in_words_when_read(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    our_history(path, 3000)
    size = path.stat().st_size
    with path.open("r+b") as stream:
        # Scribble over pages in the middle, leaving the header and schema page intact.
        stream.seek(size // 2 // 4096 * 4096)
        stream.write(b"\xff" * 4096 * 3)
    opened = open_history(path, FakeClock(NOW))
    try:
        with pytest.raises(HistoryReadError, match="could not be read: the file is damaged"):
            opened.history.records()
    finally:
        opened.history.close()


def test_a_locked_history_is_never_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_schema, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "history.sqlite3"
    our_history(path, 20)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("DELETE FROM day_total WHERE local_date = '1999-01-01'")
    holder.execute("COMMIT")  # exclusive locking mode keeps the lock after the commit
    try:
        opened = open_history(path, FakeClock(NOW))
        opened.history.close()
    finally:
        holder.close()
    assert opened.moved_aside is None
    assert opened.problem is not None
    assert "another program is using the history file" in opened.problem
    assert "left untouched" in opened.problem
    assert not opened.is_persistent
    assert [p.name for p in tmp_path.iterdir() if "unreadable" in p.name] == []
    reopened = open_history(path, FakeClock(NOW))
    assert reopened.problem is None
    assert len(reopened.history.records()) == 20
    reopened.history.close()
