"""The one palette of our own windows, light or dark as the desktop is."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours (as ``#rrggbb``) our windows draw with.

    Attributes:
        is_dark: Light text on a dark background.
        background: Window background.
        card: A raised area on the background (the figure's card, the check-in box).
        text: Body text.
        muted: Secondary text.
        accent: The one colour that says "this matters": progress, the main button.
        accent_soft: A faint wash of the accent.
        accent_text: Text on the accent.
        track: The unfilled part of a progress ring.
        border: Hairlines and quiet button outlines.
    """

    is_dark: bool
    background: str
    card: str
    text: str
    muted: str
    accent: str
    accent_soft: str
    accent_text: str
    track: str
    border: str


LIGHT = Theme(
    is_dark=False,
    background="#fbfaf7",
    card="#f0f3f1",
    text="#1f2a2e",
    muted="#5d676d",
    accent="#257d71",
    accent_soft="#dcefeb",
    accent_text="#ffffff",
    track="#e1e6e4",
    border="#cdd5d2",
)
DARK = Theme(
    is_dark=True,
    background="#1b1f22",
    card="#242a2e",
    text="#e8ecea",
    muted="#9aa6a3",
    accent="#5cc3b2",
    accent_soft="#20403c",
    accent_text="#0f1f1c",
    track="#333b3f",
    border="#3a4347",
)


def is_dark(palette: QPalette) -> bool:
    """Return whether `palette` draws on a dark window (so text is light)."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def current_theme() -> Theme:
    """Return the light or dark theme, following the system's colour scheme.

    Qt reports the desktop's preference where it can read it; otherwise the application
    palette's window colour decides (a dark window background means a dark desktop).
    """
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return LIGHT
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return DARK
    if scheme == Qt.ColorScheme.Light:
        return LIGHT
    return DARK if is_dark(QGuiApplication.palette()) else LIGHT


def panel_stylesheet(theme: Theme) -> str:
    """Return the stylesheet of a small calm panel (the prompt, the status window)."""
    return f"""
        #panel {{
            background: {theme.background};
            border: 1px solid {theme.border};
            border-radius: 10px;
        }}
        #panel QLabel {{ color: {theme.text}; }}
        #panel QLabel#muted {{ color: {theme.muted}; }}
        #panel QPushButton#primary {{
            background: {theme.accent};
            color: {theme.accent_text};
            border: none;
            border-radius: 6px;
            padding: 5px 14px;
        }}
    """
