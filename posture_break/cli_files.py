"""The file side of the command line: where `export` writes, and how `import` streams a CSV.

Kept apart from `cli.py` (the parser and the commands) because both are about files, not words:
which kind of file a target is, and one pass over a CSV of any size into one transaction.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from io import StringIO
from pathlib import Path
from typing import TextIO

from posture_break.cli_shared import CommandError
from posture_break.core.csvio import CsvReader, write_csv
from posture_break.core.history import BreakHistory, HistoryError, open_history_to_read
from posture_break.core.i18n import _, ngettext
from posture_break.core.paths import write_private_atomically
from posture_break.core.record import BreakRecord
from posture_break.core.text import escape_controls

#: The last `--as-of` day whose week (Monday to Sunday) still fits in the calendar.
LAST_AS_OF = date(9999, 12, 26)
#: Rows between two progress lines on a terminal.
PROGRESS_EVERY = 10_000
# Paths under these name devices and open files of a process, never files to replace.
_STREAM_ROOTS = ("/dev", "/proc")


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


def read_history(database: Path) -> BreakHistory | None:
    """Open the history for reading only: never created, set aside or replaced; None if absent.

    Raises:
        CommandError: The file cannot be read; the message says why, in one line.
    """
    try:
        return open_history_to_read(database)
    except HistoryError as exc:
        raise CommandError(str(exc)) from None


def export_csv(name: str | None, database: Path) -> None:
    """Write the history as CSV to `name` (see `export_target`); stdout for None or `-`.

    Everything is read before the target is touched: an unreadable history never replaces a good
    export with an empty one.
    """
    history = read_history(database)
    records: list[BreakRecord] = []
    rest_days: tuple[date, ...] = ()
    if history is not None:
        with history:
            records = history.records()
            rest_days = history.rest_days()
    target = export_target(name)
    if target is None:
        write_csv(records, sys.stdout, rest_days)
        sys.stdout.flush()
        return
    try:
        if target.atomic:
            text = StringIO(newline="")
            write_csv(records, text, rest_days)
            write_private_atomically(target.path, text.getvalue().encode("utf-8"))
        else:
            with target.path.open("w", encoding="utf-8", newline="") as stream:
                write_csv(records, stream, rest_days)
    except OSError as exc:
        shown = escape_controls(str(target.path))
        raise CommandError(
            _("{file}: cannot be written ({reason})").format(file=shown, reason=_reason(exc))
        ) from None


def open_import_source(name: str) -> tuple[TextIO, str]:
    """Open the CSV to import (`-` is stdin); return it and its name as messages show it."""
    if name == "-":
        # Translators: names standard input in messages ("Imported 3 breaks from stdin.")
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=""), _("stdin")
    shown = escape_controls(name)
    try:
        return Path(name).open(encoding="utf-8", newline=""), shown
    except OSError as exc:
        raise CommandError(
            _("{file}: cannot be read ({reason})").format(file=shown, reason=_reason(exc))
        ) from None


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


class ImportProgress:
    """Show on a terminal how many rows an import has read, on one line that updates."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = False

    def update(self, rows: int) -> None:
        """Note that `rows` rows have been read; redraw the line every `PROGRESS_EVERY` rows."""
        if rows % PROGRESS_EVERY == 0:
            # Translators: a progress line while a CSV file is read
            self._stream.write("\r" + _("Reading rows: {count}").format(count=f"{rows:,}"))
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
) -> ImportResult:
    """Import a CSV stream, all rows or none, then its rest days; say what was done.

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
        with open_history(database, refuse=_("nothing imported: {reason}")) as history:
            added = history.record_many(checked())
            rest_days = reader.sorted_rest_days()
            try:
                rested = history.add_rest_days(rest_days) if rest_days else 0
            except HistoryError as exc:
                raise CommandError(
                    ngettext(
                        "{count} break imported, but not the rest days: {reason} "
                        "Importing the file again adds only what is missing.",
                        "{count} breaks imported, but not the rest days: {reason} "
                        "Importing the file again adds only what is missing.",
                        added,
                    ).format(count=added, reason=exc)
                ) from None
    except _RejectedImportError:
        if progress:
            progress.done()
        for error in reader.errors:
            # Translators: one bad row of an imported file, e.g. "f.csv: line 3: no such outcome"
            print(_("{file}: {problem}").format(file=shown, problem=error), file=report)
        hidden = reader.error_count - len(reader.errors)
        if hidden:
            more = ngettext("{file}: … and {count} more", "{file}: … and {count} more", hidden)
            print(more.format(file=shown, count=f"{hidden:,}"), file=report)
        raise CommandError(
            ngettext(
                "{file}: nothing imported, {count} problem found",
                "{file}: nothing imported, {count} problems found",
                reader.error_count,
            ).format(file=shown, count=reader.error_count)
        ) from None
    except HistoryError as exc:
        raise CommandError(_("nothing imported: {reason}").format(reason=exc)) from None
    except UnicodeDecodeError as exc:
        raise CommandError(
            _("{file}: not UTF-8 text (bad byte at offset {offset})").format(
                file=shown, offset=exc.start
            )
        ) from None
    except OSError as exc:
        raise CommandError(
            _("{file}: cannot be read ({reason})").format(file=shown, reason=_reason(exc))
        ) from None
    if progress:
        progress.done()
    return ImportResult(added, reader.breaks_read - added, len(rest_days), rested)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: breaks added and already present; rest days in the file and new."""

    added: int
    present: int
    rest_days: int = 0
    rested: int = 0


class _RejectedImportError(Exception):
    """The file had at least one bad row: roll the import back."""
