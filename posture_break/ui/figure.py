"""The animated figure that shows a stretch: a jointed body painted with QPainter.

The geometry (where each joint is for a pose) is plain Python in `figure_layout`, so it can be
tested without painting. `FigureView` paints it in the widget palette's colours, so it is right in
light and dark themes. It has no timer: the stretch window sets the phase from its breathing pace
and the figure repaints only when the phase (or stretch, or side) changes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

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

MARGIN_PX = 10.0
GHOST_GAP = 0.03  # further than this from the key pose, a faint shadow of it shows the goal
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


def _side_layout(pose: Pose, position: Position, props: Sequence[Prop]) -> FigureLayout:
    pelvis = (pose.shift[0], 0.0)
    spine = [pelvis]
    for angle, length in zip(pose.spine, SPINE, strict=True):
        spine.append(_along(spine[-1], angle, length))
    neck_base = spine[-1]
    head_dir = pose.neck
    neck_top = _along(neck_base, head_dir, NECK)
    head = _along(neck_top, head_dir, HEAD_R * 0.9)
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
        radius = 4.5
    elif Prop.FOAM_ROLLER in props:
        radius = 6.5
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
    pelvis = (pose.shift[0], 0.0)
    spine = [pelvis]
    for angle, length in zip(pose.spine, SPINE, strict=True):
        spine.append(_along(spine[-1], angle, length))
    neck_base = spine[-1]
    neck_top = _along(neck_base, pose.neck, NECK)
    head = _along(neck_top, pose.neck, HEAD_R * 0.9)
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
    """Return the figure's joints for `stretch` at `phase` (0 = start pose, 1 = end pose)."""
    pose = stretch.pose_at(phase)
    if pose.view is View.SIDE:
        return _side_layout(pose, stretch.position, stretch.props)
    return _front_layout(pose, stretch.position, stretch.props)


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
    if stretch.view is View.SIDE and Prop.WALL in props:
        wall_x = right + W_PROP / 2
        right = wall_x + 6.0
        top = max(top, 100.0)
    elif stretch.view is View.SIDE and (Prop.WALL_BEHIND in props or Prop.DOORWAY in props):
        wall_x = left - W_PROP / 2
        left = wall_x - 6.0
        top = max(top, 100.0)
    if Prop.CHAIR in props:
        chair_left, chair_right = (-30.0, 30.0) if stretch.view is View.FRONT else (-16.0, 16.0)
        left = min(left, chair_left)
        right = max(right, chair_right)
    # Leave a little floor either side and a little air above the head.
    return Scene(left - 6.0, right + 6.0, bottom - 3.0, top + 3.0, wall_x)


