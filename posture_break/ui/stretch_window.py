"""The stretch window: one stretch, an animated figure, and a calm countdown.

Time: the run (`core/stretch_run.py`) counts on the monotonic clock along the stretch's
timeline (`core/timeline.py`, built from its dose). Timers only decide *when to look*: one
single-shot timer wakes exactly when something visible changes (the next second of the
countdown, a breath turning, a hold, the next step, the switch). Nothing runs while paused or
finished.

The figure: by default it takes the end pose as the breath goes in and the start pose as it
goes out (`FigureMotion.BREATH`), on those same wake-ups, and each pose is drawn once and then
copied from a cache (`FigureFrames`); the other side is the same frame flipped. Drawing a pose
wakes Qt's paint threads many times, so this is the cheapest figure that still moves with the
breath: over a one-minute stretch the window wakes about 1.07 times as often as a bare widget
with a 1 s timer, against 1.24 times for a figure that moves every second
(`FigureMotion.COUNTDOWN`); see `benchmarks/stretch_window_wakeups.py`.

Outcomes: `StretchRun` decides what is recorded when; the window saves that record through
`BreakHistory.record` and announces it with `recorded`.
"""

from __future__ import annotations

import bisect
import enum
import logging
import math
from datetime import date
from typing import Protocol

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QMouseEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posture_break.core.clock import Clock
from posture_break.core.history import HistoryError
from posture_break.core.picker import Picker
from posture_break.core.record import BreakRecord, DayCounts, Outcome, Trigger
from posture_break.core.settings import Settings
from posture_break.core.streak import current_streak, days_meeting_goal
from posture_break.core.stretch import Equipment, Position, Stretch
from posture_break.core.stretch_run import Stage, StretchRun
from posture_break.core.timeline import EPSILON_S, Part, build_timeline, clock_text
from posture_break.ui.chime import Chime
from posture_break.ui.countdown_ring import CountdownRing
from posture_break.ui.figure_frames import FigureFrames
from posture_break.ui.override import override
from posture_break.ui.theme import Theme, current_theme

_log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(420, 580)
END_VIEW_S = 5.0  # the calm end view, then the window closes itself
END_VIEW_CHECKIN_S = 12.0  # a little longer when there is a question to answer
THANKS_S = 1.5  # after a check-in answer
MIN_FRAME_MS = 60  # figure frames at most ~16 per second: smooth for a slow breath, cheap


class History(Protocol):
    """What the window needs from `BreakHistory`."""

    def record(self, entry: BreakRecord) -> int:
        """Save one break and return its row id."""
        ...

    def set_checkin(self, row_id: int, value: int) -> None:
        """Attach a 0-10 check-in to a saved break."""
        ...

    def day_counts(self, first: date | None, last: date) -> dict[date, DayCounts]:
        """Return the outcome counts of each day from `first` (None: the start) to `last`."""
        ...


class FigureMotion(enum.Enum):
    """How often the figure is redrawn: smoothness against wake-ups (see the benchmark)."""

    BREATH = "breath"  # holds the end pose on the in-breath, the start pose on the out-breath
    COUNTDOWN = "countdown"  # moves on the countdown's own wake-ups, about once a second
    SMOOTH = "smooth"  # its own frames: `figure_steps` visible steps per half breath


