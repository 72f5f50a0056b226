"""The week review ("This week…"): streaks, the week against the goal, 12 weeks, favourites.

Open it with::

    window = ReviewWindow(history: BreakHistory, settings: Settings, clock: Clock, parent=None,
                          *, titles: Mapping[str, str] | None = None)
    window.show()

`titles` maps stretch ids to their titles for the favourites; without it the shipped catalogue
is read (once per process).

Every number comes from `core.stats.StatsService`, the same service ``posture-break stats``
uses, over one reading of the per-day totals, so the window always agrees with
``posture-break stats --json`` for the same week. Left/Right (or the buttons) move a week,
Home comes back to this week. Export CSV… asks for a file through `ask_export_path` (a module
function tests replace) and writes every break with `core.csvio.write_csv`; the outcome is shown
in words at the bottom of the window. Rest days… (R) marks or unmarks a day of the week shown as
a rest day through the history's own `add_rest_days` / `remove_rest_days`; the bars show rest
days and frozen days (a snowflake), and the streak card the freezes in hand. `refresh()` re-reads
the history (the window also does so on show when the day has changed);
`apply_settings(settings)` follows a new goal, work days or `goal.freezes`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPushButton,
    QWidget,
)
from typing_extensions import override

from posture_break.core.clock import Clock
from posture_break.core.history import HistoryError
from posture_break.core.i18n import _, ngettext
from posture_break.core.outbox import AnyHistory
from posture_break.core.plan import work_day_numbers
from posture_break.core.record import DayCounts
from posture_break.core.settings import Settings
from posture_break.core.stats import StatsReport, StatsService, WeekReport, build_stats, week_start
from posture_break.core.stats_text import SNOWFLAKE, freezes_phrase, week_sentence
from posture_break.ui.dates import long_date
from posture_break.ui.heat_map import WeekHeatmap
from posture_break.ui.plain_text import keep_plain
from posture_break.ui.review_layout import lay_out_review
from posture_break.ui.review_parts import (
    RestDayButton,
    StatCard,
    day_unit,
    favourite_texts,
    latest_checkin_text,
    stretch_titles,
    stretch_unit,
    week_titles,
)
from posture_break.ui.week_chart import CheckinSparkline, WeekBarsChart
from posture_break.ui.window_fit import fit_window, scroll_contents, tall_enough

HEATMAP_WEEKS = 12
FAVOURITES = 3
REVIEW_SIZE = QSize(660, 620)  # the size it would like; smaller screens get less


def ask_export_path(parent: QWidget, suggested: Path) -> Path | None:
    """Ask where to save the CSV export; return None when the user cancels."""
    # Qt's file-type filter list: each entry is a translated name and its pattern, ";;" apart.
    filters = ";;".join((_("CSV files (*.csv)"), _("All files (*)")))
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("Export break history"), str(suggested), filters
    )
    return Path(name) if name else None


class ReviewWindow(QWidget):
    """Show the streaks, one week against the daily goal, 12 weeks, favourites and check-ins."""

    def __init__(
        self,
        history: AnyHistory,
        settings: Settings,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        titles: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._history = history
        self._settings = settings
        self._clock = clock
        self._titles = dict(titles) if titles is not None else stretch_titles()
        self._goal = settings.goal.daily
        self._freezes = settings.goal.freezes
        self._work_days = work_day_numbers(settings.schedule)
        self._rest: frozenset[date] = frozenset()
        self._today = date.min
        self._counts: dict[date, DayCounts] = {}
        self._report: StatsReport | None = None
        self._week: WeekReport | None = None
        self._monday = date.min
        self._first_monday = date.min
        self._load_problem = ""
        self.setWindowTitle(_("This week"))  # Qt adds " — posture-break"
        self.setObjectName("reviewWindow")

        self.title = QLabel()
        title_font = QFont(self.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9.0) * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.subtitle = QLabel()
        self.subtitle.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # Dates and goal in a long language: two lines rather than a window wider than the screen.
        self.title.setWordWrap(True)
        self.subtitle.setWordWrap(True)
        # Translators: the arrows point back and forward in time; keep them where they are.
        self.previous_button = QPushButton(_("◀ &Previous"))
        self.this_week_button = QPushButton(_("&This week"))
        self.next_button = QPushButton(_("&Next ▶"))
        self.previous_button.setToolTip(_("Previous week (Left arrow)"))
        self.next_button.setToolTip(_("Next week (Right arrow)"))
        self.this_week_button.setToolTip(_("Back to this week (Home)"))
        self.previous_button.setAccessibleName(_("Previous week"))
        self.next_button.setAccessibleName(_("Next week"))
        self.previous_button.clicked.connect(self.show_previous_week)
        self.next_button.clicked.connect(self.show_next_week)
        self.this_week_button.clicked.connect(self.show_this_week)

        self.current_card = StatCard(_("Current streak"))
        self.best_card = StatCard(_("Best streak"))
        self.week_card = StatCard(_("This week"))
        # Translators: the caption of the card with every stretch ever done.
        self.total_card = StatCard(_("All time"))

        self.week_heading = QLabel()
        self.week_heading.setFont(self._heading_font())
        self.week_summary = QLabel()
        self.week_summary.setWordWrap(True)
        self.bars = WeekBarsChart()
        self.heatmap = WeekHeatmap()
        self.heatmap.week_clicked.connect(self._on_heatmap_week_clicked)
        self.heatmap_heading = QLabel(
            ngettext("Last {count} week", "Last {count} weeks", HEATMAP_WEEKS).format(
                count=HEATMAP_WEEKS
            )
        )
        self.heatmap_heading.setFont(self._heading_font())

        self.favourites_heading = QLabel(_("Favourite stretches"))
        self.favourites_heading.setFont(self._heading_font())
        self.favourite_labels = tuple(QLabel() for _ in range(FAVOURITES))
        self.no_favourites = QLabel(_("No stretches completed in these weeks yet."))
        self.no_favourites.setWordWrap(True)
        self.checkin_heading = QLabel(_("How your mid back feels"))
        self.checkin_heading.setFont(self._heading_font())
        # Translations run longer: the side column's words wrap rather than widen the window.
        for label in (self.favourites_heading, self.checkin_heading, *self.favourite_labels):
            label.setWordWrap(True)
        self.sparkline = CheckinSparkline()
        self.latest_checkin = QLabel()
        self.latest_checkin.setWordWrap(True)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Selectable by mouse (to copy an export path) but no Tab stop: it is empty most of the
        # time, and a screen reader hears its news through the name change.
        self.status.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status.setAccessibleName(_("Status"))
        self.rest_button = RestDayButton()
        self.rest_button.rest_day_toggled.connect(self.set_rest_day)
        self.export_button = QPushButton(_("&Export CSV…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.close_button = QPushButton(_("&Close"))
        self.close_button.clicked.connect(self.close)

        lay_out_review(self)
        self.scroll_area = scroll_contents(self)  # small screens scroll; Close is never cut off
        for key, slot in (
            (Qt.Key.Key_Left, self.show_previous_week),
            (Qt.Key.Key_Right, self.show_next_week),
            (Qt.Key.Key_Home, self.show_this_week),
            (Qt.Key.Key_Escape, self.close),
            (Qt.Key.Key_R, self.rest_button.showMenu),
        ):
            QShortcut(QKeySequence(key), self, slot)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self.refresh()
        self.fit_to()  # once its texts are in: a longer language takes more lines
        keep_plain(self)  # its labels may show text from files: never as markup

    def _heading_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def fit_to(self, available: QRect | None = None) -> None:
        """Fit the window to `available` (default: the screen under the pointer)."""
        preferred = tall_enough(REVIEW_SIZE, self.scroll_area)
        fit_window(self, preferred, available=available, scroll=self.scroll_area)

    # --- data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the history as of now and redraw (staying on an earlier week if one is shown)."""
        was_this_week = self._monday == week_start(self._today) or self._monday == date.min
        self._today = self._clock.now().date()
        service = self._stats()
        try:
            self._counts = service.day_counts(self._today)
            self._rest = frozenset(self._history.rest_days())  # planned ones too, for the bars
            self._report = service.report(self._today, self._counts, self._rest)
            self._load_problem = ""
        except HistoryError as exc:
            self._counts, self._rest = {}, frozenset()
            self._report = build_stats(
                {}, 0, self._goal, self._work_days, self._today, freezes=self._freezes
            )
            self._load_problem = str(exc)
        first_day = min(self._counts, default=self._today)
        self._first_monday = week_start(min(first_day, self._today))
        this_monday = week_start(self._today)
        if was_this_week:
            self._monday = this_monday
        self._show_report(self._report)
        self.show_week(self._monday)
        self.status.setText(self._load_problem)

    def _stats(self) -> StatsService:
        return StatsService(self._history, self._goal, self._work_days, freezes=self._freezes)

    def apply_settings(self, settings: Settings) -> None:
        """Use a new daily goal and work days (the settings were saved while this was open)."""
        self._settings = settings
        self._goal = settings.goal.daily
        self._freezes = settings.goal.freezes
        self._work_days = work_day_numbers(settings.schedule)
        self.refresh()

    def report(self) -> StatsReport:
        """Return the report behind the streaks and totals (as of today)."""
        if self._report is None:
            raise RuntimeError("the review has not loaded yet")
        return self._report

    def week(self) -> WeekReport:
        """Return the week shown in the bars."""
        if self._week is None:
            raise RuntimeError("the review has not loaded yet")
        return self._week

    def _show_report(self, report: StatsReport) -> None:
        self.current_card.set_value(
            report.current_streak,
            day_unit(report.current_streak),
            note=f"{SNOWFLAKE} {freezes_phrase(report.freezes_banked)}" if self._freezes else None,
        )
        self.best_card.set_value(report.best_streak, day_unit(report.best_streak))
        self.total_card.set_value(report.total_completed, stretch_unit(report.total_completed))

    # --- weeks ---------------------------------------------------------------------------------

    def show_week(self, monday: date) -> None:
        """Show the week starting on `monday` (clamped to the weeks that have history)."""
        this_monday = week_start(self._today)
        monday = week_start(monday)
        monday = max(self._first_monday, min(monday, this_monday))
        self._monday = monday
        report = self.report()
        if monday == this_monday:
            week = report.week
        else:
            week = self._stats().week(monday, self._today, self._counts, self._rest)
        self._week = week
        is_this_week = monday == this_monday
        title, subtitle = week_titles(monday, self._goal, is_this_week=is_this_week)
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.setWindowTitle(title)
        self.week_heading.setText(_("Each day against your goal"))
        self.week_card.set_value(
            week.completed,
            stretch_unit(week.completed),
            _("This week") if is_this_week else _("That week"),
        )
        self.week_summary.setText(week_sentence(week))
        self.bars.set_week(week.days, self._goal, self._today, self._rest)
        self.rest_button.set_week([day.day for day in week.days], self._rest)
        self.previous_button.setEnabled(monday > self._first_monday)
        self.next_button.setEnabled(not is_this_week)
        self.this_week_button.setEnabled(not is_this_week)
        self._show_weeks_around(monday)

    # --- rest days -----------------------------------------------------------------------------

    def set_rest_day(self, day: date, rest: bool) -> None:
        """Mark (or unmark) `day` as a rest day in the history, then show the new numbers."""
        try:
            if rest:
                self._history.add_rest_days([day])
            else:
                self._history.remove_rest_days([day])
        except HistoryError as exc:
            self.refresh()  # the menu shows the day as it really is
            self.status.setText(str(exc))
            return
        self.refresh()
        done = _("{day} is a rest day now.") if rest else _("{day} is no longer a rest day.")
        self.status.setText(done.format(day=long_date(day)))

    def _show_weeks_around(self, monday: date) -> None:
        this_monday = week_start(self._today)
        # The heatmap ends at this week, unless the week shown is older than it reaches.
        last_monday = max(monday, this_monday - timedelta(weeks=HEATMAP_WEEKS - 1))
        last_monday = min(last_monday, this_monday)
        first_monday = last_monday - timedelta(weeks=HEATMAP_WEEKS - 1)
        completed = {day: counts.completed for day, counts in self._counts.items()}
        self.heatmap.set_weeks(
            first_monday,
            HEATMAP_WEEKS,
            completed,
            self._goal,
            self._today,
            self._work_days,
            selected=monday,
        )
        last_day = min(last_monday + timedelta(days=6), self._today)
        self._show_favourites(first_monday, last_day)
        self._show_checkins(first_monday, last_day)

    def _show_favourites(self, first: date, last: date) -> None:
        try:
            counts = self._history.stretch_counts(first, last)[:FAVOURITES]
        except HistoryError as exc:
            counts = []
            self.status.setText(str(exc))
        for index, label in enumerate(self.favourite_labels):
            if index < len(counts):
                stretch, done = counts[index]
                text, name = favourite_texts(index + 1, self._titles.get(stretch, stretch), done)
                label.setText(text)
                label.setAccessibleName(name)
                label.show()
            else:
                label.hide()
        self.no_favourites.setVisible(not counts)

    def favourites(self) -> tuple[str, ...]:
        """Return the favourite stretches as shown, best first."""
        return tuple(label.text() for label in self.favourite_labels if not label.isHidden())

    def _show_checkins(self, first: date, last: date) -> None:
        try:
            answers = self._history.checkins(first, last)
        except HistoryError:
            answers = []
        by_day: dict[date, list[int]] = defaultdict(list)
        for day, value in answers:
            by_day[day].append(value)
        points = [(day, sum(values) / len(values)) for day, values in sorted(by_day.items())]
        self.sparkline.set_points(points)
        has_points = bool(points)
        for widget in (self.checkin_heading, self.sparkline, self.latest_checkin):
            widget.setVisible(has_points)
        if has_points:
            last_day, last_value = answers[-1]
            self.latest_checkin.setText(latest_checkin_text(last_value, last_day, len(answers)))

    def show_previous_week(self) -> None:
        """Show the week before the one shown."""
        self.show_week(self._monday - timedelta(weeks=1))

    def show_next_week(self) -> None:
        """Show the week after the one shown (never past this week)."""
        self.show_week(self._monday + timedelta(weeks=1))

    def show_this_week(self) -> None:
        """Come back to this week."""
        self.show_week(week_start(self._today))

    def _on_heatmap_week_clicked(self, monday: date) -> None:
        self.show_week(monday)

    # --- export --------------------------------------------------------------------------------

    def _on_export_clicked(self) -> None:
        self.export_csv()

    def export_csv(self) -> Path | None:
        """Ask for a file and write every break to it as CSV; return the path written, if any."""
        suggested = Path.home() / f"posture-break-{self._today.isoformat()}.csv"
        target = ask_export_path(self, suggested)
        if target is None:
            return None
        try:
            from posture_break.core.csvio import write_csv

            records = self._history.records()
            rest_days = self._history.rest_days()
            with target.open("w", encoding="utf-8", newline="") as stream:
                write_csv(records, stream, rest_days)
        except HistoryError as exc:
            self.status.setText(_("Nothing was exported: {reason}").format(reason=exc))
            return None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.status.setText(
                _("Could not export to {path}: {reason}.").format(path=target, reason=reason)
            )
            return None
        self.status.setText(
            ngettext(
                "Exported {count} break to {path}.",
                "Exported {count} breaks to {path}.",
                len(records),
            ).format(count=len(records), path=target)
        )
        return target

    # --- events --------------------------------------------------------------------------------

    @override
    def showEvent(self, event: QShowEvent) -> None:
        # A window kept open (or reopened) across midnight shows the new day.
        if self._clock.now().date() != self._today:
            self.refresh()
        super().showEvent(event)

    def _on_scheme_changed(self, *_args: object) -> None:
        # The painted figures read the palette when they paint; make them paint again.
        for widget in (self.bars, self.heatmap, self.sparkline):
            widget.update()
