"""Painted figures for the review window: week bars, a 12-week heatmap and a check-in sparkline.

Every colour comes from the widget's palette at paint time, so the figures follow the light or
dark scheme (and a palette change repaints them). Each figure keeps an accessible name and an
accessible description that says in words what it draws, e.g. "Monday 17 November: 3 of 4,
goal not met", and shows the same sentence as a tooltip over the bar or cell.

Constructors take only a parent; data goes in through `set_week`, `set_weeks` and `set_points`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from posture_break.core.stats import DayStat
from posture_break.ui.override import override

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """Return e.g. "Monday 17 November" (no year: the figures span a few weeks)."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Return the colour `t` of the way from `a` to `b` (0 gives `a`, 1 gives `b`)."""
    t = min(1.0, max(0.0, t))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )


def _small_font(widget: QWidget, scale: float = 0.85, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(7.0, font.pointSizeF() * scale))
    font.setBold(bold)
    return font


def day_sentence(day: DayStat, daily_goal: int, today: date) -> str:
    """Return one day of the week bars in words, as a screen reader should say it."""
    name = long_date(day.day)
    if day.is_future:
        return f"{name}: still to come"
    verdict = "goal met" if day.goal_met else "goal not met"
    if day.day == today and not day.goal_met:
        verdict = "goal not met yet"
    rest = "" if day.is_work_day else " (not a work day)"
    return f"{name}: {day.completed} of {daily_goal}, {verdict}{rest}"


