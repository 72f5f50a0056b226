"""The stretch window: one stretch, an animated figure, and a calm countdown.

Time: the countdown is a deadline on the monotonic clock. Timers only decide *when to look*:
one single-shot timer wakes exactly when something visible changes (the next second of the
countdown, a breath turning, the next step, half time). Nothing runs while paused or finished.

The figure: by default it takes the end pose as the breath goes in and the start pose as it
goes out (`FigureMotion.BREATH`), on those same wake-ups, and each pose is drawn once and then
copied from a cache (`FigureFrames`); the other side is the same frame flipped. Drawing a pose
wakes Qt's paint threads many times, so this is the cheapest figure that still moves with the
breath: over a one-minute stretch the window wakes about 1.07 times as often as a bare widget
with a 1 s timer, against 1.24 times for a figure that moves every second
(`FigureMotion.COUNTDOWN`); see `benchmarks/stretch_window_wakeups.py`.

Outcomes: every outcome is saved through `BreakHistory.record` and announced by `recorded`:

* Done, or the countdown reaching zero: ``completed`` with the seconds actually stretched.
* Skip before starting, or closing a window that was never started: ``skipped``.
* Skip or close after starting: ``abandoned`` with the seconds done.
* Another stretch after starting: ``abandoned`` for the current one. Before starting nothing is
  recorded: the user only asked for a different suggestion, and the break is still ahead.
"""

from __future__ import annotations

import bisect
import enum
import logging
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QCursor,
    QFont,
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRegion,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posture_break.core.clock import Clock
from posture_break.core.history import HistoryError
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.settings import Settings
from posture_break.core.stats import DayTotals, StatsService
from posture_break.core.stretch import Equipment, Position, Stretch
from posture_break.ui.chime import Chime
from posture_break.ui.figure import FigureView
from posture_break.ui.override import override

_log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(420, 580)
SWITCH_CUE_S = 5.0  # how long "Switch sides" stays up after half time
END_VIEW_S = 5.0  # the calm end view, then the window closes itself
END_VIEW_CHECKIN_S = 12.0  # a little longer when there is a question to answer
THANKS_S = 1.5  # after a check-in answer
MIN_FRAME_MS = 60  # figure frames at most ~16 per second: smooth for a slow breath, cheap
_EPSILON_S = 0.001  # boundaries closer than this count as reached (float noise, timer rounding)


class History(DayTotals, Protocol):
    """What the window needs from `BreakHistory` (its day totals feed the end view's streak)."""

    def record(self, entry: BreakRecord) -> int:
        """Save one break and return its row id."""
        ...

    def set_checkin(self, row_id: int, value: int) -> None:
        """Attach a 0-10 check-in to a saved break."""
        ...


class Picker(Protocol):
    """What the window needs from `StretchPicker`."""

    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        """Return the next stretch, avoiding `recent` ids."""
        ...


class FigureMotion(enum.Enum):
    """How often the figure is redrawn: smoothness against wake-ups (see the benchmark)."""

    BREATH = "breath"  # holds the end pose on the in-breath, the start pose on the out-breath
    COUNTDOWN = "countdown"  # moves on the countdown's own wake-ups, about once a second
    SMOOTH = "smooth"  # its own frames: `figure_steps` visible steps per half breath


class Stage(enum.Enum):
    """Where the window is in its short life."""

    READY = "ready"  # shown, not started (a scheduled break waits for the user)
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"  # the calm end view
    CLOSED = "closed"


# ---------------------------------------------------------------------------------------------
# Pure timing helpers (no Qt): what the view shows at `elapsed` seconds into the stretch.


