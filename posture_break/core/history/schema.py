"""The history file's format: its schema, numbered migrations, and what SQLite's errors mean.

Per-day totals live in their own table, kept by triggers in the same transaction as each record,
so statistics read one row per day (about 3,650 for ten years) instead of every break.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from posture_break.core.i18n import N_, _
from posture_break.core.paths import touch_private_file

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

# Version 2: days the user marked as rest days (holiday, sick day), one row per local day.
_V2: Migration = (
    """CREATE TABLE rest_day (
        local_date TEXT PRIMARY KEY
            CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
    ) WITHOUT ROWID""",
)

MIGRATIONS: tuple[Migration, ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)

# SQLite primary result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class HistoryError(Exception):
    """The history could not be read or written; the message is meant for the user."""


class HistoryWriteError(HistoryError):
    """A break could not be saved; earlier history is unchanged."""


class HistoryReadError(HistoryError):
    """The history could not be read."""


class UnusableHistoryError(HistoryError):
    """The database is not one this version can use (newer schema, another program's, damaged)."""


def configure(db: sqlite3.Connection, *, read_only: bool) -> None:
    """Set the connection's pragmas: busy timeout, WAL (unless read-only), full sync."""
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA trusted_schema = OFF")
    if not read_only:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")


def user_version(db: sqlite3.Connection) -> int:
    """Return how many migrations the database has had."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def table_names(db: sqlite3.Connection) -> set[str]:
    """Return the names of the database's own tables and views."""
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    return {str(name) for (name,) in rows}


def schema_problem(db: sqlite3.Connection) -> str | None:
    """Say in words why this database is not a posture-break history we can use, or None."""
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    version = user_version(db)
    tables = table_names(db)
    if app_id not in (0, APPLICATION_ID):
        return _("it belongs to another program (application id {id})").format(id=f"{app_id:#x}")
    if app_id == 0 and (version != 0 or tables):
        shown = ", ".join(sorted(tables)[:5]) or "none"
        return _("it is not a posture-break history (its tables: {tables})").format(tables=shown)
    if version > SCHEMA_VERSION:
        return _(
            "it was written by a newer version of posture-break (history format {version}; "
            "this version reads up to {supported})"
        ).format(version=version, supported=SCHEMA_VERSION)
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
        version = user_version(db)
        if version >= target:
            return backup
        if backup is None and table_names(db):
            backup = _backup(db, version)
        db.execute("BEGIN IMMEDIATE")
        try:
            if user_version(db) != version:
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


def main_file(db: sqlite3.Connection) -> Path | None:
    """Return the file of the connection's main database, or None when it is in memory."""
    for _seq, name, filename in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename)
    return None


def _backup(db: sqlite3.Connection, version: int) -> Path | None:
    """Copy the database beside itself as `<name>.v<version>-backup` with the backup API."""
    source = main_file(db)
    if source is None:
        return None  # in-memory: nothing on disk to protect
    target = free_name(source.with_name(f"{source.name}.v{version}-backup"))
    touch_private_file(target)
    copy = sqlite3.connect(target)
    try:
        db.backup(copy)
    finally:
        copy.close()
    return target


def free_name(wanted: Path) -> Path:
    """Return `wanted`, or `wanted-2`, `wanted-3`, ... whichever does not exist yet."""
    candidate = wanted
    number = 2
    while candidate.exists() or candidate.with_name(candidate.name + "-wal").exists():
        candidate = wanted.with_name(f"{wanted.name}-{number}")
        number += 1
    return candidate


def sqlite_code(exc: BaseException) -> int | None:
    """Return the primary SQLite result code of an error (the low byte), or None."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def plain_reason(exc: BaseException) -> str:
    """Return a short, plain reason for a SQLite error."""
    reasons = {
        SQLITE_FULL: N_("the disk is full"),
        SQLITE_READONLY: N_("the file or its folder is read-only"),
        SQLITE_PERM: N_("permission was denied"),
        SQLITE_CANTOPEN: N_("the file or its folder cannot be opened for writing"),
        SQLITE_BUSY: N_("another program is using the history file"),
        SQLITE_LOCKED: N_("another program is using the history file"),
        SQLITE_CORRUPT: N_("the file is damaged"),
        SQLITE_NOTADB: N_("the file is not a SQLite database"),
        SQLITE_IOERR: N_("the disk reported an input/output error"),
    }
    code = sqlite_code(exc)
    if code is not None and code in reasons:
        return _(reasons[code])
    return _("SQLite said: {error}").format(error=exc)
