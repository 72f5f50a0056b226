"""WCAG 2.x text contrast: relative luminance of an sRGB colour and the ratio of two colours.

The formulas are those of WCAG 2.1, "relative luminance" and "contrast ratio" (success criteria
1.4.3 and 1.4.6): each sRGB channel is linearised, weighted 0.2126 / 0.7152 / 0.0722, and the
ratio is (L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour. It runs from 1 (same colour) to
21 (black on white). Pure arithmetic, no Qt: the theme test and the docs table use it.
"""

from __future__ import annotations

import re

# Level AA for normal text; large text (18 pt, or 14 pt bold) needs only 3:1.
AA_NORMAL_TEXT = 4.5
AA_LARGE_TEXT = 3.0
AAA_NORMAL_TEXT = 7.0

_HEX = re.compile(r"#?(?P<digits>[0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """Return the (red, green, blue) bytes of ``#rrggbb`` or ``#rgb``.

    Raises:
        ValueError: `colour` is not a hex colour of 3 or 6 digits.
    """
    match = _HEX.fullmatch(colour.strip())
    if match is None:
        raise ValueError(f"not a hex colour: {colour!r}")
    digits = match["digits"]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    """Return one sRGB channel (0..255) on the linear-light scale (0..1)."""
    value = channel / 255
    # WCAG 2.x prints 0.03928 where the sRGB standard has 0.04045; no 8-bit value lies between.
    if value <= 0.03928:
        return value / 12.92
    return float(((value + 0.055) / 1.055) ** 2.4)


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of `colour` (0 for black, 1 for white)."""
    red, green, blue = parse_hex(colour)
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two colours, from 1.0 to 21.0 (order does not matter)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def meets_aa(foreground: str, background: str, large_text: bool = False) -> bool:
    """Return whether text in `foreground` on `background` reaches WCAG level AA."""
    needed = AA_LARGE_TEXT if large_text else AA_NORMAL_TEXT
    return contrast_ratio(foreground, background) >= needed
