"""A break record: one prompt or stretch and what became of it."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime


class Outcome(enum.StrEnum):
    """What became of a break."""

    COMPLETED = "completed"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    ABANDONED = "abandoned"


class Trigger(enum.StrEnum):
    """Who started a break."""

    SCHEDULED = "scheduled"
    ON_DEMAND = "on-demand"


@dataclass(frozen=True, slots=True)
class DayCounts:
    """How many breaks of each outcome one local day holds."""

    completed: int = 0
    skipped: int = 0
    snoozed: int = 0
    abandoned: int = 0


#: The CSV columns, in order. `checkin` came later: files without it still import.
CSV_HEADER = (
    "started_at",
    "local_date",
    "stretch",
    "outcome",
    "duration_s",
    "trigger",
    "checkin",
)
CSV_HEADER_WITHOUT_CHECKIN = CSV_HEADER[:-1]

#: The rule for stretch ids a CSV may bring in: lower-case ASCII letters, digits and hyphens,
#: starting with a letter or digit, at most 64 characters. Every catalogue id follows it, ids of
#: stretches no longer in the catalogue stay valid, and no id can start a spreadsheet formula or
#: carry markup.
STRETCH_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}", re.ASCII)


@dataclass(frozen=True, slots=True)
class BreakRecord:
    """One break as stored in the history.

    `local_date` is the user's calendar day when the break happened. It is stored, never
    recomputed from `started_at`, so travel and DST never move a stretch to another day.
    `checkin` is the optional 0-10 "how does your mid back feel" answer after a stretch.
    """

    started_at: datetime
    local_date: date
    stretch: str
    outcome: Outcome
    duration_s: int
    trigger: Trigger
    checkin: int | None = None

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None or self.started_at.utcoffset() is None:
            raise ValueError(f"started_at {self.started_at.isoformat()} has no time zone")
        if not self.stretch or len(self.stretch) > 100:
            raise ValueError(f"stretch id {self.stretch!r} must be 1-100 characters")
        if not 0 <= self.duration_s <= 24 * 3600:
            raise ValueError(f"duration_s {self.duration_s} is outside 0..86400")
        if self.checkin is not None and not 0 <= self.checkin <= 10:
            raise ValueError(f"checkin {self.checkin} is outside 0..10")
        if abs((self.started_at.date() - self.local_date).days) > 1:
            raise ValueError(
                f"local_date {self.local_date} is more than a day from {self.started_at.date()}"
            )

    @classmethod
    def at(
        cls,
        started_at: datetime,
        stretch: str,
        outcome: Outcome,
        duration_s: int,
        trigger: Trigger,
        checkin: int | None = None,
    ) -> BreakRecord:
        """Make a record whose local day is the calendar day of `started_at` as given."""
        return cls(started_at, started_at.date(), stretch, outcome, duration_s, trigger, checkin)
