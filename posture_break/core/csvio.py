"""CSV export and all-or-nothing import checking of break records.

The format is the public one: a header line `CSV_HEADER`, then one break per line. Files written
before the `checkin` column existed (header `CSV_HEADER_WITHOUT_CHECKIN`) import too. Import
checks every row and reports each problem with its line and column; the caller stores nothing
when any row is bad. Exported text parses back to the same records and exports again byte for
byte. `CsvReader` streams: it holds one row at a time and only the first `MAX_REPORTED_ERRORS`
problems, so a million-row file needs no more memory than a small one.

Rest days travel in the same file: a row whose `outcome` is `rest-day` has `local_date` set and
every other column empty. Export writes them after the breaks, oldest first; files without such
rows (older exports) import as before.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, TextIO, TypeVar

from posture_break.core.i18n import _, ngettext
from posture_break.core.record import (
    CSV_HEADER,
    CSV_HEADER_WITHOUT_CHECKIN,
    STRETCH_ID_PATTERN,
    BreakRecord,
    Outcome,
    Trigger,
)
from posture_break.core.text import escape_controls, quoted

_Reporter = Callable[[str, str], None]


class _CsvWriter(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


_Choice = TypeVar("_Choice", Outcome, Trigger)

MAX_DURATION_S = 24 * 3600
MAX_REPORTED_ERRORS = 10
# Longer than any well-formed value of any column: a bigger cell is reported by its length only.
_MAX_QUOTED_CELL = 80
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DIGITS = re.compile(r"[0-9]{1,6}")
_CHECKIN = re.compile(r"[0-9]{1,2}")
_UTF8_BOM = "\ufeff"
REST_DAY_OUTCOME = "rest-day"
# What makes a spreadsheet evaluate a cell (OWASP's list for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class CsvError:
    """One problem in an imported file: where it is and what is wrong, in words.

    `line` counts from 1 (the header). `column` is the column name, or None for the whole row.
    """

    line: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _("line {line}, column {column}: {reason}").format(
                line=self.line, column=self.column, reason=self.reason
            )
        return _("line {line}: {reason}").format(line=self.line, reason=self.reason)


@dataclass(frozen=True, slots=True)
class CsvParse:
    """The records read from a CSV file and every problem found; import only if no errors."""

    records: tuple[BreakRecord, ...]
    errors: tuple[CsvError, ...]
    rest_days: tuple[date, ...] = ()

    @property
    def is_valid(self) -> bool:
        """Return whether the file had no problems at all."""
        return not self.errors


def write_csv(
    records: Iterable[BreakRecord], stream: TextIO, rest_days: Iterable[date] = ()
) -> None:
    """Write the header, one line per record, then one per rest day.

    No cell can start a spreadsheet formula (see `formula_safe`).
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for entry in records:
        writer.writerow(
            (
                entry.started_at.isoformat(),
                entry.local_date.isoformat(),
                formula_safe(entry.stretch),
                entry.outcome.value,
                entry.duration_s,
                entry.trigger.value,
                "" if entry.checkin is None else entry.checkin,
            )
        )
    write_rest_days(rest_days, writer)


def formula_safe(cell: str) -> str:
    """Return `cell`, with a leading apostrophe if a spreadsheet would evaluate it.

    Every column but `stretch` is a date, a number or a fixed word, and import lets in only ids
    that follow `STRETCH_ID_PATTERN`; only an id stored by an older version can need this. Such an
    exported id then fails the id rule on import instead of being changed silently.
    """
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def parse_csv(source: str | TextIO) -> CsvParse:
    """Read and check every row of a CSV export into memory (for small files and tests)."""
    reader = CsvReader(source, max_errors=None)
    records = tuple(reader)
    return CsvParse(records, tuple(reader.errors), reader.sorted_rest_days())