@dataclass(frozen=True, slots=True)
class Timeline:
    """The fixed moments of one stretch run, in seconds since it started."""

    total_s: float
    per_side: bool
    step_count: int
    inhale_s: float
    exhale_s: float

    @property
    def side_s(self) -> float:
        """Return the length of one side (the whole run when not per side)."""
        return self.total_s / 2 if self.per_side else self.total_s

    def step_index(self, elapsed: float) -> int:
        """Return the step shown at `elapsed`; steps run through each side in turn."""
        into_side = min(elapsed, self.total_s - _EPSILON_S) % self.side_s
        index = int((into_side + _EPSILON_S) / (self.side_s / self.step_count))
        return min(index, self.step_count - 1)

    def is_second_side(self, elapsed: float) -> bool:
        """Return whether a per-side stretch has switched to the second side."""
        return self.per_side and elapsed + _EPSILON_S >= self.side_s

    def is_switch_cue(self, elapsed: float) -> bool:
        """Return whether the "Switch sides" cue shows at `elapsed`."""
        return self.is_second_side(elapsed) and elapsed < self.side_s + SWITCH_CUE_S - _EPSILON_S

    def is_inhale(self, elapsed: float) -> bool:
        """Return whether the breathing pace says "breathe in" at `elapsed`."""
        into_breath = (elapsed + _EPSILON_S) % (self.inhale_s + self.exhale_s)
        return into_breath < self.inhale_s

    def phase(self, elapsed: float) -> float:
        """Return the figure's phase: 0 start pose -> 1 end pose on the in-breath, and back."""
        breath = self.inhale_s + self.exhale_s
        into_breath = elapsed % breath
        if into_breath < self.inhale_s:
            return _ease(into_breath / self.inhale_s)
        return 1.0 - _ease((into_breath - self.inhale_s) / self.exhale_s)

    def boundaries(self) -> tuple[float, ...]:
        """Return every moment something shown changes by itself, sorted, ending at the end."""
        moments = {float(s) for s in range(1, math.ceil(self.total_s))}
        # Whole seconds of *remaining* time: the countdown text changes there.
        moments |= {self.total_s - s for s in range(1, math.ceil(self.total_s))}
        step_s = self.side_s / self.step_count
        sides = (0.0, self.side_s) if self.per_side else (0.0,)
        for start in sides:
            moments |= {start + i * step_s for i in range(self.step_count)}
        if self.per_side:
            moments |= {self.side_s, self.side_s + SWITCH_CUE_S}
        breath = self.inhale_s + self.exhale_s
        t = 0.0
        while t < self.total_s:
            moments |= {t, t + self.inhale_s}
            t += breath
        inside = {round(m, 6) for m in moments if 0.0 < m < self.total_s}
        return (*sorted(inside), self.total_s)

    def next_frame(self, elapsed: float, steps: int) -> float:
        """Return when the figure's phase next moves by 1/`steps` of its range.

        Frames are spaced by how far the figure moves, not by a fixed rate: the eased motion is
        slow near the ends of a breath and quick in the middle, so fewer frames are needed for
        the same smoothness.
        """
        breath = self.inhale_s + self.exhale_s
        cycle_start = elapsed - elapsed % breath
        into_breath = elapsed - cycle_start
        if into_breath < self.inhale_s:
            half_start, half_len, into_half = cycle_start, self.inhale_s, into_breath
        else:
            half_start = cycle_start + self.inhale_s
            half_len = self.exhale_s
            into_half = into_breath - self.inhale_s
        progress = _ease(into_half / half_len)
        level = math.floor(progress * steps + 1e-9) + 1
        if level >= steps:
            return half_start + half_len
        return half_start + half_len * _uneased(level / steps)


def _ease(u: float) -> float:
    """Return a gentle start-and-stop curve over 0..1, like an unhurried breath."""
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, u)))


def _uneased(p: float) -> float:
    """Return the `u` at which `_ease(u)` reaches `p`."""
    return math.acos(1.0 - 2.0 * min(1.0, max(0.0, p))) / math.pi


def clock_text(seconds: float) -> str:
    """Return `m:ss` for a countdown showing `seconds` left (rounded up, as clocks count)."""
    whole = max(0, math.ceil(seconds - _EPSILON_S))
    return f"{whole // 60}:{whole % 60:02d}"


# ---------------------------------------------------------------------------------------------
# Colours


