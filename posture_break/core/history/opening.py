"""Opening the history file: never destroying a file we cannot use.

A damaged, truncated, newer or foreign file is set aside byte for byte and a fresh history is
started; a read-only one is opened for reading; when nothing on disk can be used the history lives
in memory for the session. Every such case comes with a plain-words `problem` for the user.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from posture_break.core.clock import Clock
from posture_break.core.history.schema import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    SQLITE_CANTOPEN,
    SQLITE_CORRUPT,
    SQLITE_MAGIC,
    SQLITE_NOTADB,
    SQLITE_PERM,
    SQLITE_READONLY,
    HistoryError,
    HistoryReadError,
    UnusableHistoryError,
    free_name,
    plain_reason,
    schema_problem,
    sqlite_code,
    user_version,
)
from posture_break.core.history.store import BreakHistory
from posture_break.core.i18n import _
from posture_break.core.paths import ensure_private_dir, touch_private_file


@dataclass(frozen=True, slots=True)
class HistoryOpen:
    """The result of opening the history file.

    `problem` is a plain-words explanation to show the user, or None when all is well.
    `moved_aside` is where an unusable original now lies, byte for byte, if it was moved.
    `is_persistent` says whether new breaks will be kept on disk (False when the history is
    read-only or lives in memory for this session only).
    """

    history: BreakHistory
    problem: str | None = None
    moved_aside: Path | None = None
    is_persistent: bool = True


def open_history(path: str | os.PathLike[str], clock: Clock) -> HistoryOpen:
    """Open (or create) the history file, never destroying a file we cannot use.

    A file that is damaged, truncated, from a newer version or from another program is moved
    aside, together with its `-wal`/`-shm`/`-journal` files, to `<name>.unreadable-<timestamp>`,
    and a fresh history is started. A read-only file or folder is opened for reading only. When
    nothing on disk can be used, the history lives in memory for this session. In every such
    case `problem` explains what happened in words.
    """
    name = Path(path)
    folder = name.parent
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        return _in_memory(
            _(
                "The history folder {folder} could not be created ({reason}). "
                "Breaks from this session are counted but will not be kept."
            ).format(folder=folder, reason=_os_reason(exc))
        )
    problem = _file_problem(name)
    if problem is None:
        try:
            return HistoryOpen(_open_file(name))
        except UnusableHistoryError as exc:
            problem = str(exc)
        except (sqlite3.Error, OSError) as exc:
            if _is_permission_problem(exc):
                return _open_read_only(name, exc)
            if sqlite_code(exc) not in (SQLITE_CORRUPT, SQLITE_NOTADB):
                # Busy, disk full, I/O error: nothing says the file is bad, so never move it.
                return _in_memory(
                    _(
                        "The history file {file} cannot be opened right now ({reason}). It was "
                        "left untouched. Breaks from this session wait beside it and are saved "
                        "the next time posture-break starts."
                    ).format(file=name, reason=_reason(exc))
                )
            problem = _("it is damaged ({reason})").format(reason=plain_reason(exc))
    return _set_aside(name, problem, clock)


def _open_file(path: Path) -> BreakHistory:
    touch_private_file(path)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        history = BreakHistory(db)
        # A cheap read of the table stats uses, so damage there shows now, not mid-command.
        db.execute("SELECT count(*) FROM day_total").fetchone()
    except BaseException:
        db.close()
        raise
    return history


def _file_problem(path: Path) -> str | None:
    """Check the file header and schema without writing anything; say what is wrong, or None."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError:
        return None  # not readable: opening it reports the permission problem
    if size == 0:
        return None  # an empty file is a new database to SQLite
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return _("it is not a SQLite database (it is damaged, or some other kind of file)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return _("its header is damaged")
    wal = _sidecar(path, "-wal")
    if wal.exists() and wal.stat().st_size > 32:
        # Committed data may still be only in the WAL: ask SQLite, which reads both.
        return _schema_problem_read_only(path, immutable=False)
    # Without a WAL to replay, the file must hold every page its header promises.
    pages = int.from_bytes(header[28:32], "big")
    header_is_current = header[24:28] == header[92:96]
    if size % page_size or (pages and header_is_current and size < pages * page_size):
        return _("it is truncated (part of the file is missing)")
    # ... and its header is the whole truth: the usual case needs no extra SQLite connection.
    version = int.from_bytes(header[60:64], "big", signed=True)
    app_id = int.from_bytes(header[68:72], "big", signed=True)
    if app_id == APPLICATION_ID and 0 < version <= SCHEMA_VERSION:
        return None
    return _schema_problem_read_only(path, immutable=True)


def _schema_problem_read_only(path: Path, *, immutable: bool) -> str | None:
    """Ask SQLite about the schema without writing; `immutable` also creates no -wal or -shm."""
    uri = path.absolute().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    try:
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error:
        return None  # cannot even open it read-only: the real open reports why
    try:
        return schema_problem(db)
    except sqlite3.Error as exc:
        code = sqlite_code(exc)
        if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return _("it is damaged ({reason})").format(reason=plain_reason(exc))
        return None  # busy, read-only folder, ...: the real open decides
    finally:
        db.close()


def _open_read_only(path: Path, cause: BaseException) -> HistoryOpen:
    message = _(
        "The history file {file} cannot be written ({reason}), so new breaks cannot be saved. "
        "Your history is shown as it is; nothing was changed."
    ).format(file=path, reason=_reason(cause))
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
            _(
                "The history folder {folder} is read-only ({reason}), so no history file can be "
                "created there. Breaks from this session are counted but will not be kept."
            ).format(folder=path.parent, reason=_reason(cause))
        )
    return _in_memory(
        _(
            "The history file {file} cannot be opened ({reason}). It was left untouched. "
            "Breaks from this session are counted but will not be kept."
        ).format(file=path, reason=_reason(cause))
    )


