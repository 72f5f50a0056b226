"""The settings dialog: values in, bounded widgets, save into the file and the running schedule."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.settings import (
    SETTING_DOCS,
    BreakSettings,
    CallSettings,
    GoalSettings,
    Level,
    QuietSettings,
    ScheduleSettings,
    Settings,
    StretchFilterSettings,
    Weekday,
)
from posture_break.core.settings_file import (
    load_settings,
)
from posture_break.platform.autostart import XdgAutostart
from posture_break.ui.settings_dialog import SettingsDialog
from posture_break.ui.settings_words import setting_bounds

BERLIN = ZoneInfo("Europe/Berlin")
CUSTOM = Settings(
    schedule=ScheduleSettings(
        interval_minutes=30,
        work_days=(Weekday.MON, Weekday.WED, Weekday.SAT),
        work_start=time(8, 15),
        work_end=time(16, 45),
    ),
    goal=GoalSettings(daily=6),
    breaks=BreakSettings(
        snooze_minutes=15, stretch_seconds=90, sound=False, typing_wait_minutes=0, checkin=False
    ),
    stretches=StretchFilterSettings(desk_only=True, max_level=Level.MODERATE),
)


def make_dialog(
    qtbot: QtBot, settings: Settings, path: Path, warnings: tuple[str, ...] = ()
) -> SettingsDialog:
    dialog = SettingsDialog(settings, warnings, path, starter=XdgAutostart())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_field(dialog: SettingsDialog, field: QWidget) -> None:
    """Click a field as a user would: scrolled into view first (the test screen is small)."""
    dialog.scroll_area.ensureWidgetVisible(field)
    # Near the left edge: a check box is clickable on its box and text, not its whole row.
    where = QPoint(min(10, field.width() // 2), field.height() // 2)
    QTest.mouseClick(field, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)


def click_save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_widgets_show_every_value(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, CUSTOM, tmp_path / "settings.toml")
    assert dialog.form.interval.value() == 30
    assert [b.isChecked() for b in dialog.form.day_buttons] == [1, 0, 1, 0, 0, 1, 0]
    assert dialog.form.work_start.time() == QTime(8, 15)
    assert dialog.form.work_end.time() == QTime(16, 45)
    assert dialog.form.daily_goal.value() == 6
    assert dialog.form.snooze.value() == 15
    assert dialog.form.stretch_length.value() == 90
    assert dialog.form.typing_wait.text() == "don't wait"
    assert not dialog.form.sound.isChecked()
    assert not dialog.form.checkin.isChecked()
    assert dialog.form.desk_only.isChecked()
    assert not dialog.form.allow_floor.isEnabled()  # desk only already rules the floor out
    assert dialog.form.max_level.currentText() == "Moderate"
    assert not dialog.warning_frame.isVisible()
    # Nothing edited: what the dialog would save is exactly what came in.
    assert dialog.settings() == CUSTOM


def test_bounds_come_from_the_setting_docs(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, Settings(), tmp_path / "settings.toml")
    spins = {spin.objectName(): spin for spin in dialog.findChildren(type(dialog.form.interval))}
    int_docs = [doc for doc in SETTING_DOCS if hasattr(doc.kind, "low")]
    assert {doc.name for doc in int_docs} == set(spins)  # every whole-number setting is here
    for doc in int_docs:
        assert (spins[doc.name].minimum(), spins[doc.name].maximum()) == setting_bounds(doc.name)


def test_out_of_range_input_cannot_be_entered(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, Settings(), tmp_path / "settings.toml")
    low, high = setting_bounds("schedule.interval_minutes")
    dialog.form.interval.setFocus()
    dialog.form.interval.lineEdit().selectAll()
    QTest.keyClicks(dialog.form.interval.lineEdit(), "9999")
    dialog.form.interval.interpretText()
    assert low <= dialog.form.interval.value() <= high
    dialog.form.interval.lineEdit().selectAll()
    QTest.keyClicks(dialog.form.interval.lineEdit(), "-3")
    dialog.form.interval.interpretText()
    assert low <= dialog.form.interval.value() <= high


def test_the_last_work_day_cannot_be_unchecked(qtbot: QtBot, tmp_path: Path) -> None:
    only_monday = Settings(schedule=ScheduleSettings(work_days=(Weekday.MON,)))
    dialog = make_dialog(qtbot, only_monday, tmp_path / "settings.toml")
    click_field(dialog, dialog.form.day_buttons[0])
    assert dialog.form.day_buttons[0].isChecked()
    assert "At least one work day" in dialog.form.hours_note.text()
    assert dialog.settings().schedule.work_days == (Weekday.MON,)


def test_overnight_hours_are_explained_and_equal_hours_cannot_be_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, Settings(), tmp_path / "settings.toml")
    assert not dialog.form.hours_note.isVisible()
    dialog.form.work_start.setTime(QTime(22, 0))
    dialog.form.work_end.setTime(QTime(6, 0))
    assert dialog.form.hours_note.isVisible()
    assert "22:00 until 06:00 the next morning" in dialog.form.hours_note.text()
    assert dialog.save_button.isEnabled()
    dialog.form.work_end.setTime(QTime(22, 0))
    assert not dialog.save_button.isEnabled()
    assert "same time" in dialog.form.hours_note.text()


def test_round_trip_into_the_file_and_the_running_schedule(qtbot: QtBot, tmp_path: Path) -> None:
    from posture_break.ui.scheduling import BreakScheduler

    class Idle:
        def idle_seconds(self) -> float | None:
            return 20.0

    class Disturb:
        def is_do_not_disturb(self) -> bool | None:
            return None

        def is_fullscreen_active(self) -> bool | None:
            return None

    clock = FakeClock(datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN))
    scheduler = BreakScheduler(clock, Settings(), Idle(), Disturb())
    scheduler.start()
    scheduler.engine.pause()  # only this test decides when to look
    try:
        assert scheduler.next_prompt_at == clock.now() + timedelta(minutes=45)
        path = tmp_path / "config" / "settings.toml"
        dialog = make_dialog(qtbot, Settings(), path)
        dialog.saved.connect(scheduler.apply_settings)

        dialog.form.interval.setValue(20)
        click_field(dialog, dialog.form.day_buttons[5])  # Saturday on
        dialog.form.work_start.setTime(QTime(7, 30))
        dialog.form.daily_goal.setValue(8)
        click_field(dialog, dialog.form.sound)
        dialog.form.max_level.setCurrentIndex(dialog.form.max_level.findText("Gentle"))
        with qtbot.waitSignal(dialog.saved) as blocker:
            click_save(qtbot, dialog)

        saved = blocker.args[0]
        assert isinstance(saved, Settings)
        assert dialog.result() == QDialog.DialogCode.Accepted
        loaded = load_settings(path)
        assert loaded.warnings == ()
        assert loaded.settings == saved
        assert saved.schedule.interval_minutes == 20
        assert Weekday.SAT in saved.schedule.work_days
        assert saved.schedule.work_start == time(7, 30)
        assert saved.goal.daily == 8
        assert saved.breaks.sound is False
        assert saved.stretches.max_level is Level.GENTLE
        assert os.stat(path).st_mode & 0o777 == 0o600
        # The running schedule follows at once: the next prompt is 20 minutes after the start.
        assert scheduler.next_prompt_at == clock.now() + timedelta(minutes=20)
    finally:
        scheduler.shutdown()


def test_bad_value_in_the_file_is_explained_not_silently_fixed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    original = "[schedule]\ninterval_minutes = 2  # my own note\n\n[goal]\ndaily = 5\n"
    path.write_text(original, encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.warnings  # the premise: the file holds a bad value

    dialog = make_dialog(qtbot, loaded.settings, path, loaded.warnings)
    assert dialog.warning_frame.isVisible()
    assert "schedule.interval_minutes = 2" in dialog.warning_label.text()
    assert "using the default 45" in dialog.warning_label.text()
    assert "until you press Save" in dialog.warning_label.text()
    assert dialog.form.interval.value() == 45  # the value in use is the one shown
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert path.read_text(encoding="utf-8") == original  # cancelled: the file is untouched

    dialog = make_dialog(qtbot, loaded.settings, path, loaded.warnings)
    click_save(qtbot, dialog)
    reloaded = load_settings(path)
    assert reloaded.warnings == ()
    assert reloaded.settings.schedule.interval_minutes == 45
    assert reloaded.settings.goal.daily == 5  # the good values in the file are kept


def test_restore_defaults_shows_the_defaults(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, CUSTOM, tmp_path / "settings.toml")
    restore = next(b for b in dialog.buttons.buttons() if "Restore" in b.text())
    QTest.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert dialog.settings() == Settings()


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot: QtBot, tmp_path: Path
) -> None:
    entry = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "posture-break.desktop"
    path = tmp_path / "settings.toml"
    dialog = make_dialog(qtbot, Settings(), path)
    assert str(entry) in dialog.form.login_note.text().replace("\u200b", "")
    click_field(dialog, dialog.form.start_at_login)
    click_save(qtbot, dialog)
    assert entry.is_file()
    assert load_settings(path).settings.app.start_at_login is True

    dialog = make_dialog(qtbot, load_settings(path).settings, path)
    assert dialog.form.start_at_login.isChecked()
    click_field(dialog, dialog.form.start_at_login)
    click_save(qtbot, dialog)
    assert not entry.exists()
    assert load_settings(path).settings.app.start_at_login is False


def test_a_failed_save_is_shown_and_the_dialog_stays_open(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    dialog = make_dialog(qtbot, Settings(), blocker / "settings.toml")
    saved: list[Settings] = []
    dialog.saved.connect(saved.append)
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "Could not save the settings to" in dialog.error_label.text()
    assert saved == []


def test_edit_returns_none_when_cancelled_and_the_settings_when_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"

    def press(key: Qt.Key) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        if key == Qt.Key.Key_Escape:
            QTest.keyClick(dialog, key)
        else:
            dialog.form.interval.setValue(25)
            QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, lambda: press(Qt.Key.Key_Escape))
    assert SettingsDialog.edit(Settings(), (), path, starter=XdgAutostart()) is None
    assert not path.exists()

    applied: list[Settings] = []
    QTimer.singleShot(0, lambda: press(Qt.Key.Key_S))
    result = SettingsDialog.edit(Settings(), (), path, on_saved=applied.append)
    assert result == replace(Settings(), schedule=replace(Settings().schedule, interval_minutes=25))
    assert applied == [result]
    assert load_settings(path).settings == result


def test_mnemonics_are_unique_and_every_field_is_reachable(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, Settings(), tmp_path / "settings.toml")
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    texts += [w.text() for w in dialog.findChildren(QCheckBox)]
    texts += [w.text() for w in dialog.findChildren(QPushButton)]
    letters = [m.group(1).lower() for t in texts for m in re.finditer(r"&(\w)", t)]
    assert len(letters) == len(set(letters)), sorted(letters)
    assert len(letters) >= 18

    # Tab from the first field visits every input once, in reading order, before Save.
    seen: list[QWidget] = []
    widget: QWidget | None = dialog.form.interval
    for _ in range(40):
        assert widget is not None
        seen.append(widget)
        widget = widget.nextInFocusChain()
        while widget is not None and (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus == 0 or not widget.isEnabled()
        ):
            widget = widget.nextInFocusChain()
        if widget is dialog.save_button:
            break
    names = [w.accessibleName() or w.objectName() for w in seen]
    assert names.index("schedule.interval_minutes") < names.index("Monday")
    assert names.index("Sunday") < names.index("Working day starts at")
    assert names.index("goal.daily") < names.index("break.snooze_minutes")
    assert names.index("break.snooze_minutes") < names.index("idle.away_minutes")
    calls = [names.index(n) for n in ("calls.microphone", "calls.camera", "Apps to ignore")]
    assert names.index("break.checkin") < calls[0] < calls[1] < calls[2]
    assert calls[2] < names.index("Quiet times") < names.index("idle.away_minutes")


def test_the_warning_banner_follows_a_switch_to_dark(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, Settings(), tmp_path / "settings.toml", ("a bad value",))
    assert "#fff4d6" in dialog.warning_frame.styleSheet()
    dark = QPalette(dialog.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#26292c"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e3"))
    dialog.setPalette(dark)
    assert "#4a3b12" in dialog.warning_frame.styleSheet()


def test_every_setting_has_a_widget_that_explains_it(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, Settings(), tmp_path / "settings.toml")
    explained = {w.objectName(): w for w in dialog.findChildren(QWidget) if w.objectName()}
    for doc in SETTING_DOCS:
        if doc.name == "schedule.work_days":
            assert len(dialog.form.day_buttons) == 7  # seven toggles, one per day
            continue
        assert doc.name in explained, doc.name
        assert explained[doc.name].accessibleDescription(), doc.name


CALLS_FILE = """\
[calls]
microphone = false
ignore = ["talon", "obs"]