class WeekBarsChart(QWidget):
    """Seven bars, one per day, against a dashed daily-goal line.

    Days that meet the goal are drawn in the highlight colour, days below it in a pale tint,
    days still to come as dimmed outlines, and today's label in bold.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: tuple[DayStat, ...] = ()
        self._goal = 1
        self._today = date.min
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 170)
        self.setAccessibleName("Stretches each day this week")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_week(self, days: Sequence[DayStat], daily_goal: int, today: date) -> None:
        """Show `days` (Monday first) against `daily_goal`, as seen on `today`."""
        if len(days) != 7:
            raise ValueError(f"days: a week has 7 days, not {len(days)}")
        self._days = tuple(days)
        self._goal = daily_goal
        self._today = today
        self.setAccessibleName(f"Stretches each day, week of {long_date(days[0].day)}")
        self.setAccessibleDescription(". ".join(self.day_descriptions()) + ".")
        self.update()

    def day_descriptions(self) -> tuple[str, ...]:
        """Return one sentence per day, Monday first."""
        return tuple(day_sentence(day, self._goal, self._today) for day in self._days)

    def goal_line_y(self) -> float:
        """Return the y coordinate of the goal line in widget pixels (for tests)."""
        return self._plot_rect().bottom() - self._goal * self._scale()

    def bar_rect(self, index: int) -> QRectF:
        """Return the rectangle of day `index`'s bar (zero height when nothing was done)."""
        plot = self._plot_rect()
        slot = plot.width() / 7
        width = min(slot * 0.62, 56.0)
        left = plot.left() + slot * index + (slot - width) / 2
        height = self._days[index].completed * self._scale() if self._days else 0.0
        return QRectF(left, plot.bottom() - height, width, height)

    def _scale(self) -> float:
        top = max([self._goal * 1.25, 1.0] + [day.completed * 1.05 for day in self._days])
        return self._plot_rect().height() / top

    def _plot_rect(self) -> QRectF:
        metrics = QFontMetricsF(_small_font(self))
        label_h = metrics.height()
        # Room above for the value labels, below for two lines of day labels, right for "goal".
        return QRectF(
            6.0,
            label_h + 8.0,
            self.width() - 12.0 - metrics.horizontalAdvance("goal 88") - 6.0,
            self.height() - (label_h + 8.0) - (2 * label_h + 10.0),
        )

    @override
    def sizeHint(self) -> QSize:  # noqa: N802, D102
        return QSize(460, 210)

    @override
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802, D102
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.update()
        super().changeEvent(event)

    @override
    def event(self, event: QEvent) -> bool:  # noqa: D102
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._index_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.day_descriptions()[index], self)
            return True
        return super().event(event)

    def _index_at(self, point: QPointF) -> int | None:
        if not self._days:
            return None
        plot = self._plot_rect()
        if not 0 <= point.x() - plot.left() < plot.width():
            return None
        return int((point.x() - plot.left()) / (plot.width() / 7))

    @override
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, D102
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        accent = palette.color(QPalette.ColorRole.Highlight)
        below = mix(window, accent, 0.45)
        dim = mix(window, text, 0.35)
        plot = self._plot_rect()
        small = _small_font(self)
        metrics = QFontMetricsF(small)

        # Baseline.
        painter.setPen(QPen(mix(window, text, 0.25), 1.0))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

        slot = plot.width() / 7
        for index, day in enumerate(self._days):
            bar = self.bar_rect(index)
            centre = plot.left() + slot * (index + 0.5)
            if day.is_future:
                painter.setPen(QPen(dim, 1.0, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                ghost = QRectF(bar.left(), plot.bottom() - 6.0, bar.width(), 6.0)
                painter.drawRoundedRect(ghost, 2.0, 2.0)
            elif day.completed > 0:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent if day.goal_met else below)
                path = QPainterPath()
                radius = min(5.0, bar.width() / 4, bar.height() / 2)
                path.addRoundedRect(bar.adjusted(0, 0, 0, radius), radius, radius)
                painter.save()
                painter.setClipRect(QRectF(bar.left(), bar.top(), bar.width(), bar.height()))
                painter.drawPath(path)
                painter.restore()

            # The number above the bar.
            if not day.is_future:
                painter.setFont(_small_font(self, 0.95, bold=day.goal_met))
                painter.setPen(text)
                value_rect = QRectF(
                    centre - slot / 2, bar.top() - metrics.height() - 3, slot, metrics.height()
                )
                painter.drawText(value_rect, Qt.AlignmentFlag.AlignCenter, str(day.completed))

            # Day name and date under the axis.
            is_today = day.day == self._today
            painter.setFont(_small_font(self, 0.9, bold=is_today))
            colour = dim if day.is_future or not day.is_work_day else text
            painter.setPen(colour)
            name_rect = QRectF(centre - slot / 2, plot.bottom() + 4, slot, metrics.height())
            painter.drawText(name_rect, Qt.AlignmentFlag.AlignCenter, DAY_SHORT[index])
            painter.setFont(small)
            painter.setPen(dim if not is_today else text)
            date_rect = name_rect.translated(0, metrics.height() + 1)
            label = "today" if is_today else f"{day.day.day} {MONTH_SHORT[day.day.month - 1]}"
            painter.drawText(date_rect, Qt.AlignmentFlag.AlignCenter, label)

        # The goal line, over the bars so it stays visible on a tall bar.
        if self._days:
            y = self.goal_line_y()
            goal_pen = QPen(mix(text, accent, 0.35), 1.5, Qt.PenStyle.DashLine)
            goal_pen.setDashPattern([4.0, 3.0])
            painter.setPen(goal_pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right() + 4, y))
            painter.setFont(_small_font(self, 0.85, bold=True))
            painter.setPen(text)
            painter.drawText(
                QRectF(plot.right() + 6, y - metrics.height() / 2, 200, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"goal {self._goal}",
            )
        painter.end()


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


HEAT_LEGEND = ("none", "some", "half way", "goal met")
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
        self.setAccessibleName("Last 12 weeks")
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
            f"Last {weeks} weeks, {long_date(first_monday)} to {long_date(last)}"
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
            parts.append(
                f"week of {column[0].day.day} {MONTH_NAMES[column[0].day.month - 1]}: "
                f"goal met on {met} day{'s' if met != 1 else ''}, {done} stretches"
            )
        return "; ".join(parts) + "." if parts else "No weeks to show."

    def cell_sentence(self, cell: HeatCell) -> str:
        """Return one cell in words."""
        if cell.level < 0:
            return f"{long_date(cell.day)}: still to come"
        verdict = "goal met" if cell.level == 3 else "goal not met"
        return f"{long_date(cell.day)}: {cell.completed} of {self._goal}, {verdict}"

    def _geometry(self) -> tuple[float, float, float, float]:
        """Return (left, top, cell, gap) of the grid inside the widget."""
        metrics = QFontMetricsF(_small_font(self, 0.8))
        left = metrics.horizontalAdvance("Wed") + 8
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
        return QFontMetricsF(_small_font(self, 0.8)).height() + 10

    def _full_height(self) -> int:
        metrics = QFontMetricsF(_small_font(self, 0.8))
        return int(metrics.height() + 4 + 7 * _MAX_CELL + 6 * 3.0 + self._legend_height() + 4)

    @override
    def sizeHint(self) -> QSize:  # noqa: N802, D102
        metrics = QFontMetricsF(_small_font(self, 0.8))
        columns = max(1, len(self._cells))
        grid = metrics.horizontalAdvance("Wed") + 8 + columns * (_MAX_CELL + 3.0) + 4
        legend = sum(metrics.horizontalAdvance(word) + 28 for word in HEAT_LEGEND)
        return QSize(int(max(grid, legend)) + 2, self._full_height())

    @override
    def minimumSizeHint(self) -> QSize:  # noqa: N802, D102
        return QSize(min(320, self.sizeHint().width()), self._full_height())

    @override
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802, D102
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
    def event(self, event: QEvent) -> bool:  # noqa: D102
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._cell_at(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
                event.ignore()
            else:
                cell = self._cells[hit[0]][hit[1]]
                QToolTip.showText(event.globalPos(), self.cell_sentence(cell), self)
            return True
        return super().event(event)

    @override
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802, D102
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
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, D102
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        dim = mix(window, text, 0.55)
        small = _small_font(self, 0.8)
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
                DAY_SHORT[weekday],
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
                    MONTH_SHORT[month - 1],
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
        widths = [metrics.horizontalAdvance(word) for word in HEAT_LEGEND]
        x = left
        for level, (word, width) in enumerate(zip(HEAT_LEGEND, widths, strict=True)):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.level_colour(level))
            painter.drawRoundedRect(
                QRectF(x, legend_y + (metrics.height() - swatch) / 2, swatch, swatch), 2, 2
            )
            x += swatch + 4
            painter.setPen(dim)
            painter.drawText(
                QRectF(x, legend_y, width + 2, metrics.height()), Qt.AlignmentFlag.AlignLeft, word
            )
            x += width + 12
        painter.end()


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
