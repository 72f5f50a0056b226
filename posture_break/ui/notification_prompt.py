"""The break prompt as a desktop notification with Start, Snooze and Skip: it never takes focus.

On Wayland the window prompt's hints (tool, frameless, stay on top, show without activating) are
requests a compositor may ignore: sway tiles the panel and gives it the keyboard. A notification
is drawn by the desktop's notification server, which never takes keyboard focus, so where the
session is Wayland and the server offers actions the prompt is a notification instead
(`choose_prompt_style`). It emits exactly the signals `BreakPrompt` emits, with the same
meanings (docs/tray.md): an action gives started / snoozed / skipped; closed, dismissed or
expired without an answer gives `ignored`, as an unanswered panel does.
"""

from __future__ import annotations

import enum
import logging
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QSocketNotifier, Qt, QTimer, Signal, SignalInstance

from posture_break.core.clock import Clock
from posture_break.core.i18n import _, ngettext
from posture_break.ui.plain_text import notification_text
from posture_break.ui.prompt_terms import IGNORE_AFTER_S, PROMPT_HEADING

if TYPE_CHECKING:
    from posture_break.platform.notification_server import NotificationServer

_log = logging.getLogger(__name__)

APP_NAME = "posture-break"
SUMMARY = PROMPT_HEADING  # in English: translated when shown, as the panel's heading is


class PromptStyle(enum.Enum):
    """How a due break is offered."""

    PANEL = "panel"
    NOTIFICATION = "notification"


PROMPT_STYLE_SETTINGS = ("auto", "panel", "notification")
"""The values of the `[prompt] style` setting."""


