"""Quiet times: stretches of the day when no prompt is shown.

Recurring quiet times are wall-clock ranges ("12:00-13:00", or "22:00-06:00" past midnight) from
the settings; a one-off quiet time ("from 14:00 until 15:30 today") comes from the command line.
A prompt that falls in a quiet time moves to its end.

Wall times are turned into instants in the zone of the `now` given (an aware datetime), and every
comparison is between instants: Python compares two datetimes sharing a `tzinfo` by their wall
times, which is wrong across a DST change. A wall time that does not exist (the hour skipped in
spring) is read with the offset from before the change, as PEP 495 does, so a quiet time keeps
its length; a wall time that happens twice (autumn) is its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from posture_break.core.i18n import _

WALL_TIME_FORMAT = "%H:%M"
DAY_SECONDS = 24 * 60 * 60


def parse_wall_time(text: str) -> time:
    """Read "HH:MM" (24-hour clock) or raise `ValueError` naming the text."""
    try:
        return datetime.strptime(text.strip(), WALL_TIME_FORMAT).time()  # noqa: DTZ007 (a wall time)
    except ValueError:
        raise ValueError(
            _("{text} is not a time of day like 12:30").format(text=repr(text))
        ) from None


def _instant(day: date, wall: time, zone: tzinfo) -> datetime:
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def _zone_of(when: datetime) -> tzinfo:
    if when.tzinfo is None:
        raise ValueError(f"quiet times need an aware time, not {when.isoformat()}")
    return when.tzinfo


@dataclass(frozen=True, slots=True)
class QuietPeriod:
    """One quiet time between two instants; the end is not quiet any more."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError(f"a quiet period needs aware times: {self.start} to {self.end}")
        if self.end.astimezone(UTC) <= self.start.astimezone(UTC):
            raise ValueError(
                f"a quiet period must end after it starts: {self.start.isoformat()} "
                f"to {self.end.isoformat()}"
            )

    def contains(self, when: datetime) -> bool:
        """Whether `when` is inside this quiet period."""
        instant = when.astimezone(UTC)
        return self.start.astimezone(UTC) <= instant < self.end.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class QuietRange:
    """A quiet time every day between two wall times; an end before the start is overnight."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError(f"a quiet time is in local wall time, not {self}")
        if self.start == self.end:
            raise ValueError(
                _("quiet time {time} is empty: it starts when it ends").format(time=repr(str(self)))
            )

    @classmethod
    def parse(cls, text: str) -> QuietRange:
        """Read "HH:MM-HH:MM" or raise `ValueError` naming the text."""
        start, dash, end = text.partition("-")
        if not dash:
            raise ValueError(
                _("quiet time {text} is not a range like 12:00-13:00").format(text=repr(text))
            )
        try:
            return cls(parse_wall_time(start), parse_wall_time(end))
        except ValueError as error:
            raise ValueError(
                _("quiet time {text}: {error}").format(text=repr(text), error=error)
            ) from None

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @property
    def is_overnight(self) -> bool:
        """Whether this quiet time runs past midnight into the next day."""
        return self.end < self.start

    def periods_around(self, when: datetime) -> Iterator[QuietPeriod]:
        """Yield this range's quiet periods that start on the day before, of or after `when`."""
        zone = _zone_of(when)
        today = when.astimezone(zone).date()
        for offset in (-1, 0, 1):
            day = today + timedelta(days=offset)
            end_day = day + timedelta(days=1) if self.is_overnight else day
            start, end = _instant(day, self.start, zone), _instant(end_day, self.end, zone)
            # A range from inside the hour skipped in spring to just after it is empty that day.
            if start < end:
                yield QuietPeriod(start.astimezone(zone), end.astimezone(zone))

    def seconds_of_day(self) -> tuple[tuple[int, int], ...]:
        """The range as half-open spans of seconds since midnight, split at midnight."""
        start = self.start.hour * 3600 + self.start.minute * 60 + self.start.second
        end = self.end.hour * 3600 + self.end.minute * 60 + self.end.second
        if self.is_overnight:
            return tuple(span for span in ((start, DAY_SECONDS), (0, end)) if span[0] < span[1])
        return ((start, end),)


