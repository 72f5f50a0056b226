"""The one place that reads real time.

Everything else is handed a `Clock` (or a `now`), so tests drive a `FakeClock` and never sleep.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from posture_break.core.i18n import _


class Clock(Protocol):
    """A source of wall-clock and monotonic time."""

    def now(self) -> datetime:
        """Return the aware local wall-clock time: what day and hour it is."""
        ...

    def monotonic(self) -> float:
        """Return seconds on a clock that never jumps (for durations)."""
        ...

    def boottime(self) -> float:
        """Return seconds on a monotonic clock that also counts time spent suspended."""
        ...


def local_zone() -> tzinfo:
    """Return the system's local time zone, with its DST rules where they can be found.

    A fixed offset (what `datetime.astimezone()` gives) would put tomorrow's working window an
    hour off when DST changes overnight, so look for the zone behind `TZ` or `/etc/localtime`.
    """
    name = os.environ.get("TZ", "").removeprefix(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass  # a POSIX rule string like "CET-1CEST": the C library understands it
    elif os.path.exists("/etc/localtime"):
        try:
            with open("/etc/localtime", "rb") as stream:
                return ZoneInfo.from_file(stream, key="localtime")
        except (ValueError, OSError):
            pass
    try:
        zone = datetime.now().astimezone().tzinfo
    except (ValueError, OverflowError):
        # The C library takes offsets of a whole day and more (TZ=UTC+24) that Python's time
        # zones cannot hold: go on in UTC, and let `zone_problem` say so.
        return UTC
    assert zone is not None  # astimezone() always answers with an aware time
    return zone


def zone_problem() -> str | None:
    """Say in words why the system's time zone cannot be used as it is, or None when it can."""
    try:
        datetime.now().astimezone()
    except (ValueError, OverflowError):
        shown = os.environ.get("TZ", "/etc/localtime").encode("unicode_escape").decode("ascii")
        return _(
            "the time zone {zone} is a day or more away from UTC, which posture-break cannot "
            "use; times are shown in UTC"
        ).format(zone=shown)
    return None


class SystemClock:
    """The real clock of this machine."""

    def __init__(self) -> None:
        self._zone_key: tuple[str, int] | None = None
        self._zone: tzinfo | None = None

    def now(self) -> datetime:
        """Return the aware local wall-clock time in the current system time zone.

        The zone is looked up again when `TZ` or `/etc/localtime` changes, so a time-zone change
        while the app runs is seen (the scheduler's heartbeat notices the new offset).
        """
        key = (os.environ.get("TZ", ""), _mtime_ns("/etc/localtime"))
        if self._zone is None or key != self._zone_key:
            if hasattr(time, "tzset"):  # not on Windows
                time.tzset()
            self._zone, self._zone_key = local_zone(), key
        return datetime.now(self._zone)

    def monotonic(self) -> float:
        """Return `time.monotonic()`, which stops while the machine sleeps on Linux."""
        return time.monotonic()

    def boottime(self) -> float:
        """Return CLOCK_BOOTTIME where the OS has it, which keeps counting through suspend."""
        clock_id = getattr(time, "CLOCK_BOOTTIME", None)
        if clock_id is None:
            # Windows and macOS: their monotonic clocks already include sleep.
            return time.monotonic()
        return time.clock_gettime(clock_id)


def _mtime_ns(path: str) -> int:
    try:
        return os.lstat(path).st_mtime_ns
    except OSError:
        return -1


class FakeClock:
    """A clock that moves only when told to; for tests and simulations.

    `advance` moves all three clocks together (time passing while awake); `suspend` moves the wall
    and boot clocks but not the monotonic one (the machine slept); `set_wall` steps only the wall
    clock (the user or NTP changed the time); `set_zone` changes the local time zone.
    """

    def __init__(self, start: datetime, monotonic: float = 1000.0) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware start time")
        # The wall clock is kept in UTC: adding a timedelta to a time in a zone with DST would be
        # wall-time arithmetic (an hour off across a change), not elapsed time.
        self._wall = start.astimezone(UTC)
        self._zone: tzinfo = start.tzinfo
        self._monotonic = monotonic
        self._boot = monotonic

    def now(self) -> datetime:
        """Return the fake wall-clock time in the fake local zone."""
        return self._wall.astimezone(self._zone)

    def monotonic(self) -> float:
        """Return the fake monotonic seconds."""
        return self._monotonic

    def boottime(self) -> float:
        """Return the fake boot-time seconds."""
        return self._boot

    def advance(self, delta: timedelta | float) -> None:
        """Let time pass while the machine is awake."""
        seconds = delta.total_seconds() if isinstance(delta, timedelta) else float(delta)
        if seconds < 0:
            raise ValueError("time does not run backwards; use set_wall for clock steps")
        self._wall += timedelta(seconds=seconds)
        self._monotonic += seconds
        self._boot += seconds

    def suspend(self, delta: timedelta) -> None:
        """Let the machine sleep: wall and boot clocks move, the monotonic clock does not."""
        self._wall += delta
        self._boot += delta.total_seconds()

    def set_wall(self, when: datetime) -> None:
        """Step the wall clock only, as a manual change or an NTP step would."""
        if when.tzinfo is None:
            raise ValueError("set_wall needs an aware time")
        self._wall = when.astimezone(UTC)

    def set_zone(self, zone: tzinfo) -> None:
        """Change the local time zone without moving the instant."""
        self._zone = zone
