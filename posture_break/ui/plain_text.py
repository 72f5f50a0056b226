"""Text from outside is plain text: no label or message box of ours reads it as HTML.

A QLabel or QMessageBox left on `Qt.TextFormat.AutoText` renders anything that looks like HTML:
a stretch id `<img src="/dev/zero">` from an imported CSV, or a settings key of that shape, would
make Qt read the named file (18 GB of memory in a minute, or a hang on a FIFO). None of our own
words need markup, so every label of every window is plain text; each window calls `keep_plain`
once its widgets exist (labels made later go through `plain_label`).

Tooltips and desktop notifications have no text format to set, so their text is escaped instead:
`plain_tooltip` for a tooltip, `notification_text` for a notification's body.
"""

from __future__ import annotations

from PySide6 import QtGui
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


def plain_tooltip(text: str) -> str:
    """Return `text` as a tooltip that shows it as it is.

    A tooltip is rich text whenever `Qt.mightBeRichText` guesses so, and that guess cannot be
    turned off. `Qt.convertFromPlainText` escapes the text and wraps it in a paragraph, so the
    tooltip is always rich text whose words are exactly `text`.
    """
    return QtGui.Qt.convertFromPlainText(text) if text else ""


def notification_text(text: str, server_does_markup: bool) -> str:
    """Return `text` for the body of a desktop notification, so the user sees it as it is.

    The Desktop Notifications spec lets the body carry markup (`<b>`, `<a>`, `<img>`) only on a
    server that lists `body-markup` in `GetCapabilities`; such a server reads `&`, `<` and `>` as
    markup, a server without it shows the body as given. So the three are escaped exactly when
    the server does markup. The summary is plain text on every server (the spec gives markup to
    the body only), so it is sent as it is.
    """
    if not server_does_markup:
        return text
    # Loaded with the first notification: `html` brings its entity tables (about 0.6 MiB),
    # which an X11 session, whose prompts are windows, never needs.
    import html

    return html.escape(text, quote=False)
