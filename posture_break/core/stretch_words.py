"""The words people read for a stretch's enum values: one set for the CLI table and the window.

`posture-break stretches` shows them in its columns, the stretch window as tags over the title
(in capitals). They are module constants, so marked with `N_()` and translated with `_()` where
shown; `--json` and the history keep the enum values themselves.
"""

from __future__ import annotations

from collections.abc import Mapping

from posture_break.core.i18n import N_
from posture_break.core.settings import Level
from posture_break.core.stretch import Equipment, Family, Position

POSITION_WORDS: Mapping[Position, str] = {
    # Translators: where a stretch is done: sitting on a chair (a table column and a tag over
    # the stretch window's title, shown in capitals there)
    Position.SEATED: N_("seated"),
    Position.STANDING: N_("standing"),
    # Translators: where a stretch is done: lying or kneeling on the floor
    Position.FLOOR: N_("floor"),
}
LEVEL_WORDS: Mapping[Level, str] = {
    # Translators: how demanding a stretch is (a tag over the stretch window's title)
    Level.GENTLE: N_("gentle"),
    Level.MODERATE: N_("moderate"),
    Level.ACTIVE: N_("active"),
}
# Translators: the kind of stretch, a column of `posture-break stretches`
FAMILY_WORDS: Mapping[Family, str] = {
    Family.TWIST: N_("twist"),
    Family.ROUNDING: N_("rounding"),
    Family.EXTENSION: N_("extension"),
    Family.SIDE_BEND: N_("side bend"),
    Family.BREATHING: N_("breathing"),
    Family.SHOULDER_BLADES: N_("shoulder blades"),
    Family.CHEST: N_("chest"),
    Family.HIPS: N_("hips"),
}
EQUIPMENT_WORDS: Mapping[Equipment, str] = {
    # Translators: what a stretch uses (a column of `posture-break stretches` and a tag over
    # the stretch window's title)
    Equipment.CHAIR: N_("chair"),
    Equipment.DESK: N_("desk"),
    Equipment.WALL: N_("wall"),
    Equipment.DOORWAY: N_("doorway"),
    Equipment.TOWEL: N_("towel"),
    Equipment.FOAM_ROLLER: N_("foam roller"),
    # Translators: an elastic exercise band
    Equipment.BAND: N_("band"),
}
