"""Painted figures for the review window: week bars and a check-in sparkline (and shared helpers).

Every colour comes from the widget's palette at paint time, so the figures follow the light or
dark scheme (and a palette change repaints them). Each figure keeps an accessible name and an
accessible description that says in words what it draws, e.g. "Monday 17 November: 3 of 4,
goal not met", and shows the same sentence as a tooltip over the bar or cell.

Constructors take only a parent; data goes in through `set_week` and `set_points` (the heatmap,
in `heat_map.py`, through `set_weeks`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget
from typing_extensions import override

from posture_break.core.i18n import N_, _, ngettext
from posture_break.core.stats import DayStat
from posture_break.ui.dates import long_date, short_date, short_day_name
from posture_break.ui.plain_text import plain_tooltip
from posture_break.ui.theme import is_dark

# English names for `ui/settings_form.py` until it names days through `ui/dates.py`; the review
# takes its names from QLocale (`ui/dates.py`).
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Return the colour `t` of the way from `a` to `b` (0 gives `a`, 1 gives `b`)."""
    t = min(1.0, max(0.0, t))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )


def small_font(widget: QWidget, scale: float = 0.85, bold: bool = False) -> QFont:
    """Return `widget`'s font scaled down (and bold if asked), for chart labels."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(7.0, font.pointSizeF() * scale))
    font.setBold(bold)
    return font


def bar_label(day: DayStat) -> str:
    """Return the number over a day's bar; goal met has a check mark, not only a colour."""
    return f"{day.completed} ✓" if day.goal_met else str(day.completed)  # symbols, no words


def day_sentence(day: DayStat, daily_goal: int, today: date, *, planned_rest: bool = False) -> str:
    """Return one day of the week bars in words, as a screen reader should say it.

    `planned_rest` says a day still to come is marked as a rest day.
    """
    name = long_date(day.day)
    if day.is_future:
        if planned_rest:
            # Translators: a day of the week chart, e.g. "Friday 21 November: still to come, ..."
            return _("{day}: still to come, a rest day").format(day=name)
        return _("{day}: still to come").format(day=name)
    done, goal = day.completed, daily_goal
    if day.rest:
        verdict = _DAY_VERDICTS_REST[_verdict_key(day, today)]
    elif day.frozen:
        verdict = _DAY_VERDICTS_FROZEN[_verdict_key(day, today)]
    else:
        verdict = _DAY_VERDICTS[_verdict_key(day, today)]
    if not day.is_work_day:
        # Translators: {verdict} is e.g. "goal met" (a phrase from this list). The whole line
        # reads "Saturday 22 November: 1 of 4, goal not met (not a work day)".
        return _("{day}: {done} of {goal}, {verdict} (not a work day)").format(
            day=name, done=done, goal=goal, verdict=_(verdict)
        )
    # Translators: e.g. "Monday 17 November: 3 of 4, goal met"; {verdict} is one of the phrases
    # "goal met", "goal not met", "goal not met yet" (with a rest day or freeze, if any).
    return _("{day}: {done} of {goal}, {verdict}").format(
        day=name, done=done, goal=goal, verdict=_(verdict)
    )


def _verdict_key(day: DayStat, today: date) -> str:
    if day.goal_met:
        return "met"
    return "not yet" if day.day == today else "not met"


_DAY_VERDICTS = {
    "met": N_("goal met"),
    "not met": N_("goal not met"),
    "not yet": N_("goal not met yet"),
}
_DAY_VERDICTS_REST = {
    "met": N_("goal met, a rest day"),
    "not met": N_("goal not met, a rest day"),
    "not yet": N_("goal not met yet, a rest day"),
}
_DAY_VERDICTS_FROZEN = {
    "met": N_("goal met, frozen: a freeze kept the streak"),
    "not met": N_("goal not met, frozen: a freeze kept the streak"),
    "not yet": N_("goal not met yet, frozen: a freeze kept the streak"),
}


def answer_tooltip(widget: QWidget, event: QHelpEvent, text: str | None) -> None:
    """Show `text` as the tooltip for `event`, or hide any tooltip when nothing is under it."""
    if text is None:
        QToolTip.hideText()
        event.ignore()
    else:
        QToolTip.showText(event.globalPos(), plain_tooltip(text), widget)


