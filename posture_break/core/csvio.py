"""CSV export and all-or-nothing import checking of break records.

The format is the public one: a header line `CSV_HEADER`, then one break per line. Import checks
every row first and reports each problem with its line and column; the caller stores nothing when
any row is bad. Exported text parses back to the same records and exports again byte for byte.

Rest days travel in the same file: a row whose `outcome` is `rest-day` has `local_date` set and
every other column empty. Export writes them after the breaks, oldest first; files without such
rows (older exports) import as before.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, TextIO, TypeVar

from posture_break.core.record import CSV_HEADER, BreakRecord, Outcome, Trigger

_Reporter = Callable[[str, str], None]


class _CsvWriter(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


_Choice = TypeVar("_Choice", Outcome, Trigger)

MAX_DURATION_S = 24 * 3600
MAX_STRETCH_LENGTH = 100
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"\d{1,6}")
_UTF8_BOM = "\ufeff"
REST_DAY_OUTCOME = "rest-day"


@dataclass(frozen=True, slots=True)
class CsvError:
    """One problem in an imported file: where it is and what is wrong, in words.

    `line` counts from 1 (the header). `column` is the column name, or None for the whole row.
    """

    line: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


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
    """Write the header, one line per record, then one per rest day (checkins are not written)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for entry in records:
        writer.writerow(
            (
                entry.started_at.isoformat(),
                entry.local_date.isoformat(),
                entry.stretch,
                entry.outcome.value,
                entry.duration_s,
                entry.trigger.value,
            )
        )
    write_rest_days(rest_days, writer)


def parse_csv(source: str | TextIO) -> CsvParse:
    """Read and check every row of a CSV export; report all problems, not just the first."""
    stream = io.StringIO(source, newline="") if isinstance(source, str) else source
    reader = csv.reader(stream, strict=True)
    records: list[BreakRecord] = []
    rest_days: set[date] = set()
    errors: list[CsvError] = []
    try:
        header = next(reader, None)
        if header is None:
            return CsvParse((), (CsvError(1, None, _expected_header("the file is empty")),))
        if header and header[0].startswith(_UTF8_BOM):
            header = [header[0].removeprefix(_UTF8_BOM), *header[1:]]
        if tuple(header) != CSV_HEADER:
            errors.append(CsvError(1, None, _expected_header(f"the header is {','.join(header)}")))
            return CsvParse((), tuple(errors))
        for row in reader:
            if not row:
                continue  # blank lines carry nothing; spreadsheets often add one at the end
            if is_rest_day_row(row):
                rest_day = parse_rest_day_row(row, reader.line_num, errors)
                if rest_day is not None:
                    rest_days.add(rest_day)
                continue
            entry = _parse_row(row, reader.line_num, errors)
            if entry is not None:
                records.append(entry)
    except csv.Error as exc:
        # The reader has already counted the line it could not parse.
        errors.append(CsvError(max(reader.line_num, 1), None, f"the CSV is malformed ({exc})"))
    except UnicodeDecodeError as exc:
        errors.append(CsvError(reader.line_num + 1, None, f"the file is not UTF-8 text ({exc})"))
    return CsvParse(tuple(records), tuple(errors), tuple(sorted(rest_days)))


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


def parse_rest_day_row(row: list[str], line: int, errors: list[CsvError]) -> date | None:
    """Check a `rest-day` row; append its problems to `errors` and return its day if whole."""
    if len(row) != len(CSV_HEADER):
        errors.append(CsvError(line, None, f"expected {len(CSV_HEADER)} columns, found {len(row)}"))
        return None
    found: list[CsvError] = []

    def bad(column: str, reason: str) -> None:
        found.append(CsvError(line, column, reason))

    day = _parse_local_date(row[CSV_HEADER.index("local_date")], bad)
    for column, text in zip(CSV_HEADER, row, strict=True):
        if column not in ("local_date", "outcome") and text:
            bad(column, f"must be empty on a rest-day row, not {text!r}")
    errors.extend(found)
    return None if found else day


def _expected_header(found: str) -> str:
    return f"{found}; expected the header {','.join(CSV_HEADER)}"


def _parse_row(row: list[str], line: int, errors: list[CsvError]) -> BreakRecord | None:
    """Check one data row; append its problems to `errors` and return the record if it is whole."""
    if len(row) != len(CSV_HEADER):
        errors.append(CsvError(line, None, f"expected {len(CSV_HEADER)} columns, found {len(row)}"))
        return None
    raw = dict(zip(CSV_HEADER, row, strict=True))
    found: list[CsvError] = []

    def bad(column: str, reason: str) -> None:
        found.append(CsvError(line, column, reason))

    started_at = _parse_started_at(raw["started_at"], bad)
    local_date = _parse_local_date(raw["local_date"], bad)
    stretch = raw["stretch"]
    if not 1 <= len(stretch) <= MAX_STRETCH_LENGTH:
        bad("stretch", f"a stretch id must be 1 to {MAX_STRETCH_LENGTH} characters")
    elif not stretch.isprintable():
        bad("stretch", f"{stretch!r} contains control characters")
    outcome = _parse_enum(Outcome, raw["outcome"], "outcome", bad)
    duration_s = _parse_duration(raw["duration_s"], bad)
    trigger = _parse_enum(Trigger, raw["trigger"], "trigger", bad)
    if (
        started_at is not None
        and local_date is not None
        and abs((started_at.date() - local_date).days) > 1
    ):
        bad(
            "local_date",
            f"{local_date.isoformat()} is more than a day away from started_at "
            f"({started_at.date().isoformat()})",
        )
    if (
        found
        or started_at is None
        or local_date is None
        or outcome is None
        or duration_s is None
        or trigger is None
    ):
        errors.extend(sorted(found, key=lambda error: CSV_HEADER.index(error.column or "")))
        return None
    try:
        return BreakRecord(started_at, local_date, stretch, outcome, duration_s, trigger)
    except ValueError as exc:  # any rule of the record itself not checked above
        errors.append(CsvError(line, None, str(exc)))
        return None


def _parse_started_at(text: str, bad: _Reporter) -> datetime | None:
    if "T" not in text or not _DATE.match(text):
        bad("started_at", f"{text!r} is not a date and time like 2026-11-24T10:15:00+01:00")
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        bad("started_at", f"{text!r} is not a valid date and time")
        return None
    if value.utcoffset() is None:
        bad("started_at", f"{text!r} has no time zone offset (add one, e.g. +01:00 or Z)")
        return None
    return value


def _parse_local_date(text: str, bad: _Reporter) -> date | None:
    if not _DATE.fullmatch(text):
        bad("local_date", f"{text!r} is not a date like 2026-11-24")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        bad("local_date", f"{text!r} is not a real calendar date")
        return None


def _parse_enum(kind: type[_Choice], text: str, column: str, bad: _Reporter) -> _Choice | None:
    try:
        return kind(text)
    except ValueError:
        allowed = " | ".join(member.value for member in kind)
        bad(column, f"{text!r} is not one of {allowed}")
        return None


def _parse_duration(text: str, bad: _Reporter) -> int | None:
    if not _DIGITS.fullmatch(text) or int(text) > MAX_DURATION_S:
        bad("duration_s", f"{text!r} is not a whole number of seconds from 0 to {MAX_DURATION_S}")
        return None
    return int(text)