class CsvReader:
    """Stream the records of a CSV export, checking each row as it is read.

    Iterate it to get the well-formed records, one at a time; afterwards `errors` holds the
    first `max_errors` problems (all of them when None) and `error_count` how many there were;
    `rest_days` holds the days of the file's `rest-day` rows (few: one per day at most).
    `on_row` is called with the number of data rows read so far after each row (for progress).
    """

    def __init__(
        self,
        source: str | TextIO,
        *,
        max_errors: int | None = MAX_REPORTED_ERRORS,
        on_row: Callable[[int], None] | None = None,
    ) -> None:
        self._stream = io.StringIO(source, newline="") if isinstance(source, str) else source
        self._max_errors = max_errors
        self._on_row = on_row
        self.errors: list[CsvError] = []
        self.error_count = 0
        self.rows_read = 0
        self.breaks_read = 0
        self.rest_days: set[date] = set()

    def sorted_rest_days(self) -> tuple[date, ...]:
        """Return the rest days read so far, oldest first."""
        return tuple(sorted(self.rest_days))

    @property
    def is_valid(self) -> bool:
        """Return whether no problem has been found so far."""
        return self.error_count == 0

    def _add(self, error: CsvError) -> None:
        self.error_count += 1
        if self._max_errors is None or len(self.errors) < self._max_errors:
            self.errors.append(error)

    def __iter__(self) -> Iterator[BreakRecord]:
        reader = csv.reader(self._stream, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                self._add(CsvError(1, None, _expected_header(_("the file is empty"))))
                return
            if header and header[0].startswith(_UTF8_BOM):
                header = [header[0].removeprefix(_UTF8_BOM), *header[1:]]
            columns = tuple(header)
            if columns not in (CSV_HEADER, CSV_HEADER_WITHOUT_CHECKIN):
                shown = escape_controls(",".join(header)[:200])
                self._add(
                    CsvError(
                        1, None, _expected_header(_("the header is {header}").format(header=shown))
                    )
                )
                return
            for row in reader:
                if not row:
                    continue  # blank lines carry nothing; spreadsheets often add one at the end
                self.rows_read += 1
                entry = None
                if is_rest_day_row(row):
                    self._take_rest_day(row, columns, reader.line_num)
                else:
                    self.breaks_read += 1
                    entry = self._parse_row(row, columns, reader.line_num)
                if self._on_row is not None:
                    self._on_row(self.rows_read)
                if entry is not None:
                    yield entry
        except csv.Error as exc:
            # The reader has already counted the line it could not parse.
            reason = _("the CSV is malformed ({reason})").format(reason=escape_controls(str(exc)))
            self._add(CsvError(max(reader.line_num, 1), None, reason))
        except UnicodeDecodeError as exc:
            reason = _("the file is not UTF-8 text ({reason})").format(reason=exc)
            self._add(CsvError(reader.line_num + 1, None, reason))

    def _take_rest_day(self, row: list[str], columns: tuple[str, ...], line: int) -> None:
        found: list[CsvError] = []
        day = parse_rest_day_row(row, columns, line, found)
        for error in found:
            self._add(error)
        if day is not None:
            self.rest_days.add(day)

    def _parse_row(self, row: list[str], columns: tuple[str, ...], line: int) -> BreakRecord | None:
        """Check one data row; record its problems and return the record if it is whole."""
        if len(row) != len(columns):
            self._add(CsvError(line, None, _columns_problem(len(columns), len(row))))
            return None
        raw = dict(zip(columns, row, strict=True))
        found: list[CsvError] = []

        def bad(column: str, reason: str) -> None:
            found.append(CsvError(line, column, reason))

        started_at = _parse_started_at(raw["started_at"], bad)
        local_date = _parse_local_date(raw["local_date"], bad)
        stretch = _parse_stretch(raw["stretch"], bad)
        outcome = _parse_enum(Outcome, raw["outcome"], "outcome", bad)
        duration_s = _parse_duration(raw["duration_s"], bad)
        trigger = _parse_enum(Trigger, raw["trigger"], "trigger", bad)
        checkin = _parse_checkin(raw.get("checkin", ""), bad)
        if (
            started_at is not None
            and local_date is not None
            and abs((started_at.date() - local_date).days) > 1
        ):
            bad(
                "local_date",
                _("{date} is more than a day away from started_at ({start})").format(
                    date=local_date.isoformat(), start=started_at.date().isoformat()
                ),
            )
        if (
            found
            or started_at is None
            or local_date is None
            or stretch is None
            or outcome is None
            or duration_s is None
            or trigger is None
        ):
            for error in sorted(found, key=lambda error: CSV_HEADER.index(error.column or "")):
                self._add(error)
            return None
        try:
            return BreakRecord(
                started_at, local_date, stretch, outcome, duration_s, trigger, checkin
            )
        except ValueError as exc:  # any rule of the record itself not checked above
            self._add(CsvError(line, None, escape_controls(str(exc))))
            return None


def write_rest_days(rest_days: Iterable[date], writer: _CsvWriter) -> None:
    """Write one `rest-day` row per day, oldest first: `local_date` set, the rest empty."""
    for day in sorted(set(rest_days)):
        writer.writerow(
            day.isoformat()
            if column == "local_date"
            else REST_DAY_OUTCOME
            if column == "outcome"
            else ""
            for column in CSV_HEADER
        )


def is_rest_day_row(row: list[str]) -> bool:
    """Return whether a data row is a rest day (its `outcome` column says `rest-day`)."""
    index = CSV_HEADER.index("outcome")
    return len(row) > index and row[index] == REST_DAY_OUTCOME


def parse_rest_day_row(
    row: list[str], columns: tuple[str, ...], line: int, errors: list[CsvError]
) -> date | None:
    """Check a `rest-day` row; append its problems to `errors` and return its day if whole."""
    if len(row) != len(columns):
        errors.append(CsvError(line, None, _columns_problem(len(columns), len(row))))
        return None
    found: list[CsvError] = []

    def bad(column: str, reason: str) -> None:
        found.append(CsvError(line, column, reason))

    day = _parse_local_date(row[columns.index("local_date")], bad)
    for column, text in zip(columns, row, strict=True):
        if column not in ("local_date", "outcome") and text:
            bad(
                column, _("must be empty on a rest-day row, not {value}").format(value=_shown(text))
            )
    errors.extend(found)
    return None if found else day


def _expected_header(found: str) -> str:
    # Translators: {found} is e.g. "the file is empty"; the headers stay as they are
    return _("{found}; expected the header {header} (or {short})").format(
        found=found, header=",".join(CSV_HEADER), short=",".join(CSV_HEADER_WITHOUT_CHECKIN)
    )


def _columns_problem(expected: int, found: int) -> str:
    return ngettext(
        "expected {expected} columns, found {count}",
        "expected {expected} columns, found {count}",
        found,
    ).format(expected=expected, count=found)


def _shown(text: str) -> str:
    """Return a cell for a message: quoted, control characters escaped, long ones cut short."""
    if len(text) > _MAX_QUOTED_CELL:
        return ngettext(
            "{text}… ({count} character)", "{text}… ({count} characters)", len(text)
        ).format(text=quoted(text[:_MAX_QUOTED_CELL]), count=len(text))
    return quoted(text)


def _parse_started_at(text: str, bad: _Reporter) -> datetime | None:
    if "T" not in text or not _DATE.match(text) or not text.isascii():
        bad(
            "started_at",
            _("{value} is not a date and time like 2026-11-24T10:15:00+01:00").format(
                value=_shown(text)
            ),
        )
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        bad("started_at", _("{value} is not a valid date and time").format(value=_shown(text)))
        return None
    offset = value.utcoffset()
    if offset is None:
        bad(
            "started_at",
            _("{value} has no time zone offset (add one, e.g. +01:00 or Z)").format(
                value=_shown(text)
            ),
        )
        return None
    if offset.seconds % 60 or offset.microseconds:
        # The history stores whole-minute offsets only (as every real time zone has today).
        bad(
            "started_at",
            _("{value} has a time zone offset that is not whole minutes").format(
                value=_shown(text)
            ),
        )
        return None
    return value


def _parse_local_date(text: str, bad: _Reporter) -> date | None:
    if not _DATE.fullmatch(text):
        bad("local_date", _("{value} is not a date like 2026-11-24").format(value=_shown(text)))
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        bad("local_date", _("{value} is not a real calendar date").format(value=_shown(text)))
        return None


def _parse_stretch(text: str, bad: _Reporter) -> str | None:
    if not STRETCH_ID_PATTERN.fullmatch(text):
        bad(
            "stretch",
            _(
                "{value} is not a stretch id (1 to 64 lower-case letters a-z, digits and "
                "hyphens, not starting with a hyphen)"
            ).format(value=_shown(text)),
        )
        return None
    return text


def _parse_enum(kind: type[_Choice], text: str, column: str, bad: _Reporter) -> _Choice | None:
    try:
        return kind(text)
    except ValueError:
        allowed = " | ".join(member.value for member in kind)
        bad(
            column, _("{value} is not one of {allowed}").format(value=_shown(text), allowed=allowed)
        )
        return None


def _parse_duration(text: str, bad: _Reporter) -> int | None:
    if not _DIGITS.fullmatch(text) or int(text) > MAX_DURATION_S:
        bad(
            "duration_s",
            _("{value} is not a whole number of seconds from 0 to {most}").format(
                value=_shown(text), most=MAX_DURATION_S
            ),
        )
        return None
    return int(text)


def _parse_checkin(text: str, bad: _Reporter) -> int | None:
    """Return the 0-10 check-in, or None for an empty cell (no answer given)."""
    if text == "":
        return None
    if not _CHECKIN.fullmatch(text) or int(text) > 10:
        bad(
            "checkin",
            _("{value} is not a whole number from 0 to 10, or empty").format(value=_shown(text)),
        )
        return None
    return int(text)
