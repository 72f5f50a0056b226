"""Safety you can see on a stretch's first screen: its caution, the stop signs, and "more".

The strip under the summary says the stretch's first caution and the general stop signs in two
short lines; "Safety…" opens every caution of the stretch with a way to the full safety note.
All of it is catalogue text, shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from posture_break.core.stretch import Stretch
from posture_break.ui.safety_dialog import SafetyDialog
from posture_break.ui.stretch_style import button, label, style_sheet
from posture_break.ui.theme import current_theme

STOP_SIGNS = "Stop if you feel sharp pain, dizziness, numbness or tingling."


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
        self.caution.setAccessibleName("Caution")
        self.stop_signs = label(STOP_SIGNS, "hint", wrap=True)
        self.stop_signs.setAccessibleName("When to stop")
        self.notice = label("", "notice", wrap=True)
        self.notice.setAccessibleName("Notice")
        self.notice.setVisible(False)
        column.addWidget(self.notice)
        column.addWidget(self.caution)
        column.addWidget(self.stop_signs)
        row.addLayout(column, 1)
        self.more_button = button("Safety…", "link", "All cautions and the safety note")
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
        self.setWindowTitle(f"Safety · {stretch.title}")
        self.setStyleSheet(style_sheet(current_theme()))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(8)
        layout.addWidget(label(f"Take care with {stretch.title}", "title", wrap=True))
        self.cautions = [label(f"•  {text}", "step", wrap=True) for text in stretch.cautions]
        for caution in self.cautions:
            layout.addWidget(caution)
        layout.addSpacing(6)
        layout.addWidget(label(STOP_SIGNS, "summary", wrap=True))
        layout.addWidget(
            label(
                "Some back pain is a reason to see a doctor, not to stretch: "
                "the safety note lists the signs.",
                "summary",
                wrap=True,
            )
        )
        buttons = QDialogButtonBox()
        self.note_button = button("Read the safety note", "secondary", "The full safety note")
        buttons.addButton(self.note_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = button("Close", "primary", "Back to the stretch")
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setDefault(True)
        self.note_button.clicked.connect(lambda: SafetyDialog.show_note(self))
        self.close_button.clicked.connect(self.accept)
        layout.addSpacing(8)
        layout.addWidget(buttons)
