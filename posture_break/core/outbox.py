"""The outbox: what the user did that the history could not take right now waits here.

A finished stretch, a prompt's outcome, a check-in or a rest-day change must never be lost
because the history was busy (an `import` holding it, a backup tool, a full disk for a moment).
`OutboxHistory` writes through to the history with a short busy timeout, so the GUI thread never
waits long; whatever fails goes to a small private file (JSON lines, 0600, fsynced) and is written
later, in order, by `drain` (the app retries on a timer only while something is pending, and once
at start, so a crash or kill loses nothing either). Reads include what is pending, so the end
view's "2 of 4 today" counts a break still in the outbox.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from posture_break.core.clock import Clock
from posture_break.core.history import BreakHistory, HistoryWriteError
from posture_break.core.i18n import _
from posture_break.core.paths import ensure_private_dir, write_private_atomically
from posture_break.core.record import BreakRecord, DayCounts, Outcome, Trigger

GUI_BUSY_TIMEOUT_MS = 200  # the longest the GUI thread waits for a busy history
OUTBOX_NAME = "outbox.jsonl"

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Pending:
    """One change waiting for the history: a break (`record`), a check-in or rest days."""

    queued_at: datetime
    key: int = 0  # a pending break's own number: its row id is -key until it is written
    record: BreakRecord | None = None
    checkin_row: int | None = None  # with `checkin`: the stored break the answer belongs to
    checkin: int | None = None
    rest_days: tuple[date, ...] = ()
    rest_added: bool = True

    def to_json(self) -> str:
        """Return this change as one line of JSON."""
        data: dict[str, Any] = {"queued_at": self.queued_at.isoformat(), "key": self.key}
        if self.record is not None:
            entry = self.record
            data["record"] = {
                "started_at": entry.started_at.isoformat(),
                "local_date": entry.local_date.isoformat(),
                "stretch": entry.stretch,
                "outcome": entry.outcome.value,
                "duration_s": entry.duration_s,
                "trigger": entry.trigger.value,
                "checkin": entry.checkin,
            }
        elif self.checkin_row is not None:
            data["checkin_row"] = self.checkin_row
            data["checkin"] = self.checkin
        else:
            data["rest_days"] = [day.isoformat() for day in self.rest_days]
            data["rest_added"] = self.rest_added
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> Pending:
        """Read one line written by `to_json`.

        Raises:
            ValueError: The line is not one (KeyError and TypeError are turned into it).
        """
        try:
            data = json.loads(line)
            queued_at = datetime.fromisoformat(data["queued_at"])
            key = int(data["key"])
            if "record" in data:
                raw = data["record"]
                record = BreakRecord(
                    started_at=datetime.fromisoformat(raw["started_at"]),
                    local_date=date.fromisoformat(raw["local_date"]),
                    stretch=str(raw["stretch"]),
                    outcome=Outcome(raw["outcome"]),
                    duration_s=int(raw["duration_s"]),
                    trigger=Trigger(raw["trigger"]),
                    checkin=None if raw["checkin"] is None else int(raw["checkin"]),
                )
                return cls(queued_at, key, record=record)
            if "checkin_row" in data:
                value = None if data["checkin"] is None else int(data["checkin"])
                return cls(queued_at, key, checkin_row=int(data["checkin_row"]), checkin=value)
            days = tuple(date.fromisoformat(day) for day in data["rest_days"])
            return cls(queued_at, key, rest_days=days, rest_added=bool(data["rest_added"]))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not an outbox entry: {exc}") from exc


class Outbox:
    """The private file of pending changes, oldest first."""

    def __init__(self, path: Path) -> None:
        """Use `path` (created on the first append)."""
        self.path = path

    def load(self) -> list[Pending]:
        """Return the pending changes; a line that cannot be read is kept aside, never dropped."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        pending: list[Pending] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                pending.append(Pending.from_json(line))
            except ValueError:
                # A torn last line after a crash mid-append, or damage: keep the bytes for a
                # human to look at rather than deleting them with the next rewrite.
                _log.warning("outbox line could not be read, kept in %s.unreadable", self.path)
                with (self.path.parent / (self.path.name + ".unreadable")).open("a") as kept:
                    kept.write(line + "\n")
        return pending

    def append(self, change: Pending) -> None:
        """Add one change at the end, on disk (fsynced) before returning.

        Raises:
            OSError: It could not be written either (then the caller must say so).
        """
        ensure_private_dir(self.path.parent)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, (change.to_json() + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)

    def store(self, pending: Iterable[Pending]) -> None:
        """Replace the file with `pending` (atomically); remove it when nothing is left."""
        lines = "".join(change.to_json() + "\n" for change in pending)
        if lines:
            write_private_atomically(self.path, lines.encode())
        else:
            self.path.unlink(missing_ok=True)


