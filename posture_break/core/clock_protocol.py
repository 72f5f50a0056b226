"""The `Clock` protocol, apart from `core/clock.py` so that reading the time does not import typing.

Import it as `posture_break.core.clock.Clock`; that name loads this module on first use.
"""

from __future__ import annotations

from datetime import datetime
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
