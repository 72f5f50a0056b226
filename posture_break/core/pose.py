"""The jointed figure's poses: one frame (`Pose`), blending two, and the pose at a phase.

Poses are a small jointed-figure model (see `Pose`): absolute segment angles in degrees, in the
plane of the view, where 0 points to the figure's front (screen right), 90 points up and -90 down.
The figure interpolates the numbers linearly between frames, so a pose going from 170 to 190
sweeps 20 degrees, while 170 to -170 would sweep the long way round (on purpose: no surprises).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass


class FieldError(ValueError):
    """One field of a stretch or pose is invalid; the message starts with the field name."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name}: {problem}")
        self.field_name = field_name
        self.problem = problem


class View(enum.StrEnum):
    """Which way we look at the figure."""

    SIDE = "side"  # the figure faces screen right; flexion, extension and hinges read best
    FRONT = "front"  # the figure faces us; twists, side bends and arm sweeps read best


_ANGLE_LIMIT = 400.0
_SHIFT_LIMIT = 120.0


def choices(kind: type[enum.StrEnum]) -> str:
    """Return the values of `kind`, comma-separated, for an error message."""
    return ", ".join(member.value for member in kind)


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
            raise FieldError("view", f"must be one of {choices(View)}, got {self.view!r}")
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