@dataclass(frozen=True, slots=True)
class Tone:
    """The window's few colours, chosen from whether the palette is light or dark."""

    background: QColor
    card: QColor
    text: QColor
    muted: QColor
    accent: QColor
    accent_soft: QColor
    on_accent: QColor
    track: QColor
    border: QColor

    @classmethod
    def for_palette(cls, palette: QPalette) -> Tone:
        """Return calm colours that suit a light or a dark palette."""
        if palette.color(QPalette.ColorRole.Window).lightness() < 128:
            return cls(
                background=QColor("#1b1f22"),
                card=QColor("#242a2e"),
                text=QColor("#e8ecea"),
                muted=QColor("#9aa6a3"),
                accent=QColor("#5cc3b2"),
                accent_soft=QColor("#20403c"),
                on_accent=QColor("#0f1f1c"),
                track=QColor("#333b3f"),
                border=QColor("#3a4347"),
            )
        return cls(
            background=QColor("#fbfaf7"),
            card=QColor("#f0f3f1"),
            text=QColor("#1f2a2e"),
            muted=QColor("#66737a"),
            accent=QColor("#2a8c7e"),
            accent_soft=QColor("#dcefeb"),
            on_accent=QColor("#ffffff"),
            track=QColor("#e1e6e4"),
            border=QColor("#cdd5d2"),
        )

    def style_sheet(self) -> str:
        """Return the window's style sheet."""
        c = {name: getattr(self, name).name() for name in Tone.__slots__}
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


# ---------------------------------------------------------------------------------------------
# Widgets


class CountdownRing(QWidget):
    """A progress ring with the time left in large `m:ss` in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = "0:00"
        self._caption = ""
        self._is_done = False
        self._tone = Tone.for_palette(QGuiApplication.palette())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Time left")

    @override
    def sizeHint(self) -> QSize:  # noqa: N802  (Qt override)
        """Return the ring's natural size."""
        return QSize(152, 152)

    def text(self) -> str:
        """Return the countdown text as shown (`m:ss`)."""
        return self._text

    def caption(self) -> str:
        """Return the small line under the countdown."""
        return self._caption

    def set_tone(self, tone: Tone) -> None:
        """Use these colours."""
        self._tone = tone
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
        if not is_done:
            self.setAccessibleDescription(f"{text} left. {caption}".strip())
        self.update()

    @override
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt override)
        """Paint the track, the progress arc and the time left (or a check mark)."""
        tone = self._tone
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
        pen = QPen(tone.track, stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self._fraction > 0:
            pen.setColor(tone.accent)
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
        painter.setPen(tone.text)
        text_rect = QRectF(rect.left(), rect.center().y() - side * 0.2, rect.width(), side * 0.3)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self._text)
        if self._caption:
            small = QFont(self.font())
            small.setPixelSize(max(10, round(side * 0.08)))
            painter.setFont(small)
            painter.setPen(tone.muted)
            cap_rect = QRectF(
                rect.left(), rect.center().y() + side * 0.1, rect.width(), side * 0.12
            )
            painter.drawText(cap_rect, Qt.AlignmentFlag.AlignCenter, self._caption)

    def _paint_check(self, painter: QPainter, rect: QRectF, stroke: float) -> None:
        """Draw a calm check mark in the middle of a full ring."""
        c = rect.center()
        r = rect.width() / 2
        path = QPainterPath(QPointF(c.x() - r * 0.36, c.y() + r * 0.02))
        path.lineTo(QPointF(c.x() - r * 0.1, c.y() + r * 0.28))
        path.lineTo(QPointF(c.x() + r * 0.38, c.y() - r * 0.26))
        pen = QPen(self._tone.accent, stroke * 1.1)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(path)


