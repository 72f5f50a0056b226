"""The stretch window: one stretch, an animated figure, and a calm countdown.

Time: the run (`core/stretch_run.py`) counts on the monotonic clock along the stretch's
timeline (`core/timeline.py`, built from its dose). Timers only decide *when to look*: one
single-shot timer wakes exactly when something visible changes (the next second of the
countdown, a breath turning, a hold, the next step, the switch). Nothing runs while paused or
finished.

The page on show is a `RunView` (the stretch, its figure, the ring) or, at the end, an `EndView`;
the figure moves as `ui/figure_motion.py` says. Outcomes: `StretchRun` decides what is recorded
when; the window saves it through `BreakHistory.record` and announces it with `recorded`.
"""

from __future__ import annotations

import bisect
import logging
from typing import Protocol

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QHideEvent,
    QMouseEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from posture_break.core.clock import Clock
from posture_break.core.history import HistoryError
from posture_break.core.i18n import N_, _
from posture_break.core.picker import HISTORY_WANTED, Picker, matches_filters
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.settings import Settings
from posture_break.core.stats import DayTotals
from posture_break.core.stretch import Stretch
from posture_break.core.stretch_run import Stage, StretchRun
from posture_break.core.timeline import EPSILON_S, build_timeline, clock_text, ms_until
from posture_break.ui.chime import Chime
from posture_break.ui.countdown_ring import CountdownRing
from posture_break.ui.figure_frames import FigureFrames
from posture_break.ui.figure_motion import FigureAnimator, FigureMotion
from posture_break.ui.stretch_end_view import EndView, today_tally
from posture_break.ui.stretch_keys import bind_stretch_keys
from posture_break.ui.stretch_run_view import RunView
from posture_break.ui.stretch_style import style_sheet
from posture_break.ui.theme import current_theme
from posture_break.ui.window_fit import fit_window, scroll_contents, tall_enough

_log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(420, 580)
SCROLL_BAR_ROOM = 24  # the most a scroll bar takes, beside the page on a short screen
NO_MATCH = N_("Nothing matches your stretch settings, so here is a gentle desk stretch.")


class History(DayTotals, Protocol):
    """What the window needs from `BreakHistory` (its day totals feed the end view's streak)."""

    def record(self, entry: BreakRecord) -> int:
        """Save one break and return its row id."""

    def set_checkin(self, row_id: int, value: int) -> None:
        """Attach a 0-10 check-in to a saved break."""

    def recent_stretches(self, limit: int) -> tuple[str, ...]:
        """Return up to `limit` different stretch ids, the most recent first."""