def is_wayland_session(platform_name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Return whether our windows are Wayland windows (what decides how the panel behaves).

    `platform_name` is `QGuiApplication.platformName()`, or "" before there is an application;
    then the environment decides as Qt would (`QT_QPA_PLATFORM`, else `WAYLAND_DISPLAY`). An app
    on XWayland (`xcb`) is an X11 client: its window manager honours the panel's hints.
    """
    if platform_name:
        return platform_name.startswith("wayland")
    env = os.environ if environ is None else environ
    forced = env.get("QT_QPA_PLATFORM", "")
    if forced:
        return forced.startswith("wayland")
    return bool(env.get("WAYLAND_DISPLAY"))


def choose_prompt_style(
    setting: str, *, wayland: bool, capabilities: frozenset[str] | None
) -> PromptStyle:
    """Decide how to offer a break.

    Args:
        setting: `[prompt] style`: "auto", "panel" or "notification".
        wayland: whether the session is Wayland (`is_wayland_session`).
        capabilities: the notification server's `GetCapabilities`, or `None` without a server.

    A notification without actions could not be answered, so without `actions` the panel is
    used whatever the setting says. "auto" picks the notification on Wayland only: on X11 the
    panel keeps its place near the tray and never takes focus.
    """
    if setting not in PROMPT_STYLE_SETTINGS:
        raise ValueError(f"prompt style must be one of {PROMPT_STYLE_SETTINGS}, not {setting!r}")
    has_actions = capabilities is not None and "actions" in capabilities
    if setting == "panel" or not has_actions:
        return PromptStyle.PANEL
    if setting == "notification" or wayland:
        return PromptStyle.NOTIFICATION
    return PromptStyle.PANEL


def notification_body(stretch_title: str, stretch_seconds: int, *, markup: bool) -> str:
    """Return the notification's body, e.g. ``Seated reach, 1 min``, escaped for markup servers."""
    minutes = max(1, round(stretch_seconds / 60))
    # Translators: the prompt notification's body: {stretch} is the stretch's title.
    body = ngettext("{stretch}, {minutes} min", "{stretch}, {minutes} min", minutes)
    return notification_text(body.format(stretch=stretch_title, minutes=minutes), markup)


class NotificationPrompt(QObject):
    """Offer one stretch as an actionable notification. Exactly one signal is emitted, once.

    Signals:
        started: Start was chosen.
        snoozed: Snooze was chosen.
        skipped: Skip was chosen.
        ignored: Closed, dismissed or expired without an answer, or `ignore_after_s` passed.
        unavailable: The server refused the notification when shown; show the panel instead.
    """

    started = Signal()
    snoozed = Signal()
    skipped = Signal()
    ignored = Signal()
    unavailable = Signal()

    def __init__(
        self,
        server: NotificationServer,
        stretch_title: str,
        stretch_seconds: int,
        snooze_minutes: int,
        *,
        clock: Clock,
        ignore_after_s: float = IGNORE_AFTER_S,
        look_ms: int | None = None,
        parent: QObject | None = None,
        summary: str = SUMMARY,
    ) -> None:
        super().__init__(parent)
        self._summary = summary  # the panel's heading (a long call has its own)
        self._server: NotificationServer | None = server
        self._clock = clock
        self._ignore_after_s = ignore_after_s
        self._look_ms = look_ms
        self._title = stretch_title
        self._seconds = stretch_seconds
        from posture_break.platform.notification_server import Action

        # The keys are what the server sends back; only the labels are translated.
        snooze = ngettext("Snooze ({minutes} min)", "Snooze ({minutes} min)", snooze_minutes)
        self._actions = [
            # Translators: the prompt notification's button that starts the stretch now.
            Action("start", _("Start")),
            Action("snooze", snooze.format(minutes=snooze_minutes)),
            # Translators: the prompt notification's button that skips this stretch.
            Action("skip", _("Skip")),
        ]
        self._signal_for = {"start": self.started, "snooze": self.snoozed, "skip": self.skipped}
        self.notification_id: int | None = None
        self._shown_at: float | None = None
        self._is_answered = False
        server.on_action = self._on_action
        server.on_closed = self._on_closed
        self._socket = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._socket.activated.connect(self._on_socket_activated)
        self._look_timer = QTimer(self)
        self._look_timer.setSingleShot(True)
        self._look_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._look_timer.timeout.connect(self._on_look_timer_timeout)

    @classmethod
    def open(
        cls,
        stretch_title: str,
        stretch_seconds: int,
        snooze_minutes: int,
        *,
        clock: Clock,
        ignore_after_s: float = IGNORE_AFTER_S,
        bus_address: str | None = None,
        summary: str = SUMMARY,
    ) -> NotificationPrompt | None:
        """Return a prompt on the session's notification server, or `None` without actions."""
        # jeepney is loaded when a prompt is due, not by every app at rest (X11 never needs it).
        from posture_break.platform.notification_server import NotificationServer

        server = NotificationServer.open(bus_address)
        if server is None:
            return None
        try:
            has_actions = "actions" in server.capabilities()
        except Exception:
            _log.info("notification server did not answer GetCapabilities", exc_info=True)
            has_actions = False
        if not has_actions:
            server.close()
            return None
        return cls(
            server,
            stretch_title,
            stretch_seconds,
            snooze_minutes,
            clock=clock,
            ignore_after_s=ignore_after_s,
            summary=summary,
        )

    def show_near(self, anchor: QPoint | None = None) -> None:
        """Show the notification (the server decides where; `anchor` is for the panel's sake)."""
        del anchor
        server = self._server
        if server is None or self.notification_id is not None:
            return
        try:
            markup = "body-markup" in server.capabilities()
            self.notification_id = server.notify(
                APP_NAME,
                _(self._summary),
                notification_body(self._title, self._seconds, markup=markup),
                self._actions,
                expire_ms=round(self._ignore_after_s * 1000),
                hints={"desktop-entry": ("s", APP_NAME), "urgency": ("y", 1)},
            )
        except Exception:
            _log.warning("the notification server refused the prompt", exc_info=True)
            self._finish()
            self.unavailable.emit()
            return
        self._shown_at = self._clock.monotonic()
        self._arm_look(self._ignore_after_s)
        QTimer.singleShot(0, self._on_socket_activated)  # signals queued during the call

    def withdraw(self) -> None:
        """Take the notification down without any of the signals (dealt with elsewhere)."""
        self._is_answered = True
        self._close_notification()
        self._finish()

    def _answer(self, signal: SignalInstance) -> None:
        if self._is_answered:
            return
        self._is_answered = True
        self._close_notification()
        self._finish()
        signal.emit()

    def _close_notification(self) -> None:
        if self._server is not None and self.notification_id is not None:
            try:
                self._server.close_notification(self.notification_id)
            except Exception:  # already gone with the server
                _log.debug("CloseNotification failed", exc_info=True)

    def _finish(self) -> None:
        self._look_timer.stop()
        self._socket.setEnabled(False)
        if self._server is not None:
            server, self._server = self._server, None
            server.on_action = server.on_closed = None
            server.close()

    def _arm_look(self, seconds_left: float) -> None:
        interval = self._look_ms if self._look_ms is not None else int(seconds_left * 1000) + 250
        self._look_timer.start(max(1, interval))

    def _on_socket_activated(self) -> None:
        if self._server is None:
            return
        try:
            self._server.pump()
        except Exception:  # the bus went away: nobody can answer any more
            _log.info("lost the notification server", exc_info=True)
            self._answer(self.ignored)

    def _on_action(self, notification_id: int, key: str) -> None:
        signal = self._signal_for.get(key)
        if notification_id == self.notification_id and signal is not None:
            self._answer(signal)

    def _on_closed(self, notification_id: int, reason: int) -> None:
        if notification_id == self.notification_id:
            _log.debug("notification closed unanswered (reason %d)", reason)
            self._answer(self.ignored)

    def _on_look_timer_timeout(self) -> None:
        # As the panel does: the timer decides when to look, the clock how long it has been up.
        if self._shown_at is None or self._is_answered:
            return
        left = self._ignore_after_s - (self._clock.monotonic() - self._shown_at)
        if left <= 0:
            self._answer(self.ignored)
        else:
            self._arm_look(left)
