"""Fixtures shared by the app-level UI tests: an in-memory history and a real scheduler."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.settings import Settings
from posture_break.platform.disturb import NoDisturbSource
from posture_break.platform.idle import NoIdleSource
from posture_break.ui.scheduling import BreakScheduler

# Day and month names come from the default QLocale (the app sets it for the chosen language):
# the tests read them in English whatever the machine's locale (a test may switch explicitly).
QLocale.setDefault(QLocale.c())


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
