"""The review's calendar heatmap: weeks as columns, each day a cell coloured by progress."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget
from typing_extensions import override

from posture_break.core.i18n import N_, _, ngettext
from posture_break.ui.dates import day_month, long_date, short_day_name, short_month_name
from posture_break.ui.week_chart import answer_tooltip, mix, small_font


@dataclass(frozen=True, slots=True)
class HeatCell:
    """One day of the heatmap as drawn."""

    day: date
    completed: int
    level: int  # 0 none, 1 some, 2 half way or more, 3 goal met; -1 still to come
    is_work_day: bool


def heat_level(completed: int, daily_goal: int) -> int:
    """Return the colour step for a day: 0 none, 1 some, 2 at least half, 3 goal met."""
    if completed >= daily_goal:
        return 3
    if completed <= 0:
        return 0
    return 2 if completed * 2 >= daily_goal else 1


# Translators: the heatmap's legend, four short words under its grid (none done, some done,
# half the goal or more, goal met).
HEAT_LEGEND = (N_("none"), N_("some"), N_("half way"), N_("goal met"))
_MAX_CELL = 22.0


class WeekHeatmap(QWidget):
    """A calendar heatmap: weeks as columns (oldest left), Monday..Sunday as rows.

    Signals:
        week_clicked: A column was clicked; carries the Monday of that week.
    """

    week_clicked = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cells: tuple[tuple[HeatCell, ...], ...] = ()
        self._goal = 1
        self._selected: date | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Last 12 weeks"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_weeks(
        self,
        first_monday: date,
        weeks: int,
        completed: Mapping[date, int],
        daily_goal: int,
        as_of: date,
        work_days: Collection[int],
        selected: date | None = None,
    ) -> None:
        """Show `weeks` weeks from `first_monday`, shading each day by completed vs the goal."""
        if first_monday.weekday() != 0:
            raise ValueError(f"first_monday {first_monday} is not a Monday")
        if weeks < 1:
            raise ValueError(f"weeks {weeks} must be at least 1")
        columns = []
        for week in range(weeks):
            column = []
            for weekday in range(7):
                day = first_monday + timedelta(days=week * 7 + weekday)
                count = completed.get(day, 0)
                level = -1 if day > as_of else heat_level(count, daily_goal)
                column.append(HeatCell(day, count, level, weekday in work_days))
            columns.append(tuple(column))
        self._cells = tuple(columns)
        self._goal = daily_goal
        self._selected = selected
        last = first_monday + timedelta(days=weeks * 7 - 1)
        self.setAccessibleName(
            ngettext(
                "Last {count} week, {first} to {last}",
                "Last {count} weeks, {first} to {last}",
                weeks,
            ).format(count=weeks, first=long_date(first_monday), last=long_date(last))
        )
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    def cells(self) -> tuple[tuple[HeatCell, ...], ...]:
        """Return the cells as drawn: one tuple per week, Monday first."""
        return self._cells

    def summary(self) -> str:
        """Return what the heatmap shows in words (goal days per week, oldest first)."""
        parts = []
        for column in self._cells:
            met = sum(cell.level == 3 for cell in column)
            done = sum(cell.completed for cell in column if cell.level >= 0)
            # Translators: one week of the heatmap for a screen reader, e.g. "week of
            # 17 November: goal met on 3 days, 12 stretches"; the weeks are joined with "; ".
            goal_days = ngettext(
                "week of {monday}: goal met on {count} day",
                "week of {monday}: goal met on {count} days",
                met,
            ).format(monday=day_month(column[0].day), count=met)
            parts.append(
                ngettext("{week}, {count} stretch", "{week}, {count} stretches", done).format(
                    week=goal_days, count=done
                )
            )
        return _("{weeks}.").format(weeks="; ".join(parts)) if parts else _("No weeks to show.")

    def cell_sentence(self, cell: HeatCell) -> str:
        """Return one cell in words."""
        day = long_date(cell.day)
        if cell.level < 0:
            return _("{day}: still to come").format(day=day)
        if cell.level == 3:
            return _("{day}: {done} of {goal}, goal met").format(
                day=day, done=cell.completed, goal=self._goal
            )
        return _("{day}: {done} of {goal}, goal not met").format(
            day=day, done=cell.completed, goal=self._goal
        )

    def _geometry(self) -> tuple[float, float, float, float]:
        """Return (left, top, cell, gap) of the grid inside the widget."""
        metrics = QFontMetricsF(small_font(self, 0.8))
        left = _day_labels_width(metrics)
        top = metrics.height() + 4
        columns = max(1, len(self._cells))
        gap = 3.0
        cell = (self.width() - left - 4 - gap * (columns - 1)) / columns
        cell = max(8.0, min(cell, _MAX_CELL))
        return left, top, cell, gap

    def cell_rect(
        self, week: int, weekday: int, geometry: tuple[float, float, float, float] | None = None
    ) -> QRectF:
        """Return the rectangle of one cell (`geometry` saves recomputing the grid's layout)."""
        left, top, cell, gap = geometry or self._geometry()
        return QRectF(left + week * (cell + gap), top + weekday * (cell + gap), cell, cell)

    def _legend_height(self) -> float:
        return QFontMetricsF(small_font(self, 0.8)).height() + 10

    def _full_height(self) -> int:
        metrics = QFontMetricsF(small_font(self, 0.8))
        return int(metrics.height() + 4 + 7 * _MAX_CELL + 6 * 3.0 + self._legend_height() + 4)

    @override
    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(small_font(self, 0.8))
        columns = max(1, len(self._cells))
        grid = _day_labels_width(metrics) + columns * (_MAX_CELL + 3.0) + 4
        return QSize(int(max(grid, self._legend_width())) + 2, self._full_height())

    @override
    def minimumSizeHint(self) -> QSize:
        # The grid may shrink its cells; the legend's words must never be cut (large fonts).
        narrowest = max(min(320, self.sizeHint().width()), int(self._legend_width()) + 2)
        return QSize(narrowest, self._full_height())

    def _legend_width(self) -> float:
        # Drawn from the grid's left edge, after the day names: swatch, gap, word, gap each.
        metrics = QFontMetricsF(small_font(self, 0.8))
        left = _day_labels_width(metrics)
        return left + sum(metrics.horizontalAdvance(_(word)) + 28 for word in HEAT_LEGEND)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.update()
        super().changeEvent(event)

    def _cell_at(self, point: QPointF) -> tuple[int, int] | None:
        geometry = self._geometry()
        for week in range(len(self._cells)):
            for weekday in range(7):
                rect = self.cell_rect(week, weekday, geometry)
                if rect.adjusted(-1.5, -1.5, 1.5, 1.5).contains(point):
                    return week, weekday
        return None

    @override
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._cell_at(QPointF(event.pos()))
            cell = None if hit is None else self._cells[hit[0]][hit[1]]
            answer_tooltip(self, event, None if cell is None else self.cell_sentence(cell))
            return True
        return super().event(event)

    @override
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self._cell_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.week_clicked.emit(self._cells[hit[0]][0].day)
            return
        super().mouseReleaseEvent(event)

    def level_colour(self, level: int, is_work_day: bool = True) -> QColor:
        """Return the fill for a colour step, from the current palette."""
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        empty = mix(window, text, 0.10 if is_work_day else 0.06)
        if level <= 0:
            return empty
        if level == 1:
            return mix(empty, accent, 0.4)
        if level == 2:
            return mix(empty, accent, 0.7)
        return accent

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        dim = mix(window, text, 0.55)
        small = small_font(self, 0.8)
        metrics = QFontMetricsF(small)
        painter.setFont(small)
        geometry = self._geometry()
        left, top, cell, gap = geometry
        colours = {
            (level, work): self.level_colour(level, work)
            for level in range(4)
            for work in (False, True)
        }

        # Row labels: Mon, Wed, Fri, Sun keep it light; the tooltip names every day.
        painter.setPen(dim)
        for weekday in (0, 2, 4, 6):
            rect = QRectF(0, top + weekday * (cell + gap), left - 6, cell)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                short_day_name(weekday),
            )

        previous_month = None
        for week, column in enumerate(self._cells):
            monday = column[0].day
            # A month label over the first week that starts in that month.
            month = next((c.day.month for c in column if c.day.day == 1), None)
            if week == 0:
                month = monday.month
            if month is not None and month != previous_month:
                painter.setPen(dim)
                x = left + week * (cell + gap)
                painter.drawText(
                    QRectF(x, 0, 60, metrics.height()),
                    Qt.AlignmentFlag.AlignLeft,
                    short_month_name(month),
                )
                previous_month = month
            for weekday, day_cell in enumerate(column):
                rect = self.cell_rect(week, weekday, geometry)
                radius = max(2.0, cell / 6)
                if day_cell.level < 0:
                    painter.setPen(QPen(mix(window, text, 0.18), 1.0))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colours[day_cell.level, day_cell.is_work_day])
                    painter.drawRoundedRect(rect, radius, radius)
                    paint_level_mark(painter, rect, day_cell.level, text, window)
            if monday == self._selected:
                # The week shown in the bars above: a frame around its column.
                frame = QRectF(
                    left + week * (cell + gap) - 2,
                    top - 2,
                    cell + 4,
                    7 * cell + 6 * gap + 4,
                )
                painter.setPen(QPen(text, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(frame, radius + 1, radius + 1)

        # Legend: four swatches and their words, under the grid.
        legend_y = top + 7 * cell + 6 * gap + 8
        swatch = min(cell, metrics.height() - 2)
        words = [_(word) for word in HEAT_LEGEND]
        widths = [metrics.horizontalAdvance(word) for word in words]
        x = left
        for level, (word, width) in enumerate(zip(words, widths, strict=True)):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.level_colour(level))
            swatch_rect = QRectF(x, legend_y + (metrics.height() - swatch) / 2, swatch, swatch)
            painter.drawRoundedRect(swatch_rect, 2, 2)
            paint_level_mark(painter, swatch_rect, level, text, window)
            x += swatch + 4
            painter.setPen(dim)
            painter.drawText(
                QRectF(x, legend_y, width + 2, metrics.height()), Qt.AlignmentFlag.AlignLeft, word
            )
            x += width + 12
        painter.end()


def _day_labels_width(metrics: QFontMetricsF) -> float:
    """Return the room left of the grid for its row labels (the widest short day name)."""
    return max(metrics.horizontalAdvance(short_day_name(weekday)) for weekday in (0, 2, 4, 6)) + 8


def paint_level_mark(
    painter: QPainter, rect: QRectF, level: int, text: QColor, window: QColor
) -> None:
    """Mark a cell's level by shape as well as colour: a small dot, a big dot, a ring.

    Someone who cannot tell the greens apart (or uses a grey or high-contrast scheme) still
    reads none / some / half way / goal met from the mark.
    """
    if level <= 0:
        return
    painter.save()
    centre = rect.center()
    if level >= 3:
        # On the strongest fill (the accent) a ring in the window colour; its middle stays
        # the accent, so the cell still reads as "full".
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(window, max(1.0, rect.width() / 12)))
        ring = rect.width() * 0.3
        painter.drawEllipse(centre, ring, ring)
    else:
        radius = rect.width() * (0.1 if level == 1 else 0.2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(text)
        painter.drawEllipse(centre, radius, radius)
    painter.restore()
