"""Keyboard mnemonics ("&Save" → Alt+S): find the letter of each text and the clashes in a window.

Qt's rule: "&x" marks x as the mnemonic, "&&" is a literal ampersand. Two controls in one window
(or two items in one menu) with the same letter make Alt+letter cycle between them instead of
acting, so a keyboard user has to look where focus went. Pure text handling, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def mnemonic_of(text: str) -> str | None:
    """Return the lower-case mnemonic letter of `text`, or None when it has none."""
    index = 0
    while index < len(text) - 1:
        if text[index] == "&":
            following = text[index + 1]
            if following != "&" and not following.isspace():
                return following.lower()
            index += 2  # "&&" is a literal ampersand, not a marker
            continue
        index += 1
    return None


@dataclass(frozen=True, slots=True)
class Clash:
    """Texts of one window that share a mnemonic letter."""

    letter: str
    texts: tuple[str, ...]


def clashes(texts: Iterable[str]) -> list[Clash]:
    """Return every letter that more than one of `texts` uses, in order of first use."""
    by_letter: dict[str, list[str]] = {}
    for text in texts:
        letter = mnemonic_of(text)
        if letter is not None:
            by_letter.setdefault(letter, []).append(text)
    return [Clash(letter, tuple(users)) for letter, users in by_letter.items() if len(users) > 1]
