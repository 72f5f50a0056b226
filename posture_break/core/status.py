"""What the running app is doing, as `posture-break status` prints it and the tray says it.

`AppStatus` is built by the scheduler, sent over the instance socket as JSON and read back by
the command line, which checks every field (the other end is another process).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from posture_break.core.hold import HoldReason, held_because, hold_summary
from posture_break.core.i18n import _


def _english_weekday(day: date) -> str:
    return f"{day:%a}"


class AppState(enum.Enum):
    """The schedule's state; the value is the machine name in `status --json`."""

    COUNTING = "counting"
    DUE = "due"
    HELD = "held"
    PAUSED = "paused"
    OFF_HOURS = "off-hours"


@dataclass(frozen=True, slots=True)
class AppStatus:
    """The state, the next prompt, why a due prompt waits and when a pause ends."""

    state: AppState
    next_prompt: datetime | None = None
    held_because: tuple[HoldReason, ...] = ()
    paused_until: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("next_prompt", "paused_until"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"status {name} {value.isoformat()} has no time zone")
        if self.held_because and self.state is not AppState.HELD:
            raise ValueError(f"a {self.state.value} status holds for nothing")

    def to_json_dict(self) -> dict[str, object]:
        """Return the exact `status --json` object."""
        return {
            "state": self.state.value,
            "next_prompt": _iso(self.next_prompt),
            "held_because": [reason.value for reason in held_because(self.held_because)],
            "paused_until": _iso(self.paused_until),
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, object]) -> AppStatus:
        """Read the object `to_json_dict` wrote, or raise `ValueError` saying what is wrong."""
        if set(data) != {"state", "next_prompt", "held_because", "paused_until"}:
            raise ValueError(f"unexpected status fields: {sorted(data)}")
        reasons = data["held_because"]
        if not isinstance(reasons, list):
            raise ValueError("status held_because is not a list")
        try:
            return cls(
                AppState(data["state"]),
                _read_time(data["next_prompt"]),
                tuple(HoldReason(reason) for reason in reasons),
                _read_time(data["paused_until"]),
            )
        except (TypeError, ValueError) as exc:
            raise ValueError(f"unreadable status: {exc}") from None

    def words(self, now: datetime, weekday: Callable[[date], str] = _english_weekday) -> str:
        """Return the status in one or two lines, as `posture-break status` prints it.

        `weekday` names a day other than today (the command line passes the locale's).
        """
        if self.state is AppState.DUE:
            return _("A stretch is due now.")
        if self.state is AppState.PAUSED:
            if self.paused_until is None:
                return _("Paused until you resume.")
            until = _clock_text(self.paused_until, now, weekday)
            return _("Paused until {time}.").format(time=until)
        if self.state is AppState.HELD:
            # Translators: {held} is e.g. "Held: you are on a call"
            line = _("{held}.").format(held=hold_summary(self.held_because))
            if self.next_prompt is not None:
                when = _clock_text(self.next_prompt, now, weekday)
                return line + "\n" + _("The stretch comes at {time}.").format(time=when)
            return line + "\n" + _("The stretch comes when that ends.")
        if self.next_prompt is None:
            return _("No stretch planned (no working window can hold one).")
        when = _clock_text(self.next_prompt, now, weekday)
        if self.state is AppState.OFF_HOURS:
            return _("Outside working hours; the next stretch is at {time}.").format(time=when)
        return _("Counting down; the next stretch is at {time}.").format(time=when)


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat(timespec="seconds")


def _read_time(raw: object) -> datetime | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ValueError(f"{raw!r} is not a time")
    return datetime.fromisoformat(raw)


def _clock_text(when: datetime, now: datetime, weekday: Callable[[date], str]) -> str:
    """Return ``14:30`` for today, ``Mon 09:45`` for another day (both in `now`'s zone)."""
    local = when.astimezone(now.tzinfo)
    if local.date() == now.date():
        return f"{local:%H:%M}"
    return f"{weekday(local.date())} {local:%H:%M}"
