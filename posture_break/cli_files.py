"""The file side of the command line: where `export` writes, and how `import` streams a CSV.

Kept apart from `cli.py` (the parser and the commands) because both are about files, not words:
which kind of file a target is, and one pass over a CSV of any size into one transaction.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from posture_break.core.csvio import CsvReader
from posture_break.core.history import BreakHistory, HistoryError
from posture_break.core.record import BreakRecord
from posture_break.core.text import plural

#: The last `--as-of` day whose week (Monday to Sunday) still fits in the calendar.
LAST_AS_OF = date(9999, 12, 26)
#: Rows between two progress lines on a terminal.
PROGRESS_EVERY = 10_000
# Paths under these name devices and open files of a process, never files to replace.
_STREAM_ROOTS = ("/dev", "/proc")


class CommandError(Exception):
    """A failure the user can act on; its message is the one line printed."""


@dataclass(frozen=True, slots=True)
class ExportTarget:
    """Where `export FILE` writes: a regular file to replace atomically, or a stream."""

    path: Path
    atomic: bool


def export_target(name: str | None) -> ExportTarget | None:
    """Decide how to write `name`; None means stdout (no name, or `-`).

    A regular file (or a name not yet taken) is replaced atomically; a symbolic link is followed
    and its target replaced, as saving the settings does, so a link into a synced folder stays a
    link. Anything else (a device such as /dev/null, a FIFO, /dev/stdout, a process
    substitution's /dev/fd/63) is opened and written as a stream: renaming over it would replace
    the device node or fail.
    """
    if name is None or name == "-":
        return None
    given = Path(os.path.abspath(name))
    real = Path(os.path.realpath(name))
    if _under_stream_root(given) or _under_stream_root(real):
        return ExportTarget(given, atomic=False)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return ExportTarget(real, atomic=True)
    except OSError:
        return ExportTarget(given, atomic=True)  # writing reports the reason
    return ExportTarget(real, atomic=True) if stat.S_ISREG(mode) else ExportTarget(given, False)


def _under_stream_root(path: Path) -> bool:
    return any(path == Path(root) or Path(root) in path.parents for root in _STREAM_ROOTS)


class ImportProgress:
    """Show on a terminal how many rows an import has read, on one line that updates."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = False

    def update(self, rows: int) -> None:
        """Note that `rows` rows have been read; redraw the line every `PROGRESS_EVERY` rows."""
        if rows % PROGRESS_EVERY == 0:
            self._stream.write(f"\rReading rows: {rows:,}")
            self._stream.flush()
            self._shown = True

    def done(self) -> None:
        """End the progress line, if one was drawn."""
        if self._shown:
            self._stream.write("\n")
            self._stream.flush()


def import_csv(
    source: TextIO,
    shown: str,
    database: Path,
    open_history: Callable[..., BreakHistory],
    *,
    errors: TextIO | None = None,
) -> tuple[int, int]:
    """Import a CSV stream, all rows or none; return (added, already present).

    One pass and one transaction: rows are stored as they are read, so memory does not grow with
    the file; the first bad row stops storing, the rest is still checked, and the transaction is
    rolled back. At most `MAX_REPORTED_ERRORS` problems are printed, then how many more there are.

    Raises:
        CommandError: Bad rows (after printing them to `errors`), or the history or the file
            could not be used.
    """
    report = errors if errors is not None else sys.stderr
    progress = ImportProgress(report) if report.isatty() else None
    reader = CsvReader(source, on_row=progress.update if progress else None)

    def checked() -> Iterator[BreakRecord]:
        for entry in reader:
            if reader.is_valid:
                yield entry
        if not reader.is_valid:
            raise _RejectedImportError

    try:
        with open_history(database, to_write=True) as history:
            added = history.record_many(checked())
    except _RejectedImportError:
        if progress:
            progress.done()
        for error in reader.errors:
            print(f"{shown}: {error}", file=report)
        hidden = reader.error_count - len(reader.errors)
        if hidden:
            print(f"{shown}: … and {hidden:,} more", file=report)
        raise CommandError(
            f"{shown}: nothing imported, {plural(reader.error_count, 'problem')} found"
        ) from None
    except HistoryError as exc:
        raise CommandError(f"nothing imported: {exc}") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{shown}: not UTF-8 text (bad byte at offset {exc.start})") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CommandError(f"{shown}: cannot be read ({reason})") from None
    if progress:
        progress.done()
    return added, reader.rows_read - added


class _RejectedImportError(Exception):
    """The file had at least one bad row: roll the import back."""
