"""The composition root: the one place that builds the real clock, files, store and scheduler.

`build_app` docks the tray icon first, then reads the settings and history, finds the desktop's
idle and do-not-disturb sources, builds the scheduler and hands all of them to `PostureBreakApp`.
`run_standalone` opens one window without the tray. Nothing else constructs these parts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from posture_break.core.clock import Clock, SystemClock
from posture_break.core.history import open_history
from posture_break.core.i18n import _
from posture_break.core.outbox import OUTBOX_NAME, Outbox, OutboxHistory
from posture_break.core.paths import AppPaths
from posture_break.core.picker import LazyPicker
from posture_break.core.record import Trigger
from posture_break.core.settings import CallSettings
from posture_break.core.settings_file import load_settings
from posture_break.platform import disturb, idle
from posture_break.platform.call import CallDetectionOptions, CallDetector, call_detector_for
from posture_break.platform.disturb import DisturbSource
from posture_break.platform.idle import IdleSource, WatchedIdleSource
from posture_break.platform.sleep import SleepWatcher
from posture_break.ui.app import RECENT_STRETCHES, PostureBreakApp
from posture_break.ui.app_notices import Notice, first_run, settings_notice
from posture_break.ui.chime import Chime
from posture_break.ui.notification_prompt import NotificationPrompt, is_wayland_session
from posture_break.ui.outbox_retry import OutboxRetry
from posture_break.ui.prompt_choice import PromptMaker
from posture_break.ui.scheduling import BreakScheduler
from posture_break.ui.tray import Tray
from posture_break.ui.tray_host import TrayHostWatcher
from posture_break.ui.tray_icon import TrayIcons

#: When the catalogue is loaded after start-up: late enough not to delay the icon and the first
#: command, early enough to be ready for the first stretch. The windows' code is imported when
#: they open (the stretch window's when a break is due), so the app at rest holds none of it.
PRELOAD_MS = 3000


def _startup_notices(paths: AppPaths, warnings: Sequence[str], problem: str | None) -> list[Notice]:
    notices: list[Notice] = []
    settings = settings_notice(paths.config_file, warnings)
    if settings is not None:
        notices.append(settings)
    if problem:
        notices.append(Notice(_("posture-break: a problem with your history"), problem))
    return notices


def _desktop_sources(clock: Clock) -> tuple[IdleSource, DisturbSource]:
    """Return the idle and do-not-disturb sources this desktop offers ("unknown" if none)."""
    # The detectors pick a backend per desktop (Wayland's compositor protocols first there).
    return idle.detect_idle_source(clock=clock), disturb.detect_disturb_source()


def _prompt_maker(clock: Clock) -> PromptMaker:
    """Return the prompt maker: a notification on Wayland (or when the setting says so)."""

    def open_notification(
        title: str, seconds: int, snooze: int, heading: str
    ) -> NotificationPrompt | None:
        return NotificationPrompt.open(title, seconds, snooze, clock=clock, summary=heading)

    wayland = is_wayland_session(QGuiApplication.platformName())
    return PromptMaker(clock, open_notification=open_notification, is_wayland=wayland)


def call_detector_of(chosen: CallSettings) -> CallDetector:
    """Build this system's call detector with the signals the user switched on."""
    options = CallDetectionOptions(chosen.microphone, chosen.camera, chosen.ignore)
    return call_detector_for(options)


