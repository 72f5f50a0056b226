"""The settings form: one bounded widget per setting, in two columns of groups.

`SettingsForm` shows a `Settings` (`show_settings`) and reads one back (`settings`); it keeps
its own small rules (at least one work day, an end different from the start, floor stretches
ruled out by desk-only) and says with `validity_changed` whether its values can be saved.
The dialog around it (`ui/settings_dialog.py`) saves, warns and follows the file.
"""

from __future__ import annotations

import itertools
from datetime import time

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from posture_break.core.i18n import _, ngettext
from posture_break.core.settings import (
    SETTING_DOCS,
    AppearanceSettings,
    AppSettings,
    BreakSettings,
    DisturbSettings,
    GoalSettings,
    IdleSettings,
    LanguageChoice,
    Level,
    MotionChoice,
    PromptSettings,
    PromptStyle,
    ScheduleSettings,
    Settings,
    StretchFilterSettings,
    Weekday,
)
from posture_break.platform.autostart import Autostart
from posture_break.ui.dates import short_day_name
from posture_break.ui.settings_words import (
    DAY_TIPS,
    LEVEL_WORDS,
    MOTION_WORDS,
    PROMPT_STYLE_WORDS,
    language_choices,
)

_DOCS = {doc.name: doc for doc in SETTING_DOCS}


def setting_bounds(name: str) -> tuple[int, int]:
    """Return the (lowest, highest) whole number the setting `name` takes, from `SETTING_DOCS`."""
    kind = _DOCS[name].kind
    low, high = getattr(kind, "low", None), getattr(kind, "high", None)
    if not isinstance(low, int) or not isinstance(high, int):
        raise TypeError(f"{name} is not a bounded whole-number setting")
    return low, high


def setting_meaning(name: str) -> str:
    """Return the one-line meaning of `name`, as the file's documentation gives it (translated)."""
    return _(_DOCS[name].meaning).replace("`", "")


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


