"""The break prompt: a small calm panel near the tray that never takes keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QCursor,
    QGuiApplication,
    QPainterPath,
    QRegion,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from typing_extensions import override

from posture_break.core.clock import Clock
from posture_break.core.i18n import _, ngettext
from posture_break.ui.plain_text import keep_plain
from posture_break.ui.prompt_terms import IGNORE_AFTER_S, LONG_CALL_HEADING, PROMPT_HEADING
from posture_break.ui.theme import current_theme, panel_stylesheet

_MARGIN_PX = 16
_CORNER_RADIUS_PX = 10  # the panel's rounded corners (`panel_stylesheet`)


def prompt_window_title(heading: str = PROMPT_HEADING) -> str:
    """Return the prompt window's title: what the taskbar, screen readers and xdotool see."""
    # The offer after a long call says so in its title too, so it is told apart without reading.
    if heading == LONG_CALL_HEADING:
        return _("posture-break: time for a stretch after a long call")
    return _("posture-break: time for a stretch")


def prompt_text(stretch_title: str, stretch_seconds: int, heading: str = PROMPT_HEADING) -> str:
    """Return the prompt's line, e.g. ``Time for a posture snack — Seated reach, 1 min``."""
    minutes = max(1, round(stretch_seconds / 60))
    # Translators: the break prompt's line, e.g. "Time for a posture snack — Seated reach,
    # 1 min": {heading} is the prompt's heading, {stretch} the stretch's title.
    line = ngettext(
        "{heading} — {stretch}, {minutes} min", "{heading} — {stretch}, {minutes} min", minutes
    )
    return line.format(heading=_(heading), stretch=stretch_title, minutes=minutes)


def corner_position(available: QRect, size: tuple[int, int], anchor: QPoint | None) -> QPoint:
    """Return the top-left for a panel of `size` in the corner of `available` nearest `anchor`.

    Without an anchor (the tray did not say where its icon is) the bottom-right corner is used,
    where most panels keep their tray.
    """
    width, height = size
    if anchor is None or not available.contains(anchor):
        anchor = available.bottomRight()
    center = available.center()
    x = (
        available.right() - width - _MARGIN_PX + 1
        if anchor.x() >= center.x()
        else available.left() + _MARGIN_PX
    )
    y = (
        available.bottom() - height - _MARGIN_PX + 1
        if anchor.y() >= center.y()
        else available.top() + _MARGIN_PX
    )
    return QPoint(x, y)


