"""The small status window shown when the desktop has no system tray."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from posture_break.core.i18n import _
from posture_break.ui.plain_text import keep_plain
from posture_break.ui.theme import current_theme, panel_stylesheet
from posture_break.ui.tray import Tray
from posture_break.ui.window_fit import fit_window

STATUS_TEXT_WIDTH = 340
"""The status line's width: the longest English line ("Outside working hours — next at Mon
09:45"); a longer translation wraps (the label word-wraps), it is never cut."""


class StatusWindow(QWidget):
    """Show the next stretch time and the tray menu's actions as buttons.

    The buttons are the tray menu's own actions, so both always agree. Closing the window
    minimises it instead: without a tray it is the only way back to the app (Quit ends the app).
    """

    def __init__(self, tray: Tray, parent: QWidget | None = None) -> None:
        # A dialog of fixed size: tiling compositors (sway, i3) float it instead of giving it a
        # third of the screen (sway floats a window whose minimum and maximum sizes agree).
        super().__init__(parent, Qt.WindowType.Dialog)
        self.setWindowTitle("posture-break")
        self._tray = tray
        self._is_closing_for_good = False
        self.setStyleSheet(panel_stylesheet(current_theme()))
        panel = QFrame(self)
        panel.setObjectName("panel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(panel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(16, 14, 16, 14)
        self.status_label = QLabel(tray.text)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)
        note = QLabel(_("No system tray was found; this window stands in for the tray icon."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)

        actions = tray.actions
        grid = QGridLayout()
        grid.setSpacing(6)
        # The pause entry is a submenu: a button that pops it up, shown when the menu shows it.
        pause_action = actions.pause_menu.menuAction()
        pause_button = QToolButton(self)
        # The style's small menu arrow would sit on the text: a plain "▾" after it says the same.
        pause_button.setText(f"{pause_action.text()} ▾")
        pause_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        pause_button.setMenu(actions.pause_menu)
        pause_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.buttons: dict[str, QToolButton] = {
            "stretch": self._button(actions.stretch_now),
            "pause": pause_button,
            "resume": self._button(actions.resume),
            "skip": self._button(actions.skip_next),
            "review": self._button(actions.review),
            "settings": self._button(actions.settings),
            "safety": self._button(actions.safety),
            "about": self._button(actions.about),
            "quit": self._button(actions.quit),
        }
        # Pause and Resume share one place, one shown at a time (as in the menu): no hole.
        _follow_visibility(pause_button, pause_action)
        _follow_visibility(self.buttons["resume"], actions.resume)
        cells = [name for name in self.buttons if name != "resume"]
        for index, name in enumerate(cells):
            grid.addWidget(self.buttons[name], index // 3, index % 3)
        paused_cell = cells.index("pause")
        grid.addWidget(self.buttons["resume"], paused_cell // 3, paused_cell % 3)
        layout.addLayout(grid)
        self.status_label.setMinimumWidth(STATUS_TEXT_WIDTH)
        self.fit_to()
        tray.text_changed.connect(self._on_tray_text_changed)
        keep_plain(self)  # its labels may show text from files: never as markup

    def fit_to(self, available: QRect | None = None) -> None:
        """Fit the window to `available` (default: the screen under the pointer), then fix it.

        A fixed size: sway floats a window whose minimum and maximum sizes agree.
        """
        fit_window(self, self.sizeHint(), available=available)
        self.setFixedSize(self.size())

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _on_tray_text_changed(self, text: str) -> None:
        self.status_label.setText(text)

    def close_for_good(self) -> None:
        """Close for real (the app is quitting)."""
        self._is_closing_for_good = True
        self._tray.set_text_watched(False)
        self.close()

    @override
    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        # Only keep the status line ticking while someone can see it.
        self._tray.set_text_watched(visible and not self._is_closing_for_good)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._is_closing_for_good:
            event.accept()
            return
        event.ignore()
        self.showMinimized()


def _follow_visibility(button: QToolButton, action: QAction) -> None:
    """Show `button` exactly while `action` is visible (a default action does not do that)."""
    action.visibleChanged.connect(lambda: button.setVisible(action.isVisible()))
    button.setVisible(action.isVisible())