def build_app(paths: AppPaths, *, after_dock: Callable[[], None] | None = None) -> PostureBreakApp:
    """Build the tray app from the real clock, the user's files and the desktop's services.

    The icon is docked first, before the scheduler and the history are loaded: the user sees the
    app at once, and a click in that moment waits in the event queue until everything is wired.
    `after_dock` runs right after docking (the launcher starts listening for commands there).

    Raises:
        OSError: `after_dock` raised it.
    """
    clock = SystemClock()
    tray = Tray(clock, TrayIcons())
    tray.dock()
    if after_dock is not None:
        after_dock()

    loaded = load_settings(paths.config_file)
    opened = open_history(paths.database, clock)
    settings = loaded.settings
    idle_source, disturb_source = _desktop_sources(clock)
    scheduler = BreakScheduler(
        clock, settings, idle_source, disturb_source, calls_for=call_detector_of
    )
    # logind says at once when the machine wakes; without it the heartbeat notices within a minute.
    sleep_watcher = SleepWatcher(scheduler)
    sleep_watcher.resumed.connect(scheduler.poll)
    # What the history cannot take right now (busy, full) waits in the outbox, never lost.
    history = OutboxHistory(
        opened.history,
        Outbox(paths.data_dir / OUTBOX_NAME),
        clock,
        is_persistent=opened.is_persistent,
    )
    app = PostureBreakApp(
        clock=clock,
        paths=paths,
        settings=settings,
        history=history,
        scheduler=scheduler,
        picker=LazyPicker(settings.stretches),
        chime=Chime(),
        settings_warnings=loaded.warnings,
        notices=_startup_notices(paths, loaded.warnings, opened.problem),
        tray=tray,
        preload_ms=PRELOAD_MS,
        tray_host=TrayHostWatcher(),
        prompts=_prompt_maker(clock),
    )
    if isinstance(idle_source, WatchedIdleSource):
        # Checked by what it does, so an X11 session never imports pywayland to ask.
        idle_source.watch(app)  # events timestamped as they come; no timer of its own
    OutboxRetry(history, clock, app.notify, parent=app)  # writes what a previous run left
    return app


def run_standalone(command: str, paths: AppPaths) -> int:
    """Open one window without the tray (no instance runs) and return when it closes.

    `stretch` records its outcome like any on-demand stretch; `review` and `settings` open
    those windows. Needs a `QApplication`.
    """
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    clock = SystemClock()
    loaded = load_settings(paths.config_file)
    opened = open_history(paths.database, clock)
    for warning in loaded.warnings:
        print(f"posture-break: {warning}", file=sys.stderr)
    if opened.problem:
        print(f"posture-break: {opened.problem}", file=sys.stderr)
    history = OutboxHistory(
        opened.history,
        Outbox(paths.data_dir / OUTBOX_NAME),
        clock,
        is_persistent=opened.is_persistent,
    )
    history.drain()  # what an earlier run left; the rest waits for the tray app's retries
    window: QWidget
    if command == "stretch":
        # Safety first, even without the tray app (and the first-run question with it).
        answered = first_run(paths, loaded.settings)
        if answered is not None:
            loaded = replace(loaded, settings=answered)
        from posture_break.ui.figure_motion import figure_motion_for
        from posture_break.ui.stretch_window import StretchWindow

        picker = LazyPicker(loaded.settings.stretches)
        recent = tuple(opened.history.recent_stretches(RECENT_STRETCHES))
        stretch_window = StretchWindow(
            picker.pick(recent),
            clock=clock,
            settings=loaded.settings,
            history=history,
            trigger=Trigger.ON_DEMAND,
            picker=picker,
            chime=Chime(),
            figure_motion=figure_motion_for(loaded.settings.appearance.motion),
        )
        stretch_window.closed.connect(qapp.quit)
        stretch_window.show_stretch()
        window = stretch_window
    elif command == "review":
        from posture_break.ui.review import ReviewWindow

        window = ReviewWindow(clock=clock, settings=loaded.settings, history=history)
        window.show()
    elif command == "settings":
        from posture_break.ui.settings_dialog import SettingsDialog

        window = SettingsDialog(loaded.settings, loaded.warnings, paths.config_file)
        window.show()
    else:
        raise ValueError(f"{command} cannot run without the tray app")
    qapp.setQuitOnLastWindowClosed(True)
    try:
        return qapp.exec()  # `window` stays referenced until the loop ends
    finally:
        window.deleteLater()
        opened.history.close()
