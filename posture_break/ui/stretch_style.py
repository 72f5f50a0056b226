"""The stretch window's look: its style sheet and the labels and buttons it is built from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QDialogButtonBox, QLabel, QPushButton

from posture_break.ui.theme import Theme


def style_sheet(theme: Theme) -> str:
    """Return the stretch window's style sheet in `theme`'s colours."""
    c = {
        "background": theme.background,
        "card": theme.card,
        "text": theme.text,
        "muted": theme.muted,
        "accent": theme.accent,
        "on_accent": theme.accent_text,
        "border": theme.border,
        "focus": theme.focus,
    }
    return f"""
        #StretchWindow {{ background: {c["background"]}; }}
        QLabel {{ color: {c["text"]}; background: transparent; }}
        QLabel#eyebrow {{ color: {c["accent"]}; font-size: 11px; font-weight: 600;
                          letter-spacing: 1px; }}
        QLabel#title {{ font-size: 21px; font-weight: 600; }}
        QLabel#summary, QLabel#muted, QLabel#hint {{ color: {c["muted"]}; font-size: 12px; }}
        QLabel#notice {{ color: {c["accent"]}; font-size: 12px; font-weight: 600; }}
        QLabel#stepCount {{ color: {c["muted"]}; font-size: 11px; font-weight: 600;
                            letter-spacing: 1px; }}
        QLabel#step {{ font-size: 15px; }}
        QLabel#breath {{ color: {c["accent"]}; font-size: 13px; font-weight: 600; }}
        QLabel#switchCue {{ background: {c["accent"]}; color: {c["on_accent"]};
                            border-radius: 11px; padding: 0px 12px;
                            min-height: 22px; max-height: 22px;
                            font-size: 12px; font-weight: 600; }}
        QLabel#headline {{ font-size: 22px; font-weight: 600; }}
        QLabel#tally {{ color: {c["accent"]}; font-size: 15px; font-weight: 600; }}
        QFrame#card {{ background: {c["card"]}; border-radius: 16px; }}
        QPushButton {{ font-size: 13px; border-radius: 10px; padding: 9px 16px;
                       color: {c["text"]}; background: transparent;
                       border: 1px solid {c["border"]}; }}
        QPushButton:hover {{ background: {c["card"]}; }}
        QPushButton:focus {{ border: 2px solid {c["focus"]}; }}
        QPushButton#primary {{ background: {c["accent"]}; color: {c["on_accent"]};
                               border: 2px solid {c["accent"]}; font-weight: 600; }}
        QPushButton#primary:focus {{ border: 2px solid {c["focus"]}; }}
        QPushButton#link {{ border: 1px solid transparent; color: {c["muted"]};
                            padding: 6px 8px; }}
        QPushButton#link:hover {{ color: {c["text"]}; background: transparent; }}
        QPushButton#link:focus {{ border: 2px solid {c["focus"]}; }}
        QRadioButton#score {{ font-size: 12px; }}
        """


def label(text: str, name: str, *, wrap: bool = False) -> QLabel:
    """Return a plain-text label styled by its object `name`."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def button(text: str, name: str, description: str) -> QPushButton:
    """Return a button styled by its object `name`, with an accessible description."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", ""))
    button.setAccessibleDescription(description)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAutoDefault(False)
    return button


def add_dialog_buttons(
    layout: QBoxLayout,
    other: QPushButton,
    other_role: QDialogButtonBox.ButtonRole,
    default: QPushButton,
    default_role: QDialogButtonBox.ButtonRole,
) -> None:
    """Put a dialog's two buttons at the foot of `layout`; `default` is the one Enter presses."""
    buttons = QDialogButtonBox()
    buttons.addButton(other, other_role)
    buttons.addButton(default, default_role)
    default.setDefault(True)
    layout.addSpacing(8)
    layout.addWidget(buttons)


def set_text(label: QLabel, text: str) -> None:
    """Set a label's text only when it differs, so an unchanged label is not laid out again."""
    if label.text() != text:
        label.setText(text)
