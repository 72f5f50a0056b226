"""Choosing the next stretch: the one `Picker` protocol and `StretchPicker`, with the filters."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from posture_break.core.catalogue import load_catalogue
from posture_break.core.settings import Level, StretchFilterSettings
from posture_break.core.stretch import Position, Stretch, level_rank


class Picker(Protocol):
    """What the app and the stretch window need to choose a stretch."""

    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        """Return the next stretch, avoiding the `recent` ids (newest first)."""
        ...


@dataclass(frozen=True, slots=True)
class Pick:
    """The picker's answer.

    Attributes:
        stretch: The stretch to offer.
        is_fallback: True when the user's filters matched nothing, so a gentle desk stretch was
            offered instead; the UI may say so ("nothing matched your filters").
    """

    stretch: Stretch
    is_fallback: bool = False


HIGH_DISCOMFORT = 6  # a check-in of 6 or more (out of 10) prefers gentle stretches
MAX_AVOIDED = 4  # never repeat any of the last few stretches while others are allowed


def matches_filters(stretch: Stretch, filters: StretchFilterSettings) -> bool:
    """Return whether `stretch` is allowed by the user's filters.

    ``allow_equipment = false`` rules out things one has to bring (towel, foam roller, band);
    furniture every office has (chair, desk, wall, doorway) is always allowed.
    """
    if filters.desk_only and not stretch.desk_friendly:
        return False
    if not filters.allow_floor and stretch.position is Position.FLOOR:
        return False
    if not filters.allow_equipment and any(item.is_brought for item in stretch.equipment):
        return False
    return level_rank(stretch.level) <= level_rank(filters.max_level)


@dataclass(slots=True)
class StretchPicker:
    """Choose the next stretch: no recent repeats, the user's filters, gentler when it hurts."""

    catalogue: Sequence[Stretch]
    filters: StretchFilterSettings = field(default_factory=StretchFilterSettings)
    rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        if not self.catalogue:
            raise ValueError("catalogue: the picker needs at least one stretch")

    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        """Return the next stretch (see `choose` for the rules and the fallback flag)."""
        return self.choose(recent, checkin).stretch

    def choose(self, recent: Sequence[str] = (), checkin: int | None = None) -> Pick:
        """Choose the next stretch.

        Args:
            recent: Ids of stretches done lately, newest first.
            checkin: The last "how does your mid back feel" answer (0-10), if any.

        Returns:
            The stretch, and whether it is a fallback because the filters matched nothing: then
            a gentle desk-friendly stretch is offered (never an error).
        """
        allowed = [s for s in self.catalogue if matches_filters(s, self.filters)]
        is_fallback = not allowed
        if is_fallback:
            allowed = [
                s for s in self.catalogue if s.desk_friendly and s.level is Level.GENTLE
            ] or list(self.catalogue)
        avoid = set(recent[: min(MAX_AVOIDED, len(allowed) - 1)])
        fresh = [s for s in allowed if s.id not in avoid] or allowed
        if checkin is not None and checkin >= HIGH_DISCOMFORT:
            gentle = [s for s in fresh if s.level is Level.GENTLE]
            fresh = gentle or fresh
        return Pick(self.rng.choice(fresh), is_fallback)

    def find(self, stretch_id: str) -> Stretch | None:
        """Return the catalogue stretch with `stretch_id`, or None."""
        return next((s for s in self.catalogue if s.id == stretch_id), None)


class LazyPicker:
    """Load the stretch catalogue on the first pick, not at start-up; re-filter on demand."""

    def __init__(self, filters: StretchFilterSettings, rng: random.Random | None = None) -> None:
        self._filters = filters
        self._rng = rng if rng is not None else random.Random()  # noqa: S311 (not security)
        self._picker: Picker | None = None

    def set_filters(self, filters: StretchFilterSettings) -> None:
        """Use new filters from the next pick on."""
        if filters != self._filters:
            self._filters = filters
            self._picker = None

    @property
    def loaded(self) -> bool:
        """Tell whether the catalogue is loaded for the current filters."""
        return self._picker is not None

    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        """Return the next stretch, loading the catalogue first if needed."""
        return self._loaded_picker().pick(recent, checkin)

    def preload(self) -> None:
        """Load the catalogue now; a problem with it is left for the first pick to report."""
        # `pick` raises it again, where the app says it in words.
        with contextlib.suppress(ValueError, OSError):
            self._loaded_picker()

    def _loaded_picker(self) -> Picker:
        if self._picker is None:
            self._picker = StretchPicker(load_catalogue(), self._filters, self._rng)
        return self._picker
