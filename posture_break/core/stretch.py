"""One stretch from the catalogue: the `Stretch` value and the enums that describe it."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from posture_break.core.i18n import length_allowance
from posture_break.core.pose import FieldError, Pose, View, choices, pose_at
from posture_break.core.settings import Level


class Position(enum.StrEnum):
    """Where the body is during the stretch."""

    SEATED = "seated"
    STANDING = "standing"
    FLOOR = "floor"


class Equipment(enum.StrEnum):
    """Something a stretch uses besides the body."""

    CHAIR = "chair"
    DESK = "desk"
    WALL = "wall"
    DOORWAY = "doorway"
    TOWEL = "towel"
    FOAM_ROLLER = "foam-roller"
    BAND = "band"

    @property
    def is_brought(self) -> bool:
        """Whether this is something to bring along (not furniture any office has)."""
        return self in _BROUGHT


_BROUGHT = frozenset({Equipment.TOWEL, Equipment.FOAM_ROLLER, Equipment.BAND})
_DESK_KIT = frozenset({Equipment.CHAIR, Equipment.DESK})


class Prop(enum.StrEnum):
    """A thing the figure view draws around the figure."""

    FLOOR = "floor"
    CHAIR = "chair"
    WALL = "wall"  # drawn where the figure's front (or back, see `wall-behind`) is furthest out
    WALL_BEHIND = "wall-behind"
    DOORWAY = "doorway"
    TOWEL_ROLL = "towel-roll"  # under the middle of the thoracic spine
    FOAM_ROLLER = "foam-roller"
    BAND = "band"  # between the two hands
    DESK = "desk"


class Family(enum.StrEnum):
    """What a move really works (the picker rotates families so the days stay varied)."""

    TWIST = "twist"
    ROUNDING = "rounding"
    EXTENSION = "extension"
    SIDE_BEND = "side-bend"
    BREATHING = "breathing"
    SHOULDER_BLADES = "shoulder-blades"
    CHEST = "chest"
    HIPS = "hips"


class KeyPose(enum.StrEnum):
    """Which end of the animation shows the stretch itself."""

    FIRST = "first"
    LAST = "last"


DEFAULT_SETUP_S = 5.0  # time to get into position: long enough to read the first step
SETUP_RANGE_S = (0.0, 30.0)
WHY_LIMIT = 120  # one line on the end view
_LEVEL_RANK = {Level.GENTLE: 0, Level.MODERATE: 1, Level.ACTIVE: 2}


def level_rank(level: Level) -> int:
    """Return 0 for gentle, 1 for moderate, 2 for active."""
    return _LEVEL_RANK[level]


@dataclass(frozen=True, slots=True)
class Stretch:
    """One stretch or mobility move from the catalogue.

    Attributes:
        id: Kebab-case identifier, stored in the history; never reuse one for a different move.
        title: Short name shown as the window title.
        summary: One line: what it does and where you feel it.
        steps: 2-5 short steps, in order.
        position: Seated, standing or on the floor.
        equipment: What it needs besides the body (empty: nothing).
        level: Gentle, moderate or active.
        per_side: Done once on each side (the window cues "switch sides" half way).
        hold_s: Seconds to hold each position (0 when the move flows without a hold).
        reps: Repetitions (per side when `per_side`).
        breathing: A short breathing cue.
        inhale_s: Breath pace for the animation: seconds to breathe in (start -> end pose).
        exhale_s: Seconds to breathe out (end -> start pose).
        cautions: Who should go easy or skip it, and what to avoid.
        desk_friendly: Doable at a desk or standing beside it, in office clothes.
        poses: At least two frames; the first is the start pose.
        family: What the move really works (twist, rounding, extension...).
        bone_friendly: False when it rounds under load, rounds and twists, twists to the end of
            the range or presses the spine on something hard; the bone-density filter leaves
            those out.
        why: One short line shown after the stretch: a reason to come back.
        props: What the figure view draws around the figure.
        key_pose: The pose that best shows the stretch (the first when the stretch itself
            happens on the out-breath): the figure draws it as a faint shadow. A hold is held
            there.
        setup_s: Seconds to get into position before the first rep (and to change sides).
        setup_steps: How many of the first steps are done during the set-up (shown while the
            body gets into position); the others are shown across the reps. At least 1, and at
            least one step is left for the reps.
    """

    id: str
    title: str
    summary: str
    steps: tuple[str, ...]
    position: Position
    equipment: tuple[Equipment, ...]
    level: Level
    per_side: bool
    hold_s: int
    reps: int
    breathing: str
    inhale_s: float
    exhale_s: float
    cautions: tuple[str, ...]
    desk_friendly: bool
    poses: tuple[Pose, ...]
    family: Family
    bone_friendly: bool
    why: str
    props: tuple[Prop, ...] = ()
    key_pose: KeyPose = KeyPose.LAST
    setup_s: float = DEFAULT_SETUP_S
    setup_steps: int = 1

    def __post_init__(self) -> None:
        _check_id(self.id)
        check_text("title", self.title, 40)
        check_text("summary", self.summary, 110)
        if not 2 <= len(self.steps) <= 5:
            raise FieldError("steps", f"needs 2-5 steps, got {len(self.steps)}")
        for i, step in enumerate(self.steps):
            check_text(f"steps[{i}]", step, 140)
        if not isinstance(self.position, Position):
            raise FieldError("position", f"must be one of {choices(Position)}")
        for i, item in enumerate(self.equipment):
            if not isinstance(item, Equipment):
                raise FieldError(f"equipment[{i}]", f"must be one of {choices(Equipment)}")
        if len(set(self.equipment)) != len(self.equipment):
            raise FieldError("equipment", "lists an item twice")
        if not isinstance(self.level, Level):
            raise FieldError("level", f"must be one of {choices(Level)}")
        if not 0 <= self.hold_s <= 300:
            raise FieldError("hold_s", f"must be 0-300 seconds, got {self.hold_s}")
        if not 1 <= self.reps <= 30:
            raise FieldError("reps", f"must be 1-30, got {self.reps}")
        check_text("breathing", self.breathing, 110)
        for name in ("inhale_s", "exhale_s"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 1.0 <= value <= 12.0):
                raise FieldError(name, f"must be 1-12 seconds, got {value!r}")
        for i, caution in enumerate(self.cautions):
            check_text(f"cautions[{i}]", caution, 160)
        if len(self.poses) < 2:
            raise FieldError("poses", f"needs at least 2 poses, got {len(self.poses)}")
        views = {pose.view for pose in self.poses}
        if len(views) != 1:
            raise FieldError("poses", "all poses of one stretch must use the same view")
        for i, prop in enumerate(self.props):
            if not isinstance(prop, Prop):
                raise FieldError(f"props[{i}]", f"must be one of {choices(Prop)}")
        if self.desk_friendly:
            if self.position is Position.FLOOR:
                raise FieldError("desk_friendly", "a floor stretch is not desk-friendly")
            if Equipment.FOAM_ROLLER in self.equipment:
                raise FieldError("desk_friendly", "a foam roller does not fit at a desk")
        if not isinstance(self.family, Family):
            raise FieldError("family", f"must be one of {choices(Family)}")
        check_text("why", self.why, WHY_LIMIT)
        if not isinstance(self.key_pose, KeyPose):
            raise FieldError("key_pose", f"must be one of {choices(KeyPose)}")
        if not (
            math.isfinite(self.setup_s) and SETUP_RANGE_S[0] <= self.setup_s <= SETUP_RANGE_S[1]
        ):
            low, high = SETUP_RANGE_S
            raise FieldError("setup_s", f"must be {low:g}-{high:g} seconds, got {self.setup_s!r}")
        if not 1 <= self.setup_steps <= len(self.steps) - 1:
            raise FieldError(
                "setup_steps",
                f"must be 1-{len(self.steps) - 1} (one step at least is left for the reps), "
                f"got {self.setup_steps}",
            )
        if self.position is Position.SEATED and Prop.CHAIR not in self.props:
            raise FieldError("props", "a seated stretch needs the chair prop")

    @property
    def needs_only_desk(self) -> bool:
        """Return whether nothing but a chair and desk is needed (seated or standing)."""
        return self.position is not Position.FLOOR and all(
            item in _DESK_KIT for item in self.equipment
        )

    @property
    def view(self) -> View:
        """Return the view all poses share."""
        return self.poses[0].view

    @property
    def key_phase(self) -> float:
        """Return the phase of the key pose: 0.0 (first pose) or 1.0 (last pose)."""
        return 0.0 if self.key_pose is KeyPose.FIRST else 1.0

    @property
    def breath_s(self) -> float:
        """Return the length of one breath (in and out) in seconds."""
        return self.inhale_s + self.exhale_s

    def pose_at(self, phase: float) -> Pose:
        """Return the figure's pose at `phase` (0 = start pose, 1 = end pose)."""
        return pose_at(self.poses, phase)


def _check_id(value: str) -> None:
    parts = value.split("-")
    if not value or not all(part and part.isascii() and part.isalnum() for part in parts):
        raise FieldError("id", f"must be kebab-case (a-z, 0-9, single hyphens), got {value!r}")
    if value != value.lower():
        raise FieldError("id", f"must be lower case, got {value!r}")


def check_text(name: str, value: str, limit: int) -> None:
    """Raise `FieldError` unless `value` is one non-empty line of at most `limit` characters.

    `limit` is for English; a translation may run `TRANSLATION_HEADROOM` times as long.
    """
    if not value.strip():
        raise FieldError(name, "is empty")
    allowed = int(limit * length_allowance())
    if len(value) > allowed:
        raise FieldError(name, f"is {len(value)} characters; keep it under {allowed}")
    if "\n" in value.strip():
        raise FieldError(name, "must be one line")
