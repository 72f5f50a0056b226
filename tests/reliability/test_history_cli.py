"""The real `posture-break` command on unusable history files and bad imports: words, not damage."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from posture_break.core.history import SCHEMA_VERSION, BreakHistory
from tests.reliability.cli_process import history_path, run_cli
from tests.reliability.history_writer import make_record

BAD_CSV = (
    "started_at,local_date,stretch,outcome,duration_s,trigger\n"
    "2026-11-24T10:15:00+01:00,2026-11-24,cat-cow,completed,60,scheduled\n"
    "2026-11-24T10:15:00,2026-11-24,cat-cow,done,60,scheduled\n"
)


@pytest.fixture
def database() -> Path:
    return history_path()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def newer_history(path: Path) -> None:
    with BreakHistory(sqlite3.connect(path)) as history:
        history.record_many(make_record(i) for i in range(30))
        history._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def test_bad_import_lists_each_problem_and_changes_nothing(database: Path, tmp_path: Path) -> None:
    with BreakHistory(sqlite3.connect(database)) as history:
        history.record_many(make_record(i) for i in range(5))
    source = tmp_path / "my breaks.csv"
    source.write_text(BAD_CSV)

    done = run_cli("import", str(source))

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "line 3, column started_at" in done.stderr
    assert "line 3, column outcome" in done.stderr
    assert "nothing imported" in done.stderr
    with BreakHistory(sqlite3.connect(database)) as history:
        assert len(history.records()) == 5


def test_export_then_import_twice_adds_nothing(database: Path, tmp_path: Path) -> None:
    with BreakHistory(sqlite3.connect(database)) as history:
        history.record_many(make_record(i) for i in range(40))
    exported = tmp_path / "export ü.csv"
    assert run_cli("export", str(exported)).returncode == 0
    for _ in range(2):
        done = run_cli("import", str(exported))
        assert done.returncode == 0, done.stderr
    with BreakHistory(sqlite3.connect(database)) as history:
        assert len(history.records()) == 40
    again = tmp_path / "again.csv"
    assert run_cli("export", str(again)).returncode == 0
    assert again.read_bytes() == exported.read_bytes()
