"""The stretch catalogue: validated data, the poses the figure shows, and the picker.

The catalogue lives in ``resources/stretches.toml`` as an array of ``[[stretch]]`` tables. It is
checked on load; every error names the file, the stretch (id, or index when the id itself is bad)
and the field, so a typo in a hand-edited catalogue is easy to find.

Poses are a small jointed-figure model (see `Pose`): absolute segment angles in degrees, in the
plane of the view, where 0 points to the figure's front (screen right), 90 points up and -90 down.
The figure interpolates the numbers linearly between frames, so a pose going from 170 to 190
sweeps 20 degrees, while 170 to -170 would sweep the long way round (on purpose: no surprises).
"""

from __future__ import annotations

import enum
import math
import random
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from posture_break.core.resources import resource_path
from posture_break.core.settings import Level, StretchFilterSettings

CATALOGUE_FILE = "stretches.toml"
SAFETY_FILE = "safety.toml"


class CatalogueError(ValueError):
    """The stretch catalogue (or the safety note) is missing or invalid."""


class FieldError(ValueError):
    """One field of a stretch or pose is invalid; the message starts with the field name."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name}: {problem}")
        self.field_name = field_name
        self.problem = problem


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


class KeyPose(enum.StrEnum):
    """Which end of the animation shows the stretch itself."""

    FIRST = "first"
    LAST = "last"


class View(enum.StrEnum):
    """Which way we look at the figure."""

    SIDE = "side"  # the figure faces screen right; flexion, extension and hinges read best
    FRONT = "front"  # the figure faces us; twists, side bends and arm sweeps read best


_E = TypeVar("_E", bound=enum.StrEnum)

_LEVEL_RANK = {Level.GENTLE: 0, Level.MODERATE: 1, Level.ACTIVE: 2}
_ANGLE_LIMIT = 400.0
_SHIFT_LIMIT = 120.0


def level_rank(level: Level) -> int:
    """Return 0 for gentle, 1 for moderate, 2 for active."""
    return _LEVEL_RANK[level]


def _check_angles(name: str, values: tuple[float, ...], count: int) -> None:
    if len(values) != count:
        raise FieldError(name, f"needs {count} angles, got {len(values)}")
    for value in values:
        if not math.isfinite(value) or abs(value) > _ANGLE_LIMIT:
            raise FieldError(
                name, f"angle {value!r} is outside -{_ANGLE_LIMIT:g}..{_ANGLE_LIMIT:g}"
            )


@dataclass(frozen=True, slots=True)
class Pose:
    """One frame of the jointed figure.

    Angles are absolute, in degrees, in the plane of the view: 0 points to screen right (the
    figure's front in a side view), 90 up, 180 left, -90 down.

    Attributes:
        view: Side or front view; all poses of one stretch share it.
        spine: Three spine segments from the pelvis up: lower back, lower and upper mid back.
            Rounding the mid back is a bend between them; a side view of an upright body is
            ``(90, 90, 90)``.
        neck: The neck segment.
        look: Side view: where the face points (0 ahead, 90 up, -90 down). Front view: how far
            the head is turned towards screen right (-90..90), shown by the eyes.
        arm: Upper arm and forearm. Side view: the near arm. Front view: the arm on screen right.
        arm2: The other arm; by default the same as `arm` in a side view (hidden behind it) and
            its mirror image in a front view.
        leg: Thigh and shin, like `arm`.
        leg2: The other leg, like `arm2`.
        twist: Rotation of the shoulders about the spine, degrees towards screen right. A front
            view narrows the shoulder line; a side view spreads the shoulders apart.
        shift: Moves the pelvis (x right, y up, in figure units: a standing figure is about 95
            units tall), e.g. to keep hands on a wall while the feet step back.
        reach: How long `arm` and the other arm look (0.1-1): an arm pointing at the viewer is
            foreshortened.
    """

    view: View = View.SIDE
    spine: tuple[float, float, float] = (90.0, 90.0, 90.0)
    neck: float = 90.0
    look: float = 0.0
    arm: tuple[float, float] = (-90.0, -90.0)
    arm2: tuple[float, float] | None = None
    leg: tuple[float, float] = (-90.0, -90.0)
    leg2: tuple[float, float] | None = None
    twist: float = 0.0
    shift: tuple[float, float] = (0.0, 0.0)
    reach: tuple[float, float] = (1.0, 1.0)

    def __post_init__(self) -> None:
        if not isinstance(self.view, View):
            raise FieldError("view", f"must be one of {_choices(View)}, got {self.view!r}")
        _check_angles("spine", self.spine, 3)
        _check_angles("neck", (self.neck,), 1)
        _check_angles("look", (self.look,), 1)
        _check_angles("arm", self.arm, 2)
        if self.arm2 is not None:
            _check_angles("arm2", self.arm2, 2)
        _check_angles("leg", self.leg, 2)
        if self.leg2 is not None:
            _check_angles("leg2", self.leg2, 2)
        _check_angles("twist", (self.twist,), 1)
        if abs(self.twist) > 90:
            raise FieldError("twist", f"must be within -90..90, got {self.twist!r}")
        if self.view is View.FRONT and abs(self.look) > 90:
            raise FieldError("look", f"a front view turns the head -90..90, got {self.look!r}")
        if len(self.shift) != 2 or any(
            not math.isfinite(v) or abs(v) > _SHIFT_LIMIT for v in self.shift
        ):
            raise FieldError("shift", f"needs [x, y] within ±{_SHIFT_LIMIT:g}, got {self.shift!r}")
        if len(self.reach) != 2 or any(not 0.1 <= v <= 1.0 for v in self.reach):
            raise FieldError("reach", f"needs two factors within 0.1..1, got {self.reach!r}")

    @property
    def other_arm(self) -> tuple[float, float]:
        """Return `arm2`, or its default when unset."""
        if self.arm2 is not None:
            return self.arm2
        return self.arm if self.view is View.SIDE else _mirror(self.arm)

    @property
    def other_leg(self) -> tuple[float, float]:
        """Return `leg2`, or its default when unset."""
        if self.leg2 is not None:
            return self.leg2
        return self.leg if self.view is View.SIDE else _mirror(self.leg)

    def resolved(self) -> Pose:
        """Return this pose with `arm2` and `leg2` filled in with their defaults."""
        if self.arm2 is not None and self.leg2 is not None:
            return self
        return Pose(
            view=self.view,
            spine=self.spine,
            neck=self.neck,
            look=self.look,
            arm=self.arm,
            arm2=self.other_arm,
            leg=self.leg,
            leg2=self.other_leg,
            twist=self.twist,
            shift=self.shift,
            reach=self.reach,
        )

    def blend(self, other: Pose, t: float) -> Pose:
        """Return the pose a fraction `t` (0..1) of the way from this pose to `other`."""
        if other.view is not self.view:
            raise ValueError(f"cannot blend a {self.view} view with a {other.view} view")
        a, b = self, other

        def mix(x: float, y: float) -> float:
            return x + (y - x) * t

        def mix2(x: tuple[float, float], y: tuple[float, float]) -> tuple[float, float]:
            return (mix(x[0], y[0]), mix(x[1], y[1]))

        def mix_other(
            x: tuple[float, float] | None,
            y: tuple[float, float] | None,
            x_default: tuple[float, float],
            y_default: tuple[float, float],
        ) -> tuple[float, float] | None:
            # Both left to their default: the default of the blend (a mirror stays a mirror).
            if x is None and y is None:
                return None
            # One default: take the turn of it nearest the explicit angle, so the limb does
            # not swing the long way round.
            if x is None:
                x = (_nearest(x_default[0], y_default[0]), _nearest(x_default[1], y_default[1]))
            if y is None:
                y = (_nearest(y_default[0], x[0]), _nearest(y_default[1], x[1]))
            return mix2(x, y)

        return Pose(
            view=a.view,
            spine=(
                mix(a.spine[0], b.spine[0]),
                mix(a.spine[1], b.spine[1]),
                mix(a.spine[2], b.spine[2]),
            ),
            neck=mix(a.neck, b.neck),
            look=mix(a.look, b.look),
            arm=mix2(a.arm, b.arm),
            arm2=mix_other(a.arm2, b.arm2, a.other_arm, b.other_arm),
            leg=mix2(a.leg, b.leg),
            leg2=mix_other(a.leg2, b.leg2, a.other_leg, b.other_leg),
            twist=mix(a.twist, b.twist),
            shift=mix2(a.shift, b.shift),
            reach=mix2(a.reach, b.reach),
        )


def _mirror(pair: tuple[float, float]) -> tuple[float, float]:
    # Mirror across the vertical, kept within -180..180 so that -95 becomes -85 (not 275) and
    # blending with an explicit angle does not swing the arm the long way round.
    return (_wrap(180.0 - pair[0]), _wrap(180.0 - pair[1]))


def _nearest(angle: float, reference: float) -> float:
    """Return `angle` plus or minus whole turns, as close as possible to `reference`."""
    return angle + 360.0 * round((reference - angle) / 360.0)


def _wrap(angle: float) -> float:
    wrapped = (angle + 180.0) % 360.0 - 180.0
    return 180.0 if wrapped == -180.0 else wrapped


def pose_at(poses: Sequence[Pose], phase: float) -> Pose:
    """Return the pose at `phase` (0 = first frame, 1 = last), interpolating through all frames."""
    if not poses:
        raise ValueError("poses: needs at least one pose")
    phase = min(1.0, max(0.0, phase))
    if len(poses) == 1:
        return poses[0].resolved()
    scaled = phase * (len(poses) - 1)
    index = min(int(scaled), len(poses) - 2)
    return poses[index].blend(poses[index + 1], scaled - index)


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
        props: What the figure view draws around the figure.
        key_pose: The pose that best shows the stretch (the first when the stretch itself
            happens on the out-breath): the figure draws it as a faint shadow.
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
    props: tuple[Prop, ...] = ()
    key_pose: KeyPose = KeyPose.LAST

    def __post_init__(self) -> None:
        _check_id(self.id)
        _check_text("title", self.title, 40)
        _check_text("summary", self.summary, 110)
        if not 2 <= len(self.steps) <= 5:
            raise FieldError("steps", f"needs 2-5 steps, got {len(self.steps)}")
        for i, step in enumerate(self.steps):
            _check_text(f"steps[{i}]", step, 140)
        if not isinstance(self.position, Position):
            raise FieldError("position", f"must be one of {_choices(Position)}")
        for i, item in enumerate(self.equipment):
            if not isinstance(item, Equipment):
                raise FieldError(f"equipment[{i}]", f"must be one of {_choices(Equipment)}")
        if len(set(self.equipment)) != len(self.equipment):
            raise FieldError("equipment", "lists an item twice")
        if not isinstance(self.level, Level):
            raise FieldError("level", f"must be one of {_choices(Level)}")
        if not 0 <= self.hold_s <= 300:
            raise FieldError("hold_s", f"must be 0-300 seconds, got {self.hold_s}")
        if not 1 <= self.reps <= 30:
            raise FieldError("reps", f"must be 1-30, got {self.reps}")
        _check_text("breathing", self.breathing, 110)
        for name in ("inhale_s", "exhale_s"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 1.0 <= value <= 12.0):
                raise FieldError(name, f"must be 1-12 seconds, got {value!r}")
        for i, caution in enumerate(self.cautions):
            _check_text(f"cautions[{i}]", caution, 160)
        if len(self.poses) < 2:
            raise FieldError("poses", f"needs at least 2 poses, got {len(self.poses)}")
        views = {pose.view for pose in self.poses}
        if len(views) != 1:
            raise FieldError("poses", "all poses of one stretch must use the same view")
        for i, prop in enumerate(self.props):
            if not isinstance(prop, Prop):
                raise FieldError(f"props[{i}]", f"must be one of {_choices(Prop)}")
        if self.desk_friendly:
            if self.position is Position.FLOOR:
                raise FieldError("desk_friendly", "a floor stretch is not desk-friendly")
            if Equipment.FOAM_ROLLER in self.equipment:
                raise FieldError("desk_friendly", "a foam roller does not fit at a desk")
        if not isinstance(self.key_pose, KeyPose):
            raise FieldError("key_pose", f"must be one of {_choices(KeyPose)}")
        if self.position is Position.SEATED and Prop.CHAIR not in self.props:
            raise FieldError("props", "a seated stretch needs the chair prop")

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


def _choices(kind: type[enum.StrEnum]) -> str:
    return ", ".join(member.value for member in kind)


def _check_id(value: str) -> None:
    parts = value.split("-")
    if not value or not all(part and part.isascii() and part.isalnum() for part in parts):
        raise FieldError("id", f"must be kebab-case (a-z, 0-9, single hyphens), got {value!r}")
    if value != value.lower():
        raise FieldError("id", f"must be lower case, got {value!r}")


def _check_text(name: str, value: str, limit: int) -> None:
    if not value.strip():
        raise FieldError(name, "is empty")
    if len(value) > limit:
        raise FieldError(name, f"is {len(value)} characters; keep it under {limit}")
    if "\n" in value.strip():
        raise FieldError(name, "must be one line")


# ---------------------------------------------------------------------------------------------
# Loading


_REQUIRED = (
    "id",
    "title",
    "summary",
    "steps",
    "position",
    "equipment",
    "level",
    "per_side",
    "hold_s",
    "reps",
    "breathing",
    "inhale_s",
    "exhale_s",
    "cautions",
    "desk_friendly",
    "poses",
)
_OPTIONAL = ("props", "key_pose")
_POSE_FIELDS = frozenset(f.name for f in fields(Pose))


def default_catalogue_path() -> Path:
    """Return the path of the shipped catalogue."""
    return resource_path(CATALOGUE_FILE)


def load_catalogue(path: Path | None = None) -> tuple[Stretch, ...]:
    """Load and validate a stretch catalogue.

    Args:
        path: A catalogue file; the shipped ``resources/stretches.toml`` when None.

    Raises:
        CatalogueError: The file is missing, not TOML, or a stretch is invalid. The message names
            the file, the stretch and the field.
    """
    if path is None:
        try:
            path = default_catalogue_path()
        except FileNotFoundError as exc:
            raise CatalogueError(str(exc)) from exc
    data = _read_toml(path)
    unknown = sorted(set(data) - {"stretch"})
    if unknown:
        raise CatalogueError(f"{path}: unknown top-level key {unknown[0]!r} (expected [[stretch]])")
    entries = data.get("stretch")
    if not isinstance(entries, list) or not entries:
        raise CatalogueError(f"{path}: needs at least one [[stretch]] table")
    stretches: list[Stretch] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        label = _label(entry, index)
        try:
            stretch = _parse_stretch(entry)
        except FieldError as exc:
            raise CatalogueError(f"{path}: {label}: {exc}") from exc
        if stretch.id in seen:
            raise CatalogueError(
                f"{path}: {label}: id: duplicate of stretch #{seen[stretch.id] + 1}"
            )
        seen[stretch.id] = index
        stretches.append(stretch)
    return tuple(stretches)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise CatalogueError(f"{path}: file not found") from exc
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path}: not valid TOML: {exc}") from exc


def _label(entry: object, index: int) -> str:
    if isinstance(entry, Mapping):
        ident = entry.get("id")
        if isinstance(ident, str) and ident:
            return f"stretch {ident!r}"
    return f"stretch #{index + 1}"


def _parse_stretch(entry: object) -> Stretch:
    if not isinstance(entry, Mapping):
        raise FieldError("stretch", "must be a table")
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise FieldError(unknown[0], "unknown field (a typo?)")
    for name in _REQUIRED:
        if name not in entry:
            raise FieldError(name, "is missing")
    return Stretch(
        id=_str(entry, "id"),
        title=_str(entry, "title"),
        summary=_str(entry, "summary"),
        steps=_str_list(entry, "steps"),
        position=_enum(entry, "position", Position),
        equipment=tuple(
            _enum_value(f"equipment[{i}]", v, Equipment)
            for i, v in enumerate(_list(entry, "equipment"))
        ),
        level=_enum(entry, "level", Level),
        per_side=_bool(entry, "per_side"),
        hold_s=_int(entry, "hold_s"),
        reps=_int(entry, "reps"),
        breathing=_str(entry, "breathing"),
        inhale_s=_number(entry, "inhale_s"),
        exhale_s=_number(entry, "exhale_s"),
        cautions=_str_list(entry, "cautions"),
        desk_friendly=_bool(entry, "desk_friendly"),
        poses=tuple(_parse_pose(i, p) for i, p in enumerate(_list(entry, "poses"))),
        key_pose=_enum(entry, "key_pose", KeyPose) if "key_pose" in entry else KeyPose.LAST,
        props=tuple(
            _enum_value(f"props[{i}]", v, Prop) for i, v in enumerate(_list(entry, "props", []))
        ),
    )


def _parse_pose(index: int, raw: object) -> Pose:
    name = f"poses[{index}]"
    if not isinstance(raw, Mapping):
        raise FieldError(name, "must be a table")
    unknown = sorted(set(raw) - _POSE_FIELDS)
    if unknown:
        raise FieldError(f"{name}.{unknown[0]}", "unknown field (a typo?)")
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"{name}.{key}"
        if key == "view":
            kwargs[key] = _enum_value(where, value, View)
        elif key in ("neck", "look", "twist"):
            kwargs[key] = _number_value(where, value)
        else:
            if not isinstance(value, list):
                raise FieldError(where, f"must be a list of numbers, got {value!r}")
            kwargs[key] = tuple(_number_value(f"{where}[{i}]", v) for i, v in enumerate(value))
    try:
        return Pose(**kwargs)
    except FieldError as exc:
        raise FieldError(f"{name}.{exc.field_name}", exc.problem) from exc


def _str(entry: Mapping[str, Any], name: str) -> str:
    value = entry[name]
    if not isinstance(value, str):
        raise FieldError(name, f"must be text, got {value!r}")
    return value


def _list(entry: Mapping[str, Any], name: str, default: list[Any] | None = None) -> list[Any]:
    value = entry.get(name, default)
    if not isinstance(value, list):
        raise FieldError(name, f"must be a list, got {value!r}")
    return value


def _str_list(entry: Mapping[str, Any], name: str) -> tuple[str, ...]:
    items = _list(entry, name)
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise FieldError(f"{name}[{i}]", f"must be text, got {item!r}")
    return tuple(items)


def _bool(entry: Mapping[str, Any], name: str) -> bool:
    value = entry[name]
    if not isinstance(value, bool):
        raise FieldError(name, f"must be true or false, got {value!r}")
    return value


def _int(entry: Mapping[str, Any], name: str) -> int:
    value = entry[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(name, f"must be a whole number, got {value!r}")
    return value


def _number(entry: Mapping[str, Any], name: str) -> float:
    return _number_value(name, entry[name])


def _number_value(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(name, f"must be a number, got {value!r}")
    return float(value)


def _enum(entry: Mapping[str, Any], name: str, kind: type[_E]) -> _E:
    return _enum_value(name, entry[name], kind)


def _enum_value(name: str, value: object, kind: type[_E]) -> _E:
    if not isinstance(value, str):
        raise FieldError(name, f"must be one of {_choices(kind)}, got {value!r}")
    try:
        return kind(value)
    except ValueError:
        raise FieldError(name, f"must be one of {_choices(kind)}, got {value!r}") from None


# ---------------------------------------------------------------------------------------------
# Picking


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


# ---------------------------------------------------------------------------------------------
# Safety note


@dataclass(frozen=True, slots=True)
class SafetyNote:
    """The first-run safety note, always reachable from the menu.

    Attributes:
        title: Heading.
        intro: Paragraphs before the red flags.
        red_flags_heading: The sentence that introduces the red flags.
        red_flags: Symptoms that mean "see a doctor, not a stretch".
        outro: Paragraphs after the red flags.
    """

    title: str
    intro: tuple[str, ...]
    red_flags_heading: str
    red_flags: tuple[str, ...]
    outro: tuple[str, ...]

    def __post_init__(self) -> None:
        _check_text("title", self.title, 80)
        if not self.intro:
            raise FieldError("intro", "needs at least one paragraph")
        _check_text("red_flags_heading", self.red_flags_heading, 200)
        if not self.red_flags:
            raise FieldError("red_flags", "needs at least one symptom")

    @property
    def text(self) -> str:
        """Return the note as plain text (paragraphs and a bulleted list)."""
        bullets = "\n".join(f"• {flag}" for flag in self.red_flags)
        parts = [self.title, *self.intro, f"{self.red_flags_heading}\n{bullets}", *self.outro]
        return "\n\n".join(parts)


def load_safety_note(path: Path | None = None) -> SafetyNote:
    """Load the safety note from ``resources/safety.toml`` (or `path`).

    Raises:
        CatalogueError: The file is missing or invalid; the message names the file and field.
    """
    if path is None:
        try:
            path = resource_path(SAFETY_FILE)
        except FileNotFoundError as exc:
            raise CatalogueError(str(exc)) from exc
    data = _read_toml(path)
    expected = {"title", "intro", "red_flags_heading", "red_flags", "outro"}
    try:
        unknown = sorted(set(data) - expected)
        if unknown:
            raise FieldError(unknown[0], "unknown field (a typo?)")
        for name in expected:
            if name not in data:
                raise FieldError(name, "is missing")
        return SafetyNote(
            title=_str(data, "title"),
            intro=_str_list(data, "intro"),
            red_flags_heading=_str(data, "red_flags_heading"),
            red_flags=_str_list(data, "red_flags"),
            outro=_str_list(data, "outro"),
        )
    except FieldError as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
