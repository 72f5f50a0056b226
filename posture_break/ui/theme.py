"""The one palette of our own windows: light or dark as the desktop is, high contrast on request.

Qt 6.10 reads the desktop's contrast preference (`QStyleHints.accessibility()`, GNOME's
high-contrast setting, Windows' high-contrast mode, macOS' "increase contrast"); when it asks
for high contrast our windows use `HIGH_CONTRAST_LIGHT` or `HIGH_CONTRAST_DARK`, whose text
reaches 7:1 (WCAG AAA) on every background it is drawn on (tests/ui/test_theme_contrast.py).
"""

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
        focus: The keyboard focus ring (at least 3:1 against the background and the card).
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
    focus: str


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
    focus="#1a5fb4",
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
    focus="#99c1f1",
)
# Black on white and white on black, the accent darkened (lightened) until white (black) text
# on it passes 7:1; borders and the ring's track strong enough to see without colour.
HIGH_CONTRAST_LIGHT = Theme(
    is_dark=False,
    background="#ffffff",
    card="#f2f2f2",
    text="#000000",
    muted="#303030",
    accent="#00524a",
    accent_soft="#d4ece8",
    accent_text="#ffffff",
    track="#767676",
    border="#000000",
    focus="#0b3d91",
)
HIGH_CONTRAST_DARK = Theme(
    is_dark=True,
    background="#000000",
    card="#141414",
    text="#ffffff",
    muted="#d6d6d6",
    accent="#7fe3d3",
    accent_soft="#0f3a35",
    accent_text="#000000",
    track="#8c8c8c",
    border="#ffffff",
    focus="#ffd75e",
)


def is_dark(palette: QPalette) -> bool:
    """Return whether `palette` draws on a dark window (so text is light)."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def wants_high_contrast() -> bool:
    """Return whether the desktop asks for high contrast (Qt's contrast preference)."""
    # Keep the style hints referenced while asking: PySide frees a chained temporary's
    # accessibility object before the call otherwise.
    style_hints = QGuiApplication.styleHints()
    preference = style_hints.accessibility().contrastPreference()
    return preference == Qt.ContrastPreference.HighContrast


def current_theme() -> Theme:
    """Return the light or dark theme, following the system's colour scheme and contrast.

    Qt reports the desktop's preference where it can read it; otherwise the application
    palette's window colour decides (a dark window background means a dark desktop).
    """
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return LIGHT
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        dark = True
    elif scheme == Qt.ColorScheme.Light:
        dark = False
    else:
        dark = is_dark(QGuiApplication.palette())
    if wants_high_contrast():
        return HIGH_CONTRAST_DARK if dark else HIGH_CONTRAST_LIGHT
    return DARK if dark else LIGHT


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
            border: 2px solid {theme.accent};
            border-radius: 6px;
            padding: 5px 14px;
        }}
        #panel QPushButton#primary:focus {{ border: 2px solid {theme.text}; }}
    """