class OutboxHistory:
    """A `BreakHistory` whose writes never fail for the user: what cannot be written now waits.

    A pending break's row id is its negative `key`, so a check-in answered while its break is
    still pending goes with the break, and one answered after it was written finds its row.
    """

    def __init__(
        self, history: BreakHistory, outbox: Outbox, clock: Clock, *, is_persistent: bool = True
    ) -> None:
        """Wrap `history`; its busy timeout becomes `GUI_BUSY_TIMEOUT_MS`.

        When `history` is not `is_persistent` (the file could not be opened, so this session's
        history lives in memory), every change waits in the outbox for a later start instead.
        """
        self._history = history
        self._is_persistent = is_persistent
        self._outbox = outbox
        self._clock = clock
        history.set_busy_timeout(GUI_BUSY_TIMEOUT_MS)
        self._pending = outbox.load()
        self._next_key = max((change.key for change in self._pending), default=0) + 1
        self._written: dict[int, int] = {}  # key of a drained break -> its row id
        self.last_error: str | None = None  # why the last write had to wait, for the user
        self.on_queued: Callable[[], None] | None = None  # told when a change starts waiting

    @property
    def inner(self) -> BreakHistory:
        """Return the history itself."""
        return self._history

    @property
    def outbox_path(self) -> Path:
        """Return where the pending changes are kept."""
        return self._outbox.path

    @property
    def pending(self) -> tuple[Pending, ...]:
        """Return what waits for the history, oldest first."""
        return tuple(self._pending)

    def close(self) -> None:
        """Close the history (pending changes stay in the outbox file for the next start)."""
        self._history.close()

    # --- writes -------------------------------------------------------------------------------

    def record(self, entry: BreakRecord) -> int:
        """Save one break now, or queue it; return its row id (negative while pending).

        Raises:
            HistoryWriteError: Neither the history nor the outbox could take it.
        """
        if self._is_persistent and not self._pending:
            try:
                return self._history.record(entry)
            except HistoryWriteError as exc:
                self.last_error = str(exc)
        key = self._queue(Pending(self._clock.now(), record=entry))
        return -key

    def set_checkin(self, row_id: int, value: int | None) -> None:
        """Attach a check-in to a stored or pending break."""
        if row_id < 0:
            for index, change in enumerate(self._pending):
                if change.key == -row_id and change.record is not None:
                    answered = replace(change.record, checkin=value)
                    self._pending[index] = replace(change, record=answered)
                    self._outbox.store(self._pending)
                    return
            row_id = self._written[-row_id]  # written meanwhile
        if self._is_persistent and not self._pending:
            try:
                self._history.set_checkin(row_id, value)
                return
            except HistoryWriteError as exc:
                self.last_error = str(exc)
        self._queue(Pending(self._clock.now(), checkin_row=row_id, checkin=value))

    def add_rest_days(self, days: Iterable[date]) -> int:
        """Mark rest days now or later; return how many were added now (0 when queued)."""
        return self._rest(tuple(days), added=True)

    def remove_rest_days(self, days: Iterable[date]) -> int:
        """Unmark rest days now or later; return how many were removed now (0 when queued)."""
        return self._rest(tuple(days), added=False)

    def drain(self) -> bool:
        """Write what is pending, oldest first, until one fails; return whether all is written.

        A change the history refuses for good (a check-in for a break that is gone) is logged and
        dropped; a busy, full or read-only history leaves it (and all after it) waiting.
        """
        while self._pending and self._is_persistent:
            change = self._pending[0]
            try:
                row_id = self._apply(change)
            except HistoryWriteError as exc:
                self.last_error = str(exc)
                break
            except ValueError:
                _log.warning("dropped an outbox change the history refuses: %s", change.to_json())
            if change.record is not None:
                self._written[change.key] = row_id
            self._pending.pop(0)
            self._outbox.store(self._pending)
        return not self._pending

    # --- reads (pending breaks included where they are counted) ------------------------------

    def day_counts(self, first: date | None, last: date) -> dict[date, DayCounts]:
        """Return the per-day counts of the history plus the pending breaks."""
        counts = self._history.day_counts(first, last)
        for entry in self._pending_records():
            day = entry.local_date
            if (first is None or first <= day) and day <= last:
                counts[day] = _plus(counts.get(day, DayCounts(0, 0, 0, 0)), entry.outcome)
        return counts

    def total_completed(self, until: date) -> int:
        """Return the completed breaks up to `until`, pending ones included."""
        pending = sum(
            1
            for entry in self._pending_records()
            if entry.outcome is Outcome.COMPLETED and entry.local_date <= until
        )
        return self._history.total_completed(until) + pending

    def rest_days(self, first: date | None = None, last: date | None = None) -> tuple[date, ...]:
        """Return the rest days with the pending changes applied, ascending."""
        days = set(self._history.rest_days(first, last))
        for change in self._pending:
            for day in change.rest_days:
                if (first is None or first <= day) and (last is None or day <= last):
                    if change.rest_added:
                        days.add(day)
                    else:
                        days.discard(day)
        return tuple(sorted(days))

    def records(self, until: date | None = None) -> list[BreakRecord]:
        """Return the stored breaks (the export reads what is on disk)."""
        return self._history.records(until)

    def recent_stretches(self, limit: int) -> tuple[str, ...]:
        """Return recently used stretch ids, pending ones first."""
        pending = [entry.stretch for entry in reversed(self._pending_records())]
        stored = self._history.recent_stretches(limit)
        return tuple(dict.fromkeys([*pending, *stored]))[:limit]

    def checkins(self, first: date, last: date) -> list[tuple[date, int]]:
        """Return the stored check-ins between `first` and `last`."""
        return self._history.checkins(first, last)

    def stretch_counts(self, first: date, last: date) -> list[tuple[str, int]]:
        """Return the stored completed counts per stretch between `first` and `last`."""
        return self._history.stretch_counts(first, last)

    # --- internals ----------------------------------------------------------------------------

    def _pending_records(self) -> list[BreakRecord]:
        return [change.record for change in self._pending if change.record is not None]

    def _rest(self, days: tuple[date, ...], *, added: bool) -> int:
        if self._is_persistent and not self._pending:
            try:
                if added:
                    return self._history.add_rest_days(days)
                return self._history.remove_rest_days(days)
            except HistoryWriteError as exc:
                self.last_error = str(exc)
        self._queue(Pending(self._clock.now(), rest_days=days, rest_added=added))
        return 0

    def _queue(self, change: Pending) -> int:
        """Put `change` in the outbox under a new key and return the key."""
        change = replace(change, key=self._next_key)
        try:
            self._outbox.append(change)
        except OSError as exc:
            # Translators: {problem} is why saving failed (e.g. "database is locked")
            raise HistoryWriteError(
                _("{problem} It could not be kept for later either: {reason}.").format(
                    problem=self.last_error or _("The change could not be saved."),
                    reason=exc.strerror or exc,
                )
            ) from exc
        self._pending.append(change)
        self._next_key += 1
        if self.on_queued is not None:
            self.on_queued()
        return change.key

    def _apply(self, change: Pending) -> int:
        """Write one change; return the row id of a break (0 for other changes)."""
        if change.record is not None:
            return self._history.record(change.record)
        if change.checkin_row is not None:
            self._history.set_checkin(change.checkin_row, change.checkin)
        elif change.rest_added:
            self._history.add_rest_days(change.rest_days)
        else:
            self._history.remove_rest_days(change.rest_days)
        return 0


def _plus(counts: DayCounts, outcome: Outcome) -> DayCounts:
    return DayCounts(
        counts.completed + (outcome is Outcome.COMPLETED),
        counts.skipped + (outcome is Outcome.SKIPPED),
        counts.snoozed + (outcome is Outcome.SNOOZED),
        counts.abandoned + (outcome is Outcome.ABANDONED),
    )


AnyHistory = BreakHistory | OutboxHistory
"""What the app's windows are given: the history itself (tests, one-off runs) or its outbox."""


__all__ = ["OUTBOX_NAME", "AnyHistory", "Outbox", "OutboxHistory", "Pending"]