class BreakPrompt(QWidget):
    """Offer one stretch with Start, Snooze and Skip, without taking keyboard focus.

    The prompt is a frameless tool window that stays on top and is shown without activation,
    so typing goes on into the user's app. Left unanswered for `IGNORE_AFTER_S` it hides itself
    and says so with `ignored`. Exactly one of the four signals is emitted, once.

    Signals:
        started: Start was clicked.
        snoozed: Snooze was clicked.
        skipped: Skip was clicked.
        ignored: Nobody answered in time; the prompt tucked itself away.
    """

    started = Signal()
    snoozed = Signal()
    skipped = Signal()
    ignored = Signal()

    def __init__(
        self,
        stretch_title: str,
        stretch_seconds: int,
        snooze_minutes: int,
        *,
        clock: Clock,
        ignore_after_s: float = IGNORE_AFTER_S,
        look_ms: int | None = None,
        heading: str = PROMPT_HEADING,
    ) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(prompt_window_title(heading))
        self._clock = clock
        self._ignore_after_s = ignore_after_s
        self._shown_at: float | None = None
        self._is_answered = False

        panel = QFrame(self)
        panel.setObjectName("panel")
        self.setStyleSheet(panel_stylesheet(current_theme()))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(panel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        self.message = QLabel(prompt_text(stretch_title, stretch_seconds, heading))
        self.message.setWordWrap(True)
        self.message.setMaximumWidth(340)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        # Translators: the prompt's button that starts the stretch now.
        self.start_button = QPushButton(_("&Start"))
        self.start_button.setObjectName("primary")
        # Translators: the prompt's button that asks again in {minutes} minutes.
        snooze = ngettext("S&nooze ({minutes} min)", "S&nooze ({minutes} min)", snooze_minutes)
        self.snooze_button = QPushButton(snooze.format(minutes=snooze_minutes))
        # Translators: the prompt's button that skips this stretch.
        self.skip_button = QPushButton(_("S&kip"))
        for button, slot in (
            (self.start_button, self._on_start_button_clicked),
            (self.snooze_button, self._on_snooze_button_clicked),
            (self.skip_button, self._on_skip_button_clicked),
        ):
            # Clicks only: a button that could take focus would pull keyboard input off the user.
            # The window never takes focus either, so its mnemonics (S, N, K) only underline
            # distinct letters; from the keyboard the tray menu starts or skips a break.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(button.text().replace("&", ""))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # The message wraps at 340 px, or at the buttons' width when a translation makes them
        # wider: the window's height is worked out for the message at the full width, so a
        # narrower message would need a line more than it gets and lose its last line.
        self.ensurePolished()  # the style sheet's padding is part of the buttons' width
        self.message.setMaximumWidth(max(340, buttons.sizeHint().width()))

        self._look_timer = QTimer(self)
        self._look_timer.setSingleShot(True)
        self._look_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._look_timer.timeout.connect(self._on_look_timer_timeout)
        self._look_ms = look_ms
        keep_plain(self)  # its labels may show text from files: never as markup

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        """Clip the window to the panel's rounded shape where that is needed."""
        super().resizeEvent(event)
        if needs_shape_mask():
            self.setMask(rounded_region(self.rect(), _CORNER_RADIUS_PX))

    def show_near(self, anchor: QPoint | None) -> None:
        """Show the prompt in the corner nearest the tray icon, on the screen under the mouse."""
        self.adjustSize()
        screen = _screen_under_mouse()
        if screen is not None:
            size = (self.sizeHint().width(), self.sizeHint().height())
            self.move(corner_position(screen.availableGeometry(), size, anchor))
        self._shown_at = self._clock.monotonic()
        self.show()
        self._arm_look(self._ignore_after_s)

    def withdraw(self) -> None:
        """Close the prompt without any of the signals (the break was dealt with elsewhere)."""
        self._is_answered = True
        self._look_timer.stop()
        self.close()

    def _arm_look(self, seconds_left: float) -> None:
        interval = self._look_ms if self._look_ms is not None else int(seconds_left * 1000) + 250
        self._look_timer.start(max(1, interval))

    def _answer(self, signal: SignalInstance) -> None:
        if self._is_answered:
            return
        self._is_answered = True
        self._look_timer.stop()
        self.close()
        signal.emit()

    def _on_start_button_clicked(self) -> None:
        self._answer(self.started)

    def _on_snooze_button_clicked(self) -> None:
        self._answer(self.snoozed)

    def _on_skip_button_clicked(self) -> None:
        self._answer(self.skipped)

    def _on_look_timer_timeout(self) -> None:
        self.look()

    def look(self) -> None:
        """Look at the clock: an unanswered prompt up long enough goes as `ignored`."""
        # The timer decides when to look; the clock decides how long the prompt has been up.
        if self._shown_at is None or self._is_answered:
            return
        left = self._ignore_after_s - (self._clock.monotonic() - self._shown_at)
        if left <= 0:
            self._answer(self.ignored)
        else:
            self._arm_look(left)


def needs_shape_mask() -> bool:
    """Return whether a translucent window may show black corners here (X11).

    X11 draws a translucent window's transparent pixels black unless a compositor runs, and
    Qt cannot tell whether one does; a shape mask cuts the corners off in both cases (Wayland,
    Windows and macOS always compose).
    """
    return QGuiApplication.platformName() == "xcb"


def rounded_region(rect: QRect, radius: int) -> QRegion:
    """Return `rect` with its corners rounded by `radius`, as a region for `setMask`."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(rect), radius, radius)
    return QRegion(path.toFillPolygon().toPolygon())


def _screen_under_mouse() -> QScreen | None:
    screen = QGuiApplication.screenAt(QCursor.pos())
    return screen if screen is not None else QGuiApplication.primaryScreen()
