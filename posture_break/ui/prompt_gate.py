"""Whether a due prompt shows now or waits, and why: a call, do-not-disturb, typing.

`BreakScheduler` asks `PromptGate.wait_for` only when a prompt is due and while it waits, so
the desktop's questions (call signals, do-not-disturb, full screen) add no wake-up to a quiet
minute. The rules are in `core/hold.py` (typing and do-not-disturb) and `core/long_call.py`;
this class only asks the sources, at most once a minute each, and keeps the answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from posture_break.core.hold import DISTURB_RECHECK_SECONDS, Hold, HoldLimits, HoldReason
from posture_break.core.long_call import CallWatch
from posture_break.core.settings import Settings
from posture_break.platform.call import CallAnswer, CallState
from posture_break.platform.disturb import DisturbSource

_log = logging.getLogger(__name__)

CALL_RECHECK_SECONDS = 60.0
"""How often the call signals are read while a due prompt waits (and only then)."""


class CallSource(Protocol):
    """Whether the user is on a call (`platform.call.CallDetector`)."""

    def in_call(self) -> CallState:
        """Read the call signals now."""
        ...


class PromptGate:
    """Decide whether a due prompt waits, asking the desktop only then."""

    def __init__(self, disturb: DisturbSource, calls_for: Callable[[], CallSource] | None) -> None:
        """Ask `disturb`, and the call source `calls_for` builds (see `prepare`), when due."""
        self._disturb = disturb
        self._calls_for = calls_for
        self._calls: CallSource | None = None
        self._hold = Hold()  # how long the prompt has waited for typing or do-not-disturb
        self._disturbed: tuple[float, HoldReason | None] | None = None  # (asked at mono, answer)
        self._call_watch = CallWatch()
        self._call_sample: tuple[float, bool] | None = None  # (read at mono, in a call)
        self._held: tuple[HoldReason, ...] = ()
        self._is_long_call_offer = False

    @property
    def held_because(self) -> tuple[HoldReason, ...]:
        """Return why the due prompt waited at the last look (empty: it did not)."""
        return self._held

    @property
    def is_long_call_offer(self) -> bool:
        """Return whether a call of at least 20 minutes just ended while the prompt waited."""
        return self._is_long_call_offer

    def prepare(self) -> None:
        """Build the call source now, ahead of the first question (it loads in the background)."""
        if self._calls is None and self._calls_for is not None:
            self._calls = self._calls_for()

    def reset(self) -> None:
        """Forget the wait: the prompt showed, or is no longer due."""
        self._hold = Hold()
        self._disturbed = None
        # A call seen only while a prompt waited: its length is unknown once nobody looks.
        self._call_watch = CallWatch()
        self._call_sample = None
        self._held = ()
        self._is_long_call_offer = False

    def wait_for(self, mono: float, idle_s: float | None, settings: Settings) -> float | None:
        """Return the seconds until the next look if the due prompt waits, or None: show it.

        A call holds without a limit (it ends by itself, and a prompt in the middle of one helps
        nobody); then do-not-disturb and typing hold within their limits.
        """
        if self._is_in_call(mono):
            self._held = (HoldReason.CALL,)
            return CALL_RECHECK_SECONDS
        disturbed_by = self._disturbed_by(mono, settings)
        self._hold, recheck = self._hold.decide(
            mono,
            is_disturbed=disturbed_by is not None,
            idle_s=idle_s,
            limits=HoldLimits.from_settings(settings),
            disturbed_by=disturbed_by or HoldReason.DO_NOT_DISTURB,
        )
        self._held = () if self._hold.reason is None else (self._hold.reason,)
        return recheck

    def _is_in_call(self, mono: float) -> bool:
        """Read the call signals, at most once a minute; note a long call that just ended."""
        self.prepare()
        if self._calls is None:
            return False
        if self._call_sample is not None and mono - self._call_sample[0] < CALL_RECHECK_SECONDS:
            return self._call_sample[1]
        try:
            state = self._calls.in_call()
        except Exception:  # a backend must never stop the schedule
            _log.exception("call detection failed")
            state = CallState(CallAnswer.UNKNOWN)
        # Unknown never holds a prompt, and neither starts nor ends a call.
        answer = None if state.answer is CallAnswer.UNKNOWN else state.is_in_call
        self._call_watch.observe(answer, mono)
        if answer is False and self._call_watch.take_offer(mono):
            self._is_long_call_offer = True
        self._call_sample = (mono, answer is True)
        return answer is True

    def _disturbed_by(self, mono: float, settings: Settings) -> HoldReason | None:
        """Ask do-not-disturb and fullscreen, at most once a minute (they may run commands)."""
        if self._disturbed is not None and mono - self._disturbed[0] < DISTURB_RECHECK_SECONDS:
            return self._disturbed[1]
        chosen = settings.disturb
        reason: HoldReason | None = None
        if chosen.hold_while_do_not_disturb and _ask(self._disturb.is_do_not_disturb):
            reason = HoldReason.DO_NOT_DISTURB
        elif chosen.hold_while_fullscreen and _ask(self._disturb.is_fullscreen_active):
            reason = HoldReason.FULL_SCREEN
        self._disturbed = (mono, reason)
        return reason


def _ask(question: Callable[[], bool | None]) -> bool:
    try:
        return question() is True
    except Exception:  # a backend must never stop the schedule
        _log.exception("do-not-disturb source failed")
        return False
