"""Fixtures shared by the UI tests: an in-memory history, a real scheduler, the app, the rigs.

The app fixtures (`clock`, `paths`, `app`) are built with tests/ui/app_harness.py and the
schedule rigs (`rig`, `night_rig`) with tests/ui/schedule_rig.py; a test module that needs
another start time or home defines its own fixture of the same name, which takes precedence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths
from posture_break.core.settings import Settings
from posture_break.platform.disturb import NoDisturbSource
from posture_break.platform.idle import NoIdleSource
from posture_break.ui.app import PostureBreakApp
from posture_break.ui.scheduling import BreakScheduler
from tests.ui.app_harness import START, build
from tests.ui.schedule_rig import WED_10, Rig, make_rig

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


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def paths(tmp_path_factory: pytest.TempPathFactory) -> AppPaths:
    root = tmp_path_factory.mktemp("app")
    found = AppPaths(
        config_dir=root / "config",
        data_dir=root / "data",
        log_dir=root / "log",
        runtime_dir=root / "run",
    )
    # The first-run safety note is a modal dialog; these tests are past their first run.
    found.data_dir.mkdir(parents=True)
    (found.data_dir / "safety-note-shown").touch()
    return found


@pytest.fixture
def app(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
) -> Iterator[PostureBreakApp]:
    built = build(qtbot, clock, paths, history, scheduler)
    yield built
    built.quit()


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    made = make_rig(qtbot, WED_10)
    yield made
    made.scheduler.shutdown()


@pytest.fixture
def night_rig(qtbot: QtBot) -> Iterator[list[Rig]]:
    made: list[Rig] = []
    yield made
    for each in made:
        each.scheduler.shutdown()
