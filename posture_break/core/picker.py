"""Choosing the next stretch: the one `Picker` protocol and `StretchPicker`, with the filters."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from posture_break.core.catalogue import load_catalogue
from posture_break.core.settings import Level, StretchFilterSettings
from posture_break.core.stretch import Family, Position, Stretch, level_rank


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
            offered instead; the stretch window says so.
    """

    stretch: Stretch
    is_fallback: bool = False


HIGH_DISCOMFORT = 6  # a check-in of 6 or more (out of 10) prefers gentle stretches
# How much history the picker wants (distinct ids, newest first): more than the catalogue, so
# the whole bag and the day's twist are in view.
HISTORY_WANTED = 40
MAX_SAME_FAMILY_RUN = 2  # never a third extension (or anything else) in a row
TWIST_EVERY = 4  # a twist at least once in every so many picks (about a day at the default goal)


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
    if filters.bone_friendly_only and not stretch.bone_friendly:
        return False
    return level_rank(stretch.level) <= level_rank(filters.max_level)


def fallback_pool(catalogue: Sequence[Stretch]) -> list[Stretch]:
    """Return what is offered when the filters match nothing: gentle desk stretches.

    Bone-friendly ones come first choice: someone who filtered everything out may well have
    asked for them.
    """
    gentle = [s for s in catalogue if s.desk_friendly and s.level is Level.GENTLE]
    return [s for s in gentle if s.bone_friendly] or gentle or list(catalogue)


@dataclass(slots=True)
class StretchPicker:
    """Choose the next stretch with memory: a shuffle-bag, families rotated, the user's filters.

    The memory is the history itself (`recent`: distinct stretch ids, newest first, as
    `History.recent_stretches` returns them), so it survives restarts and "Another stretch"
    sees the same picture as the prompt.
    """

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

        1. The pool is what the filters allow (or, when they match nothing, gentle desk
           stretches, flagged as a fallback).
        2. Shuffle-bag, on every pass: a stretch not seen in `recent` comes before any repeat,
           and a stretch comes again only once every other one in the pool has come since it
           last did (that is the one that has waited longest). The first pass is in a random
           order; later passes follow it, reshuffled wherever rule 3 stepped in.
        3. Families rotate: no third stretch of one family in a row, and a twist when none was
           among the last `TWIST_EVERY - 1` picks (if the pool has one). When the bag's choice
           breaks one of these, the family rule wins and the stretch that has waited longest
           among those it allows comes early: the pool has too few twists for a twist every
           few breaks without repeats (5 of 27, 3 of 17 at the desk), and a third move of one
           family in a row loads the same tissue again, which matters more than a perfectly
           even rotation. The skipped stretch stays first in line.
        4. After a check-in of `HIGH_DISCOMFORT` or more, gentle stretches only (if any).

        Args:
            recent: Distinct ids done lately, newest first; ids outside the pool (filtered out,
                retired) are ignored.
            checkin: The last "how does your mid back feel" answer (0-10), if any.
        """
        pool = [s for s in self.catalogue if matches_filters(s, self.filters)]
        is_fallback = not pool
        if is_fallback:
            pool = fallback_pool(self.catalogue)
        if checkin is not None and checkin >= HIGH_DISCOMFORT:
            pool = [s for s in pool if s.level is Level.GENTLE] or pool
        by_id = {s.id: s for s in pool}
        history = [by_id[i] for i in dict.fromkeys(recent) if i in by_id]
        seen = {s.id for s in history}
        unseen = [s for s in pool if s.id not in seen]
        # The bag: the unseen ones, else the one every other stretch has come after.
        candidates = unseen or history[-1:]
        allowed = _family_allowed(candidates, pool, history)
        if not allowed:
            # A family rule and the bag disagree: the family rule wins (see rule 3 above).
            allowed = _family_allowed(list(reversed(history)), pool, history)[:1] or candidates
        return Pick(self.rng.choice(allowed), is_fallback)

    def find(self, stretch_id: str) -> Stretch | None:
        """Return the catalogue stretch with `stretch_id`, or None."""
        return next((s for s in self.catalogue if s.id == stretch_id), None)


def _family_allowed(
    stretches: list[Stretch], pool: list[Stretch], history: list[Stretch]
) -> list[Stretch]:
    """Return those of `stretches` the family rules allow next (see `StretchPicker.choose`).

    A rule the pool cannot meet (no twist in it, or only one family) is left out.
    """
    allowed = stretches
    last = history[:MAX_SAME_FAMILY_RUN]
    if len(last) == MAX_SAME_FAMILY_RUN and len({s.family for s in last}) == 1:
        crowded = last[0].family
        if any(s.family is not crowded for s in pool):
            allowed = [s for s in allowed if s.family is not crowded]
    recent_families = {s.family for s in history[: TWIST_EVERY - 1]}
    if Family.TWIST not in recent_families and any(s.family is Family.TWIST for s in pool):
        allowed = [s for s in allowed if s.family is Family.TWIST]
    return allowed


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
