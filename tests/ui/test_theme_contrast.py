"""Every text colour of our palettes against the background it is drawn on: WCAG AA (4.5:1).

The pairs are those `panel_stylesheet` draws: body text and muted text on the panel background,
and the primary button's label on the accent. When the palette API changes (one merged palette,
a high-contrast theme), only `THEMES` and `TEXT_PAIRS` below need to follow it.
"""

from __future__ import annotations

import pytest

from posture_break.core.contrast import AA_NORMAL_TEXT, contrast_ratio
from posture_break.ui.theme import DARK, LIGHT, Theme

THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK}

# (what the pair is, foreground field, background field) of `Theme`.
TEXT_PAIRS = [
    ("body text on panel", "text", "background"),
    ("muted text on panel", "muted", "background"),
    ("primary button label on accent", "accent_text", "accent"),
    ("body text on a card", "text", "card"),
    ("muted text on a card", "muted", "card"),
]

# Pairs that fail today, named so the fix is obvious; strict, so a fix turns them into failures
# that ask for the mark to go.
KNOWN_LOW: dict[tuple[str, str], str] = {}


def _cases() -> list[object]:
    cases: list[object] = []
    for theme_name in THEMES:
        for what, fg, bg in TEXT_PAIRS:
            marks = []
            reason = KNOWN_LOW.get((theme_name, what))
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            cases.append(
                pytest.param(theme_name, what, fg, bg, marks=marks, id=f"{theme_name}-{fg}-on-{bg}")
            )
    return cases


@pytest.mark.parametrize(("theme_name", "what", "fg", "bg"), _cases())
def test_text_contrast_reaches_wcag_aa(theme_name: str, what: str, fg: str, bg: str) -> None:
    theme = THEMES[theme_name]
    foreground, background = getattr(theme, fg), getattr(theme, bg)
    ratio = contrast_ratio(foreground, background)
    assert ratio >= AA_NORMAL_TEXT, (
        f"{theme_name} {what}: {foreground} on {background} is {ratio:.2f}:1, below 4.5:1"
    )


def test_every_colour_field_of_a_theme_is_in_a_checked_pair() -> None:
    # A new colour in Theme must be added to TEXT_PAIRS (or named here as not text).
    not_text = {"border", "accent_soft", "track"}  # lines and fills, never behind text
    checked = {field for _, fg, bg in TEXT_PAIRS for field in (fg, bg)}
    fields = {name for name in Theme.__slots__ if name != "is_dark"}
    assert fields - not_text == checked