def _set_aside(path: Path, problem: str, clock: Clock) -> HistoryOpen:
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    aside = free_name(path.with_name(f"{path.name}.unreadable-{stamp}"))
    try:
        os.rename(path, aside)
    except OSError as exc:
        return _in_memory(
            # Translators: {problem} is e.g. "its header is damaged"
            _(
                "The history file {file} cannot be used: {problem}. It could not be moved aside "
                "({reason}), so it was left untouched. Breaks from this session are counted but "
                "will not be kept."
            ).format(file=path, problem=problem, reason=_os_reason(exc))
        )
    for suffix in ("-wal", "-shm", "-journal"):
        sidecar = _sidecar(path, suffix)
        if sidecar.exists():
            # The main file is safe already; a stray sidecar only fails the fresh open below.
            with contextlib.suppress(OSError):
                os.rename(sidecar, _sidecar(aside, suffix))
    # Translators: {problem} is e.g. "its header is damaged"
    message = _(
        "The history file could not be used: {problem}. It was moved to {aside}; nothing was "
        "deleted. A new, empty history was started."
    ).format(problem=problem, aside=aside)
    try:
        return HistoryOpen(_open_file(path), message, aside)
    except (sqlite3.Error, OSError, HistoryError):
        fallback = _in_memory(
            _("{problem} But the new history could not be created either.").format(problem=message)
        )
        return HistoryOpen(fallback.history, fallback.problem, aside, is_persistent=False)


def _in_memory(problem: str) -> HistoryOpen:
    return HistoryOpen(BreakHistory(sqlite3.connect(":memory:")), problem, is_persistent=False)


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _is_permission_problem(exc: BaseException) -> bool:
    if isinstance(exc, PermissionError):
        return True
    return sqlite_code(exc) in (SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN)


def _os_reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


def _reason(exc: BaseException) -> str:
    return _os_reason(exc) if isinstance(exc, OSError) else plain_reason(exc)


def open_history_to_read(path: str | os.PathLike[str]) -> BreakHistory | None:
    """Open the history for a command that only reads it; None when there is no history yet.

    Nothing is created, moved aside or replaced: the file is opened with SQLite's `mode=ro`. A
    file of an older format is first brought up to date (the one write, exactly what every start
    of the app does, with its backup). A file that cannot be read raises.

    Raises:
        HistoryReadError: The file cannot be read (damaged, from a newer version or another
            program, locked past the busy timeout, unreadable); the message is one line that
            says why and that the file was left untouched.
    """
    name = Path(path)
    try:
        if not name.exists() or name.stat().st_size == 0:
            return None  # nothing recorded yet: an empty history, and none is created
    except OSError as exc:
        raise _cannot_read(name, _os_reason(exc)) from None
    problem = _file_problem(name)
    if problem is not None:
        raise _cannot_read(name, problem)
    try:
        if _needs_migration(name):
            with BreakHistory(sqlite3.connect(name, isolation_level=None)):
                pass  # migrating is the one write a reading command may need
        db = sqlite3.connect(name.absolute().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    except (sqlite3.Error, OSError, HistoryError) as exc:
        reason = str(exc) if isinstance(exc, HistoryError) else _reason(exc)
        raise _cannot_read(name, reason) from None
    try:
        history = BreakHistory(db, read_only=True)
        db.execute("SELECT count(*) FROM day_total").fetchone()
    except (sqlite3.Error, HistoryError) as exc:
        db.close()
        reason = str(exc) if isinstance(exc, HistoryError) else _reason(exc)
        raise _cannot_read(name, reason) from None
    return history


def _needs_migration(path: Path) -> bool:
    uri = path.absolute().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        return user_version(db) < SCHEMA_VERSION
    finally:
        db.close()


def _cannot_read(path: Path, reason: str) -> HistoryReadError:
    return HistoryReadError(
        _("The history file {file} cannot be read: {reason}. It was left untouched.").format(
            file=path, reason=reason
        )
    )
