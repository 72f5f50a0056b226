"""The break history: record breaks and answer questions about them."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from posture_break.core.history.schema import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    HistoryReadError,
    HistoryWriteError,
    UnusableHistoryError,
    configure,
    main_file,
    migrate,
    plain_reason,
    schema_problem,
    user_version,
)
from posture_break.core.i18n import _
from posture_break.core.paths import ensure_private_dir, touch_private_file
from posture_break.core.record import BreakRecord, DayCounts, Outcome, Trigger

_T = TypeVar("_T")
_COLUMNS = "started_at, local_date, stretch, outcome, duration_s, trigger_kind, checkin"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class BreakHistory:
    """Record breaks and answer questions about them."""

    def __init__(self, db: sqlite3.Connection, *, read_only: bool = False) -> None:
        """Take over an open connection: set it up, check the schema and migrate it if needed.

        Args:
            db: The connection; tests pass an in-memory one.
            read_only: The connection cannot write (a read-only folder): skip the journal-mode
                change and migrations; writes then raise `HistoryWriteError`.

        Raises:
            UnusableHistoryError: The file is from a newer version or another program.
            sqlite3.DatabaseError: The file is damaged or cannot be read.
        """
        self._read_only = read_only
        self._busy_timeout_ms = BUSY_TIMEOUT_MS
        self._db = db
        self._take(db)
        # The file this history writes to, and which file that is (device, inode): a history
        # deleted while the app runs is noticed at the next write (`_follow_path`).
        self._path = None if read_only else main_file(db)
        self._identity = _identity(self._path)

    def _take(self, db: sqlite3.Connection) -> None:
        """Set up a connection, check its schema and migrate it; it becomes `self._db`."""
        read_only = self._read_only
        # Autocommit: Python's implicit transactions would silently swallow some pragmas.
        db.isolation_level = None
        self._db = db
        configure(db, read_only=read_only)
        db.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms:d}")  # kept over a new file
        problem = schema_problem(db)
        if problem is not None:
            raise UnusableHistoryError(problem)
        if not read_only:
            migrate(db)
        elif user_version(db) != SCHEMA_VERSION:
            raise UnusableHistoryError(_("it needs an update, and its folder is read-only"))

    def __enter__(self) -> BreakHistory:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (the last connection to close checkpoints the WAL)."""
        self._db.close()

    def set_busy_timeout(self, milliseconds: int) -> None:
        """Wait at most this long for another program's lock (the app's GUI waits only briefly)."""
        self._busy_timeout_ms = milliseconds
        self._db.execute(f"PRAGMA busy_timeout = {milliseconds:d}")

    # --- writes -------------------------------------------------------------------------------

    def record(self, entry: BreakRecord) -> int:
        """Store one break and return its row id.

        Raises:
            HistoryWriteError: The disk is full, the file is read-only, busy or damaged.
        """
        return self._write(lambda: self._insert(entry))

    def record_many(self, entries: Iterable[BreakRecord]) -> int:
        """Store many breaks in one transaction and return how many were actually added.

        `entries` is read lazily inside the transaction: an exception it raises (an import that
        found a bad row) rolls back everything. A row whose CSV columns other than `checkin` all
        equal those of a stored row counts as already present (the stored check-in is kept):
        importing the same file twice adds nothing. Rows repeated within `entries` are kept as
        many times as they appear, minus the copies already stored, so an export of a history
        that holds true repeats imports back exactly.

        Raises:
            HistoryWriteError: Nothing was stored; the reason is in the message.
        """

        def work() -> int:
            # Rows stored before this import began have ids up to `last_id`: repeats are counted
            # among those only, so a key never seen before needs no memory here, and a
            # million-row import into a fresh history holds one row at a time.
            last_id = self._last_id()
            remaining: dict[tuple[object, ...], int] = {}
            added = 0
            for entry in entries:
                key = _row_key(entry)
                if last_id:
                    if key not in remaining:
                        stored = self._count_identical(key, last_id)
                        if stored:
                            remaining[key] = stored
                    if remaining.get(key, 0) > 0:
                        remaining[key] -= 1
                        continue
                self._insert(entry)
                added += 1
            return added

        return self._write(work)

    def set_checkin(self, row_id: int, value: int | None) -> None:
        """Set (or clear) the 0-10 "how does your mid back feel" answer of one break.

        Raises:
            ValueError: `value` is outside 0..10, or there is no break with this id.
            HistoryWriteError: The change could not be saved.
        """
        if value is not None and not 0 <= value <= 10:
            raise ValueError(f"checkin {value} is outside 0..10")

        def work() -> int:
            cursor = self._db.execute(
                "UPDATE break_record SET checkin = ? WHERE id = ?", (value, row_id)
            )
            return cursor.rowcount

        if self._write(work) == 0:
            raise ValueError(f"there is no break with id {row_id}")

    def add_rest_days(self, days: Iterable[date]) -> int:
        """Mark `days` as rest days in one transaction; return how many were not marked yet.

        Raises:
            HistoryWriteError: Nothing was changed; the reason is in the message.
        """
        wanted = sorted({day.isoformat() for day in days})

        def work() -> int:
            added = 0
            for day in wanted:
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO rest_day (local_date) VALUES (?)", (day,)
                )
                added += cursor.rowcount
            return added

        return self._write(work)

    def remove_rest_days(self, days: Iterable[date]) -> int:
        """Unmark `days` as rest days in one transaction; return how many had been marked.

        Raises:
            HistoryWriteError: Nothing was changed; the reason is in the message.
        """
        wanted = sorted({day.isoformat() for day in days})

        def work() -> int:
            removed = 0
            for day in wanted:
                cursor = self._db.execute("DELETE FROM rest_day WHERE local_date = ?", (day,))
                removed += cursor.rowcount
            return removed

        return self._write(work)

    # --- queries ------------------------------------------------------------------------------

    def rest_days(self, first: date | None = None, last: date | None = None) -> tuple[date, ...]:
        """Return the rest days from `first` to `last` (either end open when None), ascending."""
        low = "0000-01-01" if first is None else first.isoformat()
        high = "9999-12-31" if last is None else last.isoformat()
        rows = self._read(
            "SELECT local_date FROM rest_day WHERE local_date BETWEEN ? AND ? ORDER BY local_date",
            (low, high),
        )
        return tuple(date.fromisoformat(day) for (day,) in rows)

    def records(self, until: date | None = None) -> list[BreakRecord]:
        """Return all breaks (up to and including the local day `until`), oldest first."""
        if until is None:
            rows = self._read(
                f"SELECT {_COLUMNS} FROM break_record ORDER BY started_utc_us, id"  # noqa: S608
            )
        else:
            rows = self._read(
                f"SELECT {_COLUMNS} FROM break_record WHERE local_date <= ? "  # noqa: S608 - constant column list
                "ORDER BY started_utc_us, id",
                (until.isoformat(),),
            )
        return [_to_record(row) for row in rows]

    def day_counts(self, first: date | None, last: date) -> dict[date, DayCounts]:
        """Return the outcome counts of each local day from `first` (or the start) to `last`.

        Only days holding at least one break appear. One row per day, from the per-day totals.
        """
        sql = "SELECT local_date, completed, skipped, snoozed, abandoned FROM day_total "
        if first is None:
            rows = self._read(sql + "WHERE local_date <= ?", (last.isoformat(),))
        else:
            rows = self._read(
                sql + "WHERE local_date BETWEEN ? AND ?", (first.isoformat(), last.isoformat())
            )
        return {date.fromisoformat(day): DayCounts(*counts) for day, *counts in rows}

    def total_completed(self, until: date) -> int:
        """Return the number of completed breaks up to and including the local day `until`."""
        rows = self._read(
            "SELECT coalesce(sum(completed), 0) FROM day_total WHERE local_date <= ?",
            (until.isoformat(),),
        )
        return int(rows[0][0])

    def recent_stretches(self, limit: int) -> tuple[str, ...]:
        """Return up to `limit` different stretch ids, the most recently used first.

        Every outcome counts as "used": a skipped stretch was still offered.
        """
        seen: dict[str, None] = {}
        if limit <= 0:
            return ()
        try:
            cursor = self._db.execute(
                "SELECT stretch FROM break_record ORDER BY started_utc_us DESC, id DESC"
            )
            for (stretch,) in cursor:
                seen.setdefault(stretch)
                if len(seen) >= limit:
                    break
            cursor.close()
        except sqlite3.Error as exc:
            raise HistoryReadError(
                _("The history could not be read: {reason}.").format(reason=plain_reason(exc))
            ) from exc
        return tuple(seen)

    def checkins(self, first: date, last: date) -> list[tuple[date, int]]:
        """Return (local day, answer) for each check-in between `first` and `last`, oldest first."""
        rows = self._read(
            "SELECT local_date, checkin FROM break_record "
            "WHERE checkin IS NOT NULL AND local_date BETWEEN ? AND ? "
            "ORDER BY started_utc_us, id",
            (first.isoformat(), last.isoformat()),
        )
        return [(date.fromisoformat(day), int(value)) for day, value in rows]

    def stretch_counts(self, first: date, last: date) -> list[tuple[str, int]]:
        """Return (stretch id, completed count) between `first` and `last`, most done first."""
        rows = self._read(
            "SELECT stretch, count(*) AS done FROM break_record "
            "WHERE outcome = 'completed' AND local_date BETWEEN ? AND ? "
            "GROUP BY stretch ORDER BY done DESC, stretch",
            (first.isoformat(), last.isoformat()),
        )
        return [(str(stretch), int(done)) for stretch, done in rows]

    # --- internals ----------------------------------------------------------------------------

    def _insert(self, entry: BreakRecord) -> int:
        cursor = self._db.execute(
            "INSERT INTO break_record (started_at, started_utc_us, local_date, stretch, outcome, "
            "duration_s, trigger_kind, checkin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.started_at.isoformat(),
                _utc_microseconds(entry.started_at),
                entry.local_date.isoformat(),
                entry.stretch,
                entry.outcome.value,
                entry.duration_s,
                entry.trigger.value,
                entry.checkin,
            ),
        )
        row_id = cursor.lastrowid
        if row_id is None:  # pragma: no cover - an INSERT into a rowid table always sets it
            raise HistoryWriteError(_("The break could not be saved: SQLite gave no row id."))
        return row_id

    def _last_id(self) -> int:
        row = self._db.execute("SELECT coalesce(max(id), 0) FROM break_record").fetchone()
        return int(row[0])

    def _count_identical(self, key: tuple[object, ...], last_id: int) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM break_record WHERE started_utc_us = ? AND started_at = ? "
            "AND local_date = ? AND stretch = ? AND outcome = ? AND duration_s = ? "
            "AND trigger_kind = ? AND id <= ?",
            (*key, last_id),
        ).fetchone()
        return int(row[0])

    def _follow_path(self) -> None:
        """Start a new file at the history's path if the open one was deleted or replaced.

        Writing on into a file that no longer has a name would lose every later break when the
        app quits. The old connection's WAL is checkpointed into the old file and emptied
        before it is closed: SQLite may leave the `-wal` behind when its database was renamed
        away, and the new file at the path would otherwise replay the old file's pages.
        """
        if self._path is None:
            return
        try:
            status = os.stat(self._path)
        except FileNotFoundError:
            pass  # deleted: start a new one below
        except OSError:
            return  # cannot tell (a folder turned unreadable): the write itself will report
        else:
            if (status.st_dev, status.st_ino) == self._identity:
                return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()
        try:
            ensure_private_dir(self._path.parent)
            touch_private_file(self._path)
            self._take(sqlite3.connect(self._path, isolation_level=None))
        except (OSError, sqlite3.Error, UnusableHistoryError) as exc:
            self._db = sqlite3.connect(":memory:", isolation_level=None)
            self._path = None
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise HistoryWriteError(
                _(
                    "The break could not be saved: the history file was deleted and a new one "
                    "could not be started ({reason})."
                ).format(reason=reason)
            ) from exc
        self._identity = _identity(self._path)

    def _write(self, work: Callable[[], _T]) -> _T:
        """Run `work` inside BEGIN IMMEDIATE ... COMMIT, or roll it back whole."""
        self._follow_path()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise HistoryWriteError(_not_saved(exc)) from exc
        try:
            result = work()
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise HistoryWriteError(_not_saved(exc)) from exc
        except BaseException:
            self._rollback()
            raise
        return result

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (disk full, I/O error).
        if self._db.in_transaction:
            # If even that fails the connection is broken; the journal undoes the rest.
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryReadError(
                _("The history could not be read: {reason}.").format(reason=plain_reason(exc))
            ) from exc


