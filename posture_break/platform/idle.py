"""Seconds since the user last touched keyboard or mouse, where the desktop tells us.

Every source answers `None` ("unknown") instead of raising; the app then behaves as it would
without idle detection (no natural breaks from being away, no waiting for a pause in typing).
"""

from __future__ import annotations

from typing import Protocol


class IdleSource(Protocol):
    """Something that knows how long the user has been idle."""

    def idle_seconds(self) -> float | None:
        """Return seconds since the last keyboard or mouse input, or `None` if unknown."""
        ...


class NoIdleSource:
    """The answer where no backend works: always unknown."""

    def idle_seconds(self) -> float | None:
        """Return `None`: idle time is unknown here."""
        return None
