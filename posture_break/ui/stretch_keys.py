"""The stretch window's keys: Space, Enter, Esc, N, and the digits that answer the check-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut

if TYPE_CHECKING:
    from posture_break.ui.stretch_window import StretchWindow


def bind_stretch_keys(window: StretchWindow) -> list[QShortcut]:
    """Bind the window's keys to its actions; return the shortcuts (children of `window`)."""
    # Window-wide shortcuts, so Space means pause even while a button has keyboard focus.
    bindings = (
        (Qt.Key.Key_Space, window.toggle_pause),
        (Qt.Key.Key_Return, window.done),
        (Qt.Key.Key_Enter, window.done),
        (Qt.Key.Key_Escape, window.skip),
        (Qt.Key.Key_N, window.another),
    )
    shortcuts: list[QShortcut] = []
    for key, slot in bindings:
        shortcut = QShortcut(QKeySequence(key), window)
        shortcut.activated.connect(slot)
        shortcuts.append(shortcut)
    # 0-9 answer the check-in from the keyboard (10 is one tap on its button).
    for digit in range(10):
        shortcut = QShortcut(QKeySequence(str(digit)), window)
        shortcut.activated.connect(lambda value=digit: window.answer_checkin(value))
        shortcuts.append(shortcut)
    return shortcuts