class FigureView(QWidget):
    """Paint a stretch's figure at a phase between its start (0.0) and end (1.0) pose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stretch: Stretch | None = None
        self._scene: Scene | None = None
        self._phase = 0.0
        self._is_mirrored = False
        self._layer: QImage | None = None
        self._backdrop: QImage | None = None
        self._backdrop_key: tuple[object, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Stretch figure")

    def stretch(self) -> Stretch | None:
        """Return the stretch shown, if any."""
        return self._stretch

    def phase(self) -> float:
        """Return the phase shown (0.0 start pose .. 1.0 end pose)."""
        return self._phase

    def is_mirrored(self) -> bool:
        """Return whether the figure shows the other side."""
        return self._is_mirrored

    def set_stretch(self, stretch: Stretch) -> None:
        """Show `stretch`, starting at its start pose."""
        self._stretch = stretch
        self._scene = figure_scene(stretch)
        self._backdrop = None
        self._phase = 0.0
        self.setAccessibleDescription(f"{stretch.title}: {stretch.summary}")
        self.update()

    def set_phase(self, phase: float) -> None:
        """Show the pose at `phase` (clamped to 0..1); repaints only if it changed."""
        phase = min(1.0, max(0.0, phase))
        if phase != self._phase:
            self._phase = phase
            self.update()

    def set_mirrored(self, is_mirrored: bool) -> None:
        """Show the other side (a mirror image) for per-side stretches."""
        if is_mirrored != self._is_mirrored:
            self._is_mirrored = is_mirrored
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802  (Qt override)
        """Return a size that shows the figure comfortably."""
        return QSize(280, 260)

    def minimumSizeHint(self) -> QSize:  # noqa: N802  (Qt override)
        """Return the smallest size at which the figure is still legible."""
        return QSize(160, 150)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt override)
        """Paint the figure at the current phase."""
        if self._stretch is None or self._scene is None:
            return
        # Paint on a transparent layer first: the gaps that keep crossing limbs apart (and the
        # eyes) are cut out of it, so they show whatever surface the figure sits on (a card, a
        # window) without the figure having to know its colour.
        ratio = self.devicePixelRatioF()
        pixels = QSize(math.ceil(self.width() * ratio), math.ceil(self.height() * ratio))
        rect = QRectF(self.rect())
        palette = self.palette()
        painter = _Painter(palette, self._stretch, self._scene)
        with_shadow = abs(self._phase - self._stretch.key_phase) > GHOST_GAP
        # What does not move is painted once and reused for every frame.
        key: tuple[object, ...] = (pixels.width(), pixels.height(), ratio, self._is_mirrored)
        key += (with_shadow, palette.cacheKey())
        if self._backdrop is None or self._backdrop_key != key:
            self._backdrop = self._blank(pixels, ratio)
            with _painting(self._backdrop) as backdrop:
                painter.bind(backdrop)
                painter.paint_backdrop(rect, self._is_mirrored, with_shadow=with_shadow)
            self._backdrop_key = key
        if self._layer is None or self._layer.size() != pixels:
            self._layer = self._blank(pixels, ratio)
        self._layer.setDevicePixelRatio(ratio)
        with _painting(self._layer) as layer:
            layer.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            layer.drawImage(0, 0, self._backdrop)
            layer.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            painter.bind(layer)
            painter.paint_figure(rect, self._phase, self._is_mirrored)
        with _painting(self) as screen:
            screen.drawImage(0, 0, self._layer)

    @staticmethod
    def _blank(pixels: QSize, ratio: float) -> QImage:
        image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        return image


@contextmanager
def _painting(device: QImage | QWidget) -> Iterator[QPainter]:
    """Yield an antialiased painter on `device` and always end it."""
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        yield painter
    finally:
        painter.end()


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """Return the colour a fraction `t` of the way from `a` to `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


class _Painter:
    """Paint one frame; holds the colours so the drawing helpers stay short."""

    def __init__(self, palette: QPalette, stretch: Stretch, scene: Scene) -> None:
        self._p = QPainter()
        self._stretch = stretch
        self._scene = scene
        group = QPalette.ColorGroup.Active
        background = palette.color(group, QPalette.ColorRole.Window)
        self.body = palette.color(group, QPalette.ColorRole.WindowText)
        self.far = _mix(self.body, background, 0.5)
        self.prop = _mix(self.body, background, 0.72)
        self.prop_fill = _mix(self.body, background, 0.88)
        self.ghost = _mix(self.body, background, 0.87)
        self._is_ghost = False
        self.accent = palette.color(group, QPalette.ColorRole.Highlight)

    def bind(self, painter: QPainter) -> None:
        """Draw with `painter` from now on."""
        self._p = painter

    @contextmanager
    def _placed(self, rect: QRectF, is_mirrored: bool) -> Iterator[bool]:
        """Map figure units (y up) onto `rect`; yields False when there is no room to draw."""
        scene = self._scene
        avail_w = rect.width() - 2 * MARGIN_PX
        avail_h = rect.height() - 2 * MARGIN_PX
        if avail_w <= 0 or avail_h <= 0:
            yield False
            return
        scale = min(avail_w / scene.width, avail_h / scene.height)
        # Centre horizontally; stand the floor near the bottom edge.
        origin_x = rect.center().x() - (scene.left + scene.width / 2) * scale
        origin_y = rect.bottom() - MARGIN_PX - (avail_h - scene.height * scale) / 2
        p = self._p
        p.save()
        try:
            p.translate(origin_x, origin_y + scene.bottom * scale)
            p.scale(scale, -scale)
            if is_mirrored:
                centre = scene.left + scene.width / 2
                p.translate(centre, 0)
                p.scale(-1, 1)
                p.translate(-centre, 0)
            yield True
        finally:
            p.restore()

    def paint_backdrop(self, rect: QRectF, is_mirrored: bool, *, with_shadow: bool) -> None:
        """Paint what does not move: the props behind the figure and the key pose's shadow."""
        with self._placed(rect, is_mirrored) as has_room:
            if has_room:
                self._paint_props_behind(self._stretch.view)
                if with_shadow:
                    self._paint_ghost(figure_layout(self._stretch, self._stretch.key_phase))

    def paint_figure(self, rect: QRectF, phase: float, is_mirrored: bool) -> None:
        """Paint the figure at `phase` and the props that move with it (a roll, a band)."""
        with self._placed(rect, is_mirrored) as has_room:
            if has_room:
                layout = figure_layout(self._stretch, phase)
                self._paint_body(layout)
                self._paint_props_in_front(layout)

    def _paint_body(self, layout: FigureLayout) -> None:
        if layout.view is View.SIDE:
            self._paint_side(layout)
        else:
            self._paint_front(layout)

    def _paint_ghost(self, layout: FigureLayout) -> None:
        """Paint the key pose as a faint shadow: where this move is going."""
        saved = (self.body, self.far, self.accent)
        self.body = self.far = self.accent = self.ghost
        self._is_ghost = True
        try:
            self._paint_body(layout)
        finally:
            self.body, self.far, self.accent = saved
            self._is_ghost = False

    # Helpers -----------------------------------------------------------------------------

    @contextmanager
    def _cutting(self) -> Iterator[None]:
        """Erase instead of paint: what is drawn inside becomes a see-through gap."""
        if self._is_ghost:
            # The shadow has no gaps or eyes: drawing them over it in its own colour hides them.
            yield
            return
        self._p.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
        try:
            yield
        finally:
            self._p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)

    def _pen(self, color: QColor, width: float) -> QPen:
        pen = QPen(color, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _line(
        self, a: tuple[float, float], b: tuple[float, float], color: QColor, width: float
    ) -> None:
        self._p.setPen(self._pen(color, width))
        self._p.drawLine(QPointF(*a), QPointF(*b))

    def _path(self, points: Sequence[tuple[float, float]], color: QColor, width: float) -> None:
        path = QPainterPath(QPointF(*points[0]))
        if len(points) == 3:
            path.quadTo(QPointF(*points[1]), QPointF(*points[2]))
        elif len(points) == 4:
            # A smooth curve through the spine joints (Catmull-Rom as cubic Béziers).
            for i in range(3):
                p0 = points[max(i - 1, 0)]
                p1, p2 = points[i], points[i + 1]
                p3 = points[min(i + 2, 3)]
                c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
                c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
                path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p2))
        else:
            for point in points[1:]:
                path.lineTo(QPointF(*point))
        self._p.setPen(self._pen(color, width))
        self._p.setBrush(Qt.BrushStyle.NoBrush)
        self._p.drawPath(path)

    def _limb(self, limb: Limb, color: QColor | None = None, *, halo: bool = False) -> None:
        color = color or (self.far if limb.is_far else self.body)
        if halo:
            # A thin see-through gap around a limb keeps it readable where it crosses
            # the torso (both are painted in the text colour).
            for i, width in enumerate(limb.widths):
                with self._cutting():
                    self._line(limb.points[i], limb.points[i + 1], self.body, width + W_HALO * 2)
        for i, width in enumerate(limb.widths):
            self._line(limb.points[i], limb.points[i + 1], color, width)
        # A small round hand at the end of an arm.
        if len(limb.points) == 3:
            self._disc(limb.points[-1], W_FOREARM * 0.62, color)

    def _disc(self, centre: tuple[float, float], radius: float, color: QColor) -> None:
        self._p.setPen(Qt.PenStyle.NoPen)
        self._p.setBrush(color)
        self._p.drawEllipse(QPointF(*centre), radius, radius)

    def _head(self, layout: FigureLayout) -> None:
        self._disc(layout.head, HEAD_R, self.body)
        for eye in layout.eyes:
            with self._cutting():
                self._disc(eye, 1.0, self.body)

    # Side view ---------------------------------------------------------------------------

    def _paint_side(self, layout: FigureLayout) -> None:
        far = [limb for limb in layout.limbs if limb.is_far]
        near = [limb for limb in layout.limbs if not limb.is_far]
        for limb in far:
            self._limb(limb)
        neck_top = _toward(layout.spine[-1], layout.head, NECK + 1.0)
        self._line(layout.spine[-1], neck_top, self.body, W_NECK)
        self._path(layout.spine, self.body, W_TORSO)
        self._limb(near[0])  # the near leg
        self._spine_mark(layout)
        self._head(layout)
        for limb in near[1:]:
            self._limb(limb, halo=True)

    def _spine_mark(self, layout: FigureLayout) -> None:
        """Mark the mid back (where the stretch is felt) along the back of the torso."""
        back: list[tuple[float, float]] = []
        spine = layout.spine
        for i in (1, 2, 3):
            a, b = spine[i - 1], spine[min(i, 3)]
            ux, uy = b[0] - a[0], b[1] - a[1]
            norm = math.hypot(ux, uy) or 1.0
            offset = W_TORSO / 2 - W_SPINE_MARK / 2 - 0.4
            back.append((spine[i][0] - uy / norm * offset, spine[i][1] + ux / norm * offset))
        self._path(back, self.accent, W_SPINE_MARK)

    # Front view --------------------------------------------------------------------------

    def _paint_front(self, layout: FigureLayout) -> None:
        legs = layout.limbs[:2]
        for limb in legs:
            self._limb(limb)
        # The torso: a rounded outline from the hips to the shoulders, filled.
        (hip_l, hip_r), (sh_l, sh_r) = layout.hips, layout.shoulders
        waist = layout.spine[1]
        path = QPainterPath(QPointF(*hip_l))
        path.quadTo(QPointF(waist[0] - HIP_HALF * 0.9, waist[1]), QPointF(*sh_l))
        path.lineTo(QPointF(*sh_r))
        path.quadTo(QPointF(waist[0] + HIP_HALF * 0.9, waist[1]), QPointF(*hip_r))
        path.closeSubpath()
        self._p.setPen(self._pen(self.body, W_UPPER_ARM + 1.0))
        self._p.setBrush(self.body)
        self._p.drawPath(path)
        neck_top = _toward(layout.spine[-1], layout.head, NECK + 1.0)
        self._line(layout.spine[-1], neck_top, self.body, W_NECK)
        self._line(layout.sternum[0], layout.sternum[1], self.accent, W_SPINE_MARK * 0.8)
        if self._stretch.position is Position.SEATED:
            # Seated thighs point at the viewer: show the knees as round caps over the lap.
            for limb in legs:
                with self._cutting():
                    self._disc(limb.points[1], W_THIGH * 0.62 + W_HALO, self.body)
                self._disc(limb.points[1], W_THIGH * 0.62, self.body)
        self._head(layout)
        for limb in layout.limbs[2:]:
            self._limb(limb, halo=True)

    # Props -------------------------------------------------------------------------------

    def _paint_props_behind(self, view: View) -> None:
        props = self._stretch.props
        scene = self._scene
        if Prop.FLOOR in props or self._stretch.position is not Position.FLOOR:
            self._line(
                (scene.left + 2, -W_PROP / 2), (scene.right - 2, -W_PROP / 2), self.prop, W_PROP
            )
        if Prop.CHAIR in props:
            self._chair(view)
        if view is View.FRONT and (Prop.WALL in props or Prop.WALL_BEHIND in props):
            self._p.setPen(Qt.PenStyle.NoPen)
            self._p.setBrush(self.prop_fill)
            self._p.drawRoundedRect(
                QRectF(scene.left + 8, 0, scene.width - 16, scene.top - 6), 3, 3
            )
        if scene.wall_x is not None:
            x = scene.wall_x
            self._line((x, 0), (x, scene.top - 2), self.prop, W_PROP)
            if Prop.DOORWAY in props:
                # A doorway: the frame post and a glimpse of the opening's top.
                self._line((x, scene.top - 2), (x - 5, scene.top - 2), self.prop, W_PROP)

    def _paint_props_in_front(self, layout: FigureLayout) -> None:
        props = self._stretch.props
        if layout.roll is not None:
            x, y, r = layout.roll
            self._p.setPen(self._pen(self.prop, W_PROP * 0.8))
            self._p.setBrush(self.prop_fill)
            self._p.drawEllipse(QPointF(x, y), r, r)
        if Prop.BAND in props and len(layout.hands) == 2:
            self._line(layout.hands[0], layout.hands[1], self.accent, W_PROP)

    def _chair(self, view: View) -> None:
        pen_color = self.prop
        if view is View.SIDE:
            seat_back, seat_front = -11.0, 13.0
            self._line((seat_back, SEAT_Y), (seat_front, SEAT_Y), pen_color, W_PROP * 1.6)
            self._line((seat_back + 2, SEAT_Y), (seat_back + 2, 0), pen_color, W_PROP)
            self._line((seat_front - 2, SEAT_Y), (seat_front - 2, 0), pen_color, W_PROP)
            self._line((seat_back, SEAT_Y), (seat_back - 3, SEAT_Y + 24), pen_color, W_PROP * 1.6)
        else:
            self._p.setPen(Qt.PenStyle.NoPen)
            self._p.setBrush(self.prop_fill)
            self._p.drawRoundedRect(QRectF(-13, SEAT_Y, 26, 24), 3, 3)
            self._line((-16, SEAT_Y), (16, SEAT_Y), pen_color, W_PROP * 1.6)
            self._line((-14, SEAT_Y), (-14, 0), pen_color, W_PROP)
            self._line((14, SEAT_Y), (14, 0), pen_color, W_PROP)


def _toward(a: tuple[float, float], b: tuple[float, float], length: float) -> tuple[float, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    norm = math.hypot(dx, dy) or 1.0
    return (a[0] + dx / norm * length, a[1] + dy / norm * length)
