"""A history file another program holds, and the app's outbox-backed history over it.

Its `db_path` and `lock` fixtures reach every test through `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture_break.core.clock import Clock
from posture_break.core.history import BreakHistory
from posture_break.core.outbox import Outbox, OutboxHistory


@contextlib.contextmanager
def held_exclusively(db_path: Path) -> Iterator[sqlite3.Connection]:
    """Create the history at `db_path`, then hold it from a second connection (`BEGIN
    EXCLUSIVE`, as a long `import` does) until the block ends or the test rolls back."""
    BreakHistory(sqlite3.connect(db_path)).close()  # create the schema first
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield other
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


def open_kept(db_path: Path, clock: Clock) -> OutboxHistory:
    """Open the history as the app does: changes it cannot save yet wait in outbox.jsonl."""
    outbox = Outbox(db_path.parent / "outbox.jsonl")
    return OutboxHistory(BreakHistory(sqlite3.connect(db_path)), outbox, clock)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's history file goes (not created yet)."""
    return tmp_path / "history.sqlite3"


@pytest.fixture
def lock(db_path: Path) -> Iterator[sqlite3.Connection]:
    """The history at `db_path`, held by another connection for the whole test."""
    with held_exclusively(db_path) as other:
        yield other
