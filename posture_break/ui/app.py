"""The app's behaviour: what happens when a break is due, answered, stretched or put off.

`PostureBreakApp` is handed every part (see `ui/composition.py`, the composition root) and only
connects signals: the scheduler says when a break is due, the prompt asks, the stretch window does
the stretch, and every outcome is recorded (`core/stretch_run.py` decides what). The catalogue is
loaded once, a few seconds after start-up (`preload_ms`), so the first stretch opens at once.

Over 500 lines, on purpose: this is the one class that connects every part, and each method is a
few lines of wiring for one event (a break due, a prompt answered, a window opened or closed, a
setting changed). The decisions live elsewhere (`core/stretch_run.py`, `core/hold.py`,
`ui/prompt_choice.py`, `ui/app_notices.py`); splitting the wiring itself would scatter one flow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal

from posture_break.core.clock import Clock
from posture_break.core.i18n import _
from posture_break.core.outbox import AnyHistory
from posture_break.core.paths import AppPaths
from posture_break.core.pause import PauseFor, PauseUntil, parse_pause, pause_end
from posture_break.core.picker import HISTORY_WANTED, LazyPicker, Picker
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.settings import Settings
from posture_break.core.settings_file import SettingsLoad
from posture_break.core.stretch import Stretch
from posture_break.core.stretch_run import Offer
from posture_break.core.timeline import build_timeline
from posture_break.ipc import ANSWERED_COMMANDS
from posture_break.ui.app_notices import (
    Notice,
    about_box,
    first_run,
    notice_box,
    report_settings_warnings,
    settings_notice,
)
from posture_break.ui.chime import Chime
from posture_break.ui.prompt_choice import Prompt, PromptMaker
from posture_break.ui.prompt_terms import LONG_CALL_HEADING, PROMPT_HEADING
from posture_break.ui.scheduling import BreakScheduler
from posture_break.ui.settings_watch import SettingsWatcher
from posture_break.ui.tray import Tray, status_text, tray_status_of
from posture_break.ui.tray_host import TrayHostWatcher
from posture_break.ui.tray_icon import IconState, TrayIcons
from posture_break.ui.window_shelf import WindowShelf

if TYPE_CHECKING:
    from posture_break.ui.status_window import StatusWindow
    from posture_break.ui.stretch_window import StretchWindow

# The windows are imported where they open: an app at rest in the tray holds none of them
# (docs/performance.md). The stretch window is imported as soon as a break is due.

#: While there is no system tray, look for one this often (and only then).
TRAY_LOOK_MS = 30_000
RECENT_STRETCHES = HISTORY_WANTED  # the picker's memory: distinct ids, newest first


class PostureBreakApp(QObject):
    """The tray app: connects scheduler, tray, prompt and windows; records every outcome.

    Signals:
        finished: The app shut down (Quit); the event loop should end.
        preloaded: The catalogue was loaded ahead of the first stretch.
        stretch_opened: A stretch window was shown (carries the window).
        prompt_shown: A break prompt was shown (carries the prompt).
    """

    finished = Signal()
    preloaded = Signal()
    stretch_opened = Signal(object)
    prompt_shown = Signal(object)

    def __init__(
        self,
        *,
        clock: Clock,
        paths: AppPaths,
        settings: Settings,
        history: AnyHistory,
        scheduler: BreakScheduler,
        picker: Picker,
        chime: Chime | None = None,
        settings_warnings: Sequence[str] = (),
        notices: Sequence[Notice] = (),
        tray: Tray | None = None,
        preload_ms: int | None = None,
        tray_look_timer: QTimer | None = None,
        tray_host: TrayHostWatcher | None = None,
        prompts: PromptMaker | None = None,
    ) -> None:
        """Wire the parts; with `preload_ms`, load the catalogue that long after `start`.

        `tray_look_timer` looks for a system tray while there is none (tests pass their own and
        fire it); by default a coarse `TRAY_LOOK_MS` timer owned by the app. With `tray_host`
        the app docks when a host appears instead, with no timer of its own. `prompts` makes
        each prompt (the panel, or a notification where `[prompt] style` says so).
        """
        super().__init__()
        self._preload_ms = preload_ms
        self._clock = clock
        self._paths = paths
        self._settings = settings
        self._history = history
        self._scheduler = scheduler
        self._picker = picker
        self._chime = chime
        self._settings_warnings = tuple(settings_warnings)
        self._notices = tuple(notices)
        self.tray = tray if tray is not None else Tray(clock, TrayIcons())
        self.tray.setParent(self)
        self._prompts = prompts if prompts is not None else PromptMaker(clock)
        self._prompt: Prompt | None = None
        self._offer: Offer | None = None  # the break the prompt on show offers
        self._stretch_window: StretchWindow | None = None
        self._status_window: StatusWindow | None = None
        self._shelf = WindowShelf()  # review, settings, about, notices: kept while open
        self._is_safety_note_open = False
        self._settings_watcher = SettingsWatcher(
            paths.config_file, SettingsLoad(settings, self._settings_warnings), self
        )
        if tray_look_timer is None:
            tray_look_timer = QTimer(self)
            tray_look_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
            tray_look_timer.setInterval(TRAY_LOOK_MS)
        self._tray_look_timer = tray_look_timer
        self._tray_look_timer.timeout.connect(self._on_tray_look_timer_timeout)
        self._tray_host = tray_host  # a panel started after the app (the login race) docks it now
        if tray_host is not None:
            tray_host.setParent(self)
            tray_host.host_appeared.connect(self._on_tray_look_timer_timeout)
        self._connect()

    def _connect(self) -> None:
        tray = self.tray
        tray.stretch_requested.connect(self._on_tray_stretch_requested)
        tray.pause_requested.connect(self._on_tray_pause_requested)
        tray.resume_requested.connect(self._on_tray_resume_requested)
        tray.skip_next_requested.connect(self._on_tray_skip_next_requested)
        tray.review_requested.connect(self.open_review)
        tray.settings_requested.connect(self.open_settings)
        tray.safety_requested.connect(self.show_safety_note)
        tray.about_requested.connect(self.show_about)
        tray.quit_requested.connect(self.quit)
        self._scheduler.break_due.connect(self._on_scheduler_break_due)
        self._scheduler.state_changed.connect(self._on_scheduler_state_changed)
        self._scheduler.break_withdrawn.connect(self._on_scheduler_break_withdrawn)

    # -- life cycle ------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """Return the settings in use."""
        return self._settings

    @property
    def history(self) -> AnyHistory:
        """Return the break history (whoever opened it closes it after the app ends)."""
        return self._history

    @property
    def prompt(self) -> Prompt | None:
        """Return the prompt on show, if any."""
        return self._prompt

    @property
    def stretch_window(self) -> StretchWindow | None:
        """Return the open stretch window, if any."""
        return self._stretch_window

    @property
    def status_window(self) -> StatusWindow | None:
        """Return the status window (only made when there is no tray)."""
        return self._status_window

    def start(self) -> None:
        """Dock in the tray (or show the status window), start planning, show start notices."""
        report_settings_warnings(self._settings_warnings)
        self._settings_watcher.changed.connect(self._on_settings_file_changed)
        self._scheduler.start()
        self._on_scheduler_state_changed()
        if not self.tray.dock():
            self._show_status_window()
            if self._tray_host is None:
                self._tray_look_timer.start()
        QTimer.singleShot(0, self._after_start)
        if self._preload_ms is not None:
            # One shot, with the app as context (no call once it is gone); idle stays timer-free.
            QTimer.singleShot(self._preload_ms, self, self._preload)

    def _preload(self) -> None:
        """Load the catalogue while nothing happens, so the first stretch opens at once."""
        if isinstance(self._picker, LazyPicker):
            self._picker.preload()
        self.preloaded.emit()

    def _after_start(self) -> None:
        for notice in self._notices:
            self.notify(notice.title, notice.text)
        self._safety_first()

    def _safety_first(self) -> bool:
        """On the first run show the safety note and ask where; False while they are on show."""
        if self._is_safety_note_open:
            return False  # a stretch asked for meanwhile waits for the note to be read
        self._is_safety_note_open = True
        try:
            answered = first_run(self._paths, self._settings)
        finally:
            self._is_safety_note_open = False
        if answered is not None:
            self._settings_watcher.note_saved(answered)  # saved by the question itself
            self.apply_settings(answered)
        return True

    def quit(self) -> None:
        """Shut down: the open prompt counts as skipped, an open stretch records itself."""
        self._dismiss_prompt_as_skipped()
        if self._stretch_window is not None:
            self._stretch_window.close()
        self._shelf.close_all()
        if self._status_window is not None:
            self._status_window.close_for_good()
        self._tray_look_timer.stop()
        self._scheduler.shutdown()
        self.tray.hide()
        self.finished.emit()

    # -- commands from other launches ------------------------------------------------------

    def handle_command(self, command: str, argument: str | None) -> None:
        """Carry out a command sent by a later launch (already validated by the server)."""
        if command in ANSWERED_COMMANDS:
            self.answer_command(command, argument)
        elif command == "stretch":
            self.stretch_now()
        elif command == "quiet" and argument is not None:
            self._scheduler.add_quiet_today(argument)  # "HH:MM-HH:MM": pause --from --until
        elif command == "review":
            self.open_review()
        elif command == "settings":
            self.open_settings()
        elif command == "quit":
            self.quit()
        elif command == "activate":
            self.activate()
        # "ping" needs nothing: the server's answer already said the app is up.

    def answer_command(self, command: str, argument: str | None) -> str:
        """Carry out `pause`, `resume` or `skip` (`ANSWERED_COMMANDS`); say what happened."""
        shown = tray_status_of(self._scheduler, self._clock).state
        done = ""
        if command == "pause":
            self.pause(parse_pause(argument))
        elif command == "resume":
            done = _("Resumed.") if shown is IconState.PAUSED else _("Not paused.")
            self._scheduler.resume()  # does nothing unless paused
        elif shown in (IconState.COUNTING, IconState.DUE):  # as the menu, which has Skip only then
            self.skip_next()
            done = _("Skipped the next stretch.")
        else:
            done = _("Nothing to skip.")
        now_text = status_text(tray_status_of(self._scheduler, self._clock), self._clock.now())
        # Two sentences, each translated whole: what was done, then the tray's status line.
        return f"{done} {now_text}" if done else now_text

    def status(self) -> dict[str, object]:
        """Return the `posture-break status --json` object."""
        return self._scheduler.status().to_json_dict()

    def activate(self) -> None:
        """Answer a second plain launch: show where the app is."""
        # Without a tray (`show_message` says False), the status window comes back in front.
        if not self.tray.show_message(_("posture-break is running"), self.tray.text):
            self._show_status_window()

    # -- breaks ----------------------------------------------------------------------------

    def _on_scheduler_break_due(self) -> None:
        if self._prompt is not None or self._stretch_window is not None:
            return  # one break at a time; the open one will finish the cycle
        stretch = self._pick()
        if stretch is None:
            self._scheduler.break_finished()  # nothing to offer; try again next interval
            return
        # Load the stretch window's code now, while the prompt waits for an answer.
        import posture_break.ui.stretch_window  # noqa: F401

        # The prompt says how long this stretch will really take: its dose within the setting.
        timeline = build_timeline(stretch, float(self._settings.breaks.stretch_seconds))
        center = self.tray.icon_geometry_center()
        prompt = self._prompts.show(
            self._settings,
            stretch.title,
            round(timeline.total_s),
            QPoint(*center) if center is not None else None,
            heading=LONG_CALL_HEADING if self._scheduler.is_long_call_offer else PROMPT_HEADING,
        )
        prompt.started.connect(self._on_prompt_started)
        prompt.snoozed.connect(self._on_prompt_snoozed)
        prompt.skipped.connect(self._on_prompt_skipped)
        prompt.ignored.connect(self._on_prompt_ignored)
        self._prompt = prompt
        self._offer = Offer(stretch, self._clock.now())
        if self._chime is not None and self._settings.breaks.sound:
            self._chime.play()
        self.prompt_shown.emit(prompt)

    def _take_prompt(self) -> Offer | None:
        offer = self._offer
        if self._prompt is not None:
            self._prompt.deleteLater()
        self._prompt = None
        self._offer = None
        return offer

    def _record_prompt(self, outcome: Outcome) -> None:
        offer = self._take_prompt()
        if offer is not None:
            self._record(offer.declined(outcome))

    def _record(self, entry: BreakRecord) -> None:
        try:
            self._history.record(entry)
        except Exception as exc:
            self.notify(_("Could not save a break"), str(exc))

    def _on_prompt_started(self) -> None:
        offer = self._take_prompt()
        if offer is not None:
            # The user already said Start in the prompt: count down at once, no second click.
            self._open_stretch(offer.stretch, Trigger.SCHEDULED, start=True)

    def _on_prompt_snoozed(self) -> None:
        self._record_prompt(Outcome.SNOOZED)
        self._scheduler.snooze()

    def _on_prompt_skipped(self) -> None:
        self._record_prompt(Outcome.SKIPPED)
        self._scheduler.break_finished()

    def _on_prompt_ignored(self) -> None:
        # An unanswered prompt counts as skipped and the interval starts again: coming back
        # in a few minutes would be nagging. See docs/tray.md.
        self._record_prompt(Outcome.SKIPPED)
        self._scheduler.break_finished()

    def _on_scheduler_break_withdrawn(self) -> None:
        # Away long enough, asleep, or paused: the prompt goes. Not done and not put off, so it
        # counts as skipped like an ignored one (the scheduler has restarted the interval).
        self._dismiss_prompt_as_skipped()

    def _dismiss_prompt_as_skipped(self) -> None:
        prompt = self._prompt
        if prompt is None:
            return
        prompt.withdraw()
        self._record_prompt(Outcome.SKIPPED)

    def stretch_now(self) -> None:
        """Open a stretch at once, with focus (the user asked); raise one already open."""
        if self._stretch_window is not None:
            self._stretch_window.show()
            self._stretch_window.raise_()
            self._stretch_window.activateWindow()
            return
        prompt = self._prompt
        if prompt is not None:
            # The offered break becomes this one; nothing to record for the prompt itself.
            prompt.withdraw()
            offer = self._take_prompt()
            stretch = offer.stretch if offer is not None else self._pick()
        else:
            stretch = self._pick()
        if stretch is not None:
            self._open_stretch(stretch, Trigger.ON_DEMAND)

    def _open_stretch(
        self, stretch: Stretch, trigger: Trigger, *, start: bool | None = None
    ) -> None:
        # Safety first, whichever way the first stretch starts (menu, prompt, command).
        if not self._safety_first():
            if trigger is Trigger.SCHEDULED:
                self._scheduler.break_finished()
            return
        from posture_break.ui.figure_motion import figure_motion_for
        from posture_break.ui.stretch_window import StretchWindow

        window = StretchWindow(
            stretch,
            clock=self._clock,
            settings=self._settings,
            history=self._history,
            trigger=trigger,
            picker=self._picker,
            chime=self._chime,
            figure_motion=figure_motion_for(self._settings.appearance.motion),
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.closed.connect(self._on_stretch_window_closed)
        self._stretch_window = window
        window.show_stretch(start=start)
        self.stretch_opened.emit(window)

    def _on_stretch_window_closed(self) -> None:
        self._stretch_window = None
        self._scheduler.break_finished()

    def _pick(self) -> Stretch | None:
        """Return the next stretch, or None (said in words) when none can be offered."""
        try:
            recent = tuple(self._history.recent_stretches(RECENT_STRETCHES))
        except Exception:
            recent = ()  # a history problem must not stop a stretch
        try:
            return self._picker.pick(recent)
        except (ValueError, OSError) as exc:
            # A damaged catalogue (CatalogueError is a ValueError), or filters nothing passes.
            self.notify(_("No stretch to offer"), str(exc))
            return None

    # -- pause, resume, skip ---------------------------------------------------------------

    def pause(self, choice: PauseFor | PauseUntil) -> None:
        """Pause prompts; a prompt on show counts as skipped."""
        self._dismiss_prompt_as_skipped()
        self._scheduler.pause(pause_end(choice, self._clock.now(), self._settings.schedule))

    def skip_next(self) -> None:
        """Skip the next break; a prompt on show is that break, so it is skipped."""
        if self._prompt is not None:
            self._dismiss_prompt_as_skipped()
            self._scheduler.break_finished()
        else:
            self._scheduler.skip_next()

    def _on_tray_stretch_requested(self) -> None:
        self.stretch_now()

    def _on_tray_pause_requested(self, choice: PauseFor | PauseUntil) -> None:
        self.pause(choice)

    def _on_tray_resume_requested(self) -> None:
        self._scheduler.resume()

    def _on_tray_skip_next_requested(self) -> None:
        self.skip_next()

    def _on_scheduler_state_changed(self, *_args: object) -> None:
        self.tray.set_status(tray_status_of(self._scheduler, self._clock))

    # -- windows ---------------------------------------------------------------------------

    def open_review(self) -> None:
        """Open the week review (This week…)."""
        if self._shelf.raise_open("review"):
            return
        from posture_break.ui.review import ReviewWindow

        window = ReviewWindow(clock=self._clock, settings=self._settings, history=self._history)
        self._shelf.keep(window, "review")

    def open_settings(self) -> None:
        """Open the settings dialog on the file as it is now; saved settings apply at once."""
        if self._shelf.raise_open("settings"):
            return  # one dialog at a time: two would each save over the other
        from posture_break.ui.settings_dialog import SettingsDialog

        self._settings_watcher.read_now()  # never show (and then save) stale values
        dialog = SettingsDialog(self._settings, self._settings_warnings, self._paths.config_file)
        dialog.saved.connect(self._settings_watcher.note_saved)  # first: our write is no news
        dialog.saved.connect(self.apply_settings)
        self._shelf.keep(dialog, "settings")

    def _on_settings_file_changed(self, loaded: SettingsLoad) -> None:
        """Apply a hand edit of the settings file, warning as at start-up."""
        self.apply_settings(loaded.settings, loaded.warnings)
        dialog = self._shelf.get("settings")
        if dialog is not None:
            from posture_break.ui.settings_dialog import SettingsDialog

            assert isinstance(dialog, SettingsDialog)
            dialog.reload(loaded.settings, loaded.warnings)  # its banner says it all
            return
        report_settings_warnings(loaded.warnings)
        notice = settings_notice(self._paths.config_file, loaded.warnings)
        if notice is not None:
            self.notify(notice.title, notice.text)

    def apply_settings(self, settings: Settings, warnings: Sequence[str] = ()) -> None:
        """Use new settings (and the file's `warnings`, none after a Save): re-plan, re-filter."""
        self._settings = settings
        self._settings_warnings = tuple(warnings)
        if isinstance(self._picker, LazyPicker):
            self._picker.set_filters(settings.stretches)
        self._scheduler.apply_settings(settings)
        review = self._shelf.get("review")
        if review is not None:
            from posture_break.ui.review import ReviewWindow

            assert isinstance(review, ReviewWindow)
            review.apply_settings(settings)  # a new goal or work days show at once

    def show_safety_note(self) -> None:
        """Show the safety note (first run, and from the menu)."""
        from posture_break.ui.safety_dialog import SafetyDialog

        SafetyDialog.show_note(None)

    def show_about(self) -> None:
        """Show the About box (not modal)."""
        self._shelf.keep(about_box())

    def notify(self, title: str, text: str) -> None:
        """Tell the user something once: a tray notification, or a small window without a tray."""
        if self.tray.show_message(title, text):
            return
        self._shelf.keep(notice_box(title, text))

    def _show_status_window(self) -> None:
        if self._status_window is None:
            from posture_break.ui.status_window import StatusWindow

            self._status_window = StatusWindow(self.tray)
        # Back in front, even when minimised (its close button minimises it).
        self._status_window.showNormal()
        self._status_window.raise_()
        self._status_window.activateWindow()

    def _on_tray_look_timer_timeout(self) -> None:
        if self.tray.dock():
            self._tray_look_timer.stop()
            if self._status_window is not None:
                self._status_window.hide()
