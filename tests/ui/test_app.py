"""The app as a whole: menu actions, prompts and commands drive the real scheduler and history."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory, open_history
from posture_break.core.paths import AppPaths
from posture_break.core.pause import PauseFor, PauseUntil, pause_end
from posture_break.core.record import Outcome, Trigger
from posture_break.core.settings import Settings
from posture_break.core.stretch import Stretch
from posture_break.core.stretch_run import Stage
from posture_break.ui.app import TRAY_LOOK_MS, PostureBreakApp
from posture_break.ui.app_notices import Notice
from posture_break.ui.prompt import BreakPrompt
from posture_break.ui.scheduling import BreakScheduler, ScheduleState
from posture_break.ui.stretch_window import StretchWindow
from tests.ui.stretch_factory import make_stretch

ZONE = timezone(timedelta(hours=1))
START = datetime(2026, 11, 25, 10, 0, tzinfo=ZONE)  # a Wednesday, inside working hours


class FakePicker:
    def __init__(self) -> None:
        self.stretches = [
            make_stretch("seated-twist", per_side=False),
            make_stretch("thread-the-needle", per_side=False),
        ]

    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        return next((s for s in self.stretches if s.id not in recent), self.stretches[0])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def paths(tmp_path_factory: pytest.TempPathFactory) -> AppPaths:
    root = tmp_path_factory.mktemp("app")
    found = AppPaths(
        config_dir=root / "config",
        data_dir=root / "data",
        log_dir=root / "log",
        runtime_dir=root / "run",
    )
    # The first-run safety note is a modal dialog; these tests are past their first run.
    found.data_dir.mkdir(parents=True)
    (found.data_dir / "safety-note-shown").touch()
    return found


def build(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
    notices: Sequence[Notice] = (),
    tray_look_timer: QTimer | None = None,
) -> PostureBreakApp:
    app = PostureBreakApp(
        clock=clock,
        paths=paths,
        settings=Settings(),
        history=history,
        scheduler=scheduler,
        picker=FakePicker(),
        notices=notices,
        tray_look_timer=tray_look_timer,
    )
    app.start()
    if app.status_window is not None:
        qtbot.addWidget(app.status_window)
    return app


@pytest.fixture
def app(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
) -> Iterator[PostureBreakApp]:
    built = build(qtbot, clock, paths, history, scheduler)
    yield built
    built.quit()


def outcomes(history: BreakHistory) -> list[tuple[str, Outcome, Trigger]]:
    return [(r.stretch, r.outcome, r.trigger) for r in history.records()]


def prompt_now(qtbot: QtBot, app: PostureBreakApp, clock: FakeClock) -> BreakPrompt:
    """Let the interval pass on the fake clock and have the scheduler look."""
    next_at = app.tray.status.next_at
    assert next_at is not None
    clock.advance(next_at - clock.now() + timedelta(seconds=1))
    with qtbot.waitSignal(app.prompt_shown, timeout=1000) as blocker:
        app._scheduler.poll()
    prompt = blocker.args[0] if blocker.args else None
    assert isinstance(prompt, BreakPrompt)
    return prompt


def test_without_a_tray_the_status_window_stands_in(app: PostureBreakApp) -> None:
    window = app.status_window
    assert window is not None
    assert window.isVisible()
    assert window.status_label.text() == "Next stretch at 10:45 (in 45 min)"
    assert app.tray.text == "Next stretch at 10:45 (in 45 min)"


def test_stretch_now_opens_a_stretch_window(qtbot: QtBot, app: PostureBreakApp) -> None:
    with qtbot.waitSignal(app.stretch_opened, timeout=1000):
        app.tray.actions.stretch_now.trigger()
    window = app.stretch_window
    assert isinstance(window, StretchWindow)
    assert window.isVisible()
    # Asking again raises the same window rather than opening a second one.
    app.tray.actions.stretch_now.trigger()
    assert app.stretch_window is window


def test_pause_for_30_minutes_pauses_the_scheduler(
    app: PostureBreakApp, scheduler: BreakScheduler
) -> None:
    action = next(
        a for a, c in app.tray.actions.pause_choices if c == PauseFor(timedelta(minutes=30))
    )
    action.trigger()
    assert scheduler.state is ScheduleState.PAUSED
    assert app.tray.text == "Paused until 10:30"
    assert app.tray.actions.resume.isVisible()
    app.tray.actions.resume.trigger()
    assert app.tray.status.state.name == "COUNTING"


def test_quit_shuts_everything_down(
    qtbot: QtBot, app: PostureBreakApp, scheduler: BreakScheduler
) -> None:
    with qtbot.waitSignal(app.finished, timeout=1000):
        app.tray.actions.quit.trigger()
    assert scheduler.planned_jobs() == {}
    assert app.status_window is not None
    assert not app.status_window.isVisible()


def test_a_due_break_shows_the_prompt_without_focus(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock
) -> None:
    focus_before = QApplication.focusWindow()
    prompt = prompt_now(qtbot, app, clock)
    assert prompt.isVisible()
    assert "Seated twist" in prompt.message.text()
    assert QApplication.focusWindow() is focus_before
    assert app.tray.status.state.name == "DUE"


def test_snooze_is_recorded_and_puts_the_break_off(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    QTest.mouseClick(prompt.snooze_button, Qt.MouseButton.LeftButton)
    assert outcomes(history) == [("seated-twist", Outcome.SNOOZED, Trigger.SCHEDULED)]
    assert app.prompt is None
    next_at = app.tray.status.next_at
    assert next_at is not None
    assert next_at - clock.now() <= timedelta(minutes=10)


def test_skip_is_recorded_and_restarts_the_interval(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    QTest.mouseClick(prompt.skip_button, Qt.MouseButton.LeftButton)
    assert outcomes(history) == [("seated-twist", Outcome.SKIPPED, Trigger.SCHEDULED)]
    next_at = app.tray.status.next_at
    assert next_at is not None
    assert next_at - clock.now() >= timedelta(minutes=44)


def test_start_opens_a_scheduled_stretch(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    with qtbot.waitSignal(app.stretch_opened, timeout=1000) as blocker:
        QTest.mouseClick(prompt.start_button, Qt.MouseButton.LeftButton)
    window = blocker.args[0] if blocker.args else None
    assert isinstance(window, StretchWindow)
    assert window.stretch.id == "seated-twist"
    # Start in the prompt already started it: the countdown runs without a second click.
    assert window.stage is Stage.RUNNING
    clock.advance(10)
    # Closing it mid-way is the window's own "abandoned", recorded as scheduled.
    with qtbot.waitSignal(window.closed, timeout=1000):
        window.close()
    assert outcomes(history) == [("seated-twist", Outcome.ABANDONED, Trigger.SCHEDULED)]
    assert [r.duration_s for r in history.records()] == [10]
    assert app.stretch_window is None


def test_an_ignored_prompt_is_recorded_as_skipped_and_does_not_nag(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    clock.advance(121)
    with qtbot.waitSignal(prompt.ignored, timeout=1000):
        prompt.look()  # as its timer would
    assert outcomes(history) == [("seated-twist", Outcome.SKIPPED, Trigger.SCHEDULED)]
    next_at = app.tray.status.next_at
    assert next_at is not None
    assert next_at - clock.now() >= timedelta(minutes=44)


def test_pausing_while_a_prompt_shows_skips_it(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt = prompt_now(qtbot, app, clock)
    app.handle_command("pause", "1h")
    assert not prompt.isVisible()
    assert outcomes(history) == [("seated-twist", Outcome.SKIPPED, Trigger.SCHEDULED)]
    assert app.tray.status.state.name == "PAUSED"


def test_commands_from_other_launches_drive_the_app(
    qtbot: QtBot, app: PostureBreakApp, scheduler: BreakScheduler
) -> None:
    before = app.tray.status
    app.handle_command("ping", None)
    assert app.tray.status == before
    app.handle_command("pause", "tomorrow")
    assert app.tray.status.state.name == "PAUSED"
    assert app.tray.text == "Paused until Thu 09:00"
    app.handle_command("resume", None)
    assert app.tray.status.state.name == "COUNTING"
    with qtbot.waitSignal(app.stretch_opened, timeout=1000):
        app.handle_command("stretch", None)
    with qtbot.waitSignal(app.finished, timeout=1000):
        app.handle_command("quit", None)


def test_pause_resume_and_skip_say_what_happened(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    assert app.answer_command("pause", "30m") == "Paused until 10:30"
    assert app.answer_command("skip", None) == "Nothing to skip. Paused until 10:30"
    assert app.answer_command("resume", None).startswith("Resumed. Next stretch at ")
    assert app.answer_command("resume", None).startswith("Not paused. Next stretch at ")
    said = app.answer_command("skip", None)
    assert said.startswith("Skipped the next stretch. Next stretch at "), said
    assert history.records() == []


def test_skip_outside_working_hours_says_so_and_changes_nothing(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock
) -> None:
    clock.advance(timedelta(hours=9))  # 19:00 on Wednesday: the working window is closed
    app._scheduler.poll()
    before = app._scheduler.cycle
    said = app.answer_command("skip", None)
    assert said == "Nothing to skip. Outside working hours — next at Thu 09:45", said
    assert app._scheduler.cycle == before  # the next window's first prompt is not dropped


def test_settings_warnings_are_shown_in_words_once(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
) -> None:
    notice = Notice("posture-break: some settings were not used", "interval_minutes = 0 ...")
    app = build(qtbot, clock, paths, history, scheduler, notices=[notice])
    try:

        def boxes() -> list[QMessageBox]:
            return [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ]

        qtbot.waitUntil(lambda: len(boxes()) == 1, timeout=1000)
        assert boxes()[0].text() == "interval_minutes = 0 ..."
        assert boxes()[0].windowModality() == Qt.WindowModality.NonModal
    finally:
        app.quit()


def test_pause_until_tomorrow_ends_when_the_next_working_day_starts() -> None:
    friday = datetime(2026, 11, 27, 16, 0, tzinfo=ZONE)
    end = pause_end(PauseUntil.TOMORROW, friday, Settings().schedule)
    assert end == datetime(2026, 11, 30, 9, 0, tzinfo=ZONE)  # Monday
    assert pause_end(PauseUntil.RESUMED, friday, Settings().schedule) is None
    assert pause_end(
        PauseFor(timedelta(hours=2)), friday, Settings().schedule
    ) == friday + timedelta(hours=2)


def test_the_first_run_shows_the_safety_note_once(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from posture_break.ui import safety_dialog

    shown: list[object] = []

    def confirmed(cls: object, parent: object = None) -> bool:
        shown.append(1)
        return True  # the user clicked "I understand"

    monkeypatch.setattr(safety_dialog.SafetyDialog, "show_note", classmethod(confirmed))
    from posture_break.ui import where_dialog

    asked: list[object] = []

    def no_answer(dialog: object) -> int:
        asked.append(dialog)
        return 0

    monkeypatch.setattr(where_dialog.WhereDialog, "exec", no_answer)
    (paths.data_dir / "safety-note-shown").unlink()
    app = build(qtbot, clock, paths, history, scheduler)
    try:
        qtbot.waitUntil(lambda: len(shown) == 1, timeout=1000)
        assert len(asked) == 1  # where will you stretch? (no answer: desk only, no kit)
        assert (paths.data_dir / "safety-note-shown").exists()
        app.tray.actions.safety.trigger()  # and always from the menu
        assert len(shown) == 2
    finally:
        app.quit()


def test_a_tray_appearing_later_takes_over_from_the_status_window(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    look = QTimer()
    look.setInterval(TRAY_LOOK_MS)
    app = build(qtbot, clock, paths, history, scheduler, tray_look_timer=look)
    try:
        assert app.status_window is not None
        assert look.isActive()  # looking, and only while there is no tray
        assert TRAY_LOOK_MS >= 30_000  # a slow look
        docked: list[bool] = []

        def dock() -> bool:
            docked.append(True)
            return True

        monkeypatch.setattr(app.tray, "dock", dock)
        look.timeout.emit()
        assert docked == [True]
        assert not look.isActive()
        assert not app.status_window.isVisible()
    finally:
        app.quit()


_LONE_WINDOW = """
import os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from posture_break.core.paths import AppPaths
from posture_break.ui import launch
root = Path(sys.argv[1])
paths = AppPaths(root / "config", root / "data", root / "log", root / "run")
def close():
    windows = [w for w in app.topLevelWidgets() if w.isWindow() and w.isVisible()]
    if not windows:
        return
    print("windows:", ", ".join(type(w).__name__ for w in windows), flush=True)
    for window in windows:
        # "I understand" on the note (only that marks it read); every other window is closed.
        window.accept() if type(window).__name__ == "SafetyDialog" else window.close()
