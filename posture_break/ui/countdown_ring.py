"""The countdown ring: a calm progress ring with the time left in large `m:ss`."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget
from typing_extensions import override

from posture_break.core.i18n import _
from posture_break.ui.theme import Theme, current_theme


class CountdownRing(QWidget):
    """A progress ring with the time left in large `m:ss` in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = "0:00"
        self._caption = ""
        self._is_done = False
        self._theme = current_theme()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Time left"))

    @override
    def sizeHint(self) -> QSize:
        """Return the ring's natural size."""
        return QSize(152, 152)

    def text(self) -> str:
        """Return the countdown text as shown (`m:ss`)."""
        return self._text

    def fraction(self) -> float:
        """Return how much of the ring is filled (0..1)."""
        return self._fraction

    def caption(self) -> str:
        """Return the small line under the countdown."""
        return self._caption

    def set_theme(self, theme: Theme) -> None:
        """Use these colours."""
        self._theme = theme
        self.update()

    def set_state(self, fraction: float, text: str, caption: str, *, is_done: bool = False) -> None:
        """Show `fraction` (0..1) of the ring filled, `text` and `caption`; repaint on change."""
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, text, caption, is_done) == (
            self._fraction,
            self._text,
            self._caption,
            self._is_done,
        ):
            return
        self._fraction, self._text, self._caption, self._is_done = fraction, text, caption, is_done
        # No accessible description here: it would change (and be announced) every second. The
        # stretch window describes the ring at its milestones (`stretch_run_view.milestone_text`).
        self.update()

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the track, the progress arc and the time left (or a check mark)."""
        theme = self._theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        stroke = max(6.0, side * 0.055)
        rect = QRectF(
            (self.width() - side) / 2 + stroke / 2,
            (self.height() - side) / 2 + stroke / 2,
            side - stroke,
            side - stroke,
        )
        pen = QPen(QColor(theme.track), stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self._fraction > 0:
            pen.setColor(QColor(theme.accent))
            painter.setPen(pen)
            # Qt angles are 1/16 degree, counter-clockwise from 3 o'clock: start at 12 and go
            # clockwise, as a clock hand does.
            painter.drawArc(rect, 90 * 16, -round(self._fraction * 360 * 16))
        if self._is_done:
            self._paint_check(painter, rect, stroke)
            return
        font = QFont(self.font())
        font.setPixelSize(round(side * 0.25))
        font.setWeight(QFont.Weight.DemiBold)
        font.setFeature(QFont.Tag("tnum"), 1)  # digits of equal width: the text does not wobble
        painter.setFont(font)
        painter.setPen(QColor(theme.text))
        text_rect = QRectF(rect.left(), rect.center().y() - side * 0.2, rect.width(), side * 0.3)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self._text)
        if self._caption:
            small = QFont(self.font())
            small.setPixelSize(max(10, round(side * 0.08)))
            # Inside the ring's curve: a long translated caption gets a smaller font, and only
            # past 8 px an ellipsis, never a cut.
            room = rect.width() * 0.78
            wide = QFontMetricsF(small).horizontalAdvance(self._caption)
            if wide > room:
                small.setPixelSize(max(8, math.floor(small.pixelSize() * room / wide)))
            caption = QFontMetricsF(small).elidedText(
                self._caption, Qt.TextElideMode.ElideRight, room
            )
            painter.setFont(small)
            painter.setPen(QColor(theme.muted))
            cap_rect = QRectF(
                rect.left(), rect.center().y() + side * 0.1, rect.width(), side * 0.12
            )
            painter.drawText(cap_rect, Qt.AlignmentFlag.AlignCenter, caption)

    def _paint_check(self, painter: QPainter, rect: QRectF, stroke: float) -> None:
        """Draw a calm check mark in the middle of a full ring."""
        c = rect.center()
        r = rect.width() / 2
        path = QPainterPath(QPointF(c.x() - r * 0.36, c.y() + r * 0.02))
        path.lineTo(QPointF(c.x() - r * 0.1, c.y() + r * 0.28))
        path.lineTo(QPointF(c.x() + r * 0.38, c.y() - r * 0.26))
        pen = QPen(QColor(self._theme.accent), stroke * 1.1)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(path)
