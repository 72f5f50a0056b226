"""Pausing prompts: the one grammar for how long, its default, and when a pause ends.

Both `posture-break pause [LENGTH]` and the running app's own command parser read LENGTH here:

* nothing: 30 minutes (`DEFAULT_PAUSE`);
* a whole number of minutes or hours, with or without a space: `45m`, `45min`, `45 min`,
  `1h`, `2 h`, from 1 minute up to 24 hours;
* `tomorrow`: until the first working window after today's midnight opens.

Case and surrounding spaces do not matter. Only the tray menu offers "until I resume".
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from posture_break.core.i18n import _
from posture_break.core.plan import next_window_start
from posture_break.core.settings import ScheduleSettings

MIN_PAUSE = timedelta(minutes=1)
MAX_PAUSE = timedelta(hours=24)

_LENGTH = re.compile(r"([0-9]{1,4}) *(m|min|h)")


class PauseError(ValueError):
    """A pause length that the grammar does not accept; the message says what is."""


@dataclass(frozen=True, slots=True)
class PauseFor:
    """Pause for a fixed time (`30m`, `1h`, ...)."""

    duration: timedelta

    def __post_init__(self) -> None:
        if not MIN_PAUSE <= self.duration <= MAX_PAUSE:
            raise PauseError(f"pause duration {self.duration} is outside 1 min .. 24 h")


class PauseUntil(enum.Enum):
    """Pause until a moment that is not a fixed time away."""

    TOMORROW = "tomorrow"
    RESUMED = "resumed"  # until the user resumes (the tray menu only)


DEFAULT_PAUSE = PauseFor(timedelta(minutes=30))


def parse_pause(text: str | None) -> PauseFor | PauseUntil:
    """Read a pause length (see the module docstring); None or blank is `DEFAULT_PAUSE`.

    Raises:
        PauseError: The text is not in the grammar, or is outside 1 minute .. 24 hours.
    """
    if text is None or not text.strip():
        return DEFAULT_PAUSE
    word = text.strip().lower()
    if word == PauseUntil.TOMORROW.value:
        return PauseUntil.TOMORROW
    match = _LENGTH.fullmatch(word)
    if match is not None:
        unit = timedelta(hours=1) if match.group(2) == "h" else timedelta(minutes=1)
        length = int(match.group(1)) * unit
        if MIN_PAUSE <= length <= MAX_PAUSE:
            return PauseFor(length)
    raise PauseError(
        # Translators: 30m, 1h, 2h, tomorrow, 45m, 45 min and 24h are typed as they are here;
        # {text} is what the user typed
        _(
            "pause takes 30m, 1h, 2h, tomorrow, or minutes/hours like 45m or 45 min, "
            "up to 24h; not {text}"
        ).format(text=repr(text))
    )


def pause_end(
    choice: PauseFor | PauseUntil, now: datetime, schedule: ScheduleSettings
) -> datetime | None:
    """Return when a pause chosen at `now` ends (None: until resumed).

    "Until tomorrow" ends when the first working window after today's midnight opens, so it
    means "done for today" also before a weekend.
    """
    if isinstance(choice, PauseFor):
        return now + choice.duration
    if choice is PauseUntil.RESUMED:
        return None
    midnight = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)
    start = next_window_start(schedule, midnight - timedelta(microseconds=1))
    return start if start is not None else midnight
