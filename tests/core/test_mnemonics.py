"""Mnemonic letters and their clashes."""

from __future__ import annotations

import pytest

from posture_break.core.mnemonics import Clash, clashes, mnemonic_of


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("&Save", "s"),
        ("Se&ttings…", "t"),
        ("Save", None),
        ("Fish && &Chips", "c"),
        ("Fish && Chips", None),
        ("trailing &", None),
        ("& space", None),
        ("◀ &Previous", "p"),
    ],
)
def test_mnemonic_of(text: str, letter: str | None) -> None:
    assert mnemonic_of(text) == letter


def test_no_clash_when_every_letter_differs() -> None:
    assert clashes(["&Save", "&Restore defaults", "Cancel"]) == []


def test_clash_is_case_insensitive_and_names_both_texts() -> None:
    assert clashes(["&Start", "&skip", "&Done"]) == [Clash("s", ("&Start", "&skip"))]


def test_texts_without_a_mnemonic_never_clash() -> None:
    assert clashes(["Start", "Skip", "Stop"]) == []
