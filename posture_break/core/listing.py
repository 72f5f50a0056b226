"""The catalogue as `posture-break stretches` lists it: a table for people, JSON for tools.

No Qt here: the command runs without the UI.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from posture_break.core.catalogue import load_catalogue
from posture_break.core.safety import SafetyNote, load_safety_note
from posture_break.core.settings import BreakSettings, printable
from posture_break.core.stretch import Equipment, Stretch
from posture_break.core.timeline import build_timeline

_DESK_KIT = frozenset({Equipment.CHAIR, Equipment.DESK})


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
        return "no"
    return "yes" if stretch.needs_only_desk else "nearby"


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
    rows = [("ID", "TITLE", "POSITION", "DESK", "FAMILY", "TIME", "NOTES")]
    for stretch in stretches:
        notes = [item.value for item in stretch.equipment if item not in _DESK_KIT]
        if stretch.per_side:
            notes.append("each side")
        if not stretch.bone_friendly:
            notes.append("not bone-friendly")
        seconds = run_seconds(stretch)
        rows.append(
            (
                printable(stretch.id),
                printable(stretch.title),
                stretch.position.value,
                desk_word(stretch),
                stretch.family.value,
                f"{seconds // 60}:{seconds % 60:02d}",
                ", ".join(notes),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"