[quiet]
times = ["12:00-13:00", "22:00-06:00"]
"""


def test_calls_and_quiet_times_from_the_file_are_shown(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(CALLS_FILE, encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.warnings == ()
    dialog = make_dialog(qtbot, loaded.settings, path)
    calls = dialog.form.calls
    assert not calls.microphone.isChecked()
    assert calls.camera.isChecked()
    assert calls.ignore.text() == "talon, obs"
    assert calls.times.text() == "12:00-13:00, 22:00-06:00"
    assert not calls.error.isVisible()
    assert dialog.save_button.isEnabled()
    assert dialog.settings() == loaded.settings


def test_calls_and_quiet_times_edited_are_saved_as_the_file_writes_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    dialog = make_dialog(qtbot, Settings(), path)
    calls = dialog.form.calls
    click_field(dialog, calls.camera)
    calls.ignore.setFocus()
    QTest.keyClicks(calls.ignore, "talon,  OBS Studio ,")
    calls.times.setFocus()
    QTest.keyClicks(calls.times, "9:00-9:30, 22:00-06:00")
    assert not calls.error.isVisible()
    click_save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    text = path.read_text(encoding="utf-8")
    assert 'ignore = ["talon", "OBS Studio"]' in text
    assert 'times = ["09:00-09:30", "22:00-06:00"]' in text  # written as the file writes them
    loaded = load_settings(path)
    assert loaded.warnings == ()
    assert loaded.settings.calls == CallSettings(
        microphone=True, camera=False, ignore=("talon", "OBS Studio")
    )
    assert loaded.settings.quiet == QuietSettings(times=("09:00-09:30", "22:00-06:00"))


def test_an_invalid_quiet_time_is_explained_and_never_written(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    dialog = make_dialog(qtbot, Settings(), path)
    calls = dialog.form.calls
    calls.times.setFocus()
    QTest.keyClicks(calls.times, "12:00-13:00, 17:30")
    assert calls.error.isVisible()
    # The file's own words for the same mistake (QuietTimesKind), about the range typed.
    assert "'17:30' is not a range like 12:00-13:00" in calls.error.text()
    assert calls.error.text().startswith("The list of quiet times is not usable")
    assert not dialog.save_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save another way
    assert dialog.isVisible()
    assert "not a range like 12:00-13:00" in dialog.error_label.text()
    assert not path.exists()

    QTest.keyClicks(calls.times, "-18:00")
    assert not calls.error.isVisible()
    assert dialog.save_button.isEnabled()
    calls.times.setText("00:00-12:00, 12:00-00:00")
    assert "cover the whole day" in calls.error.text()
    assert not dialog.save_button.isEnabled()
    calls.times.setText("")  # no quiet times at all is fine
    assert dialog.save_button.isEnabled()
    assert dialog.settings().quiet == QuietSettings()


def test_an_invalid_app_name_is_explained_and_cannot_be_saved(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, Settings(), tmp_path / "settings.toml")
    dialog.form.calls.ignore.setText("talon, zoom\x07")
    assert "which is not an application name" in dialog.form.calls.error.text()
    assert not dialog.save_button.isEnabled()


def test_an_ignored_name_with_a_comma_survives_while_its_field_is_unchanged(
    qtbot: QtBot, tmp_path: Path
) -> None:
    chosen = Settings(calls=CallSettings(ignore=("Foo, Inc. Meeting", "talon")))
    dialog = make_dialog(qtbot, chosen, tmp_path / "settings.toml")
    assert dialog.settings().calls == chosen.calls
    QTest.keyClicks(dialog.form.calls.ignore, ", obs")
    assert dialog.settings().calls.ignore == ("Foo", "Inc. Meeting", "talon", "obs")
