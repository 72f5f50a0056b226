"""The stretch window's figure: each pose drawn once, then shown from a small frame cache."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QRegion
from PySide6.QtWidgets import QWidget
from typing_extensions import override

from posture_break.core.stretch import Stretch
from posture_break.ui.figure import FigureView


class FigureFrames(FigureView):
    """A `FigureView` that draws each pose once and then shows it from a small frame cache.

    The figure's own painting is rich (a layer, cut-out gaps, a shadow pose), and compositing
    like that wakes Qt's painting threads every time. A stretch repeats the same few poses
    breath after breath, so after the first breath every frame is a single pixmap copy.
    Phases are rounded to 1/`PHASE_LEVELS` (finer than the eye follows at this size).
    """

    PHASE_LEVELS = 20
    MAX_FRAMES = 32  # about 7 MB at 208x260: both sides of a stretch with room to spare

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frames: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
        self._is_rendering = False
        self.frames_drawn = 0  # how often the figure was really painted (for tests)

    @classmethod
    def rounded(cls, phase: float) -> float:
        """Return `phase` rounded to a cached level."""
        return round(min(1.0, max(0.0, phase)) * cls.PHASE_LEVELS) / cls.PHASE_LEVELS

    @override
    def set_stretch(self, stretch: Stretch) -> None:
        """Show `stretch`; frames of the previous one are dropped."""
        self._frames.clear()
        super().set_stretch(stretch)

    @override
    def set_phase(self, phase: float) -> None:
        """Show the pose at `phase`, drawing its frame now if it is not cached yet."""
        super().set_phase(phase)
        self._ensure_frame()

    @override
    def set_mirrored(self, is_mirrored: bool) -> None:
        """Show the other side, drawing its frame now if it is not cached yet."""
        super().set_mirrored(is_mirrored)
        self._ensure_frame()

    def _key(self, is_mirrored: bool | None = None) -> tuple[object, ...]:
        mirrored = self.is_mirrored() if is_mirrored is None else is_mirrored
        ratio = self.devicePixelRatioF()
        return (self.phase(), mirrored, self.size(), ratio, self.palette().cacheKey())

    def _ensure_frame(self) -> None:
        # Drawn here, outside any paint event (a widget cannot render itself while painting).
        if not self.isVisible() or self.stretch() is None:
            return
        key = self._key()
        if key in self._frames:
            self._frames.move_to_end(key)
            return
        if not self.is_mirrored():
            self._store(key, self._render())
            return
        # The other side is the same picture flipped (the figure mirrors about the middle of
        # its scene, which sits in the middle of the view): flip a drawn frame, draw nothing.
        plain_key = self._key(is_mirrored=False)
        plain = self._frames.get(plain_key)
        if plain is None:
            super().set_mirrored(False)
            try:
                plain = self._render()
            finally:
                super().set_mirrored(True)
            self._store(plain_key, plain)
        # A plain pixel flip: a general transform would run through Qt's paint threads.
        flipped = QPixmap.fromImage(plain.toImage().flipped(Qt.Orientation.Horizontal))
        flipped.setDevicePixelRatio(plain.devicePixelRatio())
        self._store(key, flipped)

    def _render(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        frame = QPixmap(self.size() * ratio)
        frame.setDevicePixelRatio(ratio)
        frame.fill(Qt.GlobalColor.transparent)
        self._is_rendering = True
        try:
            self.render(frame, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
        finally:
            self._is_rendering = False
        self.frames_drawn += 1
        return frame

    def _store(self, key: tuple[object, ...], frame: QPixmap) -> None:
        self._frames[key] = frame
        while len(self._frames) > self.MAX_FRAMES:
            self._frames.popitem(last=False)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        """Copy the cached frame for this pose; paint it live when there is none."""
        frame = None if self._is_rendering else self._frames.get(self._key())
        if frame is None:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        try:
            painter.drawPixmap(0, 0, frame)
        finally:
            painter.end()
