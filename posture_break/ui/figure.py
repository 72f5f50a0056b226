"""The animated figure that shows a stretch: a jointed body painted with QPainter.

The geometry (where each joint is for a pose) is Qt-free, in `core/figure.py`; this module only
paints it. `FigureView` paints it in the widget palette's colours, so it is right in
light and dark themes. It has no timer: the stretch window sets the phase from its breathing pace
and the figure repaints only when the phase (or stretch, or side) changes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget
from typing_extensions import override

from posture_break.core.figure import (
    HEAD_R,
    HIP_HALF,
    NECK,
    SEAT_Y,
    W_FOREARM,
    W_HALO,
    W_NECK,
    W_PROP,
    W_SPINE_MARK,
    W_THIGH,
    W_TORSO,
    W_UPPER_ARM,
    FigureLayout,
    Limb,
    Scene,
    figure_layout,
    figure_scene,
)
from posture_break.core.i18n import _
from posture_break.core.pose import View
from posture_break.core.stretch import Position, Prop, Stretch

MARGIN_PX = 10.0
GHOST_GAP = 0.03  # further than this from the key pose, a faint shadow of it shows the goal


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
        self.setAccessibleName(_("Stretch figure"))

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
        # Translators: the figure's description for a screen reader: a stretch's title and summary.
        self.setAccessibleDescription(
            _("{title}: {summary}").format(title=stretch.title, summary=stretch.summary)
        )
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

    @override
    def sizeHint(self) -> QSize:
        """Return a size that shows the figure comfortably."""
        return QSize(280, 260)

    @override
    def minimumSizeHint(self) -> QSize:
        """Return the smallest size at which the figure is still legible."""
        return QSize(160, 150)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
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
