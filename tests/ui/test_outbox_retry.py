"""A stretch finished while another program holds the history: counted at once, saved later.

A real history file and a second connection holding it (`BEGIN EXCLUSIVE`, as a long `import`
does); the window and the retry timer are the app's own.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock, SystemClock
from posture_break.core.record import Outcome, Trigger
from posture_break.core.settings import BreakSettings, Settings
from posture_break.ui.outbox_retry import TELL_AFTER, OutboxRetry
from posture_break.ui.stretch_window import StretchWindow
from tests.core.held_history import open_kept
from tests.ui.stretch_factory import make_stretch

START = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # a Wednesday


def _waiting(retry: OutboxRetry) -> bool:
    return retry.is_waiting  # asked afresh (mypy would keep the earlier answer)


def test_a_stretch_finished_while_the_history_is_locked_lands_when_it_is_free(
    qtbot: QtBot, db_path: Path, lock: sqlite3.Connection
) -> None:
    clock = FakeClock(START)
    history = open_kept(db_path, clock)
    told: list[str] = []
    retry = OutboxRetry(history, clock, lambda title, text: told.append(text), first_ms=20)
    settings = Settings(breaks=replace(BreakSettings(), stretch_seconds=60, sound=False))
    window = StretchWindow(
        make_stretch(),
        clock=clock,
        settings=settings,
        history=history,
        trigger=Trigger.ON_DEMAND,
        picker=None,
        chime=None,
    )
    qtbot.addWidget(window)
    window.show_stretch()
    window.start()
    clock.advance(61)
    wall = SystemClock()
    before = wall.monotonic()
    window.refresh()  # the time is up: the break is saved, or queued
    took = wall.monotonic() - before
    assert took < 1.0, f"the GUI thread was blocked for {took:.2f} s"
    texts = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    assert any("1 of 4 today" in text for text in texts), texts
    assert len(history.pending) == 1
    assert retry.is_waiting
    lock.execute("ROLLBACK")  # the other program is done
    qtbot.waitUntil(lambda: not history.pending, timeout=5000)
    assert not _waiting(retry)  # nothing pending: no more wake-ups
    assert [r.outcome for r in history.records()] == [Outcome.COMPLETED]
    assert told == []  # it landed: the user never needed to hear of it
    window.close()
    history.close()


def test_the_user_is_told_once_when_changes_wait_for_long(
    qtbot: QtBot, db_path: Path, lock: sqlite3.Connection
) -> None:
    clock = FakeClock(START)
    history = open_kept(db_path, clock)
    told: list[str] = []
    retry = OutboxRetry(history, clock, lambda title, text: told.append(text), first_ms=10)
    history.add_rest_days([START.date()])
    clock.advance(TELL_AFTER + timedelta(seconds=1))
    retry.retry()
    retry.retry()
    assert len(told) == 1
    assert "another program" in told[0]
    assert "outbox.jsonl" in told[0]
    history.close()
