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

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from posture_break.core.i18n import _
from posture_break.core.settings import (
    Settings,
)
from posture_break.core.settings_file import (
    save_settings,
)
from posture_break.platform.autostart import Autostart, AutostartError, autostart_for_platform
from posture_break.ui.plain_text import keep_plain
from posture_break.ui.settings_form import SettingsForm
from posture_break.ui.theme import is_dark
from posture_break.ui.window_fit import available_geometry, fit_window, name_scroll_area


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
        # Translators: the settings window's title (the desktop adds " — posture-break").
        self.setWindowTitle(_("Settings"))
        self.setObjectName("settingsDialog")

        self.warning_label = QLabel()
        self.warning_frame = self._warning_banner()

        self.form = SettingsForm(settings, self._starter)
        self.form.validity_changed.connect(self._on_form_validity_changed)
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
        self.save_button.setText(_("&Save"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        defaults = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.setText(_("&Restore defaults"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        defaults.clicked.connect(self._on_defaults_clicked)

        self._build_layout()
        self.save_button.setEnabled(self.form.is_valid())
        keep_plain(self)  # its labels may show text from files: never as markup

    # --- building ------------------------------------------------------------------------------

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
            self.form.repolish()
        super().changeEvent(event)

    def warning_text(self) -> str:
        """Return the banner text: what was wrong with the file, and what Save will do."""
        if not self._warnings:
            return ""
        lines = [_("Some settings in the file could not be used:")]
        lines += [f"• {warning}" for warning in self._warnings]
        lines.append(
            _(
                "The defaults shown below are in use for now. The file stays as it is until you "
                "press Save, which writes the values shown."
            )
        )
        return "\n".join(lines)

    def _build_layout(self) -> None:
        outer = QVBoxLayout(self)
        outer.addWidget(self.warning_frame)
        # Only the form scrolls on a small screen: the banner and Save stay in view.
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("windowScroll")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.form)
        # Translators: what a screen reader calls the settings window's scroll bars.
        name_scroll_area(
            self.scroll_area, _("Scroll the settings"), _("Scroll the settings sideways")
        )
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.error_label)
        outer.addWidget(self.buttons)
        QWidget.setTabOrder(self.form.last_field(), self.save_button)
        self.form.first_field().setFocus()
        self.fit_to()

    def fit_to(self, available: QRect | None = None) -> None:
        """Fit the dialog to `available` (default: the screen under the pointer).

        Too narrow for the two columns side by side: one column, which scrolls.
        """
        area = available if available is not None else available_geometry()
        self.form.set_one_column(False)
        self.form.set_one_column(self.preferred_size().width() > area.width() - 16)
        fit_window(self, self.preferred_size(), available=area, scroll=self.scroll_area)

    def preferred_size(self) -> QSize:
        """Return the size that shows the whole form without scrolling."""
        form = self.form.sizeHint()
        extra = self.buttons.sizeHint().height() + 40
        if self._warnings:
            extra += self.warning_frame.sizeHint().height()
        return QSize(form.width() + 24, form.height() + extra)

    # --- values in and out -------------------------------------------------------------------

    def show_settings(self, settings: Settings) -> None:
        """Put `settings` into the widgets."""
        self.form.show_settings(settings)

    def settings(self) -> Settings:
        """Return the settings as the widgets show them (see `SettingsForm.settings`)."""
        return self.form.settings()

    def reload(self, settings: Settings, warnings: Sequence[str]) -> None:
        """Show the settings file as it now reads: it changed while the dialog was open."""
        self._original = settings
        self._warnings = tuple(warnings)
        self.warning_label.setText(self.warning_text())
        self.warning_frame.setVisible(bool(self._warnings))
        self.form.show_settings(settings)
        self.error_label.setText(
            _(
                "The settings file changed while this window was open: it now shows the file's "
                "values. Save writes what you see."
            )
        )
        self.error_label.show()

    # --- reactions ---------------------------------------------------------------------------

    def _on_form_validity_changed(self, is_valid: bool) -> None:
        self.save_button.setEnabled(is_valid)

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
            return self._show_error(
                _("These settings cannot be saved: {reason}").format(reason=exc)
            )
        try:
            if self._starter.is_available():
                wanted = new.app.start_at_login
                if self._starter.is_enabled() != wanted:
                    if wanted:
                        self._starter.enable()
                    else:
                        self._starter.disable()
        except AutostartError as exc:
            return self._show_error(
                _("Start at login could not be changed. {reason}").format(reason=exc)
            )
        if self._path is not None:
            try:
                save_settings(self._path, new)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                return self._show_error(
                    _("Could not save the settings to {path}: {reason}").format(
                        path=self._path, reason=reason
                    )
                )
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