class SettingsForm(QWidget):
    """Every user setting as a bounded widget.

    Signals:
        validity_changed: Whether the values shown can be saved (the working day has a length).
    """

    validity_changed = Signal(bool)

    def __init__(
        self, settings: Settings, starter: Autostart, parent: QWidget | None = None
    ) -> None:
        """Build the widgets and show `settings`; `starter` says whether start at login works."""
        super().__init__(parent)
        self._starter = starter
        # Translators: the unit after a number of minutes in a settings field ("30 min").
        minutes = _(" min")
        self.interval = self._spin("schedule.interval_minutes", minutes)
        self.day_buttons = tuple(self._day_button(index) for index in range(7))
        self.work_start = QTimeEdit()
        self.work_end = QTimeEdit()
        self.work_start.setAccessibleName(_("Working day starts at"))
        self.work_end.setAccessibleName(_("Working day ends at"))
        for edit in (self.work_start, self.work_end):
            edit.setDisplayFormat("HH:mm")
        self.hours_note = QLabel()
        self.hours_note.setWordWrap(True)
        self.hours_note.setObjectName("hoursNote")
        self.daily_goal = self._spin("goal.daily", "")
        self.daily_goal.valueChanged.connect(self._on_daily_goal_changed)
        self.snooze = self._spin("break.snooze_minutes", minutes)
        # Translators: the unit after a number of seconds in a settings field ("60 s").
        self.stretch_length = self._spin("break.stretch_seconds", _(" s"))
        self.stretch_length.setSingleStep(10)
        self.typing_wait = self._spin("break.typing_wait_minutes", minutes)
        # Translators: the typing wait set to zero minutes: the prompt never waits for typing.
        self.typing_wait.setSpecialValueText(_("don't wait"))
        self.freezes = QCheckBox(_("Full weeks at the goal earn streak free&zes"))
        self.sound = QCheckBox(_("Play a soft &chime when a stretch ends"))
        self.checkin = QCheckBox(_("Ask how my mid &back feels afterwards"))
        self.away = self._spin("idle.away_minutes", minutes)
        self.hold_fullscreen = QCheckBox(_("Hold prompts while a &full-screen window is in front"))
        self.hold_dnd = QCheckBox(_("Hold prompts while do-not-dist&urb is on"))
        self.max_hold = self._spin("disturb.max_hold_minutes", minutes)
        self.desk_only = QCheckBox(_("Only stretches I can do at my des&k"))
        self.allow_floor = QCheckBox(_("Allow stretches on the fl&oor"))
        self.allow_equipment = QCheckBox(_("Allow stretches that need a to&wel, band or roller"))
        self.bone_friendly_only = QCheckBox(_("I have osteo&porosis or low bone density"))
        self.max_level = QComboBox()
        # On Linux Qt names a combo box by its current item; a screen reader hears the label.
        self.max_level.setAccessibleName(_("Most demanding stretch level"))
        for level in Level:
            self.max_level.addItem(_(LEVEL_WORDS[level]), level)
        self.prompt_style = QComboBox()
        for style, words in PROMPT_STYLE_WORDS.items():
            self.prompt_style.addItem(_(words), style)
        self.start_at_login = QCheckBox(_("Start posture-break when I log &in"))
        self.motion = QComboBox()  # [appearance] motion
        for choice, words in MOTION_WORDS.items():
            self.motion.addItem(_(words), choice)
        self.motion.setAccessibleName(_("Screen movement"))
        self.language = QComboBox()  # [appearance] language
        for words, language in language_choices():
            self.language.addItem(words, language)
        self.language.setAccessibleName(_("Language"))
        # The windows are built in one language; a restart builds them in the new one.
        self.language_note = QLabel(_("The language changes when posture-break restarts."))
        self.language_note.setWordWrap(True)
        self.language_note.setObjectName("languageNote")  # `_on_language_changed` shows it
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
            (self.motion, "appearance.motion"),
            (self.language, "appearance.language"),
            (self.work_start, "schedule.work_start"),
            (self.work_end, "schedule.work_end"),
        ):
            box.setObjectName(name)
            box.setToolTip(setting_meaning(name))
            box.setAccessibleDescription(setting_meaning(name))
        self._build_layout()
        self.show_settings(settings)
        self._on_daily_goal_changed(self.daily_goal.value())  # unchanged by a goal at the minimum
        self.language.currentIndexChanged.connect(self._on_language_changed)
        self.work_start.timeChanged.connect(self._on_hours_changed)
        self.work_end.timeChanged.connect(self._on_hours_changed)
        self.desk_only.toggled.connect(self._on_filters_changed)
        self.hold_fullscreen.toggled.connect(self._on_filters_changed)
        self.hold_dnd.toggled.connect(self._on_filters_changed)
        self._on_hours_changed()
        self._on_filters_changed()

    def is_valid(self) -> bool:
        """Return whether the values shown can be saved."""
        return self.work_start.time() != self.work_end.time()

    def first_field(self) -> QWidget:
        """Return the field the keyboard starts on."""
        return self.interval

    def last_field(self) -> QWidget:
        """Return the last field in tab order (the dialog's buttons come next)."""
        return self.language

    def set_one_column(self, is_one_column: bool) -> None:
        """Stack the two columns (a narrow screen), or put them side by side again."""
        direction = (
            QBoxLayout.Direction.TopToBottom if is_one_column else QBoxLayout.Direction.LeftToRight
        )
        if self._columns.direction() is direction:
            return
        self._columns.setDirection(direction)
        self._outer.activate()  # lay the groups out again now, for the size hints that follow

    def repolish(self) -> None:
        """Apply the day buttons' style sheet again (the palette changed)."""
        for button in self.day_buttons:
            # Style sheets resolve palette(...) when polished: polish again for new colours.
            button.style().unpolish(button)
            button.style().polish(button)

    # --- building ------------------------------------------------------------------------------

    def _spin(self, name: str, suffix: str) -> QSpinBox:
        low, high = setting_bounds(name)
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        # Translators: a settings field's tooltip: what it means, then the values it takes.
        tip = _("{meaning} ({low}-{high})").format(
            meaning=setting_meaning(name), low=low, high=high
        )
        spin.setToolTip(tip)
        spin.setAccessibleDescription(setting_meaning(name))
        spin.setObjectName(name)
        return spin

    def _day_button(self, index: int) -> QToolButton:
        button = QToolButton()
        button.setText(short_day_name(index))
        button.setCheckable(True)
        button.setAccessibleName(QLocale().dayName(index + 1))  # the default QLocale, as dates
        button.setToolTip(_(DAY_TIPS[index]))
        button.setMinimumWidth(42)
        button.setStyleSheet(_DAY_BUTTON_STYLE)
        button.toggled.connect(self._on_day_toggled)
        return button

    def _build_layout(self) -> None:
        schedule = QGroupBox(_("Schedule"))
        form = _form(schedule)
        form.addRow(_("Remind me &every"), self.interval)
        days_row = QHBoxLayout()
        days_row.setSpacing(3)
        for button in self.day_buttons:
            days_row.addWidget(button)
        days_row.addStretch(1)
        days_label = QLabel(_("Work &days"))
        days_label.setBuddy(self.day_buttons[0])
        form.addRow(days_label, days_row)
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.work_start)
        # Translators: between the start and end times of the working day ("09:00 to 17:00").
        hours_row.addWidget(QLabel(_("to")))
        hours_row.addWidget(self.work_end)
        hours_row.addStretch(1)
        hours_label = QLabel(_("Working &hours"))
        hours_label.setBuddy(self.work_start)
        form.addRow(hours_label, hours_row)
        form.addRow("", self.hours_note)
        form.addRow(_("Daily &goal"), self.daily_goal)
        form.addRow(self.freezes)

        breaks = QGroupBox(_("Breaks"))
        form = _form(breaks)
        form.addRow(_("S&nooze for"), self.snooze)
        form.addRow(_("Stretch &length"), self.stretch_length)
        form.addRow(_("Wait for a pause in &typing"), self.typing_wait)
        form.addRow(self.sound)
        form.addRow(self.checkin)

        disturb = QGroupBox(_("Away and do not disturb"))
        form = _form(disturb)
        form.addRow(_("&Away this long counts as a break"), self.away)
        form.addRow(self.hold_fullscreen)
        form.addRow(self.hold_dnd)
        form.addRow(_("Prompt an&yway after holding"), self.max_hold)

        stretches = QGroupBox(_("Stretches"))
        form = _form(stretches)
        form.addRow(self.desk_only)
        form.addRow(self.allow_floor)
        form.addRow(self.allow_equipment)
        form.addRow(self.bone_friendly_only)
        form.addRow(_("&Most demanding"), self.max_level)

        desktop = QGroupBox(_("Desktop"))
        form = _form(desktop)
        form.addRow(_("Show the ne&xt break as"), self.prompt_style)
        form.addRow(self.start_at_login)
        form.addRow(_("Screen mo&vement"), self.motion)
        # Every letter but j and q already has a job in this dialog: reached with Tab.
        form.addRow(_("Language"), self.language)
        form.addRow(self.language_note)
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
        self._columns = QHBoxLayout()
        columns = self._columns
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(columns)

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
            self.motion,
            self.language,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _login_note_text(self) -> str:
        if not self._starter.is_available():
            return _("Start at login is not available on this system.")
        # A long path has no spaces to wrap at: a zero-width space after each "/" gives it
        # some, so the note never widens the dialog past a small screen.
        # Translators: how start at login works here; {how} is e.g. a file's path.
        return _("Uses {how}").format(how=self._starter.describe().replace("/", "/\u200b"))

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
        self.motion.setCurrentIndex(self.motion.findData(settings.appearance.motion))
        self.language.setCurrentIndex(self.language.findData(settings.appearance.language))
        self._on_language_changed()

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
            prompt=PromptSettings(style=PromptStyle(self.prompt_style.currentData())),
            app=AppSettings(start_at_login=self.start_at_login.isChecked()),
            appearance=AppearanceSettings(
                motion=MotionChoice(self.motion.currentData()),
                language=LanguageChoice(self.language.currentData()),
            ),
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
                self.hours_note.setText(_("At least one work day is needed."))

    def _on_hours_changed(self) -> None:
        start, end = self.work_start.time(), self.work_end.time()
        if start == end:
            text = _("Start and end are the same time: choose when your working day ends.")
        elif end < start:
            text = _("Overnight: prompts from {start} until {end} the next morning.").format(
                start=start.toString("HH:mm"), end=end.toString("HH:mm")
            )
        else:
            text = ""
        self.hours_note.setText(text)
        self.hours_note.setVisible(bool(text))
        self.validity_changed.emit(self.is_valid())

    def _on_daily_goal_changed(self, value: int) -> None:
        # Translators: the unit after the daily goal in the settings ("3 stretches").
        self.daily_goal.setSuffix(ngettext(" stretch", " stretches", value))

    def _on_language_changed(self) -> None:
        chosen = self.language.currentData()
        self.language_note.setVisible(chosen != self._file_only.appearance.language)

    def _on_filters_changed(self) -> None:
        # A desk-only choice already rules out floor stretches; the value is kept for later.
        self.allow_floor.setEnabled(not self.desk_only.isChecked())
        holding = self.hold_fullscreen.isChecked() or self.hold_dnd.isChecked()
        self.max_hold.setEnabled(holding)
