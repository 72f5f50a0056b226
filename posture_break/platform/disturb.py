"""Whether the user must not be disturbed: do-not-disturb on, or a fullscreen window up.

Every source answers `None` ("unknown") instead of raising; unknown counts as "not holding".
"""

from __future__ import annotations

from typing import Protocol


class DisturbSource(Protocol):
    """Something that knows whether a prompt would disturb the user now."""

    def is_do_not_disturb(self) -> bool | None:
        """Return whether the desktop's do-not-disturb is on, or `None` if unknown."""
        ...

    def is_fullscreen_active(self) -> bool | None:
        """Return whether a fullscreen window covers the active screen, or `None` if unknown."""
        ...


class NoDisturbSource:
    """The answer where no backend works: always unknown."""

    def is_do_not_disturb(self) -> bool | None:
        """Return `None`: do-not-disturb is unknown here."""
        return None

    def is_fullscreen_active(self) -> bool | None:
        """Return `None`: fullscreen is unknown here."""
        return None
