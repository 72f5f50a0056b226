"""The tray icon, its tooltip and its menu (shared with the status window when there is no tray)."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from posture_break.core.clock import Clock
from posture_break.core.hold import HoldReason, hold_summary
from posture_break.core.i18n import _, ngettext
from posture_break.core.pause import PauseFor, PauseUntil
from posture_break.ui.dates import short_day_name
from posture_break.ui.plain_text import notification_text
from posture_break.ui.scheduling import BreakScheduler, ScheduleState
from posture_break.ui.tray_icon import IconState, TrayIcons

_MESSAGE_MS = 15000
_log = logging.getLogger(__name__)


def notify_on_bus(title: str, text: str, *, bus_address: str | None = None) -> bool:
    """Show a notification on the session's notification server; False if there is none.

    Qt's own `QSystemTrayIcon.showMessage` sends `text` to org.freedesktop.Notifications as it
    is, without asking whether the server reads the body as markup (qdbustrayicon.cpp); a
    warning naming a settings key `<img src="/dev/zero">` would then make the server load that
    file. So on a D-Bus desktop we send it ourselves, escaped by `notification_text` exactly
    when the server says `body-markup`. (Qt's fallback balloon on X11 is a plain-text label.)
    """
    # jeepney is loaded when a message is shown, not by every app at rest.
    from posture_break.platform.notification_server import NotificationServer

    server = NotificationServer.open(bus_address)
    if server is None:
        return False
    try:
        markup = "body-markup" in server.capabilities()
        server.notify(
            "posture-break",
            title,
            notification_text(text, markup),
            [],
            expire_ms=_MESSAGE_MS,
            hints={"desktop-entry": ("s", "posture-break"), "urgency": ("y", 1)},
        )
    except Exception:  # the server went away or refused: let Qt try
        _log.info("the notification server refused a message", exc_info=True)
        return False
    finally:
        server.close()
    return True


@dataclass(frozen=True, slots=True)
class TrayStatus:
    """What the tray shows: the state and the one time that matters in it.

    `next_at` is the next prompt (counting down, or the first one of the next working window);
    `paused_until` is when a pause ends (None while paused means "until you resume");
    `held` is why a due prompt waits (a call, a quiet time, ...).
    """

    state: IconState
    next_at: datetime | None = None
    paused_until: datetime | None = None
    held: tuple[HoldReason, ...] = ()

    def __post_init__(self) -> None:
        for name in ("next_at", "paused_until"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} {value.isoformat()} has no time zone")


def _clock_text(when: datetime, now: datetime) -> str:
    """Return ``14:30`` for today, ``Mon 09:45`` for another day (both in `now`'s zone).

    The weekday's name is the default `QLocale`'s, which the app sets for its language.
    """
    local = when.astimezone(now.tzinfo)
    hhmm = f"{local.hour:02d}:{local.minute:02d}"
    if local.date() == now.date():
        return hhmm
    # Translators: when the next stretch is on another day, e.g. "Mon 09:45".
    return _("{weekday} {time}").format(weekday=short_day_name(local.weekday()), time=hhmm)


def minutes_left(when: datetime, now: datetime) -> int:
    """Return whole minutes until `when`, rounded up (1 until it is due, then 0)."""
    seconds = (when - now).total_seconds()
    return max(0, math.ceil(seconds / 60))


def _duration_text(minutes: int) -> str:
    if minutes < 1:
        # Translators: the next stretch is due at once, in "Next stretch at 14:30 (now)".
        return _("now")
    if minutes < 60:
        # Translators: time until the next stretch, in "Next stretch at 14:30 (in 5 min)".
        return ngettext("in {minutes} min", "in {minutes} min", minutes).format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return ngettext("in {hours} h", "in {hours} h", hours).format(hours=hours)
    # Translators: time until the next stretch, e.g. "in 2 h 15 min".
    return _("in {hours} h {minutes} min").format(hours=hours, minutes=rest)


def status_text(status: TrayStatus, now: datetime) -> str:
    """Return the tooltip (and status window) line for `status` at `now`."""
    if status.state is IconState.DUE:
        return _("A stretch is due now")
    if status.held:
        if status.held == (HoldReason.QUIET_TIME,) and status.next_at is not None:
            # Translators: {reason} is why the prompt waits (e.g. "Quiet time"); {time} is a
            # time of day, or a short weekday and a time.
            return _("{reason} until {time}").format(
                reason=hold_summary(status.held), time=_clock_text(status.next_at, now)
            )
        return hold_summary(status.held)
    if status.state is IconState.PAUSED:
        if status.paused_until is None:
            return _("Paused until you resume")
        return _("Paused until {time}").format(time=_clock_text(status.paused_until, now))
    if status.next_at is None:
        return _("No stretch planned (no working days set)")
    if status.state is IconState.OFF_HOURS:
        return _("Outside working hours — next at {time}").format(
            time=_clock_text(status.next_at, now)
        )
    # Translators: {left} is "now", "in 5 min", "in 1 h" or "in 2 h 15 min".
    return _("Next stretch at {time} ({left})").format(
        time=_clock_text(status.next_at, now),
        left=_duration_text(minutes_left(status.next_at, now)),
    )


def seconds_until_text_changes(status: TrayStatus, now: datetime) -> float | None:
    """Return when the minute count in `status_text` next changes, or None if it never does."""
    if status.state is not IconState.COUNTING or status.next_at is None or status.held:
        return None
    seconds = (status.next_at - now).total_seconds()
    if seconds <= 0:
        return None
    shown = math.ceil(seconds / 60)
    return seconds - (shown - 1) * 60


@dataclass(frozen=True, slots=True)
class TrayActions:
    """The menu's actions, also used as the buttons of the status window."""

    stretch_now: QAction
    pause_menu: QMenu
    pause_choices: tuple[tuple[QAction, PauseFor | PauseUntil], ...]
    resume: QAction
    skip_next: QAction
    review: QAction
    settings: QAction
    safety: QAction
    about: QAction
    quit: QAction


class Tray(QObject):
    """The tray icon with its tooltip and menu; the menu works even where there is no tray.

    The tooltip is refreshed on a state change and when its minute count changes, never more than
    once a minute, and not at all while nothing is counting down.

    Signals:
        stretch_requested: Stretch now was chosen.
        pause_requested: A pause was chosen (a `PauseFor` or `PauseUntil`).
        resume_requested: Resume was chosen.
        skip_next_requested: Skip the next one was chosen.
        review_requested: This week… was chosen.
        settings_requested: Settings… was chosen.
        safety_requested: Safety note was chosen.
        about_requested: About was chosen.
        quit_requested: Quit was chosen.
        text_changed: The status line changed (for the status window).
    """

    stretch_requested = Signal()
    pause_requested = Signal(object)
    resume_requested = Signal()
    skip_next_requested = Signal()
    review_requested = Signal()
    settings_requested = Signal()
    safety_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()
    text_changed = Signal(str)

    def __init__(
        self,
        clock: Clock,
        icons: TrayIcons,
        parent: QObject | None = None,
        *,
        refresh_timer: QTimer | None = None,
    ) -> None:
        """Build the icon and menu; `refresh_timer` wakes the status line (tests pass their own)."""
        super().__init__(parent)
        self._clock = clock
        self._icons = icons
        self._status = TrayStatus(IconState.COUNTING)
        self._text = "posture-break"  # until the first state arrives
        self._icon: QSystemTrayIcon | None = None
        self.menu = QMenu()
        self.actions = self._build_menu()
        self._refresh_timer = refresh_timer if refresh_timer is not None else QTimer(self)
        self._refresh_timer.setSingleShot(True)
        # A tooltip a second late is fine; a coarse timer lets the OS batch the wake-up.
        self._refresh_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        self._is_text_watched = False

    def _build_menu(self) -> TrayActions:
        menu = self.menu
        stretch_now = menu.addAction(_("&Stretch now"))
        stretch_now.triggered.connect(self.stretch_requested)
        # Translators: the tray submenu that pauses the prompts for a while.
        pause_menu = menu.addMenu(_("&Pause"))
        choices: list[tuple[QAction, PauseFor | PauseUntil]] = []
        for label, choice in (
            # Translators: entries of the Pause submenu: how long to pause the prompts.
            (_("&30 minutes"), PauseFor(timedelta(minutes=30))),
            (_("&1 hour"), PauseFor(timedelta(hours=1))),
            (_("&2 hours"), PauseFor(timedelta(hours=2))),
            (_("Until &tomorrow"), PauseUntil.TOMORROW),
            (_("Until I &resume"), PauseUntil.RESUMED),
        ):
            action = pause_menu.addAction(label)
            action.triggered.connect(lambda _=False, c=choice: self.pause_requested.emit(c))
            choices.append((action, choice))
        # Translators: tray menu entry that ends a pause.
        resume = menu.addAction(_("&Resume"))
        resume.triggered.connect(self.resume_requested)
        # Translators: tray menu entry: skip the next stretch prompt.
        skip_next = menu.addAction(_("S&kip the next one"))
        skip_next.triggered.connect(self.skip_next_requested)
        menu.addSeparator()
        # Translators: tray menu entry that opens the review of this week's stretches.
        review = menu.addAction(_("This &week…"))
        review.triggered.connect(self.review_requested)
        settings = menu.addAction(_("Se&ttings…"))
        settings.triggered.connect(self.settings_requested)
        safety = menu.addAction(_("Safety &note"))
        safety.triggered.connect(self.safety_requested)
        about = menu.addAction(_("&About"))
        about.triggered.connect(self.about_requested)
        menu.addSeparator()
        quit_action = menu.addAction(_("&Quit"))
        quit_action.triggered.connect(self.quit_requested)
        resume.setVisible(False)
        return TrayActions(
            stretch_now=stretch_now,
            pause_menu=pause_menu,
            pause_choices=tuple(choices),
            resume=resume,
            skip_next=skip_next,
            review=review,
            settings=settings,
            safety=safety,
            about=about,
            quit=quit_action,
        )

    @property
    def status(self) -> TrayStatus:
        """Return what the tray currently shows."""
        return self._status

    @property
    def text(self) -> str:
        """Return the current tooltip text."""
        return self._text

    @property
    def is_docked(self) -> bool:
        """Return whether the icon is shown in a system tray."""
        return self._icon is not None and self._icon.isVisible()

    def dock(self) -> bool:
        """Show the icon if the desktop has a system tray; return whether it is shown."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return False
        if self._icon is None:
            self._icon = QSystemTrayIcon(self._icons.icon(self._status.state), self)
            self._icon.setContextMenu(self.menu)
            self._icon.setToolTip(self._text)
            self._icon.activated.connect(self._on_icon_activated)
        self._icon.show()
        self._update_watching()
        return True

    def hide(self) -> None:
        """Take the icon out of the tray (on quit)."""
        self._refresh_timer.stop()
        if self._icon is not None:
            self._icon.hide()

    def set_text_watched(self, is_watched: bool) -> None:
        """Say whether someone besides the tray shows the status line (the status window)."""
        self._is_text_watched = is_watched
        self._update_watching()

    def show_message(self, title: str, text: str) -> bool:
        """Show a notification from the tray icon; return False when there is no tray."""
        if not self.is_docked:
            return False
        if notify_on_bus(title, text):
            return True
        if not QSystemTrayIcon.supportsMessages():
            return False
        assert self._icon is not None  # is_docked says so
        self._icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, _MESSAGE_MS)
        return True

    def icon_geometry_center(self) -> tuple[int, int] | None:
        """Return the centre of the docked icon on screen, when the tray tells us."""
        if self._icon is None or not self.is_docked:
            return None
        rect = self._icon.geometry()
        if rect.isEmpty():
            return None
        return rect.center().x(), rect.center().y()

    def set_status(self, status: TrayStatus) -> None:
        """Show a new state: icon, tooltip and which menu entries apply."""
        if status.state is not self._status.state and self._icon is not None:
            self._icon.setIcon(self._icons.icon(status.state))
        self._status = status
        is_paused = status.state is IconState.PAUSED
        self.actions.pause_menu.menuAction().setVisible(not is_paused)
        self.actions.resume.setVisible(is_paused)
        self.actions.skip_next.setEnabled(status.state in (IconState.COUNTING, IconState.DUE))
        self._refresh_text()

    def _refresh_text(self) -> None:
        now = self._clock.now()
        text = status_text(self._status, now)
        if text != self._text:
            self._text = text
            if self._icon is not None:
                self._icon.setToolTip(text)
            self.text_changed.emit(text)
        self._arm_refresh(now)

    def _update_watching(self) -> None:
        if self.is_docked or self._is_text_watched:
            self._arm_refresh(self._clock.now())
        else:
            self._refresh_timer.stop()

    def _arm_refresh(self, now: datetime) -> None:
        # The timer decides when to look again; the clock decides what the text says then.
        delay = seconds_until_text_changes(self._status, now)
        if delay is None or not (self.is_docked or self._is_text_watched):
            self._refresh_timer.stop()
            return
        # At most once a minute after the first alignment; a little late rather than early.
        self._refresh_timer.start(max(1000, int(delay * 1000) + 500))

    def _on_refresh_timer_timeout(self) -> None:
        self._refresh_text()

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A left click opens the same menu: panels differ on which button shows a context menu.
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.menu.popup(QCursor.pos())


def tray_status_of(scheduler: BreakScheduler, clock: Clock) -> TrayStatus:
    """Return what the tray should show for the scheduler's current state."""
    state = scheduler.state
    icon_state = {
        ScheduleState.COUNTING: IconState.COUNTING,
        ScheduleState.DUE: IconState.DUE,
        ScheduleState.PAUSED: IconState.PAUSED,
        ScheduleState.OFF_HOURS: IconState.OFF_HOURS,
        # Nothing is asked of the user while a prompt waits: the counting icon, held words.
        ScheduleState.HELD: IconState.COUNTING,
    }[state]
    paused_until = None
    if state is ScheduleState.PAUSED:
        paused_until = scheduler.cycle.pause_end(clock.now(), clock.monotonic())
    held = scheduler.held_because if state is ScheduleState.HELD else ()
    return TrayStatus(icon_state, scheduler.next_prompt_at, paused_until, held)
