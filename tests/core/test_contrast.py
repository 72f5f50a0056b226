"""WCAG contrast ratios against published reference values."""

from __future__ import annotations

import pytest

from posture_break.core.contrast import (
    contrast_ratio,
    meets_aa,
    parse_hex,
    relative_luminance,
)


def test_black_on_white_is_21_to_1() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_the_order_of_the_colours_does_not_matter() -> None:
    assert contrast_ratio("#ffffff", "#000000") == contrast_ratio("#000000", "#ffffff")


def test_a_colour_against_itself_is_1_to_1() -> None:
    assert contrast_ratio("#2b8c86", "#2b8c86") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("colour", "luminance"),
    [
        ("#000000", 0.0),
        ("#ffffff", 1.0),
        ("#ff0000", 0.2126),
        ("#00ff00", 0.7152),
        ("#0000ff", 0.0722),
        # Mid grey: 0x80 linearises to 0.2158605 (sRGB curve).
        ("#808080", 0.2158605),
    ],
)
def test_relative_luminance_of_reference_colours(colour: str, luminance: float) -> None:
    assert relative_luminance(colour) == pytest.approx(luminance, abs=1e-6)


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        # Reference values as WebAIM's contrast checker and the WCAG examples give them.
        ("#777777", "#ffffff", 4.48),  # the classic "just fails AA" grey
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#595959", "#ffffff", 7.0),  # AAA on white
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.0),
        ("#ffffff", "#808080", 3.95),
    ],
)
def test_contrast_ratio_of_reference_pairs(foreground: str, background: str, ratio: float) -> None:
    assert contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.01)


def test_aa_threshold_for_normal_and_large_text() -> None:
    assert not meets_aa("#777777", "#ffffff")
    assert meets_aa("#767676", "#ffffff")
    # 3:1 is enough for large text.
    assert meets_aa("#949494", "#ffffff", large_text=True)
    assert not meets_aa("#949494", "#ffffff")


def test_short_hex_and_missing_hash_are_read() -> None:
    assert parse_hex("#fff") == (255, 255, 255)
    assert parse_hex("2B8C86") == (0x2B, 0x8C, 0x86)


@pytest.mark.parametrize("bad", ["", "#12", "#gggggg", "red", "#1234567"])
def test_a_non_hex_colour_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a hex colour"):
        parse_hex(bad)