class FigureFrames(FigureView):
    """A `FigureView` that draws each pose once and then shows it from a small frame cache.

    The figure's own painting is rich (a layer, cut-out gaps, a shadow pose), and compositing
    like that wakes Qt's painting threads every time. A stretch repeats the same few poses
    breath after breath, so after the first breath every frame is a single pixmap copy.
    Phases are rounded to 1/`PHASE_LEVELS` (finer than the eye follows at this size).
    """

    PHASE_LEVELS = 20
    MAX_FRAMES = 32  # about 7 MB at 208x260: both sides of a stretch with room to spare

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frames: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
        self._is_rendering = False
        self.frames_drawn = 0  # how often the figure was really painted (for tests)

    @classmethod
    def rounded(cls, phase: float) -> float:
        """Return `phase` rounded to a cached level."""
        return round(min(1.0, max(0.0, phase)) * cls.PHASE_LEVELS) / cls.PHASE_LEVELS

    @override
    def set_stretch(self, stretch: Stretch) -> None:
        """Show `stretch`; frames of the previous one are dropped."""
        self._frames.clear()
        super().set_stretch(stretch)

    @override
    def set_phase(self, phase: float) -> None:
        """Show the pose at `phase`, drawing its frame now if it is not cached yet."""
        super().set_phase(phase)
        self._ensure_frame()

    @override
    def set_mirrored(self, is_mirrored: bool) -> None:
        """Show the other side, drawing its frame now if it is not cached yet."""
        super().set_mirrored(is_mirrored)
        self._ensure_frame()

    def _key(self, is_mirrored: bool | None = None) -> tuple[object, ...]:
        mirrored = self.is_mirrored() if is_mirrored is None else is_mirrored
        ratio = self.devicePixelRatioF()
        return (self.phase(), mirrored, self.size(), ratio, self.palette().cacheKey())

    def _ensure_frame(self) -> None:
        # Drawn here, outside any paint event (a widget cannot render itself while painting).
        if not self.isVisible() or self.stretch() is None:
            return
        key = self._key()
        if key in self._frames:
            self._frames.move_to_end(key)
            return
        if not self.is_mirrored():
            self._store(key, self._render())
            return
        # The other side is the same picture flipped (the figure mirrors about the middle of
        # its scene, which sits in the middle of the view): flip a drawn frame, draw nothing.
        plain_key = self._key(is_mirrored=False)
        plain = self._frames.get(plain_key)
        if plain is None:
            super().set_mirrored(False)
            try:
                plain = self._render()
            finally:
                super().set_mirrored(True)
            self._store(plain_key, plain)
        # A plain pixel flip: a general transform would run through Qt's paint threads.
        flipped = QPixmap.fromImage(plain.toImage().flipped(Qt.Orientation.Horizontal))
        flipped.setDevicePixelRatio(plain.devicePixelRatio())
        self._store(key, flipped)

    def _render(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        frame = QPixmap(self.size() * ratio)
        frame.setDevicePixelRatio(ratio)
        frame.fill(Qt.GlobalColor.transparent)
        self._is_rendering = True
        try:
            self.render(frame, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
        finally:
            self._is_rendering = False
        self.frames_drawn += 1
        return frame

    def _store(self, key: tuple[object, ...], frame: QPixmap) -> None:
        self._frames[key] = frame
        while len(self._frames) > self.MAX_FRAMES:
            self._frames.popitem(last=False)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt override)
        """Copy the cached frame for this pose; paint it live when there is none."""
        frame = None if self._is_rendering else self._frames.get(self._key())
        if frame is None:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        try:
            painter.drawPixmap(0, 0, frame)
        finally:
            painter.end()


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
        self._stage = Stage.READY
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
        self._apply_tone()
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
        return self._stage

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
        if self._stage is Stage.RUNNING:
            done = self._done_before_pause + self._clock.monotonic() - self._resumed_at
            return min(self._timeline.total_s, max(0.0, done))
        return self._done_before_pause

    def remaining_s(self) -> float:
        """Return the seconds left on the countdown."""
        return max(0.0, self._timeline.total_s - self.elapsed_s())

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
        if self._stage is not Stage.READY:
            return
        self._take_focus()
        self._started_at = self._clock.now()
        self._done_before_pause = 0.0
        self._resumed_at = self._clock.monotonic()
        self._stage = Stage.RUNNING
        self.refresh()

    def pause(self) -> None:
        """Stop the countdown and every timer until `resume`."""
        if self._stage is not Stage.RUNNING:
            return
        self._done_before_pause = self.elapsed_s()
        self._stage = Stage.PAUSED
        self._tick_timer.stop()
        self._frame_timer.stop()
        self.refresh()

    def resume(self) -> None:
        """Carry on counting down from where `pause` stopped."""
        if self._stage is not Stage.PAUSED:
            return
        self._resumed_at = self._clock.monotonic()
        self._stage = Stage.RUNNING
        self.refresh()

    def toggle_pause(self) -> None:
        """Start, pause or resume: what the first button (and Space) does."""
        if self._stage is Stage.READY:
            self.start()
        elif self._stage is Stage.RUNNING:
            self.pause()
        elif self._stage is Stage.PAUSED:
            self.resume()

    def done(self) -> None:
        """Finish now and count the stretch as completed (Enter starts a ready window)."""
        if self._stage is Stage.READY:
            self.start()
        elif self._stage in (Stage.RUNNING, Stage.PAUSED):
            self._complete()
        elif self._stage is Stage.ENDED:
            self.close()

    def skip(self) -> None:
        """Skip this stretch: `skipped` before starting, `abandoned` after; then close."""
        if self._stage is Stage.ENDED:
            self.close()
            return
        if self._stage not in (Stage.READY, Stage.RUNNING, Stage.PAUSED):
            return
        self._record_unfinished()
        self._stage = Stage.CLOSED
        self.skipped.emit()
        self.close()

    def another(self) -> None:
        """Offer a different stretch; the current one counts as abandoned if it was started."""
        if self._picker is None or self._stage not in (Stage.READY, Stage.RUNNING, Stage.PAUSED):
            return
        was_started = self._stage is not Stage.READY
        if was_started:
            self._record(Outcome.ABANDONED, self.elapsed_s())
        self._stop_timers()
        recent = list(dict.fromkeys(reversed(self._recent)))  # newest first, each once
        self._load(self._picker.pick(recent, None))
        if was_started:
            self.start()

    def answer_checkin(self, value: int) -> None:
        """Store the one-tap check-in (0-10) with the completed break, then close soon."""
        if self._row_id is None or self._stage is not Stage.ENDED or not 0 <= value <= 10:
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
        if self._stage in (Stage.ENDED, Stage.CLOSED):
            return
        elapsed = self.elapsed_s()
        if self._stage is Stage.RUNNING and elapsed >= self._timeline.total_s - _EPSILON_S:
            self._complete()
            return
        self._show_at(elapsed)
        if self._stage is Stage.RUNNING:
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

    def _apply_tone(self) -> None:
        # The application palette decides light or dark: our own style sheet changes this
        # widget's palette, and reacting to that would loop.
        tone = Tone.for_palette(QGuiApplication.palette())
        if tone == getattr(self, "_tone", None):
            return
        self._tone = tone
        self.setStyleSheet(self._tone.style_sheet())
        self._ring.set_tone(self._tone)
        self._end_ring.set_tone(self._tone)

    def _load(self, stretch: Stretch) -> None:
        """Show `stretch` from its start, ready to run."""
        self._stretch = stretch
        self._recent.append(stretch.id)
        self._stage = Stage.READY
        self._done_before_pause = 0.0
        self._resumed_at = self._clock.monotonic()
        self._started_at = self._opened_at
        self._done_s = 0.0
        total = self._length_s or float(self._settings.breaks.stretch_seconds)
        self._timeline = Timeline(
            total, stretch.per_side, len(stretch.steps), stretch.inhale_s, stretch.exhale_s
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
        if self._stage is Stage.READY:
            caption = "ready"
        elif self._stage is Stage.PAUSED:
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
        cue = timeline.is_switch_cue(elapsed) and self._stage is not Stage.READY
        if self._switch_cue.isVisibleTo(self) != cue:
            self._switch_cue.setVisible(cue)
        if self._stage is Stage.READY:
            breath = "Press Start when you are ready"
        elif self._stage is Stage.PAUSED:
            breath = "Paused"
        else:
            breath = "Breathe in" if timeline.is_inhale(elapsed) else "Breathe out"
        _set_text(self._breath, breath)
        self._breath.setAccessibleDescription(stretch.breathing)
        button = {Stage.READY: "Start", Stage.RUNNING: "Pause", Stage.PAUSED: "Resume"}.get(
            self._stage, "Pause"
        )
        if self._pause_button.text() != button:
            self._pause_button.setText(button)
            self._pause_button.setAccessibleName(button)
        self._set_pose(elapsed, second_side)

    def _set_pose(self, elapsed: float, mirrored: bool) -> None:
        if mirrored != self._mirrored:
            self._mirrored = mirrored
            self._figure.set_mirrored(mirrored)
        if self._stage is Stage.READY:
            phase = 0.0
        elif self._figure_motion is FigureMotion.BREATH:
            phase = 1.0 if self._timeline.is_inhale(elapsed) else 0.0
        else:
            phase = FigureFrames.rounded(self._timeline.phase(elapsed))
        if phase != self._phase:
            self._phase = phase
            self._figure.set_phase(phase)

    def _schedule_tick(self, elapsed: float) -> None:
        """Wake exactly when the next visible change (or the end) is due."""
        index = bisect.bisect_right(self._boundaries, elapsed + _EPSILON_S)
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
        seconds = self.elapsed_s()
        self._done_s = seconds
        self._stop_timers()
        self._stage = Stage.ENDED
        self._record(Outcome.COMPLETED, seconds)
        self.finished.emit()
        if self._settings.breaks.sound and self._chime is not None:
            self._chime.play()
        self._show_end_view()

    def _record_unfinished(self) -> None:
        if self._stage is Stage.READY:
            self._record(Outcome.SKIPPED, 0.0)
        else:
            self._record(Outcome.ABANDONED, self.elapsed_s())

    def _record(self, outcome: Outcome, seconds: float) -> None:
        started = self._started_at if outcome is not Outcome.SKIPPED else self._opened_at
        entry = BreakRecord.at(
            started, self._stretch.id, outcome, round(seconds), self._trigger, None
        )
        self._row_id = None
        try:
            row_id = self._history.record(entry)
        except HistoryError:
            # A full disk or a read-only file must not trap the user in the window; the app's
            # status shows that the history cannot be written.
            _log.exception("could not save the %s stretch %s", outcome, entry.stretch)
            return
        self._row_id = row_id if outcome is Outcome.COMPLETED else None
        self.recorded.emit(entry)

    def _show_end_view(self) -> None:
        done, streak = self._today_counts()
        goal = self._settings.goal.daily
        self._headline.setText("Goal met for today" if done >= goal else "Nicely done")
        tally = f"{done} of {goal} today"
        if streak:
            tally += f" · {streak}-day streak"
        self._tally.setText(tally)
        self._what.setText(f"{self._stretch.title} · {clock_text(self._done_s)}")
        ask = self._settings.breaks.checkin and self._row_id is not None
        self._checkin_box.setVisible(ask)
        self._pages.setCurrentWidget(self._end_page)
        self._close_button.setFocus()  # not a score button: no answer looks chosen already
        self._close_timer.start(round((END_VIEW_CHECKIN_S if ask else END_VIEW_S) * 1000))

    def _today_counts(self) -> tuple[int, int]:
        """Return (completed today, current streak) from the history."""
        today = self._clock.now().date()
        goal = self._settings.goal
        work_days = [day.index for day in self._settings.schedule.work_days]
        service = StatsService(self._history, goal.daily, work_days, freezes=goal.freezes)
        try:
            summary = service.today_summary(today)
        except HistoryError:
            _log.exception("could not read today's breaks")
            return 0, 0
        return summary.completed, summary.current_streak

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
        if self._stage is not Stage.RUNNING:
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
        if self._stage is Stage.RUNNING:
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
        if event.type() == QEvent.Type.WindowStateChange and self._stage is Stage.RUNNING:
            self._schedule_frame(self.elapsed_s())

    @override
    def event(self, event: QEvent) -> bool:
        """Follow the desktop between light and dark while open."""
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.ThemeChange):
            self._apply_tone()
        return super().event(event)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  (Qt override)
        """Record an unfinished stretch, stop every timer and announce `closed`."""
        if self._stage in (Stage.READY, Stage.RUNNING, Stage.PAUSED):
            self._record_unfinished()
        self._stage = Stage.CLOSED
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