def _identity(path: Path | None) -> tuple[int, int] | None:
    """Return (device, inode) of the file at `path`, or None when there is none."""
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _utc_microseconds(moment: datetime) -> int:
    """Return microseconds since the epoch: an integer that orders instants exactly."""
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _row_key(entry: BreakRecord) -> tuple[object, ...]:
    """Return the stored form of the CSV columns, in the order `_count_identical` expects."""
    return (
        _utc_microseconds(entry.started_at),
        entry.started_at.isoformat(),
        entry.local_date.isoformat(),
        entry.stretch,
        entry.outcome.value,
        entry.duration_s,
        entry.trigger.value,
    )


def _to_record(row: tuple[Any, ...]) -> BreakRecord:
    started_at, local_date, stretch, outcome, duration_s, trigger, checkin = row
    return BreakRecord(
        started_at=datetime.fromisoformat(str(started_at)),
        local_date=date.fromisoformat(str(local_date)),
        stretch=str(stretch),
        outcome=Outcome(outcome),
        duration_s=int(str(duration_s)),
        trigger=Trigger(trigger),
        checkin=None if checkin is None else int(str(checkin)),
    )


def _not_saved(exc: sqlite3.Error) -> str:
    return _("The break could not be saved: {reason}. Your earlier history is unchanged.").format(
        reason=plain_reason(exc)
    )
