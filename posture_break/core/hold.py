"""Why and how long a due prompt is held.

`HoldReason` names each reason as `status --json` does and the tray says it. A prompt that is
due does not interrupt someone typing: it waits for a pause of a few seconds, but at most
`breaks.typing_wait_minutes`. It also waits while do-not-disturb (or a fullscreen window) is on,
at most `disturb.max_hold_minutes`, then shows anyway (silent and unfocused, as every prompt is).
`Hold` is the state of that wait; `Hold.decide` is a pure function of the monotonic time, the
idle time and the desktop's answer, so it is tested without Qt or a desktop. A call holds a due
prompt until it ends, without a limit, and a quiet time until it ends (the scheduler decides
those two before asking `Hold.decide`; see docs/scheduling.md).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from posture_break.core.i18n import N_, _, and_list
from posture_break.core.settings import Settings


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
        """The reason in words, completing "Held: ..." (in the user's language)."""
        return _(_WORDS[self])


# Translators: why a due stretch waits; completes "Held: {reasons}" (see "Held: {reasons}")
_WORDS = {
    HoldReason.CALL: N_("you are on a call"),
    HoldReason.FULL_SCREEN: N_("a full-screen window is up"),
    HoldReason.DO_NOT_DISTURB: N_("do not disturb is on"),
    HoldReason.QUIET_TIME: N_("it is a quiet time"),
    HoldReason.TYPING: N_("you are typing"),
    HoldReason.AWAY: N_("you are away"),
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
    # Translators: {reasons} is one or more reasons, e.g. "you are on a call and it is a quiet time"
    return _("Held: {reasons}").format(reasons=and_list(words))


TYPING_IDLE_SECONDS = 3.0
"""Input this recent means the user is typing: wait for a pause before prompting."""

TYPING_RECHECK_SECONDS = 5.0
"""How often to look for a pause in typing while a prompt waits (and only then)."""

DISTURB_RECHECK_SECONDS = 60.0
"""How often to look whether do-not-disturb or a fullscreen window has gone while a prompt waits."""


@dataclass(frozen=True, slots=True)
class HoldLimits:
    """The longest a due prompt waits for a pause in typing, and for do-not-disturb."""

    typing_wait_s: float
    disturb_wait_s: float

    @classmethod
    def from_settings(cls, settings: Settings) -> HoldLimits:
        """Return the limits the user chose."""
        return cls(
            typing_wait_s=settings.breaks.typing_wait_minutes * 60.0,
            disturb_wait_s=settings.disturb.max_hold_minutes * 60.0,
        )


@dataclass(frozen=True, slots=True)
class Hold:
    """How long a due prompt has been held, as monotonic start times (None: not held for it).

    `reason` is why the last decision held the prompt (None: it did not).
    """

    typing_since: float | None = None
    disturb_since: float | None = None
    reason: HoldReason | None = None

    def decide(
        self,
        mono: float,
        *,
        is_disturbed: bool,
        idle_s: float | None,
        limits: HoldLimits,
        disturbed_by: HoldReason = HoldReason.DO_NOT_DISTURB,
    ) -> tuple[Hold, float | None]:
        """Return the new hold and the seconds until the next look, or None: prompt now.

        Do-not-disturb (or what `disturbed_by` names, such as a full-screen window) is
        considered first: while it holds, typing does not start its own wait. An unknown idle
        time (None) never holds the prompt for typing.
        """
        disturb_since = self.disturb_since
        if is_disturbed:
            disturb_since = mono if disturb_since is None else disturb_since
            left = limits.disturb_wait_s - (mono - disturb_since)
            if left > 0:
                held = Hold(self.typing_since, disturb_since, disturbed_by)
                return held, min(DISTURB_RECHECK_SECONDS, left)
        else:
            disturb_since = None
        typing_since = self.typing_since
        if idle_s is not None and idle_s < TYPING_IDLE_SECONDS:
            typing_since = mono if typing_since is None else typing_since
            left = limits.typing_wait_s - (mono - typing_since)
            if left > 0:
                held = Hold(typing_since, disturb_since, HoldReason.TYPING)
                return held, min(TYPING_RECHECK_SECONDS, left)
        return Hold(typing_since, disturb_since), None
