"""The outbox: nothing the user did is lost when the history is busy, even across a restart."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from posture_break.core.clock import FakeClock, SystemClock
from posture_break.core.history import BreakHistory
from posture_break.core.outbox import GUI_BUSY_TIMEOUT_MS, Outbox, OutboxHistory, Pending
from posture_break.core.record import BreakRecord, Outcome, Trigger
from tests.core import held_history

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZONE)
TODAY = NOW.date()


def done(minute: int, outcome: Outcome = Outcome.COMPLETED) -> BreakRecord:
    return BreakRecord.at(
        NOW + timedelta(minutes=minute), "open-book", outcome, 60, Trigger.SCHEDULED
    )


def open_kept(db_path: Path) -> OutboxHistory:
    return held_history.open_kept(db_path, FakeClock(NOW))


def stored(db_path: Path) -> list[tuple[str, int | None]]:
    with BreakHistory(sqlite3.connect(db_path)) as history:
        return [(r.outcome.value, r.checkin) for r in history.records()]


def test_a_busy_history_queues_the_break_quickly_and_it_lands_later(
    db_path: Path, lock: sqlite3.Connection
) -> None:
    kept = open_kept(db_path)
    started = SystemClock().monotonic()
    row_id = kept.record(done(0))
    took = SystemClock().monotonic() - started
    assert took < 4 * GUI_BUSY_TIMEOUT_MS / 1000, f"the GUI thread waited {took:.2f} s"
    assert row_id < 0
    assert len(kept.pending) == 1
    outbox = db_path.parent / "outbox.jsonl"
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o600
    # The end view counts it already, and a check-in answered meanwhile goes with it.
    assert kept.day_counts(TODAY, TODAY)[TODAY].completed == 1
    assert kept.total_completed(TODAY) == 1
    kept.set_checkin(row_id, 7)
    kept.add_rest_days([date(2026, 11, 28)])  # queued behind it, in order
    assert kept.rest_days() == (date(2026, 11, 28),)  # This week shows it at once
    assert kept.drain() is False  # still locked
    lock.execute("ROLLBACK")
    assert kept.drain() is True
    assert not outbox.exists()
    kept.close()
    assert stored(db_path) == [("completed", 7)]
    with BreakHistory(sqlite3.connect(db_path)) as history:
        assert history.rest_days() == (date(2026, 11, 28),)


def test_the_outbox_survives_a_restart(db_path: Path, lock: sqlite3.Connection) -> None:
    first = open_kept(db_path)
    first.record(done(0, Outcome.ABANDONED))
    first.record(done(5))
    first.close()  # the app ends (or is killed) with both pending
    lock.execute("ROLLBACK")
    second = open_kept(db_path)
    assert len(second.pending) == 2
    assert second.drain() is True
    second.close()
    assert stored(db_path) == [("abandoned", None), ("completed", None)]


def test_a_check_in_after_the_break_was_written_finds_its_row(
    db_path: Path, lock: sqlite3.Connection
) -> None:
    kept = open_kept(db_path)
    row_id = kept.record(done(0))
    lock.execute("ROLLBACK")
    assert kept.drain() is True
    kept.set_checkin(row_id, 3)
    kept.close()
    assert stored(db_path) == [("completed", 3)]


def test_later_writes_wait_behind_pending_ones_to_keep_the_order(
    db_path: Path, lock: sqlite3.Connection
) -> None:
    kept = open_kept(db_path)
    kept.record(done(0, Outcome.SKIPPED))
    lock.execute("ROLLBACK")
    kept.record(done(5))  # the history is free now, but the first break goes first
    assert len(kept.pending) == 2
    assert kept.drain() is True
    kept.close()
    assert stored(db_path) == [("skipped", None), ("completed", None)]


def test_a_torn_line_is_kept_aside_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "outbox.jsonl"
    good = Pending(NOW, 1, record=done(0))
    path.write_text(good.to_json() + "\n" + '{"queued_at": "2026-11-2')
    assert Outbox(path).load() == [good]
    assert (tmp_path / "outbox.jsonl.unreadable").read_text() == '{"queued_at": "2026-11-2\n'


def test_a_history_that_is_not_kept_sends_every_change_to_the_outbox(tmp_path: Path) -> None:
    """The file was locked at start, so this session's history is in memory: keep it for later."""
    outbox = Outbox(tmp_path / "outbox.jsonl")
    memory = BreakHistory(sqlite3.connect(":memory:"))
    kept = OutboxHistory(memory, outbox, FakeClock(NOW), is_persistent=False)
    kept.record(done(0))
    assert kept.drain() is False
    assert memory.records() == []
    kept.close()
    assert [change.record for change in outbox.load()] == [done(0)]


def test_the_short_busy_timeout_holds_for_a_history_started_anew(db_path: Path) -> None:
    """The file was deleted under the app and started again: the GUI still never waits long."""
    kept = open_kept(db_path)
    db_path.unlink()
    kept.record(done(0))  # a new file at the same path
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = SystemClock().monotonic()
        kept.record(done(5))
        took = SystemClock().monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert took < 4 * GUI_BUSY_TIMEOUT_MS / 1000, f"the GUI thread waited {took:.2f} s"
    assert len(kept.pending) == 1
    assert kept.drain() is True
    kept.close()
    assert stored(db_path) == [("completed", None), ("completed", None)]
