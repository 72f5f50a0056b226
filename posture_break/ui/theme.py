"""A small palette for our own windows, light or dark as the system is."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours (as ``#rrggbb``) our windows draw with."""

    is_dark: bool
    background: str
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str


LIGHT = Theme(
    is_dark=False,
    background="#fbfaf7",
    text="#1f2528",
    muted="#5d676d",
    accent="#2b8c86",
    accent_text="#ffffff",
    border="#d5d9d6",
)
DARK = Theme(
    is_dark=True,
    background="#22282b",
    text="#eef1f0",
    muted="#a9b3b6",
    accent="#4fb3aa",
    accent_text="#10201f",
    border="#3b4447",
)


def current_theme() -> Theme:
    """Return the light or dark theme, following the system's colour scheme.

    Qt reports the desktop's preference where it can read it; otherwise the palette's window
    colour decides (a dark window background means a dark desktop).
    """
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return LIGHT
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return DARK
    if scheme == Qt.ColorScheme.Light:
        return LIGHT
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightnessF() < 0.5 else LIGHT


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
