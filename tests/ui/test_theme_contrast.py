"""Every text colour of our palettes against the background it is drawn on: WCAG AA (4.5:1).

The pairs are those `panel_stylesheet` and the stretch window's style sheet draw: body text and
muted text on the panel background and on a card, and the primary button's label on the accent.
The high-contrast themes must reach AAA (7:1) for the same pairs. The keyboard focus ring is not
text: WCAG 1.4.11 asks 3:1 against what it is drawn next to (the background and a card).
"""

from __future__ import annotations

import pytest

from posture_break.core.contrast import AA_NORMAL_TEXT, contrast_ratio
from posture_break.ui.theme import DARK, HIGH_CONTRAST_DARK, HIGH_CONTRAST_LIGHT, LIGHT, Theme

THEMES: dict[str, Theme] = {
    "light": LIGHT,
    "dark": DARK,
    "high-contrast-light": HIGH_CONTRAST_LIGHT,
    "high-contrast-dark": HIGH_CONTRAST_DARK,
}
AAA_NORMAL_TEXT = 7.0  # what a high-contrast theme promises
NON_TEXT = 3.0  # WCAG 1.4.11: focus rings and other graphics that must be seen

# (what the pair is, foreground field, background field) of `Theme`.
TEXT_PAIRS = [
    ("body text on panel", "text", "background"),
    ("muted text on panel", "muted", "background"),
    ("primary button label on accent", "accent_text", "accent"),
    ("body text on a card", "text", "card"),
    ("muted text on a card", "muted", "card"),
    # The stretch window's accent-coloured words: eyebrow, breathing cue, tally, notice.
    ("accent text on panel", "accent", "background"),
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
    wanted = AAA_NORMAL_TEXT if theme_name.startswith("high-contrast") else AA_NORMAL_TEXT
    assert ratio >= wanted, (
        f"{theme_name} {what}: {foreground} on {background} is {ratio:.2f}:1, below {wanted}:1"
    )


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("bg", ["background", "card"])
def test_focus_ring_stands_out(theme_name: str, bg: str) -> None:
    theme = THEMES[theme_name]
    ratio = contrast_ratio(theme.focus, getattr(theme, bg))
    assert ratio >= NON_TEXT, f"{theme_name} focus {theme.focus} on {bg}: {ratio:.2f}:1"


def test_every_colour_field_of_a_theme_is_in_a_checked_pair() -> None:
    # A new colour in Theme must be added to TEXT_PAIRS (or named here as not text).
    not_text = {"border", "accent_soft", "track"}  # lines and fills, never behind text
    checked = {field for _, fg, bg in TEXT_PAIRS for field in (fg, bg)} | {"focus"}
    fields = {name for name in Theme.__slots__ if name != "is_dark"}
    assert fields - not_text == checked
