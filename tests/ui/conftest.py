"""Fixtures shared by the app-level UI tests: an in-memory history and a real scheduler."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.settings import Settings
from posture_break.platform.disturb import NoDisturbSource
from posture_break.platform.idle import NoIdleSource
from posture_break.ui.scheduling import BreakScheduler


@pytest.fixture
def history() -> Iterator[BreakHistory]:
    """An empty history in memory, closed after the test."""
    store = BreakHistory(sqlite3.connect(":memory:"))
    yield store
    store.close()


@pytest.fixture
def scheduler(clock: FakeClock) -> Iterator[BreakScheduler]:
    """The real scheduler on the test module's fake `clock`, with default settings."""
    engine = BreakScheduler(clock, Settings(), NoIdleSource(), NoDisturbSource())
    yield engine
    engine.shutdown()
