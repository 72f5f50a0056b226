"""The settings dialog: every user-facing setting, bounded so invalid input cannot be entered.

Open it modally through the classmethod (a test replaces this one function)::

    new = SettingsDialog.edit(settings, warnings, path, parent=None, on_saved=None, starter=None)
    # -> the saved Settings, or None when cancelled

or build it and show it without blocking, listening for `saved`::

    dialog = SettingsDialog(settings, warnings, path, parent=None, starter=None)
    dialog.saved.connect(scheduler.apply_settings)
    dialog.show()

`warnings` are the `SettingsLoad.warnings` of the file as loaded: they are shown in words at the
top, and the file is rewritten only when the user presses Save (then each bad key takes the value
shown, which is its default). Save writes atomically with `save_settings`, makes start at login
match the checkbox (`platform.autostart`), then emits `saved(Settings)` so the running app applies
the change at once; errors are shown in the dialog, which then stays open.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from posture_break.core.settings import (
    PROMPT_STYLES,
    SETTING_DOCS,
    AppSettings,
    BreakSettings,
    DisturbSettings,
    GoalSettings,
    IdleSettings,
    Level,
    PromptSettings,
    ScheduleSettings,
    Settings,
    StretchFilterSettings,
    Weekday,
)
from posture_break.core.settings_file import (
    save_settings,
)
from posture_break.platform.autostart import Autostart, AutostartError, autostart_for_platform
from posture_break.ui.theme import is_dark
from posture_break.ui.week_chart import DAY_NAMES, DAY_SHORT

_DOCS = {doc.name: doc for doc in SETTING_DOCS}
LEVEL_WORDS = {Level.GENTLE: "Gentle", Level.MODERATE: "Moderate", Level.ACTIVE: "Active"}
PROMPT_STYLE_WORDS = {
    "auto": "Automatic (a notification on Wayland)",
    "panel": "A small panel by the tray",
    "notification": "A desktop notification",
}


def setting_bounds(name: str) -> tuple[int, int]:
    """Return the (lowest, highest) whole number the setting `name` takes, from `SETTING_DOCS`."""
    kind = _DOCS[name].kind
    low, high = getattr(kind, "low", None), getattr(kind, "high", None)
    if not isinstance(low, int) or not isinstance(high, int):
        raise TypeError(f"{name} is not a bounded whole-number setting")
    return low, high


def setting_meaning(name: str) -> str:
    """Return the one-line meaning of `name`, as the file's documentation gives it."""
    return _DOCS[name].meaning.replace("`", "")


def _form(box: QGroupBox) -> QFormLayout:
    """Return a form laid out in `box` whose fields keep their natural width."""
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


# Checked work days must stand out in any palette; the focus frame keeps keyboard use visible.
_DAY_BUTTON_STYLE = """
QToolButton {
    padding: 4px 6px; border: 1px solid palette(mid); border-radius: 4px;
    background: palette(base); color: palette(text);
}
QToolButton:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
QToolButton:focus { border: 2px solid palette(text); }
"""


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