def style_sheet(theme: Theme) -> str:
    """Return the stretch window's style sheet in `theme`'s colours."""
    c = {
        "background": theme.background,
        "card": theme.card,
        "text": theme.text,
        "muted": theme.muted,
        "accent": theme.accent,
        "on_accent": theme.accent_text,
        "border": theme.border,
    }
    return f"""
        #StretchWindow {{ background: {c["background"]}; }}
        QLabel {{ color: {c["text"]}; background: transparent; }}
        QLabel#eyebrow {{ color: {c["accent"]}; font-size: 11px; font-weight: 600;
                          letter-spacing: 1px; }}
        QLabel#title {{ font-size: 21px; font-weight: 600; }}
        QLabel#summary, QLabel#muted, QLabel#hint {{ color: {c["muted"]}; font-size: 12px; }}
        QLabel#stepCount {{ color: {c["muted"]}; font-size: 11px; font-weight: 600;
                            letter-spacing: 1px; }}
        QLabel#step {{ font-size: 15px; }}
        QLabel#breath {{ color: {c["accent"]}; font-size: 13px; font-weight: 600; }}
        QLabel#switchCue {{ background: {c["accent"]}; color: {c["on_accent"]};
                            border-radius: 11px; padding: 0px 12px;
                            min-height: 22px; max-height: 22px;
                            font-size: 12px; font-weight: 600; }}
        QLabel#headline {{ font-size: 22px; font-weight: 600; }}
        QLabel#tally {{ color: {c["accent"]}; font-size: 15px; font-weight: 600; }}
        QFrame#card {{ background: {c["card"]}; border-radius: 16px; }}
        QPushButton {{ font-size: 13px; border-radius: 10px; padding: 9px 16px;
                       color: {c["text"]}; background: transparent;
                       border: 1px solid {c["border"]}; }}
        QPushButton:hover {{ background: {c["card"]}; }}
        QPushButton:focus {{ border: 2px solid {c["accent"]}; }}
        QPushButton#primary {{ background: {c["accent"]}; color: {c["on_accent"]};
                               border: 2px solid {c["accent"]}; font-weight: 600; }}
        QPushButton#primary:focus {{ border: 2px solid {c["text"]}; }}
        QPushButton#link {{ border: 1px solid transparent; color: {c["muted"]};
                            padding: 6px 8px; }}
        QPushButton#link:hover {{ color: {c["text"]}; background: transparent; }}
        QPushButton#link:focus {{ border: 1px solid {c["accent"]}; }}
        QPushButton#score {{ padding: 0px; min-width: 26px; max-width: 26px;
                             min-height: 26px; max-height: 26px; border-radius: 13px;
                             font-size: 12px; }}
        QPushButton#score:checked {{ background: {c["accent"]}; color: {c["on_accent"]};
                                     border: 1px solid {c["accent"]}; }}
        """


