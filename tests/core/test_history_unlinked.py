"""A history file deleted while the app runs: later breaks go to a new file at the same path."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from posture_break.core.history import BreakHistory
from posture_break.core.record import BreakRecord, Outcome, Trigger

CET = timezone(timedelta(hours=1))


def a_break(minute: int) -> BreakRecord:
    started = datetime(2026, 11, 24, 10, minute, tzinfo=CET)
    return BreakRecord.at(started, "open-book", Outcome.COMPLETED, 60, Trigger.SCHEDULED)


def test_a_deleted_history_file_is_started_anew_at_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with BreakHistory(sqlite3.connect(path)) as history:
        history.record(a_break(0))
        path.unlink()  # the user (or a cleaner) deletes the file while the app runs
        history.record(a_break(1))
        history.record_many([a_break(2), a_break(3)])
        assert [r.started_at.minute for r in history.records()] == [1, 2, 3]
    assert path.exists()
    with BreakHistory(sqlite3.connect(path)) as reopened:
        assert [r.started_at.minute for r in reopened.records()] == [1, 2, 3]


def test_a_history_file_replaced_under_the_app_is_followed(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    elsewhere = tmp_path / "restored.sqlite3"
    with BreakHistory(sqlite3.connect(elsewhere)) as restored:
        restored.record(a_break(30))
    with BreakHistory(sqlite3.connect(path)) as history:
        history.record(a_break(0))
        elsewhere.rename(path)  # a backup restored over the file
        history.record(a_break(1))
    with BreakHistory(sqlite3.connect(path)) as reopened:
        assert [r.started_at.minute for r in reopened.records()] == [1, 30]


def test_an_unchanged_file_is_kept_open(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with BreakHistory(sqlite3.connect(path)) as history:
        connection = history._db
        history.record(a_break(0))
        history.record(a_break(1))
        assert history._db is connection