class SettingsDialog(QDialog):
    """Edit every user setting and save it atomically.

    Signals:
        saved: The settings were written; carries the new `Settings` for the running app.
    """

    saved = Signal(object)

    def __init__(
        self,
        settings: Settings,
        warnings: Sequence[str] = (),
        path: Path | None = None,
        parent: QWidget | None = None,
        starter: Autostart | None = None,
    ) -> None:
        super().__init__(parent)
        self._original = settings
        self._path = path
        self._starter = starter if starter is not None else autostart_for_platform()
        self._warnings = tuple(warnings)
        self._saved: Settings | None = None
        self.setWindowTitle("posture-break settings")
        self.setObjectName("settingsDialog")

        self.warning_label = QLabel()
        self.warning_frame = self._warning_banner()

        self.interval = self._spin("schedule.interval_minutes", " min")
        self.day_buttons = tuple(self._day_button(index) for index in range(7))
        self.work_start = QTimeEdit()
        self.work_end = QTimeEdit()
        for edit, what in ((self.work_start, "starts"), (self.work_end, "ends")):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(f"Working day {what} at")
        self.hours_note = QLabel()
        self.hours_note.setWordWrap(True)
        self.hours_note.setObjectName("hoursNote")
        self.daily_goal = self._spin("goal.daily", " stretches")
        self.snooze = self._spin("break.snooze_minutes", " min")
        self.stretch_length = self._spin("break.stretch_seconds", " s")
        self.stretch_length.setSingleStep(10)
        self.typing_wait = self._spin("break.typing_wait_minutes", " min")
        self.typing_wait.setSpecialValueText("don't wait")
        self.freezes = QCheckBox("Full weeks at the goal earn streak free&zes")
        self.sound = QCheckBox("Play a soft &chime when a stretch ends")
        self.checkin = QCheckBox("Ask how my mid &back feels afterwards")
        self.away = self._spin("idle.away_minutes", " min")
        self.hold_fullscreen = QCheckBox("Hold prompts while a &full-screen window is in front")
        self.hold_dnd = QCheckBox("Hold prompts while do-not-dist&urb is on")
        self.max_hold = self._spin("disturb.max_hold_minutes", " min")
        self.desk_only = QCheckBox("Only stretches I can do at my des&k")
        self.allow_floor = QCheckBox("Allow stretches on the fl&oor")
        self.allow_equipment = QCheckBox("Allow stretches that need a to&wel, band or roller")
        self.bone_friendly_only = QCheckBox("I have osteo&porosis or low bone density")
        self.max_level = QComboBox()
        for level in Level:
            self.max_level.addItem(LEVEL_WORDS[level], level)
        self.prompt_style = QComboBox()
        for style in PROMPT_STYLES:
            self.prompt_style.addItem(PROMPT_STYLE_WORDS[style], style)
        self.start_at_login = QCheckBox("Start posture-break when I log &in")
        self.login_note = QLabel()
        self.login_note.setWordWrap(True)
        for box, name in (
            (self.freezes, "goal.freezes"),
            (self.sound, "break.sound"),
            (self.checkin, "break.checkin"),
            (self.hold_fullscreen, "disturb.hold_while_fullscreen"),
            (self.hold_dnd, "disturb.hold_while_do_not_disturb"),
            (self.desk_only, "stretches.desk_only"),
            (self.allow_floor, "stretches.allow_floor"),
            (self.allow_equipment, "stretches.allow_equipment"),
            (self.bone_friendly_only, "stretches.bone_friendly_only"),
            (self.max_level, "stretches.max_level"),
            (self.prompt_style, "prompt.style"),
            (self.start_at_login, "app.start_at_login"),
            (self.work_start, "schedule.work_start"),
            (self.work_end, "schedule.work_end"),
        ):
            box.setObjectName(name)
            box.setToolTip(setting_meaning(name))
            box.setAccessibleDescription(setting_meaning(name))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("saveError")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancel")
        defaults = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.setText("&Restore defaults")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        defaults.clicked.connect(self._on_defaults_clicked)

        self._build_layout()
        self.show_settings(settings)
        self.work_start.timeChanged.connect(self._on_hours_changed)
        self.work_end.timeChanged.connect(self._on_hours_changed)
        self.desk_only.toggled.connect(self._on_filters_changed)
        self.hold_fullscreen.toggled.connect(self._on_filters_changed)
        self.hold_dnd.toggled.connect(self._on_filters_changed)
        self._on_hours_changed()
        self._on_filters_changed()

    # --- building ------------------------------------------------------------------------------

    def _spin(self, name: str, suffix: str) -> QSpinBox:
        low, high = setting_bounds(name)
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setToolTip(setting_meaning(name) + f" ({low}-{high})")
        spin.setAccessibleDescription(setting_meaning(name))
        spin.setObjectName(name)
        return spin

    def _day_button(self, index: int) -> QToolButton:
        button = QToolButton()
        button.setText(DAY_SHORT[index])
        button.setCheckable(True)
        button.setAccessibleName(DAY_NAMES[index])
        button.setToolTip(f"Prompts on {DAY_NAMES[index]}s")
        button.setMinimumWidth(42)
        button.setStyleSheet(_DAY_BUTTON_STYLE)
        button.toggled.connect(self._on_day_toggled)
        return button

    def _warning_banner(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("warningBanner")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        self._style_banner(frame)
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.warning_label)
        self.warning_label.setText(self.warning_text())
        frame.setVisible(bool(self._warnings))
        return frame

    def _style_banner(self, frame: QFrame) -> None:
        # An amber note that reads as "attention" on a light or a dark window alike.
        dark = is_dark(self.palette())
        background, border = ("#4a3b12", "#9c7a1c") if dark else ("#fff4d6", "#e0b84a")
        frame.setStyleSheet(
            f"#warningBanner {{ background: {background}; border: 1px solid {border};"
            " border-radius: 6px; }"
        )

    @override
    def changeEvent(self, event: QEvent) -> None:
        # The desktop switched between light and dark: the banner follows the new palette.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "warning_frame"):
            self._style_banner(self.warning_frame)
            for button in self.day_buttons:
                # Style sheets resolve palette(...) when polished: polish again for new colours.
                button.style().unpolish(button)
                button.style().polish(button)
        super().changeEvent(event)

    def warning_text(self) -> str:
        """Return the banner text: what was wrong with the file, and what Save will do."""
        if not self._warnings:
            return ""
        lines = ["Some settings in the file could not be used:"]
        lines += [f"• {warning}" for warning in self._warnings]
        lines.append(
            "The defaults shown below are in use for now. The file stays as it is until you "
            "press Save, which writes the values shown."
        )
        return "\n".join(lines)

    def _build_layout(self) -> None:
        schedule = QGroupBox("Schedule")
        form = _form(schedule)
        form.addRow("Remind me &every", self.interval)
        days_row = QHBoxLayout()
        days_row.setSpacing(3)
        for button in self.day_buttons:
            days_row.addWidget(button)
        days_row.addStretch(1)
        days_label = QLabel("Work &days")
        days_label.setBuddy(self.day_buttons[0])
        form.addRow(days_label, days_row)
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.work_start)
        hours_row.addWidget(QLabel("to"))
        hours_row.addWidget(self.work_end)
        hours_row.addStretch(1)
        hours_label = QLabel("Working &hours")
        hours_label.setBuddy(self.work_start)
        form.addRow(hours_label, hours_row)
        form.addRow("", self.hours_note)
        form.addRow("Daily &goal", self.daily_goal)
        form.addRow(self.freezes)

        breaks = QGroupBox("Breaks")
        form = _form(breaks)
        form.addRow("S&nooze for", self.snooze)
        form.addRow("Stretch &length", self.stretch_length)
        form.addRow("Wait for a pause in &typing", self.typing_wait)
        form.addRow(self.sound)
        form.addRow(self.checkin)

        disturb = QGroupBox("Away and do not disturb")
        form = _form(disturb)
        form.addRow("&Away this long counts as a break", self.away)
        form.addRow(self.hold_fullscreen)
        form.addRow(self.hold_dnd)
        form.addRow("Prompt an&yway after holding", self.max_hold)

        stretches = QGroupBox("Stretches")
        form = _form(stretches)
        form.addRow(self.desk_only)
        form.addRow(self.allow_floor)
        form.addRow(self.allow_equipment)
        form.addRow(self.bone_friendly_only)
        form.addRow("&Most demanding", self.max_level)

        desktop = QGroupBox("Desktop")
        form = _form(desktop)
        form.addRow("Prompt me &via", self.prompt_style)
        form.addRow(self.start_at_login)
        form.addRow(self.login_note)
        self.login_note.setText(self._login_note_text())
        self.login_note.setObjectName("loginNote")
        self.start_at_login.setEnabled(self._starter.is_available())

        left = QVBoxLayout()
        left.addWidget(schedule)
        left.addWidget(breaks)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(disturb)
        right.addWidget(stretches)
        right.addWidget(desktop)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(self.warning_frame)
        outer.addLayout(columns)
        outer.addWidget(self.error_label)
        outer.addWidget(self.buttons)

        # Tab order follows reading order: left column top to bottom, then the right column.
        chain: list[QWidget] = [
            self.interval,
            *self.day_buttons,
            self.work_start,
            self.work_end,
            self.daily_goal,
            self.freezes,
            self.snooze,
            self.stretch_length,
            self.typing_wait,
            self.sound,
            self.checkin,
            self.away,
            self.hold_fullscreen,
            self.hold_dnd,
            self.max_hold,
            self.desk_only,
            self.allow_floor,
            self.allow_equipment,
            self.bone_friendly_only,
            self.max_level,
            self.prompt_style,
            self.start_at_login,
            self.save_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.interval.setFocus()

    def _login_note_text(self) -> str:
        if not self._starter.is_available():
            return "Start at login is not available on this system."
        return f"Uses {self._starter.describe()}"

    # --- values in and out -------------------------------------------------------------------

    def show_settings(self, settings: Settings) -> None:
        """Put `settings` into the widgets."""
        self._file_only = settings  # [calls] and [quiet] are edited in the file, and kept here
        schedule = settings.schedule
        self.interval.setValue(schedule.interval_minutes)
        work = {day.index for day in schedule.work_days}
        for index, button in enumerate(self.day_buttons):
            button.setChecked(index in work)
        self.work_start.setTime(_qtime(schedule.work_start))
        self.work_end.setTime(_qtime(schedule.work_end))
        self.daily_goal.setValue(settings.goal.daily)
        self.snooze.setValue(settings.breaks.snooze_minutes)
        self.stretch_length.setValue(settings.breaks.stretch_seconds)
        self.typing_wait.setValue(settings.breaks.typing_wait_minutes)
        self.freezes.setChecked(settings.goal.freezes)
        self.sound.setChecked(settings.breaks.sound)
        self.checkin.setChecked(settings.breaks.checkin)
        self.away.setValue(settings.idle.away_minutes)
        self.hold_fullscreen.setChecked(settings.disturb.hold_while_fullscreen)
        self.hold_dnd.setChecked(settings.disturb.hold_while_do_not_disturb)
        self.max_hold.setValue(settings.disturb.max_hold_minutes)
        self.desk_only.setChecked(settings.stretches.desk_only)
        self.allow_floor.setChecked(settings.stretches.allow_floor)
        self.allow_equipment.setChecked(settings.stretches.allow_equipment)
        self.bone_friendly_only.setChecked(settings.stretches.bone_friendly_only)
        self.max_level.setCurrentIndex(self.max_level.findData(settings.stretches.max_level))
        self.prompt_style.setCurrentIndex(self.prompt_style.findData(settings.prompt.style))
        self.start_at_login.setChecked(settings.app.start_at_login)

    def settings(self) -> Settings:
        """Return the settings as the widgets show them.

        Raises:
            ValueError: The start and end of the working day are the same time (Save is
                disabled then, so this only reaches code that bypasses the button).
        """
        days = tuple(day for day in Weekday if self.day_buttons[day.index].isChecked())
        return Settings(
            schedule=ScheduleSettings(
                interval_minutes=self.interval.value(),
                work_days=days,
                work_start=_pytime(self.work_start.time()),
                work_end=_pytime(self.work_end.time()),
            ),
            goal=GoalSettings(daily=self.daily_goal.value(), freezes=self.freezes.isChecked()),
            breaks=BreakSettings(
                snooze_minutes=self.snooze.value(),
                stretch_seconds=self.stretch_length.value(),
                sound=self.sound.isChecked(),
                typing_wait_minutes=self.typing_wait.value(),
                checkin=self.checkin.isChecked(),
            ),
            idle=IdleSettings(away_minutes=self.away.value()),
            disturb=DisturbSettings(
                hold_while_fullscreen=self.hold_fullscreen.isChecked(),
                hold_while_do_not_disturb=self.hold_dnd.isChecked(),
                max_hold_minutes=self.max_hold.value(),
            ),
            stretches=StretchFilterSettings(
                desk_only=self.desk_only.isChecked(),
                allow_floor=self.allow_floor.isChecked(),
                allow_equipment=self.allow_equipment.isChecked(),
                max_level=Level(self.max_level.currentData()),
                bone_friendly_only=self.bone_friendly_only.isChecked(),
            ),
            prompt=PromptSettings(style=str(self.prompt_style.currentData())),
            app=AppSettings(start_at_login=self.start_at_login.isChecked()),
            calls=self._file_only.calls,
            quiet=self._file_only.quiet,
        )

    # --- reactions ---------------------------------------------------------------------------

    def _on_day_toggled(self, checked: bool) -> None:
        if checked:
            return
        # At least one work day: unchecking the last one is undone rather than refused later.
        if not any(button.isChecked() for button in self.day_buttons):
            sender = self.sender()
            if isinstance(sender, QAbstractButton):
                sender.setChecked(True)
                self.hours_note.setText("At least one work day is needed.")

    def _on_hours_changed(self) -> None:
        start, end = self.work_start.time(), self.work_end.time()
        if start == end:
            text = "Start and end are the same time: choose when your working day ends."
            self.save_button.setEnabled(False)
        elif end < start:
            text = (
                f"Overnight: prompts from {start.toString('HH:mm')} until "
                f"{end.toString('HH:mm')} the next morning."
            )
            self.save_button.setEnabled(True)
        else:
            text = ""
            self.save_button.setEnabled(True)
        self.hours_note.setText(text)
        self.hours_note.setVisible(bool(text))

    def _on_filters_changed(self) -> None:
        # A desk-only choice already rules out floor stretches; the value is kept for later.
        self.allow_floor.setEnabled(not self.desk_only.isChecked())
        holding = self.hold_fullscreen.isChecked() or self.hold_dnd.isChecked()
        self.max_hold.setEnabled(holding)

    def _on_defaults_clicked(self) -> None:
        self.show_settings(Settings())

    def _on_buttons_accepted(self) -> None:
        self.save()

    def save(self) -> bool:
        """Save the settings shown; on success emit `saved`, close, and return True.

        On failure the reason is shown in the dialog, which stays open, and False is returned.
        """
        try:
            new = self.settings()
        except ValueError as exc:
            return self._show_error(f"These settings cannot be saved: {exc}")
        try:
            if self._starter.is_available():
                wanted = new.app.start_at_login
                if self._starter.is_enabled() != wanted:
                    if wanted:
                        self._starter.enable()
                    else:
                        self._starter.disable()
        except AutostartError as exc:
            return self._show_error(f"Start at login could not be changed. {exc}")
        if self._path is not None:
            try:
                save_settings(self._path, new)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                return self._show_error(f"Could not save the settings to {self._path}: {reason}")
        self._saved = new
        self.saved.emit(new)
        self.accept()
        return True

    def saved_settings(self) -> Settings | None:
        """Return the settings written by the last successful Save, if any."""
        return self._saved

    def _show_error(self, text: str) -> bool:
        self.error_label.setText(text)
        self.error_label.show()
        return False

    @override
    def keyPressEvent(self, event: Any) -> None:
        # Esc cancels (QDialog does this too); Ctrl+S saves, as in most editors.
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
            return
        super().keyPressEvent(event)

    # --- opening -----------------------------------------------------------------------------

    @classmethod
    def edit(
        cls,
        settings: Settings,
        warnings: Sequence[str],
        path: Path,
        parent: QWidget | None = None,
        on_saved: Callable[[Settings], None] | None = None,
        starter: Autostart | None = None,
    ) -> Settings | None:
        """Show the dialog modally; return the saved settings, or None when cancelled.

        Args:
            settings: The settings in use (as loaded, bad values already replaced by defaults).
            warnings: The load warnings, shown at the top of the dialog.
            path: The settings file to write on Save.
            parent: The parent widget, if any.
            on_saved: Called with the new settings right after saving (e.g. the scheduler's
                ``apply_settings``), before this returns.
            starter: The start-at-login backend; this platform's when None.
        """
        dialog = cls(settings, warnings, path, parent, starter)
        if on_saved is not None:
            dialog.saved.connect(on_saved)
        result = dialog.exec()
        saved = dialog.saved_settings()
        dialog.deleteLater()
        return saved if result == QDialog.DialogCode.Accepted else None
