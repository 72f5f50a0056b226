"""A pseudo-locale that needs no files: every message accented and about 40 % longer.

Real translations run longer than English (German and French by a third and more), so a layout
that only just fits the English text cuts them off. `PseudoTranslations` shows that without a
translator: "Start" becomes "Šţåŕţ ~", still readable, longer, with letters outside ASCII. It
keeps what the code and Qt rely on: named ``{placeholders}`` (``str.format`` still fills them),
``&`` mnemonics (the same letter stays the shortcut), ``%``-style markers and line breaks (each
line grows on its own, so a two-line text stays two lines).

Install it with `posture_break.core.i18n.use_translations` (no Qt here; the CLI could use it too).
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Callable
from dataclasses import replace

from posture_break.core.pose import FieldError
from posture_break.core.stretch import Stretch

#: How much longer each line gets: 0.4 is the ~40 % the layout test asks every window to take.
EXPANSION = 0.4
PAD = "~"
PAD_WORD = 6  # the longest run of padding without a space

# Letters that look like their ASCII original, so a person can still read the pseudo text.
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Kept as written: {name} and {{ }} for str.format, %s / %(name)s / %1 markers, and the letter
# after & (the mnemonic; && is a literal ampersand).
# A Qt date pattern (QDate::toString): runs of one pattern letter, separators, 'quoted text'.
_DATE_PATTERN = re.compile(r"(?:([dMy])\1*|[ .,:/\-\u2013\u2014]|'[^']*')+")
_KEEP = re.compile(r"\{\{|\}\}|\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-z%]|%\d|&&|&.", re.DOTALL)


def pseudo_text(message: str, expansion: float = EXPANSION) -> str:
    """Return `message` accented, each line padded to about (1 + `expansion`) times its length.

    The padding is words of tildes after the text, so a word-wrapped label may break between
    them, as it would between the words of a real translation. A Qt date pattern ("dddd d
    MMMM") keeps its letters and gets its padding as quoted literal text, so it still shows a
    date, a longer one.
    """
    if _DATE_PATTERN.fullmatch(message):
        return f"{message} '{PAD * math.ceil(len(message) * expansion)}'"
    return "\n".join(_pseudo_line(line, expansion) for line in message.split("\n"))


def _pseudo_line(line: str, expansion: float) -> str:
    if not line.strip():
        return line
    parts: list[str] = []
    end = 0
    for kept in _KEEP.finditer(line):
        parts.append(line[end : kept.start()].translate(_ACCENTED))
        parts.append(kept.group())
        end = kept.end()
    parts.append(line[end:].translate(_ACCENTED))
    # Spaces count as growth: "OK" (2) -> "ÖĶ ~" (4), "Start" (5) -> "Šţåŕţ ~" (7). Tildes come
    # in words of at most PAD_WORD, like the extra words of a translation: one long run would
    # be a word no real language has, too wide for a narrow label however it wraps.
    grow = max(2, math.ceil(len(line) * expansion))
    words: list[str] = []
    while grow > 1:
        word = PAD * min(PAD_WORD, grow - 1)
        words.append(word)
        grow -= len(word) + 1
    return "".join(parts) + "".join(" " + word for word in words)


class PseudoTranslations(gettext.NullTranslations):
    """Translate every message into the pseudo-locale (`pseudo_text`), plural forms included.

    English plural rules pick the form (``n == 1``), so "{count} day" / "{count} days" both
    appear as they would in a real catalogue.
    """

    def __init__(self, expansion: float = EXPANSION) -> None:
        super().__init__()
        self.expansion = expansion

    def gettext(self, message: str) -> str:
        return pseudo_text(message, self.expansion)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_text(msgid1 if n == 1 else msgid2, self.expansion)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_text(message, self.expansion)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_text(msgid1 if n == 1 else msgid2, self.expansion)


def pseudo_stretch(stretch: Stretch, expansion: float = EXPANSION) -> Stretch:
    """Return `stretch` with its shown text in the pseudo-locale, within the catalogue's limits.

    The catalogue caps each field's length (`Stretch` checks it, and a real translation over
    the cap fails to load), so a field whose pseudo text would pass its cap is cut to the cap:
    the longest text any translation can put there.
    """

    def fitted(english: str, build: Callable[[str], Stretch]) -> str:
        wanted = pseudo_text(english, expansion)
        try:
            build(wanted)
        except FieldError:
            pass
        else:
            return wanted
        short, long = len(english), len(wanted)  # the English fits; the whole pseudo does not
        while long - short > 1:
            middle = (short + long) // 2
            try:
                build(wanted[:middle])
            except FieldError:
                long = middle
            else:
                short = middle
        return wanted[:short]

    def steps(index: int) -> Callable[[str], Stretch]:
        return lambda text: replace(stretch, steps=_with(stretch.steps, index, text))

    def cautions(index: int) -> Callable[[str], Stretch]:
        return lambda text: replace(stretch, cautions=_with(stretch.cautions, index, text))

    return replace(
        stretch,
        title=fitted(stretch.title, lambda text: replace(stretch, title=text)),
        summary=fitted(stretch.summary, lambda text: replace(stretch, summary=text)),
        steps=tuple(fitted(text, steps(i)) for i, text in enumerate(stretch.steps)),
        breathing=fitted(stretch.breathing, lambda text: replace(stretch, breathing=text)),
        cautions=tuple(fitted(text, cautions(i)) for i, text in enumerate(stretch.cautions)),
        why=fitted(stretch.why, lambda text: replace(stretch, why=text)),
    )


def _with(texts: tuple[str, ...], index: int, text: str) -> tuple[str, ...]:
    return (*texts[:index], text, *texts[index + 1 :])
