"""The break history: one local SQLite file that records breaks and answers questions about them.

Per-day totals live in their own table, kept by triggers in the same transaction as each record,
so `stats` reads one row per day (about 3,650 for ten years) instead of every break. Module-level
imports stay light because `posture-break stats` pays for them on every run: no `pathlib`
(the usual open works on plain strings), and `record` (enum, dataclasses) only where records are
read or written.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, date, datetime

from posture_break.core.daycounts import DayCounts
from posture_break.core.locations import ensure_private_dir, touch_private_file

# `typing` costs a few milliseconds to import and stats runs on every call: mypy alone needs it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from pathlib import Path
    from types import TracebackType
    from typing import Any, TypeVar

    from posture_break.core.clock import Clock
    from posture_break.core.record import BreakRecord, Outcome, Trigger

    _T = TypeVar("_T")

APPLICATION_ID = 0x506F4272  # "PoBr": marks the file as a posture-break history
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"

# One migration is a tuple of statements that takes the schema from version N to N + 1; the
# database's user_version says how many have been applied. Never edit a released step: append.
Migration = tuple[str, ...]

# Per-day totals are kept by these triggers inside the writing transaction, so they can never
# disagree with the records after a crash.
_V1: Migration = (
    """CREATE TABLE break_record (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL CHECK (length(started_at) BETWEEN 19 AND 40),
        started_utc_us INTEGER NOT NULL CHECK (typeof(started_utc_us) = 'integer'),
        local_date TEXT NOT NULL
            CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        stretch TEXT NOT NULL CHECK (length(stretch) BETWEEN 1 AND 100),
        outcome TEXT NOT NULL
            CHECK (outcome IN ('completed', 'skipped', 'snoozed', 'abandoned')),
        duration_s INTEGER NOT NULL
            CHECK (typeof(duration_s) = 'integer' AND duration_s BETWEEN 0 AND 86400),
        trigger_kind TEXT NOT NULL CHECK (trigger_kind IN ('scheduled', 'on-demand')),
        checkin INTEGER
            CHECK (checkin IS NULL OR (typeof(checkin) = 'integer' AND checkin BETWEEN 0 AND 10))
    )""",
    "CREATE INDEX break_record_by_time ON break_record (started_utc_us)",
    "CREATE INDEX break_record_by_day ON break_record (local_date)",
    """CREATE TABLE day_total (
        local_date TEXT PRIMARY KEY,
        completed INTEGER NOT NULL DEFAULT 0 CHECK (completed >= 0),
        skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
        snoozed INTEGER NOT NULL DEFAULT 0 CHECK (snoozed >= 0),
        abandoned INTEGER NOT NULL DEFAULT 0 CHECK (abandoned >= 0)
    ) WITHOUT ROWID""",
    """CREATE TRIGGER break_record_added AFTER INSERT ON break_record BEGIN
        INSERT OR IGNORE INTO day_total (local_date) VALUES (NEW.local_date);
        UPDATE day_total SET
            completed = completed + (NEW.outcome = 'completed'),
            skipped = skipped + (NEW.outcome = 'skipped'),
            snoozed = snoozed + (NEW.outcome = 'snoozed'),
            abandoned = abandoned + (NEW.outcome = 'abandoned')
        WHERE local_date = NEW.local_date;
    END""",
    """CREATE TRIGGER break_record_removed AFTER DELETE ON break_record BEGIN
        UPDATE day_total SET
            completed = completed - (OLD.outcome = 'completed'),
            skipped = skipped - (OLD.outcome = 'skipped'),
            snoozed = snoozed - (OLD.outcome = 'snoozed'),
            abandoned = abandoned - (OLD.outcome = 'abandoned')
        WHERE local_date = OLD.local_date;
        DELETE FROM day_total
        WHERE local_date = OLD.local_date AND completed + skipped + snoozed + abandoned = 0;
    END""",
    """CREATE TRIGGER break_record_changed AFTER UPDATE OF local_date, outcome ON break_record
    BEGIN
        UPDATE day_total SET
            completed = completed - (OLD.outcome = 'completed'),
            skipped = skipped - (OLD.outcome = 'skipped'),
            snoozed = snoozed - (OLD.outcome = 'snoozed'),
            abandoned = abandoned - (OLD.outcome = 'abandoned')
        WHERE local_date = OLD.local_date;
        DELETE FROM day_total
        WHERE local_date = OLD.local_date AND completed + skipped + snoozed + abandoned = 0;
        INSERT OR IGNORE INTO day_total (local_date) VALUES (NEW.local_date);
        UPDATE day_total SET
            completed = completed + (NEW.outcome = 'completed'),
            skipped = skipped + (NEW.outcome = 'skipped'),
            snoozed = snoozed + (NEW.outcome = 'snoozed'),
            abandoned = abandoned + (NEW.outcome = 'abandoned')
        WHERE local_date = NEW.local_date;
    END""",
)

MIGRATIONS: tuple[Migration, ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = "started_at, local_date, stretch, outcome, duration_s, trigger_kind, checkin"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class HistoryError(Exception):
    """The history could not be read or written; the message is meant for the user."""


class HistoryWriteError(HistoryError):
    """A break could not be saved; earlier history is unchanged."""


class HistoryReadError(HistoryError):
    """The history could not be read."""


class UnusableHistoryError(HistoryError):
    """The database is not one this version can use (newer schema, another program's, damaged)."""


class HistoryOpen:
    """The result of opening the history file (an immutable value).

    `problem` is a plain-words explanation to show the user, or None when all is well.
    `moved_aside` is where an unusable original now lies, byte for byte, if it was moved.
    `is_persistent` says whether new breaks will be kept on disk (False when the history is
    read-only or lives in memory for this session only).

    Not a dataclass on purpose: building one costs over a millisecond at import, and
    `posture-break stats` imports this module on every run.
    """

    __slots__ = ("history", "is_persistent", "moved_aside", "problem")
    history: BreakHistory
    problem: str | None
    moved_aside: Path | None
    is_persistent: bool

    def __init__(
        self,
        history: BreakHistory,
        problem: str | None = None,
        moved_aside: Path | None = None,
        *,
        is_persistent: bool = True,
    ) -> None:
        object.__setattr__(self, "history", history)
        object.__setattr__(self, "problem", problem)
        object.__setattr__(self, "moved_aside", moved_aside)
        object.__setattr__(self, "is_persistent", is_persistent)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"HistoryOpen is immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HistoryOpen):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((id(self.history), *self._fields()[1:]))

    def __repr__(self) -> str:
        return (
            f"HistoryOpen(history={self.history!r}, problem={self.problem!r}, "
            f"moved_aside={self.moved_aside!r}, is_persistent={self.is_persistent!r})"
        )

    def _fields(self) -> tuple[object, ...]:
        return (self.history, self.problem, self.moved_aside, self.is_persistent)


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
        # Autocommit: Python's implicit transactions would silently swallow some pragmas.
        db.isolation_level = None
        self._db = db
        _configure(db, read_only=read_only)
        problem = schema_problem(db)
        if problem is not None:
            raise UnusableHistoryError(problem)
        if not read_only:
            migrate(db)
        elif _user_version(db) != SCHEMA_VERSION:
            raise UnusableHistoryError("it needs an update, and its folder is read-only")

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

    # --- writes -------------------------------------------------------------------------------

    def record(self, entry: BreakRecord) -> int:
        """Store one break and return its row id.

        Raises:
            HistoryWriteError: The disk is full, the file is read-only, busy or damaged.
        """
        return self._write(lambda: self._insert(entry))

    def record_many(self, entries: Iterable[BreakRecord]) -> int:
        """Store many breaks in one transaction and return how many were actually added.

        A row whose CSV columns all equal those of a stored row counts as already present:
        importing the same file twice adds nothing. Rows repeated within `entries` are kept as
        many times as they appear, minus the copies already stored, so an export of a history
        that holds true repeats imports back exactly.

        Raises:
            HistoryWriteError: Nothing was stored; the reason is in the message.
        """
        batch = tuple(entries)

        def work() -> int:
            stored: dict[tuple[object, ...], int] = {}
            added = 0
            for entry in batch:
                key = _row_key(entry)
                if key not in stored:
                    stored[key] = self._count_identical(key)
                if stored[key] > 0:
                    stored[key] -= 1
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

    # --- queries ------------------------------------------------------------------------------

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
        # Imported here, not at the top: `posture-break stats` never reads whole records.
        from posture_break.core.record import BreakRecord, Outcome, Trigger

        return [_to_record(row, BreakRecord, Outcome, Trigger) for row in rows]

    def day_counts(self, first: date | None, last: date) -> dict[date, DayCounts]:
        """Return the outcome counts of each local day from `first` (or the start) to `last`.

        Only days holding at least one break appear.
        """
        # `stats` reads every day of the history, and Python's sqlite3 spends more per column
        # than SQLite spends per row: fetch the four counts packed into one integer (-1 if any
        # count needs more than 16 bits), and build one DayCounts per distinct packing. (In SQL,
        # `|` and `<<` bind equally tightly: hence the brackets.)
        sql = (
            "SELECT local_date, CASE WHEN max(completed, skipped, snoozed, abandoned) < 65536 "
            "THEN completed | (skipped << 16) | (snoozed << 32) | (abandoned << 48) ELSE -1 END "
            "FROM day_total "
        )
        if first is None:
            rows = self._read(sql + "WHERE local_date <= ?", (last.isoformat(),))
        else:
            rows = self._read(
                sql + "WHERE local_date BETWEEN ? AND ?", (first.isoformat(), last.isoformat())
            )
        shared: dict[int, DayCounts] = {}
        result: dict[date, DayCounts] = {}
        from_iso = date.fromisoformat
        for day, packed in rows:
            value = shared.get(packed)
            if value is None:
                if packed < 0:
                    value = self._day_counts_of(day)
                else:
                    value = shared[packed] = DayCounts(
                        packed & 0xFFFF,
                        packed >> 16 & 0xFFFF,
                        packed >> 32 & 0xFFFF,
                        packed >> 48 & 0xFFFF,
                    )
            result[from_iso(day)] = value
        return result

    def _day_counts_of(self, day: str) -> DayCounts:
        rows = self._read(
            "SELECT completed, skipped, snoozed, abandoned FROM day_total WHERE local_date = ?",
            (day,),
        )
        return DayCounts(*rows[0])

    def total_completed(self, until: date) -> int:
        """Return the number of completed breaks up to and including the local day `until`."""
        rows = self._read(
            "SELECT coalesce(sum(completed), 0) FROM day_total WHERE local_date <= ?",
            (until.isoformat(),),
        )
        return int(rows[0][0])

    def goal_days_and_total(self, daily_goal: int, until: date) -> tuple[list[int], int]:
        """Return the local days up to `until` that met `daily_goal`, and the completed total.

        The days come as sorted `date.toordinal()` numbers: those of
        `streak.days_meeting_goal(self.day_counts(None, until), daily_goal)`; the total is
        `self.total_completed(until)` (a test holds them equal). Both are read in one pass,
        without building every day's counts or a date object per day: `posture-break stats`
        needs no more for its streaks, on years of history. One joined string is far quicker
        to fetch than a row per day (dates hold no comma: the schema checks their form).
        """
        if daily_goal < 1:
            raise ValueError(f"daily goal {daily_goal} must be at least 1")
        rows = self._read(
            "SELECT group_concat(CASE WHEN completed >= ? THEN local_date END), "
            "coalesce(sum(completed), 0) FROM day_total WHERE local_date <= ?",
            (daily_goal, until.isoformat()),
        )
        joined, total = rows[0]
        if not joined:
            return [], int(total)
        days = sorted(map(date.toordinal, map(date.fromisoformat, joined.split(","))))
        return days, int(total)

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
            raise HistoryReadError(f"The history could not be read: {_plain(exc)}.") from exc
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
            raise HistoryWriteError("The break could not be saved: SQLite gave no row id.")
        return row_id

    def _count_identical(self, key: tuple[object, ...]) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM break_record WHERE started_utc_us = ? AND started_at = ? "
            "AND local_date = ? AND stretch = ? AND outcome = ? AND duration_s = ? "
            "AND trigger_kind = ?",
            key,
        ).fetchone()
        return int(row[0])

    def _write(self, work: Callable[[], _T]) -> _T:
        """Run `work` inside BEGIN IMMEDIATE ... COMMIT, or roll it back whole."""
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
            import contextlib  # here, not at the top: `posture-break stats` never needs it

            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryReadError(f"The history could not be read: {_plain(exc)}.") from exc