# Again and again: a modal safety note runs its own loop before the window opens.
closer = QTimer()
closer.timeout.connect(close)
closer.start(20)
sys.exit(launch.run(sys.argv[2], None, paths))
"""


def run_alone(paths: AppPaths, command: str) -> str:
    # Its own process: it runs the application's event loop to the end.
    done = subprocess.run(
        [sys.executable, "-c", _LONE_WINDOW, str(paths.config_dir.parent), command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("command", "window"), [("review", "ReviewWindow"), ("settings", "SettingsDialog")]
)
def test_review_and_settings_open_alone_and_end_when_closed(
    paths: AppPaths, command: str, window: str
) -> None:
    assert run_alone(paths, command).strip() == f"windows: {window}"


def test_a_lone_stretch_records_its_outcome_and_ends(paths: AppPaths) -> None:
    assert run_alone(paths, "stretch").strip() == "windows: StretchWindow"
    opened = open_history(paths.database, FakeClock(START))
    try:
        records = opened.history.records()
    finally:
        opened.history.close()
    # An on-demand stretch starts at once, so closing it early is "abandoned", as on-demand.
    assert [(r.outcome, r.trigger) for r in records] == [(Outcome.ABANDONED, Trigger.ON_DEMAND)]


def test_a_lone_stretch_in_a_fresh_home_shows_the_safety_note_first(paths: AppPaths) -> None:
    (paths.data_dir / "safety-note-shown").unlink()
    assert run_alone(paths, "stretch").split("\n")[:3] == [
        "windows: SafetyDialog",
        "windows: WhereDialog",  # the first-run question comes with it
        "windows: StretchWindow",
    ]
    assert (paths.data_dir / "safety-note-shown").exists()
    assert run_alone(paths, "stretch").strip() == "windows: StretchWindow"  # once only


def test_every_path_to_a_stretch_shows_the_safety_note_first(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from posture_break.ui import safety_dialog, where_dialog

    order: list[str] = []

    def confirmed(cls: object, parent: object = None) -> bool:
        order.append("note")
        return True  # "I understand"

    monkeypatch.setattr(safety_dialog.SafetyDialog, "show_note", classmethod(confirmed))

    def no_answer(_dialog: object) -> int:
        order.append("where")
        return 0  # rejected: no answer

    monkeypatch.setattr(where_dialog.WhereDialog, "exec", no_answer)
    app = build(qtbot, clock, paths, history, scheduler)
    (paths.data_dir / "safety-note-shown").unlink()  # as if the start-up note had not run
    app.stretch_opened.connect(lambda _window: order.append("stretch"))
    try:
        app.handle_command("stretch", None)  # `posture-break stretch` to the running app
        assert order == ["note", "where", "stretch"]
    finally:
        app.quit()


def test_quitting_records_the_open_stretch_as_its_path_says(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    # Quit (the menu, or SIGTERM/SIGINT, which call the same quit) closes the window:
    # a started stretch is abandoned with its seconds.
    app.stretch_now()
    window = app.stretch_window
    assert window is not None
    clock.advance(timedelta(seconds=9))
    app.quit()
    assert [(r.outcome, r.duration_s) for r in history.records()] == [(Outcome.ABANDONED, 9)]


def test_quitting_with_a_prompt_or_an_unstarted_break_records_skipped(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    prompt_now(qtbot, app, clock)
    app.quit()
    assert [r.outcome for r in history.records()] == [Outcome.SKIPPED]


def test_the_status_window_buttons_are_the_menu_actions(
    qtbot: QtBot, app: PostureBreakApp, scheduler: BreakScheduler
) -> None:
    window = app.status_window
    assert window is not None
    assert window.buttons["stretch"].defaultAction() is app.tray.actions.stretch_now
    assert window.buttons["pause"].menu() is app.tray.actions.pause_menu
    with qtbot.waitSignal(app.stretch_opened, timeout=1000):
        QTest.mouseClick(window.buttons["stretch"], Qt.MouseButton.LeftButton)
    app.tray.actions.pause_choices[-1][0].trigger()  # until I resume
    assert window.status_label.text() == "Paused until you resume"
    assert window.buttons["resume"].isVisible()
    assert not window.buttons["pause"].isVisible()
    # Resume takes Pause's place: no hole in the grid.
    assert window.buttons["resume"].pos() == window.buttons["pause"].pos()
    assert window.buttons["pause"].text().endswith(" ▾")  # its own arrow, not the style's


def test_closing_the_status_window_keeps_the_app_reachable(app: PostureBreakApp) -> None:
    window = app.status_window
    assert window is not None
    window.close()
    assert window.isVisible()  # minimised, not gone: without a tray it is the way back
    assert window.isMinimized()
    app.handle_command("activate", None)  # `posture-break` launched again
    assert window.isVisible()
    assert not window.isMinimized()  # back, un-minimised, in front


def test_this_week_and_settings_open_their_windows(qtbot: QtBot, app: PostureBreakApp) -> None:
    from posture_break.ui.review import ReviewWindow
    from posture_break.ui.settings_dialog import SettingsDialog

    def shown(kind: type) -> list[object]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]

    app.tray.actions.review.trigger()
    qtbot.waitUntil(lambda: len(shown(ReviewWindow)) == 1, timeout=2000)
    app.tray.actions.settings.trigger()
    qtbot.waitUntil(lambda: len(shown(SettingsDialog)) == 1, timeout=2000)
    # Asking again raises the open ones instead of opening seconds.
    app.tray.actions.review.trigger()
    app.handle_command("settings", None)
    assert len(shown(ReviewWindow)) == 1
    assert len(shown(SettingsDialog)) == 1
    app.tray.actions.about.trigger()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QMessageBox) and "posture-break" in w.text() for w in shown(QMessageBox)
        ),
        timeout=2000,
    )


class BrokenPicker:
    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        raise ValueError("stretches.toml: stretch 'x', field 'hold_s': must be 0-300 seconds")


def test_a_broken_catalogue_is_said_in_words_not_crashed_on(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
) -> None:
    app = PostureBreakApp(
        clock=clock,
        paths=paths,
        settings=Settings(),
        history=history,
        scheduler=scheduler,
        picker=BrokenPicker(),
    )
    app.start()
    try:
        app.tray.actions.stretch_now.trigger()
        assert app.stretch_window is None
        qtbot.waitUntil(
            lambda: any(
                isinstance(w, QMessageBox) and "field 'hold_s'" in w.text()
                for w in QApplication.topLevelWidgets()
            ),
            timeout=1000,
        )
    finally:
        app.quit()
