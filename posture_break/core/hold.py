"""Why a due prompt is held: the reasons as `status --json` names them and the tray says them."""

from __future__ import annotations

import enum
from collections.abc import Iterable


class HoldReason(enum.Enum):
    """One reason a due prompt waits; the value is the machine name in `status --json`."""

    CALL = "call"
    FULL_SCREEN = "full-screen"
    DO_NOT_DISTURB = "do-not-disturb"
    QUIET_TIME = "quiet-time"
    TYPING = "typing"
    AWAY = "away"

    @property
    def words(self) -> str:
        """The reason in words, completing "Held: ..."."""
        return _WORDS[self]


_WORDS = {
    HoldReason.CALL: "you are on a call",
    HoldReason.FULL_SCREEN: "a full-screen window is up",
    HoldReason.DO_NOT_DISTURB: "do not disturb is on",
    HoldReason.QUIET_TIME: "it is a quiet time",
    HoldReason.TYPING: "you are typing",
    HoldReason.AWAY: "you are away",
}


def held_because(reasons: Iterable[HoldReason]) -> tuple[HoldReason, ...]:
    """The reasons without repeats, in the fixed order above, for stable JSON and tooltips."""
    present = set(reasons)
    return tuple(reason for reason in HoldReason if reason in present)


def hold_summary(reasons: Iterable[HoldReason]) -> str:
    """The tooltip line, e.g. "Held: you are on a call and it is a quiet time"; empty if none."""
    words = [reason.words for reason in held_because(reasons)]
    if not words:
        return ""
    if len(words) == 1:
        return f"Held: {words[0]}"
    return f"Held: {', '.join(words[:-1])} and {words[-1]}"
