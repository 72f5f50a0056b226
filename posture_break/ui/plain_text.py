"""Text from outside is plain text: no label or message box of ours reads it as HTML.

A QLabel or QMessageBox left on `Qt.TextFormat.AutoText` renders anything that looks like HTML:
a stretch id `<img src="/dev/zero">` from an imported CSV, or a settings key of that shape, would
make Qt read the named file (18 GB of memory in a minute, or a hang on a FIFO). None of our own
words need markup, so every label of every window is plain text; each window calls `keep_plain`
once its widgets exist (labels made later go through `plain_label`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "") -> QLabel:
    """Return a QLabel that shows `text` as it is, never as markup."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def keep_plain(window: QWidget) -> None:
    """Make `window` (a QLabel or QMessageBox itself, or any of their children) plain text."""
    if isinstance(window, QMessageBox):
        window.setTextFormat(Qt.TextFormat.PlainText)
    if isinstance(window, QLabel):
        window.setTextFormat(Qt.TextFormat.PlainText)
    for box in window.findChildren(QMessageBox):
        box.setTextFormat(Qt.TextFormat.PlainText)
    for label in window.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