def _covers_whole_day(ranges: Iterable[QuietRange]) -> bool:
    reached = 0
    for start, end in sorted(span for item in ranges for span in item.seconds_of_day()):
        if start > reached:
            return False
        reached = max(reached, end)
    return reached >= DAY_SECONDS


@dataclass(frozen=True, slots=True)
class QuietTimes:
    """The user's quiet times: daily ranges from the settings and one-off periods."""

    daily: tuple[QuietRange, ...] = ()
    once: tuple[QuietPeriod, ...] = ()

    def __post_init__(self) -> None:
        if _covers_whole_day(self.daily):
            names = ", ".join(str(item) for item in self.daily)
            raise ValueError(
                _("quiet times {names} cover the whole day: no prompt could ever show").format(
                    names=names
                )
            )

    @classmethod
    def parse(cls, texts: Iterable[str]) -> QuietTimes:
        """Read the settings' `[quiet] times` list; the error names the first bad entry."""
        return cls(tuple(QuietRange.parse(text) for text in texts))

    def with_once(self, period: QuietPeriod) -> QuietTimes:
        """Return these quiet times with a one-off period added."""
        return QuietTimes(self.daily, (*self.once, period))

    def without_past(self, now: datetime) -> QuietTimes:
        """Return these quiet times without the one-off periods that have ended by `now`."""
        instant = now.astimezone(UTC)
        kept = tuple(item for item in self.once if item.end.astimezone(UTC) > instant)
        return QuietTimes(self.daily, kept)

    def periods_at(self, when: datetime) -> tuple[QuietPeriod, ...]:
        """The quiet periods that `when` is inside."""
        candidates = [*self.once, *(p for item in self.daily for p in item.periods_around(when))]
        return tuple(period for period in candidates if period.contains(when))

    def is_quiet(self, now: datetime) -> bool:
        """Whether `now` is inside a quiet time."""
        return bool(self.periods_at(now))

    def quiet_end(self, now: datetime) -> datetime | None:
        """When the quiet time around `now` ends (following back-to-back ones), or `None`."""
        zone = _zone_of(now)
        end: datetime | None = None
        moment = now
        # Each step moves to a later end and the daily ranges never cover a whole day (checked
        # in __post_init__), so this ends after at most a day and a few one-off periods.
        while periods := self.periods_at(moment):
            moment = max((period.end for period in periods), key=lambda at: at.astimezone(UTC))
            end = moment
        return None if end is None else end.astimezone(zone)

    def next_outside(self, when: datetime) -> datetime:
        """Move a prompt time out of quiet times: `when` itself, or the end of its quiet time."""
        end = self.quiet_end(when)
        return when if end is None else end


def quiet_today(start_text: str, end_text: str, now: datetime) -> QuietPeriod:
    """The one-off quiet time "from HH:MM until HH:MM today" (`pause --from ... --until ...`).

    Raises `ValueError` in words when a time is malformed, the end is not after the start, or
    the end has already passed. A start already passed means "from now".
    """
    zone = _zone_of(now)
    local = now.astimezone(zone)
    start_wall, end_wall = parse_wall_time(start_text), parse_wall_time(end_text)
    if end_wall <= start_wall:
        raise ValueError(
            _("--until {end} must be later today than --from {start}").format(
                end=f"{end_wall:%H:%M}", start=f"{start_wall:%H:%M}"
            )
        )
    start = _instant(local.date(), start_wall, zone)
    end = _instant(local.date(), end_wall, zone)
    if end <= now.astimezone(UTC):
        raise ValueError(
            _("--until {end} has already passed (it is {now} now)").format(
                end=f"{end_wall:%H:%M}", now=f"{local:%H:%M}"
            )
        )
    return QuietPeriod(max(start, now.astimezone(UTC)).astimezone(zone), end.astimezone(zone))
