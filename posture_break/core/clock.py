"""The one place that reads real time.

Everything else is handed a `Clock` (or a `now`), so tests drive a `FakeClock` and never sleep.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, tzinfo
from typing import Protocol


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


class SystemClock:
    """The real clock of this machine."""

    def now(self) -> datetime:
        """Return the aware local wall-clock time, in the current system time zone."""
        return datetime.now().astimezone()

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


class FakeClock:
    """A clock that moves only when told to; for tests and simulations.

    `advance` moves all three clocks together (time passing while awake); `suspend` moves the wall
    and boot clocks but not the monotonic one (the machine slept); `set_wall` steps only the wall
    clock (the user or NTP changed the time); `set_zone` changes the local time zone.
    """

    def __init__(self, start: datetime, monotonic: float = 1000.0) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware start time")
        self._wall = start
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
        self._wall = when

    def set_zone(self, zone: tzinfo) -> None:
        """Change the local time zone without moving the instant."""
        self._zone = zone
