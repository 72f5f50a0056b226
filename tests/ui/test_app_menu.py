"""The app's tray menu and the status window that stands in for it, on the real scheduler."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths
from posture_break.core.pause import PauseFor
from posture_break.ui.app import TRAY_LOOK_MS, PostureBreakApp
from posture_break.ui.scheduling import BreakScheduler, ScheduleState
from posture_break.ui.stretch_window import StretchWindow
from tests.ui.app_harness import build


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