def ice_colour(palette: QPalette) -> QColor:
    """Return the cool blue of frozen days, readable on the palette's window."""
    return QColor("#8cc4f5") if is_dark(palette) else QColor("#2f7fc1")


def draw_snowflake(painter: QPainter, centre: QPointF, radius: float, colour: QColor) -> None:
    """Paint a six-armed snowflake (drawn, not a font glyph, so it never shows as a box)."""
    painter.save()
    pen = QPen(colour, max(1.2, radius / 5))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.translate(centre)
    for _arm in range(6):
        painter.drawLine(QPointF(0, 0), QPointF(0, -radius))
        twig = radius * 0.35
        painter.drawLine(QPointF(0, -radius * 0.55), QPointF(-twig, -radius * 0.55 - twig))
        painter.drawLine(QPointF(0, -radius * 0.55), QPointF(twig, -radius * 0.55 - twig))
        painter.rotate(60)
    painter.restore()


class WeekBarsChart(QWidget):
    """Seven bars, one per day, against a dashed daily-goal line.

    Days that meet the goal are drawn in the highlight colour, days below it in a pale tint,
    days still to come as dimmed outlines, and today's label in bold. A rest day sits on a soft
    grey column labelled "rest"; a frozen day on a pale blue one with a snowflake.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: tuple[DayStat, ...] = ()
        self._goal = 1
        self._today = date.min
        self._planned_rest: frozenset[date] = frozenset()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 170)
        self.setAccessibleName(_("Stretches each day this week"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_week(
        self,
        days: Sequence[DayStat],
        daily_goal: int,
        today: date,
        planned_rest: Collection[date] = frozenset(),
    ) -> None:
        """Show `days` (Monday first) against `daily_goal`, as seen on `today`.

        `planned_rest` holds rest days still to come (a day's own `rest` covers the others).
        """
        if len(days) != 7:
            raise ValueError(f"days: a week has 7 days, not {len(days)}")
        self._days = tuple(days)
        self._goal = daily_goal
        self._today = today
        future = frozenset(day.day for day in days if day.is_future)
        self._planned_rest = future & frozenset(planned_rest)
        self.setAccessibleName(
            _("Stretches each day, week of {day}").format(day=long_date(days[0].day))
        )
        self.setAccessibleDescription(". ".join(self.day_descriptions()) + ".")
        self.update()

    def days(self) -> tuple[DayStat, ...]:
        """Return the week on show, Monday first."""
        return self._days

    def day_descriptions(self) -> tuple[str, ...]:
        """Return one sentence per day, Monday first."""
        return tuple(
            day_sentence(day, self._goal, self._today, planned_rest=day.day in self._planned_rest)
            for day in self._days
        )

    def is_rest_shown(self, index: int) -> bool:
        """Return whether day `index` is drawn as a rest day (marked, or planned)."""
        day = self._days[index]
        return day.rest or day.day in self._planned_rest

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
        metrics = QFontMetricsF(small_font(self))
        label_h = metrics.height()
        # Room above for the value labels, below for two lines of day labels, right for "goal".
        return QRectF(
            6.0,
            label_h + 8.0,
            self.width() - 12.0 - metrics.horizontalAdvance(_goal_text(88)) - 6.0,
            self.height() - (label_h + 8.0) - (2 * label_h + 10.0),
        )

    @override
    def sizeHint(self) -> QSize:
        return QSize(460, 210)

    def _paint_rest_or_frozen(
        self, painter: QPainter, index: int, plot: QRectF, ice: QColor
    ) -> None:
        """Paint the column behind a rest day or a frozen day, with its word or snowflake."""
        day = self._days[index]
        rest, frozen = self.is_rest_shown(index), day.frozen and not day.is_future
        if not rest and not frozen:
            return
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        slot = plot.width() / 7
        column = QRectF(plot.left() + slot * index + 3, plot.top(), slot - 6, plot.height())
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(window, ice, 0.16) if frozen else mix(window, text, 0.07))
        painter.drawRoundedRect(column, 6.0, 6.0)
        small = small_font(self, 0.8)
        height = QFontMetricsF(small).height()
        # Above the bar's number, so a partly done day still shows both.
        above = self.bar_rect(index).top() - QFontMetricsF(small_font(self)).height() - 6
        if frozen:
            radius = min(9.0, slot / 5)
            centre = QPointF(column.center().x(), above - radius)
            draw_snowflake(painter, centre, radius, ice)
        else:
            painter.setFont(small)
            painter.setPen(mix(window, text, 0.6))
            label = QRectF(column.left(), above - height, column.width(), height)
            # Translators: a word over a day's column in the week chart: a rest day (short).
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, _("rest"))
        painter.restore()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.update()
        super().changeEvent(event)

    @override
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._index_at(QPointF(event.pos()))
            answer_tooltip(self, event, None if index is None else self.day_descriptions()[index])
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
    def paintEvent(self, event: QPaintEvent) -> None:
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
        small = small_font(self)
        metrics = QFontMetricsF(small)

        # Baseline.
        painter.setPen(QPen(mix(window, text, 0.25), 1.0))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

        slot = plot.width() / 7
        ice = ice_colour(palette)
        for index, day in enumerate(self._days):
            bar = self.bar_rect(index)
            centre = plot.left() + slot * (index + 0.5)
            self._paint_rest_or_frozen(painter, index, plot, ice)
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
                painter.setFont(small_font(self, 0.95, bold=day.goal_met))
                painter.setPen(text)
                value_rect = QRectF(
                    centre - slot / 2, bar.top() - metrics.height() - 3, slot, metrics.height()
                )
                painter.drawText(value_rect, Qt.AlignmentFlag.AlignCenter, bar_label(day))

            # Day name and date under the axis.
            is_today = day.day == self._today
            painter.setFont(small_font(self, 0.9, bold=is_today))
            colour = dim if day.is_future or not day.is_work_day else text
            painter.setPen(colour)
            name_rect = QRectF(centre - slot / 2, plot.bottom() + 4, slot, metrics.height())
            painter.drawText(name_rect, Qt.AlignmentFlag.AlignCenter, short_day_name(index))
            painter.setFont(small)
            painter.setPen(dim if not is_today else text)
            date_rect = name_rect.translated(0, metrics.height() + 1)
            # Translators: under today's bar in the week chart, in place of its date (short).
            label = _("today") if is_today else short_date(day.day)
            painter.drawText(date_rect, Qt.AlignmentFlag.AlignCenter, label)

        # The goal line, over the bars so it stays visible on a tall bar.
        if self._days:
            y = self.goal_line_y()
            goal_pen = QPen(mix(text, accent, 0.35), 1.5, Qt.PenStyle.DashLine)
            goal_pen.setDashPattern([4.0, 3.0])
            painter.setPen(goal_pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right() + 4, y))
            painter.setFont(small_font(self, 0.85, bold=True))
            painter.setPen(text)
            painter.drawText(
                QRectF(plot.right() + 6, y - metrics.height() / 2, 200, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                _goal_text(self._goal),
            )
        painter.end()


class CheckinSparkline(QWidget):
    """A small line of the mid-back check-ins (0-10, higher feels better), oldest left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[tuple[date, float], ...] = ()
        self.setMinimumSize(140, 44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Mid-back check-ins"))
        self.setAccessibleDescription(_("No check-ins yet."))

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
            return _("No check-ins yet.")
        first_day, first = self._points[0]
        last_day, last = self._points[-1]
        if len(self._points) == 1:
            return _("One check-in: {score} of 10 on {day}.").format(
                score=_score(last), day=long_date(last_day)
            )
        count = len(self._points)
        return ngettext(
            "{count} check-in from {first_day} to {last_day}: "
            "{first} of 10 at first, {last} of 10 latest.",
            "{count} check-ins from {first_day} to {last_day}: "
            "{first} of 10 at first, {last} of 10 latest.",
            count,
        ).format(
            count=count,
            first_day=long_date(first_day),
            last_day=long_date(last_day),
            first=_score(first),
            last=_score(last),
        )

    @override
    def sizeHint(self) -> QSize:
        return QSize(220, 52)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.update()
        super().changeEvent(event)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
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
    # The decimal mark follows the language ("4,5" in German).
    return QLocale().toString(value, "f", 0 if value == int(value) else 1)


def _goal_text(goal: int) -> str:
    # Translators: beside the dashed goal line of the week chart, e.g. "goal 4" (short).
    return _("goal {count}").format(count=goal)
