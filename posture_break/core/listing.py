"""The catalogue as `posture-break stretches` lists it: a table for people, JSON for tools.

No Qt here: the command runs without the UI.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from posture_break.core.catalogue import load_catalogue
from posture_break.core.i18n import N_, _, comma_list
from posture_break.core.safety import SafetyNote, load_safety_note
from posture_break.core.settings import BreakSettings, printable
from posture_break.core.stretch import Equipment, Family, Position, Stretch
from posture_break.core.timeline import build_timeline

_DESK_KIT = frozenset({Equipment.CHAIR, Equipment.DESK})

# The table's words for the catalogue's enum values (`--json` keeps the values themselves).
# Translators: where a stretch is done, a column of `posture-break stretches`
_POSITIONS: Mapping[Position, str] = {
    Position.SEATED: N_("seated"),
    Position.STANDING: N_("standing"),
    Position.FLOOR: N_("floor"),
}
# Translators: the kind of stretch, a column of `posture-break stretches`
_FAMILIES: Mapping[Family, str] = {
    Family.TWIST: N_("twist"),
    Family.ROUNDING: N_("rounding"),
    Family.EXTENSION: N_("extension"),
    Family.SIDE_BEND: N_("side bend"),
    Family.BREATHING: N_("breathing"),
    Family.SHOULDER_BLADES: N_("shoulder blades"),
    Family.CHEST: N_("chest"),
    Family.HIPS: N_("hips"),
}
# Translators: what a stretch needs besides a chair and desk (`posture-break stretches`)
_EQUIPMENT: Mapping[Equipment, str] = {
    Equipment.CHAIR: N_("chair"),
    Equipment.DESK: N_("desk"),
    Equipment.WALL: N_("wall"),
    Equipment.DOORWAY: N_("doorway"),
    Equipment.TOWEL: N_("towel"),
    Equipment.FOAM_ROLLER: N_("foam roller"),
    Equipment.BAND: N_("band"),
}


def run_seconds(stretch: Stretch, budget_s: float | None = None) -> int:
    """Return how long a run of `stretch` lasts at `budget_s` (default: the default setting)."""
    budget = BreakSettings().stretch_seconds if budget_s is None else budget_s
    return round(build_timeline(stretch, float(budget)).total_s)


def stretch_json(stretch: Stretch) -> dict[str, Any]:
    """Return one stretch as the JSON object of `posture-break stretches --json`.

    `equipment` lists only what goes beyond a chair and desk; `desk` is true when the stretch
    can be done at the desk (seated or standing, in office clothes).
    """
    return {
        "id": stretch.id,
        "title": stretch.title,
        "summary": stretch.summary,
        "position": stretch.position.value,
        "equipment": [item.value for item in stretch.equipment if item not in _DESK_KIT],
        "desk": stretch.desk_friendly,
        "family": stretch.family.value,
        "level": stretch.level.value,
        "per_side": stretch.per_side,
        "bone_friendly": stretch.bone_friendly,
        "seconds": run_seconds(stretch),
        "steps": list(stretch.steps),
        "cautions": list(stretch.cautions),
    }


def listing_json(stretches: Sequence[Stretch], note: SafetyNote) -> dict[str, Any]:
    """Return the whole listing: every stretch and the safety note's red flags."""
    return {
        "stretches": [stretch_json(stretch) for stretch in stretches],
        "safety": {"red_flags": list(note.red_flags)},
    }


def desk_word(stretch: Stretch) -> str:
    """Return "yes" (chair and desk only), "nearby" (beside the desk) or "no" (the floor)."""
    if not stretch.desk_friendly:
        # Translators: the DESK column of `posture-break stretches`: not at the desk (floor)
        return _("no")
    # Translators: the DESK column of `posture-break stretches`: at the desk, or beside it
    return _("yes") if stretch.needs_only_desk else _("nearby")


def listing_text(*, as_json: bool) -> str:
    """Return what `posture-break stretches [--json]` prints for the shipped catalogue.

    Raises:
        CatalogueError: The catalogue or the safety note is missing or invalid.
    """
    if as_json:
        # --json is for scripts: the English text as written, whatever the user's language.
        stretches = load_catalogue(translate=False)
        return json.dumps(listing_json(stretches, load_safety_note(translate=False))) + "\n"
    return listing_table(load_catalogue())


def listing_table(stretches: Sequence[Stretch]) -> str:
    """Return a plain table for a terminal: id, title, position, desk, family, time, notes."""
    # Translators: the column headings of `posture-break stretches`
    rows = [(_("ID"), _("TITLE"), _("POSITION"), _("DESK"), _("FAMILY"), _("TIME"), _("NOTES"))]
    for stretch in stretches:
        notes = [_(_EQUIPMENT[item]) for item in stretch.equipment if item not in _DESK_KIT]
        if stretch.per_side:
            notes.append(_("each side"))
        if not stretch.bone_friendly:
            notes.append(_("not bone-friendly"))
        seconds = run_seconds(stretch)
        rows.append(
            (
                printable(stretch.id),
                printable(stretch.title),
                _(_POSITIONS[stretch.position]),
                desk_word(stretch),
                _(_FAMILIES[stretch.family]),
                f"{seconds // 60}:{seconds % 60:02d}",
                comma_list(notes),
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _width(text: str) -> int:
    """Return the columns `text` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
