"""The figure's geometry: where each joint and prop is for a stretch at a phase, without Qt.

A jointed body in figure units (y up, the floor at y = 0; a standing figure is about 95 units
tall): `figure_layout` places the joints of one pose, seated on the chair or resting on the floor,
and `figure_scene` finds the extent of the whole animation and where a wall goes. The UI only
paints these numbers (`ui/figure.py`), so the geometry is tested without painting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from posture_break.core.pose import Pose, View
from posture_break.core.stretch import Position, Prop, Stretch

# Body measures in figure units; a standing figure is about 95 units tall.
SPINE = (11.0, 10.0, 10.0)  # lower back, lower and upper mid back
NECK = 5.0
HEAD_R = 7.0
UPPER_ARM = 16.0
FOREARM = 15.0
THIGH = 23.0
SHIN = 22.0
FOOT = 7.0
HIP_HALF = 5.5  # front view: pelvis half width
SHOULDER_HALF = 11.0  # front view: shoulder half width (also the side-view twist spread)
SEAT_Y = 21.5  # top of the chair seat: a seated figure's feet rest on the floor
PELVIS_ON_SEAT = 3.0

# Stroke widths in figure units.
W_TORSO = 12.0
W_NECK = 5.5
W_UPPER_ARM = 5.5
W_FOREARM = 4.8
W_THIGH = 8.0
W_SHIN = 6.5
W_FOOT = 4.5
W_SPINE_MARK = 3.0
W_PROP = 2.6
W_HALO = 1.3

FIT_SAMPLES = 9  # phases sampled to find the figure's extent over the whole animation


def _unit(angle_deg: float) -> tuple[float, float]:
    rad = math.radians(angle_deg)
    return (math.cos(rad), math.sin(rad))


def _along(p: tuple[float, float], angle_deg: float, length: float) -> tuple[float, float]:
    ux, uy = _unit(angle_deg)
    return (p[0] + ux * length, p[1] + uy * length)


@dataclass(frozen=True, slots=True)
class Limb:
    """A chain of joints drawn as one round-capped stroke per segment."""

    points: tuple[tuple[float, float], ...]
    widths: tuple[float, ...]
    is_far: bool  # drawn paler, behind the body


@dataclass(frozen=True, slots=True)
class FigureLayout:
    """Where everything is for one pose, in figure units (y up, floor at y = 0).

    Attributes:
        view: Side or front.
        spine: Pelvis, waist, mid back, neck base (side view: the torso's centre line).
        head: Head centre.
        eyes: Eye positions (one in a side view, two in a front view).
        limbs: Arms and legs, far ones first.
        shoulders: Front view: left and right shoulder (the torso outline); side view: empty.
        hips: Front view: left and right hip; side view: empty.
        sternum: Front view: a short line on the chest that shows the twist.
        hands: Near (or screen-right) hand, then the other.
        roll: Centre and radius of a towel roll or foam roller under the mid back, if any.
    """

    view: View
    spine: tuple[tuple[float, float], ...]
    head: tuple[float, float]
    eyes: tuple[tuple[float, float], ...]
    limbs: tuple[Limb, ...]
    shoulders: tuple[tuple[float, float], ...]
    hips: tuple[tuple[float, float], ...]
    sternum: tuple[tuple[float, float], ...]
    hands: tuple[tuple[float, float], ...]
    roll: tuple[float, float, float] | None

    def outline_points(self) -> Iterable[tuple[float, float, float]]:
        """Yield (x, y, radius) discs that cover the figure, for extents and floor contact."""
        for p in self.spine:
            yield (p[0], p[1], W_TORSO / 2)
        for p in self.shoulders + self.hips:
            yield (p[0], p[1], W_TORSO / 2)
        yield (self.head[0], self.head[1], HEAD_R)
        for limb in self.limbs:
            for i, p in enumerate(limb.points):
                width = limb.widths[min(i, len(limb.widths) - 1)]
                yield (p[0], p[1], width / 2)
        if self.roll is not None:
            yield self.roll


def _foot_angle(shin: float) -> float:
    """Return the foot's angle: flat on the ground under an upright shin, pointed otherwise."""
    _, sy = _unit(shin)
    if sy < -0.7:  # shin points down: the foot stands flat, toes towards the shin's front
        return 0.0 if _unit(shin + 90)[0] >= 0 else 180.0
    if abs(sy) < 0.5:  # shin lies along the floor (kneeling, prone): toes point away
        return shin
    return shin + 90


def _spine_and_head(pose: Pose) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """Return the spine's joints from the pelvis up, and the head's centre above the neck."""
    spine = [(pose.shift[0], 0.0)]
    for angle, length in zip(pose.spine, SPINE, strict=True):
        spine.append(_along(spine[-1], angle, length))
    neck_top = _along(spine[-1], pose.neck, NECK)
    return spine, _along(neck_top, pose.neck, HEAD_R * 0.9)


def _side_layout(pose: Pose, position: Position, props: Sequence[Prop]) -> FigureLayout:
    spine, head = _spine_and_head(pose)
    pelvis, neck_base = spine[0], spine[-1]
    eye = _along(head, pose.look, HEAD_R * 0.5)

    # A twist turns the shoulder girdle: seen from the side the shoulders move apart, the near
    # one towards the back (the side the spine's normal points to).
    ux, uy = _unit(pose.spine[2])
    back = (-uy, ux)
    spread = SHOULDER_HALF * math.sin(math.radians(pose.twist))
    shoulder_near = (neck_base[0] + back[0] * spread, neck_base[1] + back[1] * spread)
    shoulder_far = (neck_base[0] - back[0] * spread, neck_base[1] - back[1] * spread)

    def arm(root: tuple[float, float], angles: tuple[float, float], far: bool) -> Limb:
        reach = pose.reach[1] if far else pose.reach[0]
        elbow = _along(root, angles[0], UPPER_ARM * reach)
        hand = _along(elbow, angles[1], FOREARM * reach)
        return Limb((root, elbow, hand), (W_UPPER_ARM, W_FOREARM), far)

    def leg(angles: tuple[float, float], far: bool) -> Limb:
        knee = _along(pelvis, angles[0], THIGH)
        ankle = _along(knee, angles[1], SHIN)
        toe = _along(ankle, _foot_angle(angles[1]), FOOT)
        return Limb((pelvis, knee, ankle, toe), (W_THIGH, W_SHIN, W_FOOT), far)

    far_arm = arm(shoulder_far, pose.other_arm, True)
    near_arm = arm(shoulder_near, pose.arm, False)
    limbs = (leg(pose.other_leg, True), far_arm, leg(pose.leg, False), near_arm)
    roll = _roll(spine, props)
    layout = FigureLayout(
        view=View.SIDE,
        spine=tuple(spine),
        head=head,
        eyes=(eye,),
        limbs=limbs,
        shoulders=(),
        hips=(),
        sternum=(),
        hands=(near_arm.points[-1], far_arm.points[-1]),
        roll=roll,
    )
    return _placed(layout, pose, position)


def _roll(
    spine: Sequence[tuple[float, float]], props: Sequence[Prop]
) -> tuple[float, float, float] | None:
    if Prop.TOWEL_ROLL in props:
        radius = 3.5
    elif Prop.FOAM_ROLLER in props:
        radius = 4.5  # about 15 cm across, to the scale of the figure
    else:
        return None
    # Under the middle of the mid back, on the back side of the torso.
    a, b = spine[2], spine[3]
    mid = ((a[0] * 2 + b[0]) / 3, (a[1] * 2 + b[1]) / 3)
    ux, uy = b[0] - a[0], b[1] - a[1]
    norm = math.hypot(ux, uy) or 1.0
    back = (-uy / norm, ux / norm)
    offset = W_TORSO / 2 + radius
    return (mid[0] + back[0] * offset, mid[1] + back[1] * offset, radius)


def _front_layout(pose: Pose, position: Position, props: Sequence[Prop]) -> FigureLayout:
    spine, head = _spine_and_head(pose)
    pelvis, neck_base = spine[0], spine[-1]
    turn = math.sin(math.radians(pose.look))
    hx, hy = _unit(pose.neck - 90)  # across the face, towards screen right
    eyes = tuple(
        (
            head[0] + hx * (side * HEAD_R * 0.36 + turn * HEAD_R * 0.45),
            head[1] + hy * (side * HEAD_R * 0.36 + turn * HEAD_R * 0.45) + HEAD_R * 0.1,
        )
        for side in (1, -1)
    )

    # Shoulders sit across the top of the spine; a twist narrows them (seen from the front).
    across = _unit(pose.spine[2] - 90)
    half = SHOULDER_HALF * math.cos(math.radians(pose.twist))
    top = _along(neck_base, pose.spine[2] + 180, 2.0)
    shoulder_r = (top[0] + across[0] * half, top[1] + across[1] * half)
    shoulder_l = (top[0] - across[0] * half, top[1] - across[1] * half)
    hip_across = _unit(pose.spine[0] - 90)
    hip_r = (pelvis[0] + hip_across[0] * HIP_HALF, pelvis[1] + hip_across[1] * HIP_HALF)
    hip_l = (pelvis[0] - hip_across[0] * HIP_HALF, pelvis[1] - hip_across[1] * HIP_HALF)
    # The breastbone moves towards the side the chest turns to.
    shift = SHOULDER_HALF * 0.55 * math.sin(math.radians(pose.twist))
    chest_a = _along(spine[3], pose.spine[2] + 180, 4.0)
    chest_b = _along(spine[3], pose.spine[2] + 180, 12.0)
    sternum = (
        (chest_a[0] + across[0] * shift, chest_a[1] + across[1] * shift),
        (chest_b[0] + across[0] * shift * 0.6, chest_b[1] + across[1] * shift * 0.6),
    )

    def arm(root: tuple[float, float], angles: tuple[float, float], reach: float) -> Limb:
        elbow = _along(root, angles[0], UPPER_ARM * reach)
        hand = _along(elbow, angles[1], FOREARM * reach)
        return Limb((root, elbow, hand), (W_UPPER_ARM, W_FOREARM), False)

    # Seated, the thighs point at the viewer and look short.
    thigh = THIGH * (0.3 if position is Position.SEATED else 1.0)

    def leg(root: tuple[float, float], angles: tuple[float, float], outward: float) -> Limb:
        knee = _along(root, angles[0], thigh)
        shin = SHIN
        if position is Position.SEATED:
            # Seen from the front the shin runs from the knee to the floor.
            knee_height = SEAT_Y + PELVIS_ON_SEAT + pose.shift[1] + knee[1]
            shin = (knee_height - W_FOOT / 2) / max(0.3, -_unit(angles[1])[1])
        ankle = _along(knee, angles[1], shin)
        toe = (ankle[0] + outward * FOOT * 0.6, ankle[1])
        return Limb((root, knee, ankle, toe), (W_THIGH, W_SHIN, W_FOOT), False)

    right_arm = arm(shoulder_r, pose.arm, pose.reach[0])
    left_arm = arm(shoulder_l, pose.other_arm, pose.reach[1])
    limbs = (
        leg(hip_r, pose.leg, 1.0),
        leg(hip_l, pose.other_leg, -1.0),
        right_arm,
        left_arm,
    )
    layout = FigureLayout(
        view=View.FRONT,
        spine=tuple(spine),
        head=head,
        eyes=eyes,
        limbs=limbs,
        shoulders=(shoulder_l, shoulder_r),
        hips=(hip_l, hip_r),
        sternum=sternum,
        hands=(right_arm.points[-1], left_arm.points[-1]),
        roll=None,
    )
    return _placed(layout, pose, position)


def _placed(layout: FigureLayout, pose: Pose, position: Position) -> FigureLayout:
    """Move the figure so it sits on the chair seat or rests on the floor."""
    if position is Position.SEATED:
        dy = SEAT_Y + PELVIS_ON_SEAT + pose.shift[1]
    else:
        dy = -min(y - r for _, y, r in layout.outline_points()) + pose.shift[1]
    return _translated(layout, 0.0, dy)


def _translated(layout: FigureLayout, dx: float, dy: float) -> FigureLayout:
    def move(points: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
        return tuple((x + dx, y + dy) for x, y in points)

    roll = layout.roll
    return FigureLayout(
        view=layout.view,
        spine=move(layout.spine),
        head=(layout.head[0] + dx, layout.head[1] + dy),
        eyes=move(layout.eyes),
        limbs=tuple(Limb(move(lb.points), lb.widths, lb.is_far) for lb in layout.limbs),
        shoulders=move(layout.shoulders),
        hips=move(layout.hips),
        sternum=move(layout.sternum),
        hands=move(layout.hands),
        roll=None if roll is None else (roll[0] + dx, roll[1] + dy, roll[2]),
    )


def figure_layout(stretch: Stretch, phase: float) -> FigureLayout:
    """Return the figure's joints for `stretch` at `phase` (0 = start pose, 1 = end pose).

    Against a wall or a door frame the hands stay where the key pose puts them on it (the text
    says "palms on the wall"): the arms bend to keep them there while the body moves.
    """
    layout = _raw_layout(stretch, phase)
    contact = wall_contact(stretch)
    if contact is None:
        return layout
    return _hands_pinned(layout, contact)


def _raw_layout(stretch: Stretch, phase: float) -> FigureLayout:
    pose = stretch.pose_at(phase)
    if pose.view is View.SIDE:
        return _side_layout(pose, stretch.position, stretch.props)
    return _front_layout(pose, stretch.position, stretch.props)


CONTACT_SLACK = 3.0  # a key-pose hand this close to the furthest one is on the wall too


@dataclass(frozen=True, slots=True)
class WallContact:
    """Where the hands touch a wall or door frame: the x of their edge, and which arms."""

    x: float
    arms_far: frozenset[bool]  # `Limb.is_far` of the arms whose hand is on it


def wall_contact(stretch: Stretch) -> WallContact | None:
    """Return where the key pose's hands touch the wall or frame (side views), or None."""
    if stretch.view is not View.SIDE:
        return None
    if Prop.WALL in stretch.props:
        sign = 1.0
    elif Prop.DOORWAY in stretch.props:
        sign = -1.0
    else:
        return None
    arms = [lb for lb in _raw_layout(stretch, stretch.key_phase).limbs if len(lb.points) == 3]
    furthest = max(sign * arm.points[-1][0] for arm in arms)
    touching = frozenset(
        arm.is_far for arm in arms if sign * arm.points[-1][0] >= furthest - CONTACT_SLACK
    )
    return WallContact(sign * (furthest + W_FOREARM / 2), touching)


def _hands_pinned(layout: FigureLayout, contact: WallContact) -> FigureLayout:
    """Bend each touching arm (elbow only) so its hand's edge stays at the contact x."""
    limbs = []
    for limb in layout.limbs:
        if len(limb.points) != 3 or limb.is_far not in contact.arms_far:  # a leg, a free arm
            limbs.append(limb)
            continue
        shoulder, elbow, hand = limb.points
        sign = 1.0 if contact.x > shoulder[0] else -1.0
        target = (contact.x - sign * W_FOREARM / 2, hand[1])
        bent = _elbow_for(shoulder, elbow, hand, target)
        limbs.append(Limb((shoulder, bent, target), limb.widths, limb.is_far))
    arms = sorted((lb for lb in limbs if len(lb.points) == 3), key=lambda lb: lb.is_far)
    return replace(layout, limbs=tuple(limbs), hands=tuple(a.points[-1] for a in arms))


def _elbow_for(
    shoulder: tuple[float, float],
    elbow: tuple[float, float],
    hand: tuple[float, float],
    target: tuple[float, float],
) -> tuple[float, float]:
    """Return the elbow that puts the hand at `target`, bent the way the arm already bends."""
    upper, fore = math.dist(shoulder, elbow), math.dist(elbow, hand)
    reach = min(math.dist(shoulder, target), upper + fore - 1e-6)
    reach = max(reach, abs(upper - fore) + 1e-6)
    base = math.degrees(math.atan2(target[1] - shoulder[1], target[0] - shoulder[0]))
    cos_a = (upper**2 + reach**2 - fore**2) / (2 * upper * reach)
    bend = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    options = [_along(shoulder, base + bend, upper), _along(shoulder, base - bend, upper)]
    return min(options, key=lambda candidate: math.dist(candidate, elbow))


@dataclass(frozen=True, slots=True)
class Scene:
    """The whole drawing for a stretch: its extent over the animation and where props go."""

    left: float
    right: float
    bottom: float
    top: float
    wall_x: float | None  # in front of the figure (side view) or behind it (front view)

    @property
    def width(self) -> float:
        """Return the scene width in figure units."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """Return the scene height in figure units."""
        return self.top - self.bottom


def figure_scene(stretch: Stretch) -> Scene:
    """Return the extent of `stretch`'s figure and props over its whole animation."""
    samples = [i / (FIT_SAMPLES - 1) for i in range(FIT_SAMPLES)]
    discs = [d for phase in samples for d in figure_layout(stretch, phase).outline_points()]
    left = min(x - r for x, _, r in discs)
    right = max(x + r for x, _, r in discs)
    top = max(y + r for _, y, r in discs)
    bottom = 0.0
    wall_x: float | None = None
    props = stretch.props
    contact = wall_contact(stretch)
    # The wall or frame stands where the hands touch it; without hands on it, just clear of
    # the figure.
    if stretch.view is View.SIDE and Prop.WALL in props:
        wall_x = (contact.x if contact else right) + W_PROP / 2
        right = max(right, wall_x) + 6.0
        top = max(top, 100.0)
    elif stretch.view is View.SIDE and (Prop.WALL_BEHIND in props or Prop.DOORWAY in props):
        wall_x = (contact.x if contact else left) - W_PROP / 2
        left = min(left, wall_x) - 6.0
        top = max(top, 100.0)
    if Prop.CHAIR in props:
        chair_left, chair_right = (-30.0, 30.0) if stretch.view is View.FRONT else (-16.0, 16.0)
        left = min(left, chair_left)
        right = max(right, chair_right)
    # Leave a little floor either side and a little air above the head.
    return Scene(left - 6.0, right + 6.0, bottom - 3.0, top + 3.0, wall_x)
