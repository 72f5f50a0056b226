"""Safety you can see on a stretch's first screen: its caution, the stop signs, and "more".

The strip under the summary says the stretch's first caution and the general stop signs in two
short lines; "Safety…" opens every caution of the stretch with a way to the full safety note.
All of it is catalogue text, shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from posture_break.core.i18n import N_, _
from posture_break.core.stretch import Stretch
from posture_break.ui.safety_dialog import SafetyDialog
from posture_break.ui.stretch_style import add_dialog_buttons, button, label, style_sheet
from posture_break.ui.theme import current_theme

STOP_SIGNS = N_("Stop if you feel sharp pain, dizziness, numbness or tingling.")


class SafetyStrip(QFrame):
    """Two short lines of care under the stretch's summary, and a "Safety…" link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the strip; `load` fills it in."""
        super().__init__(parent)
        self.setObjectName("safetyStrip")
        self._stretch: Stretch | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.caution = label("", "hint", wrap=True)
        self.caution.setAccessibleName(_("Caution"))
        self.stop_signs = label(_(STOP_SIGNS), "hint", wrap=True)
        self.stop_signs.setAccessibleName(_("When to stop"))
        self.notice = label("", "notice", wrap=True)
        self.notice.setAccessibleName(_("Notice"))
        self.notice.setVisible(False)
        column.addWidget(self.notice)
        column.addWidget(self.caution)
        column.addWidget(self.stop_signs)
        row.addLayout(column, 1)
        self.more_button = button(_("Saf&ety…"), "link", _("All cautions and the safety note"))
        row.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignTop)
        self.more_button.clicked.connect(self.show_more)

    def load(self, stretch: Stretch, *, notice: str = "") -> None:
        """Show `stretch`'s first caution; `notice` (e.g. the fallback) goes above it."""
        self._stretch = stretch
        first = stretch.cautions[0] if stretch.cautions else ""
        self.caution.setText(first)
        self.caution.setVisible(bool(first))
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

    def show_more(self) -> None:
        """Open every caution of the stretch, with the way to the full safety note."""
        if self._stretch is not None:
            CautionsDialog(self._stretch, self.window()).exec()


class CautionsDialog(QDialog):
    """Every caution of one stretch, the stop signs, and a button to the full safety note."""

    def __init__(self, stretch: Stretch, parent: QWidget | None = None) -> None:
        """Build the dialog for `stretch`."""
        super().__init__(parent)
        self.setObjectName("StretchWindow")  # the stretch window's look
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # Translators: the title of the dialog with every caution of one stretch.
        self.setWindowTitle(_("Safety · {title}").format(title=stretch.title))
        self.setStyleSheet(style_sheet(current_theme()))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(8)
        heading = _("Take care with {title}").format(title=stretch.title)
        layout.addWidget(label(heading, "title", wrap=True))
        self.cautions = [label(f"•  {text}", "step", wrap=True) for text in stretch.cautions]
        for caution in self.cautions:
            layout.addWidget(caution)
        layout.addSpacing(6)
        layout.addWidget(label(_(STOP_SIGNS), "summary", wrap=True))
        layout.addWidget(
            label(
                _(
                    "Some back pain is a reason to see a doctor, not to stretch: "
                    "the safety note lists the signs."
                ),
                "summary",
                wrap=True,
            )
        )
        self.note_button = button(_("Read the safety note"), "secondary", _("The full safety note"))
        self.close_button = button(_("Close"), "primary", _("Back to the stretch"))
        add_dialog_buttons(
            layout,
            self.note_button,
            QDialogButtonBox.ButtonRole.ActionRole,
            self.close_button,
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.note_button.clicked.connect(lambda: SafetyDialog.show_note(self))
        self.close_button.clicked.connect(self.accept)
