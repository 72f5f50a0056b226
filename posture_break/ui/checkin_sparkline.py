"""The review's check-in sparkline: how the mid back felt (0-10), day by day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from posture_break.ui.override import override
from posture_break.ui.week_chart import (
    long_date,
    mix,
)


class CheckinSparkline(QWidget):
    """A small line of the mid-back check-ins (0-10, higher feels better), oldest left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[tuple[date, float], ...] = ()
        self.setMinimumSize(140, 44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Mid-back check-ins")
        self.setAccessibleDescription("No check-ins yet.")

    def set_points(self, points: Sequence[tuple[date, float]]) -> None:
        """Show `points` (day, 0-10 score), which must be in date order."""
        for day, value in points:
            if not 0 <= value <= 10:
                raise ValueError(f"check-in on {day} is {value}, outside 0..10")
        self._points = tuple(points)
        self.setAccessibleDescription(self.summary())
        self.update()

    def points(self) -> tuple[tuple[date, float], ...]:
        """Return the points drawn."""
        return self._points

    def summary(self) -> str:
        """Return the trend in words: how many check-ins, first and latest score."""
        if not self._points:
            return "No check-ins yet."
        first_day, first = self._points[0]
        last_day, last = self._points[-1]
        if len(self._points) == 1:
            return f"One check-in: {_score(last)} of 10 on {long_date(last_day)}."
        return (
            f"{len(self._points)} check-ins from {long_date(first_day)} to {long_date(last_day)}: "
            f"{_score(first)} of 10 at first, {_score(last)} of 10 latest."
        )

    @override
    def sizeHint(self) -> QSize:  # noqa: N802, D102
        return QSize(220, 52)

    @override
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802, D102
        if event.type() == QEvent.Type.PaletteChange:
            self.update()
        super().changeEvent(event)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, D102
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        accent = palette.color(QPalette.ColorRole.Highlight)
        area = QRectF(self.rect()).adjusted(4, 5, -5, -5)
        # Guides at 0, 5 and 10 so a flat line still reads as a score.
        painter.setPen(QPen(mix(window, text, 0.15), 1.0, Qt.PenStyle.DotLine))
        for value in (0, 5, 10):
            y = area.bottom() - area.height() * value / 10
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        if not self._points:
            painter.end()
            return
        first = self._points[0][0].toordinal()
        span = max(1, self._points[-1][0].toordinal() - first)
        positions = [
            QPointF(
                area.left() + area.width() * ((day.toordinal() - first) / span)
                if len(self._points) > 1
                else area.center().x(),
                area.bottom() - area.height() * value / 10,
            )
            for day, value in self._points
        ]
        if len(positions) > 1:
            path = QPainterPath(positions[0])
            for point in positions[1:]:
                path.lineTo(point)
            painter.setPen(
                QPen(
                    accent,
                    2.0,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin,
                )
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawEllipse(positions[-1], 3.5, 3.5)
        painter.end()


def _score(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"
