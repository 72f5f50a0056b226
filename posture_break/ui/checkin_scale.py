"""The end view's 0-10 check-in: one choice out of eleven, drawn as small round buttons.

Each score is a `QRadioButton` so screen readers announce "radio button, 3 out of 10, 4 of 11"
(a single choice), not the eleven unrelated check boxes that checkable push buttons become on
the accessibility bus. The radio's own indicator would make a row of eleven too wide for the
window, so each draws itself: a circle with the number in it, filled when chosen, with a focus
ring in the theme's focus colour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QRadioButton, QWidget
from typing_extensions import override

from posture_break.core.i18n import _
from posture_break.ui.theme import Theme, current_theme

SCORE_SIDE = 26  # at 1x; the font's height decides when the text is large
_ARROW_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


class ScoreButton(QRadioButton):
    """One score of the check-in scale: a number in a circle, exposed as a radio button."""

    def __init__(self, value: int, description: str, parent: QWidget | None = None) -> None:
        """Show `value`; `description` says what the score means ("Quite sore")."""
        super().__init__(str(value), parent)
        self.setObjectName("score")
        # Translators: a score of the 0-10 check-in scale, said by a screen reader.
        self.setAccessibleName(_("{score} out of 10").format(score=value))
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._theme = current_theme()

    def set_theme(self, theme: Theme) -> None:
        """Draw in `theme`'s colours."""
        self._theme = theme
        self.update()

    @override
    def sizeHint(self) -> QSize:
        """Return a circle that holds "10" in the current font, never smaller than 26 px."""
        metrics = self.fontMetrics()
        side = max(SCORE_SIDE, metrics.horizontalAdvance("10") + 10, metrics.height() + 8)
        return QSize(side, side)

    @override
    def minimumSizeHint(self) -> QSize:
        """Return the size hint: the number must never be clipped."""
        return self.sizeHint()

    @override
    def event(self, event: QEvent) -> bool:
        """Keep Space for this button: the stretch window binds it to pause elsewhere."""
        is_space = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space
        if event.type() == QEvent.Type.ShortcutOverride and is_space:
            event.accept()  # Space answers, as on any radio button
            return True
        return super().event(event)

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Move along the scale with the arrows without answering; Space answers."""
        # Qt's radio groups check the button an arrow moves to, which here would answer the
        # check-in on the way to the score meant. Moving only the focus keeps it a choice.
        step = _ARROW_STEPS.get(Qt.Key(event.key()))
        group = self.group()
        if step is None or group is None:
            super().keyPressEvent(event)
            return
        buttons = group.buttons()
        index = min(max(buttons.index(self) + step, 0), len(buttons) - 1)
        buttons[index].setFocus(Qt.FocusReason.OtherFocusReason)

    @override
    def hitButton(self, pos: QPoint) -> bool:
        """Take a click anywhere on the circle (the radio's own hit area is its indicator)."""
        return self.rect().contains(pos)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the circle, the number and, with keyboard focus, a focus ring."""
        theme = self._theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 4
        circle = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        if self.isChecked():
            painter.setPen(QPen(QColor(theme.accent), 1))
            painter.setBrush(QColor(theme.accent))
            text_colour = theme.accent_text
        else:
            painter.setPen(QPen(QColor(theme.border), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            text_colour = theme.text if self.isEnabled() else theme.muted
        painter.drawEllipse(circle)
        if self.hasFocus():
            painter.setPen(QPen(QColor(theme.focus), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(circle.adjusted(-1, -1, 1, 1))
        font = QFont(self.font())
        painter.setFont(font)
        painter.setPen(QColor(text_colour))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, self.text())