class StretchWindow(QWidget):
    """Show one stretch and count down its hold.

    Signals:
        recorded: A break outcome was saved; carries the `BreakRecord`.
        finished: The stretch was completed (Done, or the countdown reached zero).
        skipped: The user skipped the stretch (before or after starting it).
        checked_in: The user answered the check-in; carries the 0-10 value.
        closed: The window closed, whatever the outcome; it is not reused afterwards.
    """

    recorded = Signal(object)
    finished = Signal()
    skipped = Signal()
    checked_in = Signal(int)
    closed = Signal()

    def __init__(
        self,
        stretch: Stretch,
        *,
        clock: Clock,
        settings: Settings,
        history: History,
        trigger: Trigger,
        picker: Picker | None,
        chime: Chime | None,
        figure_motion: FigureMotion = FigureMotion.BREATH,
        figure_steps: int = 10,
        length_s: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Build the window; nothing is shown or recorded until `show_stretch`.

        Args:
            stretch: The stretch to show first.
            clock: The clock (monotonic for the countdown, wall for the record).
            settings: Stretch length, sound, check-in, goal and work days.
            history: Where outcomes and the check-in are saved.
            trigger: Scheduled (waits unfocused for Start) or on demand (starts at once).
            picker: Offers "Another stretch"; None hides that button.
            chime: Played at the end when sound is on; None is silent.
            figure_motion: How often the figure is redrawn (see `FigureMotion`).
            figure_steps: Visible steps per half breath for `FigureMotion.SMOOTH`.
            length_s: Squeeze or stretch the timeline to exactly this length (benchmarks, tests).
            parent: Optional parent widget.
        """
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("StretchWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle(_("Stretch break"))
        self._clock = clock
        self._settings = settings
        self._history = history
        self._trigger = trigger
        self._picker = picker
        self._chime = chime
        self._length_s = length_s
        self._opened_at = clock.now()
        self._recent: list[str] = []
        self._row_id: int | None = None
        self._is_closed_emitted = False

        if trigger is Trigger.SCHEDULED:
            # A scheduled break must not steal the keyboard mid-sentence: it takes focus only
            # when the user clicks it or starts it.
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)

        self._tick_timer = QTimer(self)
        self._tick_timer.setObjectName("countdownTimer")
        self._tick_timer.setSingleShot(True)
        self._tick_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick_timer.timeout.connect(self._on_tick_timer_timeout)

        self._build()
        self._run_page.reduced_motion = figure_motion is FigureMotion.STILL  # the ring jumps
        self._animator = FigureAnimator(self._figure, figure_motion, figure_steps, self)
        self._shortcuts = bind_stretch_keys(self)
        self._apply_theme()
        self._load(stretch)
        # A calm width at most: texts wrap inside it instead of stretching the window. On a
        # small screen the window shrinks and its page scrolls (`fit_window` in `show_stretch`).
        self.setMaximumWidth(WINDOW_SIZE.width() + SCROLL_BAR_ROOM)
        self.resize(WINDOW_SIZE)

    # -- public -----------------------------------------------------------------------------

    @property
    def stretch(self) -> Stretch:
        """Return the stretch on show."""
        return self._stretch

    @property
    def stage(self) -> Stage:
        """Return where the window is: ready, running, paused, ended or closed."""
        return self._run.stage

    @property
    def run(self) -> StretchRun:
        """Return the run on show: its stage, timeline and elapsed time."""
        return self._run

    @property
    def figure(self) -> FigureFrames:
        """Return the figure view (for tests and screenshots)."""
        return self._figure

    @property
    def ring(self) -> CountdownRing:
        """Return the countdown ring (for tests and screenshots)."""
        return self._ring

    def show_stretch(self, *, start: bool | None = None, available: QRect | None = None) -> None:
        """Show the window centred on the screen with the mouse, fitted to its free area.

        Args:
            start: Start the countdown (and take focus) at once. By default only a stretch the
                user opened does; a scheduled one waits, unfocused, for a click or Start. Pass
                True when the user already said Start in the break prompt.
            available: The free screen area to fit in (tests); default: under the pointer.
        """
        fit_window(
            self, tall_enough(WINDOW_SIZE, self._scroll), available=available, scroll=self._scroll
        )
        if start is None:
            start = self._trigger is Trigger.ON_DEMAND
        if start:
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        self.show()
        if start:
            self.raise_()
            self.activateWindow()
            self.start()

    def start(self) -> None:
        """Start the countdown (from the ready state) and take focus: the user asked for it."""
        if self._run.stage is not Stage.READY:
            return
        self._take_focus()
        self._run.start()
        self.refresh()

    def pause(self) -> None:
        """Stop the countdown and every timer until `resume`."""
        if not self._run.pause():
            return
        self._tick_timer.stop()
        self._animator.stop()
        self.refresh()

    def resume(self) -> None:
        """Carry on counting down from where `pause` stopped."""
        if not self._run.resume():
            return
        self.refresh()

    def toggle_pause(self) -> None:
        """Start, pause or resume: what the first button (and Space) does."""
        if self._run.stage is Stage.READY:
            self.start()
        elif self._run.stage is Stage.RUNNING:
            self.pause()
        elif self._run.stage is Stage.PAUSED:
            self.resume()

    def done(self) -> None:
        """Finish now: completed from half the planned time on (Enter starts a ready window)."""
        if self._run.stage is Stage.READY:
            self.start()
        elif self._run.stage in (Stage.RUNNING, Stage.PAUSED):
            self._complete()
        elif self._run.stage is Stage.ENDED:
            self.close()

    def skip(self) -> None:
        """Skip this stretch: `skipped` before starting, `abandoned` after; then close."""
        if self._run.stage is Stage.ENDED:
            self.close()
            return
        if not self._run.stage.is_live:
            return
        self._save(self._run.leave())
        self.skipped.emit()
        self.close()

    def another(self) -> None:
        """Offer a different stretch for the same break (nothing is recorded for the swap)."""
        if self._picker is None or not self._run.stage.is_live:
            return
        was_started = self._run.was_started
        self._run.swap()
        self._stop_timers()
        self._load(self._picker.pick(self._recent_ids(), None))
        if was_started:
            self.start()

    def _recent_ids(self) -> list[str]:
        """Return what this window showed and the history, newest first, each once."""
        try:
            older = self._history.recent_stretches(HISTORY_WANTED)
        except HistoryError:
            older = ()  # a history problem must not stop another stretch
        return list(dict.fromkeys([*reversed(self._recent), *older]))

    def answer_checkin(self, value: int) -> None:
        """Store the one-tap check-in (0-10) with the completed break, then close soon."""
        if self._row_id is None or self._run.stage is not Stage.ENDED or not 0 <= value <= 10:
            return
        try:
            self._history.set_checkin(self._row_id, value)
        except HistoryError:
            _log.exception("could not save the check-in")
        self._row_id = None
        self.checked_in.emit(value)
        self._end_page.thank()

    def refresh(self) -> None:
        """Look at the clock and bring the view up to date; finish if the time is up."""
        if not self._run.stage.is_live:
            return
        if self._run.is_due():
            self._complete()
            return
        elapsed = self._run.elapsed_s()
        self._show_at(elapsed)
        if self._run.stage is Stage.RUNNING:
            self._schedule_tick(elapsed)
            self._schedule_frame(elapsed)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self._pages = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._pages)
        self._scroll = scroll_contents(self)  # a small screen scrolls the page, never cuts it
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._run_page = RunView()
        self._end_page = EndView()
        self._ring = self._run_page.ring
        self._figure = self._run_page.figure
        self._run_page.pause_clicked.connect(self.toggle_pause)
        self._run_page.done_clicked.connect(self.done)
        self._run_page.skip_clicked.connect(self.skip)
        self._run_page.another_clicked.connect(self.another)
        self._end_page.answered.connect(self.answer_checkin)
        self._end_page.close_requested.connect(self.close)
        self._pages.addWidget(self._run_page)
        self._pages.addWidget(self._end_page)

    def _apply_theme(self) -> None:
        # The application palette (or the desktop's scheme) decides light or dark: our own
        # style sheet changes this widget's palette, and reacting to that would loop.
        theme = current_theme()
        if theme == getattr(self, "_theme", None):
            return
        self._theme = theme
        self.setStyleSheet(style_sheet(theme))
        self._run_page.set_theme(theme)
        self._end_page.set_theme(theme)

    def _load(self, stretch: Stretch) -> None:
        """Show `stretch` from its start, ready to run."""
        self._stretch = stretch
        self._recent.append(stretch.id)
        self._timeline = build_timeline(stretch, float(self._settings.breaks.stretch_seconds))
        if self._length_s:
            self._timeline = self._timeline.scaled_to(self._length_s)
        self._run = StretchRun(
            stretch,
            self._timeline,
            clock=self._clock,
            trigger=self._trigger,
            opened_at=self._opened_at,
        )
        self._boundaries = self._timeline.boundaries()
        notice = "" if matches_filters(stretch, self._settings.stretches) else _(NO_MATCH)
        self._run_page.load(stretch, can_swap=self._picker is not None, notice=notice)
        self._animator.reset()
        self._show_at(0.0)

    # -- showing ----------------------------------------------------------------------------

    def _show_at(self, elapsed: float) -> None:
        """Bring the page up to what it should show at `elapsed`."""
        self._run_page.show_at(self._run, elapsed)
        self._animator.show_at(self._run, elapsed)

    def _schedule_tick(self, elapsed: float) -> None:
        """Wake exactly when the next visible change (or the end) is due."""
        index = bisect.bisect_right(self._boundaries, elapsed + EPSILON_S)
        due = self._boundaries[min(index, len(self._boundaries) - 1)]
        self._tick_timer.start(ms_until(due - elapsed, floor_ms=1))

    def _schedule_frame(self, elapsed: float) -> None:
        is_watched = self.isVisible() and not self.isMinimized()
        self._animator.schedule(self._run, elapsed, is_watched=is_watched)

    # -- outcomes ---------------------------------------------------------------------------

    def _complete(self) -> None:
        planned_s = self._timeline.total_s
        record = self._run.complete()
        self._stop_timers()
        self._save(record)
        if record is not None and record.outcome is Outcome.ABANDONED:
            # Done too early: say gently why it does not count, no chime, no check-in.
            self._end_page.show_stopped_early(self._what(), planned=clock_text(planned_s))
            self._pages.setCurrentWidget(self._end_page)
            return
        self.finished.emit()
        if self._settings.breaks.sound and self._chime is not None:
            self._chime.play()
        self._show_end_view()

    def _save(self, entry: BreakRecord | None) -> None:
        """Save the record the run decided on (None: nothing to record) and announce it."""
        self._row_id = None
        if entry is None:
            return
        try:
            row_id = self._history.record(entry)
        except HistoryError:
            # A full disk or a read-only file must not trap the user in the window; the app's
            # status shows that the history cannot be written.
            _log.exception("could not save the %s stretch %s", entry.outcome, entry.stretch)
            return
        self._row_id = row_id if entry.outcome is Outcome.COMPLETED else None
        self.recorded.emit(entry)

    def _show_end_view(self) -> None:
        done, streak = today_tally(self._history, self._settings, self._clock.now().date())
        self._end_page.show_result(
            self._what(),
            why=self._stretch.why,
            done=done,
            goal=self._settings.goal.daily,
            streak=streak,
            ask=self._settings.breaks.checkin and self._row_id is not None,
        )
        self._pages.setCurrentWidget(self._end_page)

    def _what(self) -> str:
        # Translators: on the end page, the stretch done and how long it took ("Cat-cow · 1:02").
        what = _("{title} · {time}")
        return what.format(title=self._stretch.title, time=clock_text(self._run.elapsed_s()))

    def _stop_timers(self) -> None:
        self._tick_timer.stop()
        self._animator.stop()

    def _take_focus(self) -> None:
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        if self.isVisible():
            self.raise_()
            self.activateWindow()

    # -- slots and events -------------------------------------------------------------------

    def _on_tick_timer_timeout(self) -> None:
        self.refresh()

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Take focus on a click: the user has turned to the window, it may take the keyboard."""
        self._take_focus()
        super().mousePressEvent(event)

    @override
    def showEvent(self, event: QShowEvent) -> None:
        """Resume drawing the figure when the window shows again."""
        super().showEvent(event)
        if self._run.stage is Stage.RUNNING:
            self._schedule_frame(self._run.elapsed_s())

    @override
    def hideEvent(self, event: QHideEvent) -> None:
        """Stop drawing the figure while hidden."""
        # Nobody watches a hidden figure: stop drawing it. The countdown keeps its deadline.
        self._animator.stop()
        super().hideEvent(event)

    @override
    def changeEvent(self, event: QEvent) -> None:
        """Draw the figure again, or stop, when the window is minimised or restored."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self._run.stage is Stage.RUNNING:
            self._schedule_frame(self._run.elapsed_s())

    @override
    def event(self, event: QEvent) -> bool:
        """Follow the desktop between light and dark while open."""
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.ThemeChange):
            self._apply_theme()
        return super().event(event)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        """Record an unfinished stretch, stop every timer and announce `closed`."""
        self._save(self._run.leave())
        self._stop_timers()
        self._end_page.stop()
        super().closeEvent(event)
        if not self._is_closed_emitted:
            self._is_closed_emitted = True
            self.closed.emit()
