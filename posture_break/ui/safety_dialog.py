"""The first-run safety note: stretch gently, and the signs that mean a doctor, not a stretch."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSlider,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posture_break.core.catalogue import CatalogueError
from posture_break.core.i18n import _
from posture_break.core.safety import SafetyNote, load_safety_note
from posture_break.ui.theme import current_theme
from posture_break.ui.window_fit import fit_window

_log = logging.getLogger(__name__)


def _text(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the note is data: never read it as markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SafetyDialog(QDialog):
    """Show the safety note with one "I understand" button."""

    def __init__(self, note: SafetyNote, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SafetyDialog")
        self.setWindowTitle(note.title)
        self.setAccessibleName(note.title)
        self.setAccessibleDescription(note.text)
        fit_window(self, QSize(460, 520))  # it scrolls: any screen shows its button
        theme = current_theme()
        self.setStyleSheet(
            f"""
            #SafetyDialog, QScrollArea, #body {{ background: {theme.background}; }}
            QLabel {{ color: {theme.text}; font-size: 13px; }}
            QLabel#heading {{ font-size: 19px; font-weight: 600; }}
            QLabel#flagsHeading {{ font-weight: 600; }}
            QFrame#flags {{ background: {theme.card}; border-radius: 12px; }}
            QPushButton {{ background: {theme.accent}; color: {theme.accent_text};
                           border: none; border-radius: 10px; padding: 9px 18px;
                           font-size: 13px; font-weight: 600; }}
            QPushButton:focus {{ border: 2px solid {theme.text}; }}
            """
        )

        body = QWidget()
        body.setObjectName("body")
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 22, 24, 12)
        column.setSpacing(10)
        column.addWidget(_text(note.title, "heading"))
        for paragraph in note.intro:
            column.addWidget(_text(paragraph, "paragraph"))
        flags = QFrame()
        flags.setObjectName("flags")
        flag_column = QVBoxLayout(flags)
        flag_column.setContentsMargins(14, 12, 14, 12)
        flag_column.setSpacing(6)
        flag_column.addWidget(_text(note.red_flags_heading, "flagsHeading"))
        for flag in note.red_flags:
            flag_column.addWidget(_text(f"•  {flag}", "flag"))
        column.addWidget(flags)
        for paragraph in note.outro:
            column.addWidget(_text(paragraph, "paragraph"))
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        # The area is only a viewport: a Tab stop there says nothing to a screen reader. The
        # arrow and page keys scroll it from anywhere in the dialog (shortcuts below).
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setAccessibleName(_("Safety note"))
        scroll.verticalScrollBar().setAccessibleName(_("Scroll the safety note"))
        self._scroll_bar = scroll.verticalScrollBar()
        for key, action in (
            (Qt.Key.Key_Up, QAbstractSlider.SliderAction.SliderSingleStepSub),
            (Qt.Key.Key_Down, QAbstractSlider.SliderAction.SliderSingleStepAdd),
            (Qt.Key.Key_PageUp, QAbstractSlider.SliderAction.SliderPageStepSub),
            (Qt.Key.Key_PageDown, QAbstractSlider.SliderAction.SliderPageStepAdd),
            (Qt.Key.Key_Home, QAbstractSlider.SliderAction.SliderToMinimum),
            (Qt.Key.Key_End, QAbstractSlider.SliderAction.SliderToMaximum),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda action=action: self._scroll_bar.triggerAction(action))

        buttons = QDialogButtonBox()
        understood = _("I understand")
        accept = QDialogButtonBox.ButtonRole.AcceptRole
        self.understood_button = buttons.addButton(understood, accept)
        self.understood_button.setAccessibleName(understood)
        self.understood_button.setAccessibleDescription(_("Close the safety note"))
        self.understood_button.setDefault(True)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.addWidget(scroll, 1)
        button_row = QVBoxLayout()
        button_row.setContentsMargins(24, 0, 24, 0)
        button_row.addWidget(buttons)
        layout.addLayout(button_row)

    @classmethod
    def show_note(cls, parent: QWidget | None = None) -> bool:
        """Show the shipped safety note and wait; return whether the user confirmed it.

        False when it was closed any other way (Escape, the window's close button, or the app
        quitting under it on SIGTERM): the first-run note then counts as not read yet.
        """
        try:
            note = load_safety_note()
        except CatalogueError:
            # The note is part of the package; if it is broken we say so rather than crash,
            # and the same words are still on the project's pages.
            _log.exception("safety note could not be loaded")
            note = SafetyNote(
                title=_("Stretch safely"),
                intro=(
                    _("The safety note could not be loaded; please reinstall posture-break."),
                    _("Go gently, and stop any stretch that causes sharp pain."),
                ),
                red_flags_heading=_("Do not stretch, and get medical advice, if you have:"),
                red_flags=(
                    _("Back pain with chest pain or shortness of breath: call emergency services."),
                    _("Back pain that is sudden, severe or getting worse."),
                ),
                outro=(),
            )
        dialog = cls(note, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted.value
        # Shown once per install: give its widgets, style sheet and backing store back at once
        # rather than keeping them for the rest of the session (docs/performance.md).
        dialog.deleteLater()
        return accepted