def _label(text: str, name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _button(text: str, name: str, description: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", ""))
    button.setAccessibleDescription(description)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAutoDefault(False)
    return button


# ---------------------------------------------------------------------------------------------
# The window


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
            length_s: Override the length from the settings (benchmarks, demos, tests).
            parent: Optional parent widget.
        """
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("StretchWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle("Stretch break")
        self._clock = clock
        self._settings = settings
        self._history = history
        self._trigger = trigger
        self._picker = picker
        self._chime = chime
        self._figure_motion = figure_motion
        self._figure_steps = max(1, figure_steps)
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
        self._frame_timer = QTimer(self)
        self._frame_timer.setObjectName("figureTimer")
        self._frame_timer.setSingleShot(True)
        self._frame_timer.timeout.connect(self._on_frame_timer_timeout)
        self._close_timer = QTimer(self)
        self._close_timer.setObjectName("closeTimer")
        self._close_timer.setSingleShot(True)
        self._close_timer.timeout.connect(self._on_close_timer_timeout)

        self._build()
        self._build_shortcuts()
        self._apply_theme()
        self._load(stretch)
        # A calm, fixed width: texts wrap inside it instead of stretching the window.
        self.setFixedWidth(WINDOW_SIZE.width())
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

    def elapsed_s(self) -> float:
        """Return the seconds stretched so far (stops while paused)."""
        return self._run.elapsed_s()

    def remaining_s(self) -> float:
        """Return the seconds left on the countdown."""
        return self._run.remaining_s()

    def show_stretch(self, *, start: bool | None = None) -> None:
        """Show the window centred on the screen with the mouse.

        Args:
            start: Start the countdown (and take focus) at once. By default only a stretch the
                user opened does; a scheduled one waits, unfocused, for a click or Start. Pass
                True when the user already said Start in the break prompt.
        """
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        self.resize(WINDOW_SIZE.expandedTo(self.minimumSizeHint()))
        if screen is not None:
            area = screen.availableGeometry()
            frame = self.frameGeometry()
            frame.moveCenter(area.center())
            self.move(frame.topLeft())
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
        self._frame_timer.stop()
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
        """Finish now and count the stretch as completed (Enter starts a ready window)."""
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
        """Offer a different stretch; the current one counts as abandoned if it was started."""
        if self._picker is None or not self._run.stage.is_live:
            return
        was_started = self._run.was_started
        self._save(self._run.swap())
        self._stop_timers()
        recent = list(dict.fromkeys(reversed(self._recent)))  # newest first, each once
        self._load(self._picker.pick(recent, None))
        if was_started:
            self.start()

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
        for button in self._score_group.buttons():
            button.setEnabled(False)
        self._checkin_hint.setText("Thanks, noted.")
        self._close_timer.start(round(THANKS_S * 1000))

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
        self._run_page = self._build_run_page()
        self._end_page = self._build_end_page()
        self._pages.addWidget(self._run_page)
        self._pages.addWidget(self._end_page)

    def _build_run_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.setSpacing(0)

        self._eyebrow = _label("", "eyebrow", wrap=True)
        self._title = _label("", "title", wrap=True)
        self._title.setAccessibleName("Stretch")
        self._summary = _label("", "summary", wrap=True)
        layout.addWidget(self._eyebrow)
        layout.addSpacing(4)
        layout.addWidget(self._title)
        layout.addSpacing(4)
        layout.addWidget(self._summary)
        layout.addSpacing(16)

        hero = QHBoxLayout()
        hero.setSpacing(12)
        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(6, 6, 6, 6)
        self._figure = FigureFrames()
        self._figure.setMinimumSize(196, 196)
        self._figure.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        card_layout.addWidget(self._figure)
        hero.addWidget(card, 1)

        side = QVBoxLayout()
        side.setSpacing(10)
        side.addStretch(1)
        self._ring = CountdownRing()
        side.addWidget(self._ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self._breath = _label("", "breath")
        self._breath.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._breath.setAccessibleName("Breathing pace")
        side.addWidget(self._breath)
        side.addStretch(1)
        hero.addLayout(side)
        layout.addLayout(hero)
        layout.addSpacing(16)

        step_head = QHBoxLayout()
        self._step_count = _label("", "stepCount")
        self._switch_cue = _label("⇄  Switch sides", "switchCue")
        self._switch_cue.setAccessibleName("Switch sides")
        self._switch_cue.setAccessibleDescription("Half time: change to the other side now.")
        # Keep its room while hidden: nothing below (or the figure above) shifts at half time.
        cue_policy = self._switch_cue.sizePolicy()
        cue_policy.setRetainSizeWhenHidden(True)
        self._switch_cue.setSizePolicy(cue_policy)
        self._switch_cue.setVisible(False)
        step_head.addWidget(self._step_count)
        step_head.addStretch(1)
        step_head.addWidget(self._switch_cue)
        layout.addLayout(step_head)
        layout.addSpacing(6)
        self._step = _label("", "step", wrap=True)
        self._step.setAccessibleName("Current step")
        self._step.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._step.setMinimumHeight(64)
        layout.addWidget(self._step)
        layout.addStretch(1)

        main_row = QHBoxLayout()
        main_row.setSpacing(10)
        self._pause_button = _button("Start", "secondary", "Space: start, pause or resume")
        self._done_button = _button("Done", "primary", "Enter: finish and count this stretch")
        main_row.addWidget(self._pause_button, 1)
        main_row.addWidget(self._done_button, 1)
        layout.addLayout(main_row)
        layout.addSpacing(8)
        link_row = QHBoxLayout()
        self._another_button = _button("Another stretch", "link", "N: show a different stretch")
        self._skip_button = _button("Skip", "link", "Esc: skip this break")
        link_row.addWidget(self._another_button)
        link_row.addStretch(1)
        link_row.addWidget(self._skip_button)
        layout.addLayout(link_row)

        self._pause_button.clicked.connect(self._on_pause_button_clicked)
        self._done_button.clicked.connect(self._on_done_button_clicked)
        self._skip_button.clicked.connect(self._on_skip_button_clicked)
        self._another_button.clicked.connect(self._on_another_button_clicked)
        return page

    def _build_end_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(28, 36, 28, 24)
        layout.setSpacing(0)
        layout.addStretch(2)
        self._end_ring = CountdownRing()
        self._end_ring.setAccessibleName("Stretch complete")
        self._end_ring.setFixedSize(112, 112)
        self._end_ring.set_state(1.0, "", "", is_done=True)
        layout.addWidget(self._end_ring, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(20)
        self._headline = _label("Nicely done", "headline")
        self._headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._headline)
        layout.addSpacing(8)
        self._tally = _label("", "tally")
        self._tally.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._tally.setAccessibleName("Today and streak")
        layout.addWidget(self._tally)
        layout.addSpacing(4)
        self._what = _label("", "muted")
        self._what.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._what.setAccessibleName("Stretch done")
        layout.addWidget(self._what)
        layout.addStretch(2)

        self._checkin_box = QFrame()
        self._checkin_box.setObjectName("card")
        box = QVBoxLayout(self._checkin_box)
        box.setContentsMargins(14, 14, 14, 12)
        box.setSpacing(10)
        question = _label("How does your mid back feel?", "step", wrap=True)
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(question)
        scores = QHBoxLayout()
        scores.setSpacing(2)
        self._score_group = QButtonGroup(self)
        self._score_group.setExclusive(True)
        for value in range(11):
            button = _button(str(value), "score", _score_words(value))
            button.setAccessibleName(f"{value} out of 10")
            button.setCheckable(True)
            self._score_group.addButton(button, value)
            scores.addWidget(button)
        box.addLayout(scores)
        ends = QHBoxLayout()
        ends.addWidget(_label("Feels fine", "muted"))
        ends.addStretch(1)
        ends.addWidget(_label("Very sore", "muted"))
        box.addLayout(ends)
        self._checkin_hint = _label("Optional: one tap, or Esc to close.", "hint")
        self._checkin_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self._checkin_hint)
        layout.addWidget(self._checkin_box)
        layout.addSpacing(12)
        self._close_button = _button("Close", "link", "Enter or Esc: close this window")
        layout.addWidget(self._close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._score_group.idClicked.connect(self._on_score_group_id_clicked)
        self._close_button.clicked.connect(self._on_close_button_clicked)
        return page

    def _build_shortcuts(self) -> None:
        # Window-wide shortcuts, so Space means pause even while a button has keyboard focus.
        bindings = (
            (Qt.Key.Key_Space, self.toggle_pause),
            (Qt.Key.Key_Return, self.done),
            (Qt.Key.Key_Enter, self.done),
            (Qt.Key.Key_Escape, self.skip),
            (Qt.Key.Key_N, self.another),
        )
        self._shortcuts = []
        for key, slot in bindings:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)
        # 0-9 answer the check-in from the keyboard (10 is one tap on its button).
        for digit in range(10):
            shortcut = QShortcut(QKeySequence(str(digit)), self)
            shortcut.activated.connect(lambda value=digit: self.answer_checkin(value))
            self._shortcuts.append(shortcut)

    def _apply_theme(self) -> None:
        # The application palette (or the desktop's scheme) decides light or dark: our own
        # style sheet changes this widget's palette, and reacting to that would loop.
        theme = current_theme()
        if theme == getattr(self, "_theme", None):
            return
        self._theme = theme
        self.setStyleSheet(style_sheet(theme))
        self._ring.set_theme(theme)
        self._end_ring.set_theme(theme)

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
        self._eyebrow.setText(_eyebrow(stretch))
        self._title.setText(stretch.title)
        self.setWindowTitle(f"{stretch.title} · Stretch break")
        self._summary.setText(stretch.summary)
        self._figure.set_stretch(stretch)
        self._figure.setAccessibleName(f"Figure showing {stretch.title}")
        self._figure.setAccessibleDescription(stretch.summary)
        self._another_button.setVisible(self._picker is not None)
        self._mirrored: bool | None = None
        self._phase: float | None = None
        self._show_at(0.0)

    # -- showing ----------------------------------------------------------------------------

    def _show_at(self, elapsed: float) -> None:
        """Bring every label to what it should say at `elapsed`; unchanged text is not redrawn."""
        timeline, stretch = self._timeline, self._stretch
        remaining = max(0.0, timeline.total_s - elapsed)
        index = timeline.step_index(elapsed)
        second_side = timeline.is_second_side(elapsed)
        if self._run.stage is Stage.READY:
            caption = "ready"
        elif self._run.stage is Stage.PAUSED:
            caption = "paused"
        elif stretch.per_side:
            caption = "second side" if second_side else "first side"
        else:
            caption = "left"
        self._ring.set_state(1.0 - remaining / timeline.total_s, clock_text(remaining), caption)
        count = f"STEP {index + 1} OF {len(stretch.steps)}"
        if stretch.per_side:
            count += " · SIDE 2" if second_side else " · SIDE 1"
        _set_text(self._step_count, count)
        _set_text(self._step, stretch.steps[index])
        cue = timeline.is_switch_cue(elapsed) and self._run.stage is not Stage.READY
        if self._switch_cue.isVisibleTo(self) != cue:
            self._switch_cue.setVisible(cue)
        if self._run.stage is Stage.READY:
            breath = "Press Start when you are ready"
        elif self._run.stage is Stage.PAUSED:
            breath = "Paused"
        else:
            breath = _CUES[timeline.part(elapsed)]
        _set_text(self._breath, breath)
        self._breath.setAccessibleDescription(stretch.breathing)
        button = {Stage.READY: "Start", Stage.RUNNING: "Pause", Stage.PAUSED: "Resume"}.get(
            self._run.stage, "Pause"
        )
        if self._pause_button.text() != button:
            self._pause_button.setText(button)
            self._pause_button.setAccessibleName(button)
        self._set_pose(elapsed, second_side)

    def _set_pose(self, elapsed: float, mirrored: bool) -> None:
        if mirrored != self._mirrored:
            self._mirrored = mirrored
            self._figure.set_mirrored(mirrored)
        if self._run.stage is Stage.READY:
            phase = 0.0
        elif self._figure_motion is FigureMotion.BREATH:
            phase = self._timeline.pose_phase(elapsed)
        else:
            phase = FigureFrames.rounded(self._timeline.phase(elapsed))
        if phase != self._phase:
            self._phase = phase
            self._figure.set_phase(phase)

    def _schedule_tick(self, elapsed: float) -> None:
        """Wake exactly when the next visible change (or the end) is due."""
        index = bisect.bisect_right(self._boundaries, elapsed + EPSILON_S)
        due = self._boundaries[min(index, len(self._boundaries) - 1)]
        self._tick_timer.start(_ms_until(due - elapsed, floor_ms=1))

    def _schedule_frame(self, elapsed: float) -> None:
        """Wake when the figure has moved by one visible step, if anyone can see it."""
        if (
            self._figure_motion is not FigureMotion.SMOOTH
            or not self.isVisible()
            or self.isMinimized()
        ):
            # Otherwise the figure moves only when the countdown looks anyway (each second and
            # at every breath turn), costing no wake-ups of its own.
            self._frame_timer.stop()
            return
        due = self._timeline.next_frame(elapsed, self._figure_steps)
        self._frame_timer.start(_ms_until(due - elapsed, floor_ms=MIN_FRAME_MS))

    # -- outcomes ---------------------------------------------------------------------------

    def _complete(self) -> None:
        record = self._run.complete()
        self._stop_timers()
        self._save(record)
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
        done, streak = self._today_counts()
        goal = self._settings.goal.daily
        self._headline.setText("Goal met for today" if done >= goal else "Nicely done")
        tally = f"{done} of {goal} today"
        if streak:
            tally += f" · {streak}-day streak"
        self._tally.setText(tally)
        self._what.setText(f"{self._stretch.title} · {clock_text(self._run.elapsed_s())}")
        ask = self._settings.breaks.checkin and self._row_id is not None
        self._checkin_box.setVisible(ask)
        self._pages.setCurrentWidget(self._end_page)
        self._close_button.setFocus()  # not a score button: no answer looks chosen already
        self._close_timer.start(round((END_VIEW_CHECKIN_S if ask else END_VIEW_S) * 1000))

    def _today_counts(self) -> tuple[int, int]:
        """Return (completed today, current streak) from the history."""
        today = self._clock.now().date()
        try:
            counts = self._history.day_counts(None, today)
        except HistoryError:
            _log.exception("could not read today's breaks")
            return 0, 0
        goal = self._settings.goal.daily
        work_days = [day.index for day in self._settings.schedule.work_days]
        streak = current_streak(days_meeting_goal(counts, goal), today, work_days)
        return counts.get(today, DayCounts()).completed, streak

    def _stop_timers(self) -> None:
        self._tick_timer.stop()
        self._frame_timer.stop()

    def _take_focus(self) -> None:
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        if self.isVisible():
            self.raise_()
            self.activateWindow()

    # -- slots and events -------------------------------------------------------------------

    def _on_tick_timer_timeout(self) -> None:
        self.refresh()

    def _on_frame_timer_timeout(self) -> None:
        if self._run.stage is not Stage.RUNNING:
            return
        elapsed = self.elapsed_s()
        self._set_pose(elapsed, self._timeline.is_second_side(elapsed))
        self._schedule_frame(elapsed)

    def _on_close_timer_timeout(self) -> None:
        self.close()

    def _on_pause_button_clicked(self) -> None:
        self.toggle_pause()

    def _on_done_button_clicked(self) -> None:
        self.done()

    def _on_skip_button_clicked(self) -> None:
        self.skip()

    def _on_another_button_clicked(self) -> None:
        self.another()

    def _on_score_group_id_clicked(self, value: int) -> None:
        self.answer_checkin(value)

    def _on_close_button_clicked(self) -> None:
        self.close()

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802  (Qt override)
        """Take focus on a click: the user has turned to the window."""
        # A click is the user turning to the window: now it may take the keyboard.
        self._take_focus()
        super().mousePressEvent(event)

    @override
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt override)
        """Resume drawing the figure when the window shows again."""
        super().showEvent(event)
        if self._run.stage is Stage.RUNNING:
            self._schedule_frame(self.elapsed_s())

    @override
    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802  (Qt override)
        """Stop drawing the figure while hidden."""
        # Nobody watches a hidden figure: stop drawing it. The countdown keeps its deadline.
        self._frame_timer.stop()
        super().hideEvent(event)

    @override
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt override)
        """Draw the figure again, or stop, when the window is minimised or restored."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self._run.stage is Stage.RUNNING:
            self._schedule_frame(self.elapsed_s())

    @override
    def event(self, event: QEvent) -> bool:
        """Follow the desktop between light and dark while open."""
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.ThemeChange):
            self._apply_theme()
        return super().event(event)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  (Qt override)
        """Record an unfinished stretch, stop every timer and announce `closed`."""
        self._save(self._run.leave())
        self._stop_timers()
        self._close_timer.stop()
        super().closeEvent(event)
        if not self._is_closed_emitted:
            self._is_closed_emitted = True
            self.closed.emit()


def _ms_until(seconds: float, *, floor_ms: int) -> int:
    """Return whole milliseconds to wait for `seconds`, never early (float noise aside)."""
    return max(floor_ms, math.ceil(round(seconds * 1000, 3)))


def _set_text(label: QLabel, text: str) -> None:
    """Set a label's text only when it differs, so an unchanged label is not laid out again."""
    if label.text() != text:
        label.setText(text)


def _eyebrow(stretch: Stretch) -> str:
    parts = [stretch.position.value, stretch.level.value]
    if stretch.per_side:
        parts.append("each side")
    parts.extend(
        item.value.replace("-", " ")
        for item in stretch.equipment
        if not (item is Equipment.CHAIR and stretch.position is Position.SEATED)  # said already
    )
    return " · ".join(parts).upper()


def _score_words(value: int) -> str:
    if value <= 2:
        return "Feels fine"
    if value <= 5:
        return "A little stiff or sore"
    if value <= 7:
        return "Quite sore"
    return "Very sore"


_CUES = {
    Part.SET_UP: "Get into position",
    Part.SWITCH: "Change sides",
    Part.BREATHE_IN: "Breathe in",
    Part.BREATHE_OUT: "Breathe out",
    Part.HOLD: "Hold, breathing easily",
}
