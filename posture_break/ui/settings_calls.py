"""The settings form's "Calls and quiet times" group: `[calls]` and `[quiet]` of the file.

Two check boxes say which signals of a call hold a prompt; two line edits take comma-separated
lists: the apps that never mean a call, and the daily quiet times ("12:00-13:00, 22:00-06:00").
Each list is read with its setting's own kind (`NamesKind`, `QuietTimesKind`), the grammar the
file has, so the dialog accepts exactly what the file accepts and says why it refuses the rest.
`validity_changed` tells the form whether the values shown can be saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from posture_break.core.i18n import _
from posture_break.core.setting_values import InvalidValueError, NamesKind, QuietTimesKind
from posture_break.core.settings import CallSettings, QuietSettings
from posture_break.ui.settings_words import setting_meaning

# The lists are written with commas in the field; the file holds them as TOML lists.
_SEPARATOR = ","


def _items(text: str) -> list[str]:
    """Return the comma-separated items of `text`; empty ones (a trailing comma) are dropped."""
    return [item.strip() for item in text.split(_SEPARATOR) if item.strip()]


def _joined(items: tuple[str, ...]) -> str:
    return f"{_SEPARATOR} ".join(items)


class CallsGroup(QGroupBox):
    """The `[calls]` and `[quiet]` settings as a group of the settings form.

    Signals:
        validity_changed: Whether both lists can be saved as they read now.
    """

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        # Translators: a group of the settings window: what holds prompts during calls, and the
        # times of day when no prompt comes.
        super().__init__(_("Calls and quiet times"), parent)
        # Every letter but j and q has a job in the settings window, and fewer are free in some
        # languages: this group's fields are reached with Tab (see tests/ui/test_mnemonics.py).
        self.microphone = QCheckBox(_("Hold prompts while an app uses the microphone"))
        self.camera = QCheckBox(_("Hold prompts while an app uses the camera"))
        self.ignore = QLineEdit()
        # Translators: an example in the empty field of apps that never mean a call.
        self.ignore.setPlaceholderText(_("e.g. talon, obs"))
        # Translators: the label of a field listing apps (name or executable) whose use of the
        # microphone or camera never holds a prompt, e.g. a dictation tool.
        self.ignore.setAccessibleName(_("Apps to ignore"))
        self.times = QLineEdit()
        self.times.setPlaceholderText("12:00-13:00, 17:30-18:00")  # times: the same in any language
        # Translators: the label of a field listing daily times without prompts.
        self.times.setAccessibleName(_("Quiet times"))
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error.setWordWrap(True)
        self.error.setObjectName("quietError")
        self.error.hide()
        self.note = QLabel(_("Times of day without prompts; an end before the start is overnight."))
        self.note.setWordWrap(True)
        self.note.setObjectName("quietNote")
        for widget, name in (
            (self.microphone, "calls.microphone"),
            (self.camera, "calls.camera"),
            (self.ignore, "calls.ignore"),
            (self.times, "quiet.times"),
        ):
            widget.setObjectName(name)
            widget.setToolTip(setting_meaning(name))
            widget.setAccessibleDescription(setting_meaning(name))
        self._shown_ignore: tuple[str, ...] = ()
        self._build_layout()
        self.ignore.textChanged.connect(self._on_text_changed)
        self.times.textChanged.connect(self._on_text_changed)

    def _build_layout(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # Long labels in some languages: the field goes below its label rather than squeezing.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.microphone)
        form.addRow(self.camera)
        # The labels say what a screen reader says for each field.
        form.addRow(self.ignore.accessibleName(), self.ignore)
        form.addRow(self.times.accessibleName(), self.times)
        form.addRow(self.note)
        form.addRow(self.error)

    def fields(self) -> tuple[QWidget, ...]:
        """Return the inputs in tab order."""
        return (self.microphone, self.camera, self.ignore, self.times)

    # --- values in and out -------------------------------------------------------------------

    def show_settings(self, calls: CallSettings, quiet: QuietSettings) -> None:
        """Put `calls` and `quiet` into the widgets."""
        self.microphone.setChecked(calls.microphone)
        self.camera.setChecked(calls.camera)
        # A name with a comma in it (possible in the file) survives while the field is unchanged.
        self._shown_ignore = calls.ignore
        self.ignore.setText(_joined(calls.ignore))
        self.times.setText(_joined(quiet.times))
        self._on_text_changed()

    def problem(self) -> str:
        """Return why the lists shown cannot be saved, in words, or "" when they can."""
        try:
            self._ignored()
        except InvalidValueError as exc:
            # Translators: {problem} completes the sentence, e.g. "holds ..., which is not an
            # application name".
            return _("The list of apps {problem}.").format(problem=exc)
        try:
            self._quiet_times()
        except InvalidValueError as exc:
            # Translators: {problem} completes the sentence, e.g. "is not usable: quiet time
            # '12:00' is not a range like 12:00-13:00".
            return _("The list of quiet times {problem}.").format(problem=exc)
        return ""

    def is_valid(self) -> bool:
        """Return whether the values shown can be saved."""
        return not self.problem()

    def calls(self) -> CallSettings:
        """Return the `[calls]` settings shown.

        Raises:
            ValueError: The list of apps cannot be used (Save is disabled then).
        """
        self._refuse_problem()
        return CallSettings(
            microphone=self.microphone.isChecked(),
            camera=self.camera.isChecked(),
            ignore=self._ignored(),
        )

    def quiet(self) -> QuietSettings:
        """Return the `[quiet]` settings shown, each range written as the file writes it.

        Raises:
            ValueError: The quiet times cannot be used (Save is disabled then).
        """
        self._refuse_problem()
        return QuietSettings(times=self._quiet_times())

    def _refuse_problem(self) -> None:
        # The dialog shows a ValueError's words when Save is reached some other way (Ctrl+S).
        problem = self.problem()
        if problem:
            raise ValueError(problem)

    def _ignored(self) -> tuple[str, ...]:
        if self.ignore.text() == _joined(self._shown_ignore):
            return self._shown_ignore
        return NamesKind().parse(_items(self.ignore.text()))

    def _quiet_times(self) -> tuple[str, ...]:
        return QuietTimesKind().parse(_items(self.times.text()))

    # --- reactions ---------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        self.validity_changed.emit(not problem)