# --- schema and migrations ---------------------------------------------------------------------


def _configure(db: sqlite3.Connection, *, read_only: bool) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA trusted_schema = OFF")
    if not read_only:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")


def _user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _table_names(db: sqlite3.Connection) -> set[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    return {str(name) for (name,) in rows}


def schema_problem(db: sqlite3.Connection) -> str | None:
    """Say in words why this database is not a posture-break history we can use, or None."""
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    version = _user_version(db)
    tables = _table_names(db)
    if app_id not in (0, APPLICATION_ID):
        return f"it belongs to another program (application id {app_id:#x})"
    if app_id == 0 and (version != 0 or tables):
        shown = ", ".join(sorted(tables)[:5]) or "none"
        return f"it is not a posture-break history (its tables: {shown})"
    if version > SCHEMA_VERSION:
        return (
            f"it was written by a newer version of posture-break (history format {version}; "
            f"this version reads up to {SCHEMA_VERSION})"
        )
    return None


def migrate(db: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> Path | None:
    """Bring the schema up to `len(migrations)`, backing up a non-empty file first.

    All steps run in one transaction, so an interrupted migration leaves the old version whole.

    Returns:
        The backup file written before migrating, or None when none was needed.
    """
    target = len(migrations)
    backup: Path | None = None
    while True:
        version = _user_version(db)
        if version >= target:
            return backup
        if backup is None and _table_names(db):
            backup = _backup(db, version)
        db.execute("BEGIN IMMEDIATE")
        try:
            if _user_version(db) != version:
                # Another launch migrated meanwhile; look again.
                db.execute("ROLLBACK")
                continue
            for step in migrations[version:]:
                for statement in step:
                    db.execute(statement)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            db.execute(f"PRAGMA user_version = {target:d}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return backup


def _main_file(db: sqlite3.Connection) -> Path | None:
    from pathlib import Path

    for _seq, name, filename in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename)
    return None


def _backup(db: sqlite3.Connection, version: int) -> Path | None:
    """Copy the database beside itself as `<name>.v<version>-backup` with the backup API."""
    source = _main_file(db)
    if source is None:
        return None  # in-memory: nothing on disk to protect
    target = _free_name(source.with_name(f"{source.name}.v{version}-backup"))
    touch_private_file(target)
    copy = sqlite3.connect(target)
    try:
        db.backup(copy)
    finally:
        copy.close()
    return target


def _free_name(wanted: Path) -> Path:
    """Return `wanted`, or `wanted-2`, `wanted-3`, ... whichever does not exist yet."""
    candidate = wanted
    number = 2
    while candidate.exists() or candidate.with_name(candidate.name + "-wal").exists():
        candidate = wanted.with_name(f"{wanted.name}-{number}")
        number += 1
    return candidate


# --- opening the file --------------------------------------------------------------------------


def open_history(path: str | os.PathLike[str], clock: Clock) -> HistoryOpen:
    """Open (or create) the history file, never destroying a file we cannot use.

    A file that is damaged, truncated, from a newer version or from another program is moved
    aside, together with its `-wal`/`-shm`/`-journal` files, to `<name>.unreadable-<timestamp>`,
    and a fresh history is started. A read-only file or folder is opened for reading only. When
    nothing on disk can be used, the history lives in memory for this session. In every such
    case `problem` explains what happened in words.
    """
    # Plain strings on the usual path: `pathlib` costs `posture-break stats` milliseconds.
    name = os.fspath(path)
    folder = os.path.dirname(name) or "."
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        return _in_memory(
            f"The history folder {folder} could not be created ({_os_reason(exc)}). "
            "Breaks from this session are counted but will not be kept."
        )
    problem = _file_problem(name)
    if problem is None:
        try:
            return HistoryOpen(_open_file(name))
        except UnusableHistoryError as exc:
            problem = str(exc)
        except (sqlite3.Error, OSError) as exc:
            if _is_permission_problem(exc):
                return _open_read_only(_as_path(name), exc)
            if _code(exc) not in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                # Busy, disk full, I/O error: nothing says the file is bad, so never move it.
                return _in_memory(
                    f"The history file {name} cannot be opened right now ({_reason(exc)}). It "
                    "was left untouched. Breaks from this session are counted but will not be kept."
                )
            problem = f"it is damaged ({_plain(exc)})"
    return _set_aside(_as_path(name), problem, clock)


def _as_path(name: str) -> Path:
    """Return `name` as a `Path`, for the rarer ways of opening (imported only then)."""
    from pathlib import Path

    return Path(name)


def _open_file(path: str | Path) -> BreakHistory:
    touch_private_file(os.fspath(path))
    db = sqlite3.connect(path, isolation_level=None)
    try:
        history = BreakHistory(db)
        # A cheap read of the table stats uses, so damage there shows now, not mid-command.
        db.execute("SELECT count(*) FROM day_total").fetchone()
    except BaseException:
        db.close()
        raise
    return history


def _file_problem(path: str) -> str | None:
    """Check the file header and schema without writing anything; say what is wrong, or None."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        return None
    except OSError:
        return None  # not readable: opening it reports the permission problem
    if size == 0:
        return None  # an empty file is a new database to SQLite
    try:
        with open(path, "rb") as stream:
            header = stream.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "it is not a SQLite database (it is damaged, or some other kind of file)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is damaged"
    wal = path + "-wal"
    if os.path.exists(wal) and os.stat(wal).st_size > 32:
        # Committed data may still be only in the WAL: ask SQLite, which reads both.
        return _schema_problem_read_only(path, immutable=False)
    # Without a WAL to replay, the file must hold every page its header promises.
    pages = int.from_bytes(header[28:32], "big")
    header_is_current = header[24:28] == header[92:96]
    if size % page_size or (pages and header_is_current and size < pages * page_size):
        return "it is truncated (part of the file is missing)"
    # ... and its header is the whole truth: the usual case needs no extra SQLite connection.
    version = int.from_bytes(header[60:64], "big", signed=True)
    app_id = int.from_bytes(header[68:72], "big", signed=True)
    if app_id == APPLICATION_ID and 0 < version <= SCHEMA_VERSION:
        return None
    return _schema_problem_read_only(path, immutable=True)


def _schema_problem_read_only(path: str, *, immutable: bool) -> str | None:
    """Ask SQLite about the schema without writing; `immutable` also creates no -wal or -shm."""
    uri = _file_uri(path) + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    try:
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error:
        return None  # cannot even open it read-only: the real open reports why
    try:
        return schema_problem(db)
    except sqlite3.Error as exc:
        code = _code(exc)
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return f"it is damaged ({_plain(exc)})"
        return None  # busy, read-only folder, ...: the real open decides
    finally:
        db.close()


def _open_read_only(path: Path, cause: BaseException) -> HistoryOpen:
    message = (
        f"The history file {path} cannot be written ({_reason(cause)}), so new breaks "
        "cannot be saved. Your history is shown as it is; nothing was changed."
    )
    base = path.absolute().as_uri()
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            db = sqlite3.connect(base + query, uri=True, isolation_level=None)
        except sqlite3.Error:
            continue
        try:
            history = BreakHistory(db, read_only=True)
            db.execute("SELECT count(*) FROM day_total").fetchone()
        except (sqlite3.Error, HistoryError):
            db.close()
            continue
        return HistoryOpen(history, message, is_persistent=False)
    if not path.exists():
        return _in_memory(
            f"The history folder {path.parent} is read-only ({_reason(cause)}), so no history "
            "file can be created there. Breaks from this session are counted but will not be kept."
        )
    return _in_memory(
        f"The history file {path} cannot be opened ({_reason(cause)}). It was left untouched. "
        "Breaks from this session are counted but will not be kept."
    )


def _set_aside(path: Path, problem: str, clock: Clock) -> HistoryOpen:
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    aside = _free_name(path.with_name(f"{path.name}.unreadable-{stamp}"))
    try:
        os.rename(path, aside)
    except OSError as exc:
        return _in_memory(
            f"The history file {path} cannot be used: {problem}. It could not be moved aside "
            f"({_os_reason(exc)}), so it was left untouched. Breaks from this session are "
            "counted but will not be kept."
        )
    for suffix in ("-wal", "-shm", "-journal"):
        sidecar = _sidecar(path, suffix)
        if sidecar.exists():
            # The main file is safe already; a stray sidecar only fails the fresh open below.
            import contextlib  # here, not at the top: `posture-break stats` never needs it

            with contextlib.suppress(OSError):
                os.rename(sidecar, _sidecar(aside, suffix))
    message = (
        f"The history file could not be used: {problem}. It was moved to {aside}; nothing was "
        "deleted. A new, empty history was started."
    )
    try:
        return HistoryOpen(_open_file(path), message, aside)
    except (sqlite3.Error, OSError, HistoryError) as exc:
        fallback = _in_memory(f"{message} But the new history could not be created either.")
        del exc
        return HistoryOpen(fallback.history, fallback.problem, aside, is_persistent=False)


def _file_uri(path: str) -> str:
    """Return what `Path(path).absolute().as_uri()` gives, without importing pathlib or urllib.

    The tray app keeps a WAL beside the history, so `posture-break stats` usually asks SQLite
    through such a URI while the app runs.
    """
    absolute = os.fsencode(os.path.join(os.getcwd(), path))
    # As `urllib.parse.quote_from_bytes(..., safe="/")`: keep the always-safe bytes and "/".
    quoted = "".join(chr(byte) if byte in _URI_SAFE else f"%{byte:02X}" for byte in absolute)
    return "file://" + quoted


_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


def _in_memory(problem: str) -> HistoryOpen:
    return HistoryOpen(BreakHistory(sqlite3.connect(":memory:")), problem, is_persistent=False)


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


# --- small helpers -----------------------------------------------------------------------------


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


def _to_record(
    row: tuple[Any, ...],
    record: type[BreakRecord],
    outcome_of: type[Outcome],
    trigger_of: type[Trigger],
) -> BreakRecord:
    started_at, local_date, stretch, outcome, duration_s, trigger, checkin = row
    return record(
        started_at=datetime.fromisoformat(str(started_at)),
        local_date=date.fromisoformat(str(local_date)),
        stretch=str(stretch),
        outcome=outcome_of(outcome),
        duration_s=int(str(duration_s)),
        trigger=trigger_of(trigger),
        checkin=None if checkin is None else int(str(checkin)),
    )


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _is_permission_problem(exc: BaseException) -> bool:
    if isinstance(exc, PermissionError):
        return True
    return _code(exc) in (_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN)


def _plain(exc: BaseException) -> str:
    """Return a short, plain reason for a SQLite error."""
    reasons = {
        _SQLITE_FULL: "the disk is full",
        _SQLITE_READONLY: "the file or its folder is read-only",
        _SQLITE_PERM: "permission was denied",
        _SQLITE_CANTOPEN: "the file or its folder cannot be opened for writing",
        _SQLITE_BUSY: "another program is using the history file",
        _SQLITE_LOCKED: "another program is using the history file",
        _SQLITE_CORRUPT: "the file is damaged",
        _SQLITE_NOTADB: "the file is not a SQLite database",
        _SQLITE_IOERR: "the disk reported an input/output error",
    }
    code = _code(exc)
    if code is not None and code in reasons:
        return reasons[code]
    return f"SQLite said: {exc}"


def _os_reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


def _reason(exc: BaseException) -> str:
    return _os_reason(exc) if isinstance(exc, OSError) else _plain(exc)


def _not_saved(exc: sqlite3.Error) -> str:
    return f"The break could not be saved: {_plain(exc)}. Your earlier history is unchanged."
