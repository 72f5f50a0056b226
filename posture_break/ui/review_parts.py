"""The review window's parts: its number cards, the rest-day menu, its titles and lines."""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QAction, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from posture_break.core.i18n import _, ngettext
from posture_break.ui.dates import long_date, week_range


@functools.cache
def stretch_titles() -> Mapping[str, str]:
    """Return stretch id -> title from the shipped catalogue, or nothing if it cannot be read.

    Parsing the catalogue costs tens of milliseconds, so it is read once per process; the app can
    skip even that by passing the titles of the catalogue it already holds.
    """
    try:
        from posture_break.core.catalogue import load_catalogue, titles_by_id

        return MappingProxyType(titles_by_id(load_catalogue()))
    except (ImportError, ValueError, OSError):
        # Favourites then show ids: the review must open even with a broken catalogue.
        return MappingProxyType({})


def week_title(monday: date) -> str:
    """Return e.g. "17 - 23 November 2026", spanning months and years as needed."""
    return week_range(monday, monday + timedelta(days=6))


def week_titles(monday: date, goal: int, *, is_this_week: bool) -> tuple[str, str]:
    """Return the review's title and subtitle for the week starting on `monday`."""
    span = week_title(monday)
    if is_this_week:
        # Translators: under the review's title, e.g. "17 - 23 November 2026 · daily goal
        # 4 stretches".
        subtitle = ngettext(
            "{week} · daily goal {count} stretch", "{week} · daily goal {count} stretches", goal
        )
        return _("This week"), subtitle.format(week=span, count=goal)
    subtitle = ngettext("daily goal {count} stretch", "daily goal {count} stretches", goal)
    # Translators: the review's title for an earlier week, e.g. "Week of 10 - 16 November 2026".
    return _("Week of {week}").format(week=span), subtitle.format(count=goal)


def favourite_texts(rank: int, title: str, count: int) -> tuple[str, str]:
    """Return a favourite's line ("1. Cat-cow - 5x") and what a screen reader says for it."""
    # Translators: a line of the favourite stretches, e.g. "1. Seated cat-cow - 5x" (5 times).
    line = _("{rank}. {title} – {count}×")  # noqa: RUF001 - the en dash and times sign are meant
    line = line.format(rank=rank, title=title, count=count)
    name = ngettext(
        "Favourite {rank}: {title}, done {count} time",
        "Favourite {rank}: {title}, done {count} times",
        count,
    )
    return line, name.format(rank=rank, title=title, count=count)


def latest_checkin_text(score: int, day: date, count: int) -> str:
    """Return the line under the check-in sparkline: the latest answer, and how many."""
    return ngettext(
        "Latest: {score} of 10 on {day} ({count} check-in in these weeks)",
        "Latest: {score} of 10 on {day} ({count} check-ins in these weeks)",
        count,
    ).format(score=score, day=long_date(day), count=count)


def day_unit(count: int) -> str:
    """Return "day" or "days", the unit beside a card's big number."""
    # Translators: the unit beside a big number on a review card ("3 days"); the number is
    # shown separately, larger.
    return ngettext("day", "days", count)


def stretch_unit(count: int) -> str:
    """Return "stretch" or "stretches", the unit beside a card's big number."""
    # Translators: the unit beside a big number on a review card ("12 stretches"); the number
    # is shown separately, larger.
    return ngettext("stretch", "stretches", count)


class StatCard(QFrame):
    """A caption over a big number and its unit, and an optional note under them."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.caption = QLabel(caption)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.caption.setWordWrap(True)  # a long translated caption wraps inside its card
        self.value = QLabel("0")
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 2.2)
        font.setBold(True)
        self.value.setFont(font)
        self.unit = QLabel()
        self.unit.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        number = QHBoxLayout()
        number.setSpacing(6)
        number.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBaseline)
        number.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBaseline)
        number.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        self.note = QLabel()
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.caption)
        layout.addLayout(number)
        layout.addWidget(self.note)
        layout.addStretch(1)
        # Minimum, not Fixed: a card with a note makes the whole row of cards as tall as itself.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted, not styled: a style sheet would stop palette changes (light/dark) reaching
        # the labels inside, and costs a style object per card.
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Midlight), 1.0))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        painter.end()

    def set_value(
        self, value: int, unit: str, caption: str | None = None, note: str | None = None
    ) -> None:
        """Show `value` with its unit (and a new caption, and a note under it, if given)."""
        if caption is not None:
            self.caption.setText(caption)
        self.value.setText(str(value))
        self.unit.setText(unit)
        self.note.setText(note or "")
        self.note.setVisible(bool(note))
        caption = self.caption.text()
        # Translators: a number card of the review for a screen reader, e.g.
        # "Best streak: 9 days", or with a note "Current streak: 3 days, 2 freezes in hand".
        name = _("{caption}: {value} {unit}, {note}") if note else _("{caption}: {value} {unit}")
        self.setAccessibleName(name.format(caption=caption, value=value, unit=unit, note=note))


class RestDayButton(QPushButton):
    """A button whose menu marks or unmarks each day of the shown week as a rest day.

    The menu is a list of the seven days with a check beside each rest day, so it works from the
    keyboard (the button's mnemonic, arrows, Enter) as well as with the mouse.

    Signals:
        rest_day_toggled: A day was picked; carries the day and whether it should now be a rest day.
    """

    rest_day_toggled = Signal(date, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("&Rest days…"), parent)
        self.setToolTip(_("Mark or unmark a day of this week as a rest day (R)"))
        self.setAccessibleName(_("Rest days of the week shown"))
        self.menu_of_days = QMenu(self)
        self.menu_of_days.setAccessibleName(_("Rest days"))
        self.setMenu(self.menu_of_days)

    def set_week(self, days: Sequence[date], rest_days: Collection[date]) -> None:
        """List `days` (Monday first), checking the ones in `rest_days`."""
        self.menu_of_days.clear()
        for day in days:
            action = QAction(long_date(day), self.menu_of_days)
            action.setCheckable(True)
            action.setChecked(day in rest_days)
            action.setData(day)
            action.toggled.connect(functools.partial(self._on_toggled, day))
            self.menu_of_days.addAction(action)

    def day_actions(self) -> tuple[QAction, ...]:
        """Return the menu's actions, Monday first (for tests and accessibility checks)."""
        return tuple(self.menu_of_days.actions())

    def _on_toggled(self, day: date, checked: bool) -> None:
        self.rest_day_toggled.emit(day, checked)
