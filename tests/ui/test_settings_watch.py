"""Settings follow the file: hand edits apply at once, the dialog never shows stale values."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths
from posture_break.core.settings import Settings
from posture_break.core.settings_file import SettingsLoad, load_settings, save_settings
from posture_break.platform.disturb import NoDisturbSource
from posture_break.platform.idle import NoIdleSource
from posture_break.ui.app import PostureBreakApp
from posture_break.ui.app_notices import settings_notice
from posture_break.ui.scheduling import BreakScheduler
from posture_break.ui.settings_dialog import SettingsDialog
from posture_break.ui.settings_watch import SettingsWatcher
from tests.ui.app_harness import FakePicker

START = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    found = AppPaths(tmp_path / "config", tmp_path / "data", tmp_path / "log", tmp_path / "run")
    found.config_dir.mkdir(parents=True)
    found.data_dir.mkdir(parents=True)
    (found.data_dir / "safety-note-shown").touch()
    return found


def replace_file(path: Path, text: str) -> None:
    """Save as many editors do: a new file renamed over the old one."""
    fresh = path.with_name(path.name + ".new")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def test_the_watcher_follows_edits_in_place_and_replaced_files(
    qtbot: QtBot, paths: AppPaths
) -> None:
    path = paths.config_file
    path.write_text("[goal]\ndaily = 4\n", encoding="utf-8")
    watcher = SettingsWatcher(path, load_settings(path))
    assert str(path) in watcher.watched()
    assert str(path.parent) in watcher.watched()
    with qtbot.waitSignal(watcher.changed, timeout=3000) as edited:
        path.write_text("[goal]\ndaily = 5\n", encoding="utf-8")
    assert edited.args[0].settings.goal.daily == 5
    for daily in (6, 7):  # replaced twice: the second is seen too
        with qtbot.waitSignal(watcher.changed, timeout=3000) as replaced:
            replace_file(path, f"[goal]\ndaily = {daily}\n")
        assert replaced.args[0].settings.goal.daily == daily
        assert str(path) in watcher.watched()  # the new file is watched again


def test_the_watcher_reports_bad_values_and_stays_quiet_about_its_own_save(
    qtbot: QtBot, paths: AppPaths
) -> None:
    path = paths.config_file
    watcher = SettingsWatcher(path, SettingsLoad(Settings()))
    with qtbot.waitSignal(watcher.changed, timeout=3000) as bad:
        path.write_text("[goal]\ndaily = 0\n", encoding="utf-8")  # created: the folder says so
    loaded: SettingsLoad = bad.args[0]
    assert loaded.settings.goal.daily == Settings().goal.daily
    assert any("goal.daily" in warning for warning in loaded.warnings)
    watcher.note_saved(Settings())
    save_settings(path, Settings())  # the app's own Save: reads as what was noted
    with qtbot.assertNotEmitted(watcher.changed, wait=600):
        pass


def build(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    warnings: tuple[str, ...] = (),
) -> PostureBreakApp:
    loaded = load_settings(paths.config_file)
    scheduler = BreakScheduler(clock, loaded.settings, NoIdleSource(), NoDisturbSource())
    app = PostureBreakApp(
        clock=clock,
        paths=paths,
        settings=loaded.settings,
        history=history,
        scheduler=scheduler,
        picker=FakePicker(),
        settings_warnings=loaded.warnings,
    )
    app.start()
    if app.status_window is not None:
        qtbot.addWidget(app.status_window)
    return app


@pytest.fixture
def app(
    qtbot: QtBot, clock: FakeClock, paths: AppPaths, history: BreakHistory
) -> Iterator[PostureBreakApp]:
    paths.config_file.write_text("[schedule]\ninterval_minutes = 45\n", encoding="utf-8")
    built = build(qtbot, clock, paths, history)
    yield built
    built.quit()


def message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_a_hand_edit_applies_at_once_with_the_start_up_warnings(
    qtbot: QtBot, app: PostureBreakApp, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with qtbot.waitSignal(app._settings_watcher.changed, timeout=3000):
        replace_file(paths.config_file, "[schedule]\ninterval_minutes = 20\n[goal]\ndaily = 0\n")
    assert app.settings.schedule.interval_minutes == 20
    assert app.tray.text == "Next stretch at 10:20 (in 20 min)"
    err = capsys.readouterr().err
    assert err.startswith("posture-break: warning: ")
    assert "goal.daily" in err
    qtbot.waitUntil(lambda: len(message_boxes()) == 1, timeout=2000)
    text = message_boxes()[0].text()
    assert text.count(str(paths.config_file)) == 1  # the file is named once
    assert "goal.daily" in text


def test_settings_opens_on_the_file_as_it_is_now(
    qtbot: QtBot, app: PostureBreakApp, paths: AppPaths
) -> None:
    # Written a moment ago: the watcher has not settled yet, opening reads the file anyway.
    paths.config_file.write_text("[schedule]\ninterval_minutes = 25\n", encoding="utf-8")
    app.open_settings()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog))
    assert dialog.form.interval.value() == 25
    assert app.settings.schedule.interval_minutes == 25
    # Changed again while the dialog is open: it says so and shows the file's values.
    with qtbot.waitSignal(app._settings_watcher.changed, timeout=3000):
        replace_file(paths.config_file, "[schedule]\ninterval_minutes = 30\n")
    assert dialog.form.interval.value() == 30
    assert "changed while this window was open" in dialog.error_label.text()
    assert message_boxes() == []  # no notice over the dialog: its own banner speaks
    # Saving writes the values shown, and its own write is not news.
    assert dialog.save()
    with qtbot.assertNotEmitted(app._settings_watcher.changed, wait=600):
        pass
    assert load_settings(paths.config_file).settings.schedule.interval_minutes == 30


def test_the_notice_names_the_file_once() -> None:
    path = Path("/home/u/.config/posture-break/settings.toml")
    notice = settings_notice(
        path, (f"{path}: goal.daily = 0 is too small", f"{path}: unknown key x.y ignored")
    )
    assert notice is not None
    assert notice.text.count(str(path)) == 1
    assert "• goal.daily = 0 is too small" in notice.text
    assert settings_notice(path, ()) is None


def test_bad_values_at_start_up_go_to_stderr(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths.config_file.write_text("[goal]\ndaily = 0\n", encoding="utf-8")
    app = build(qtbot, clock, paths, history)
    try:
        [line] = capsys.readouterr().err.splitlines()
        assert line.startswith(f"posture-break: warning: {paths.config_file}: goal.daily = 0")
    finally:
        app.quit()
