"""The long-call offer: after a call of 20 minutes or more, offer a stretch once, soon after.

Calls are seen by sampling (when a prompt is due or held, about once a minute), so a call starts
at the first sample that saw it and ends at the first sample that did not. Durations are on the
monotonic clock, in seconds, so a wall-clock step during a call changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

LONG_CALL = timedelta(minutes=20)
"""The shortest call after which a stretch is offered."""

OFFER_WITHIN = timedelta(minutes=2)
"""How soon after the call ends the offer must come; later it is dropped."""


@dataclass(frozen=True, slots=True)
class Call:
    """A call from its first to its last sample, in monotonic seconds."""

    started_s: float
    ended_s: float

    def __post_init__(self) -> None:
        if self.ended_s < self.started_s:
            raise ValueError(
                f"a call cannot end ({self.ended_s}) before it starts ({self.started_s})"
            )

    @property
    def duration(self) -> timedelta:
        """How long the call lasted."""
        return timedelta(seconds=self.ended_s - self.started_s)


def offers_stretch_after(call: Call, now_s: float) -> bool:
    """Whether "Long call — stretch?" is due at `now_s`: a long call that ended just now."""
    since_end = timedelta(seconds=now_s - call.ended_s)
    return call.duration >= LONG_CALL and timedelta(0) <= since_end <= OFFER_WITHIN


class CallWatch:
    """Follow the call signal sample by sample and hand out the long-call offer once."""

    def __init__(self) -> None:
        self._started_s: float | None = None
        self._ended: Call | None = None

    @property
    def is_in_call(self) -> bool:
        """Whether the last known sample saw a call."""
        return self._started_s is not None

    def observe(self, in_call: bool | None, now_s: float) -> None:
        """Record one sample of the call signal; `None` (unknown) keeps what was known."""
        if in_call is None:
            return
        if in_call and self._started_s is None:
            self._started_s = now_s
            self._ended = None  # a new call replaces the offer for the last one
        elif not in_call and self._started_s is not None:
            self._ended = Call(self._started_s, now_s)
            self._started_s = None

    def take_offer(self, now_s: float) -> bool:
        """Return `True` once if the stretch should be offered now for the call that just ended."""
        # Asked once after the end: a short call, or an answer come too late, drops the offer too.
        ended, self._ended = self._ended, None
        return ended is not None and offers_stretch_after(ended, now_s)
