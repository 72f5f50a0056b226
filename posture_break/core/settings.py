"""User settings: declared once here with type, default and meaning.

The TOML file layout mirrors these sections (`[schedule]`, `[goal]`, ...). Loading, validation,
and atomic saving live in this module too; see `load_settings` and `save_settings`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import time


class Weekday(enum.StrEnum):
    """A day of the week as written in the settings file."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def index(self) -> int:
        """Return Monday=0 ... Sunday=6, as `date.weekday()` does."""
        return list(Weekday).index(self)


class Level(enum.StrEnum):
    """How demanding a stretch is."""

    GENTLE = "gentle"
    MODERATE = "moderate"
    ACTIVE = "active"


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    """When prompts come."""

    interval_minutes: int = 45
    work_days: tuple[Weekday, ...] = (
        Weekday.MON,
        Weekday.TUE,
        Weekday.WED,
        Weekday.THU,
        Weekday.FRI,
    )
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)  # earlier than work_start: an overnight shift ending next day


@dataclass(frozen=True, slots=True)
class GoalSettings:
    """What keeps the streak alive."""

    daily: int = 4


@dataclass(frozen=True, slots=True)
class BreakSettings:
    """How a prompt and a stretch behave."""

    snooze_minutes: int = 10
    stretch_seconds: int = 60  # the hold of one stretch (both sides together when per-side)
    sound: bool = True
    typing_wait_minutes: int = 2  # wait this long at most for a pause in typing
    checkin: bool = True  # ask "how does your mid back feel?" after a stretch


@dataclass(frozen=True, slots=True)
class IdleSettings:
    """Natural breaks."""

    away_minutes: int = 5  # away at least this long restarts the interval


@dataclass(frozen=True, slots=True)
class DisturbSettings:
    """Calls, presentations and do-not-disturb."""

    hold_while_fullscreen: bool = True
    hold_while_do_not_disturb: bool = True
    max_hold_minutes: int = 60  # after this, prompt anyway (a silent, unfocused prompt)


@dataclass(frozen=True, slots=True)
class StretchFilterSettings:
    """Which stretches the picker may offer."""

    desk_only: bool = False  # only seated or standing at the desk, in office clothes
    allow_floor: bool = True
    allow_equipment: bool = True
    max_level: Level = Level.ACTIVE


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Desktop integration."""

    start_at_login: bool = False


@dataclass(frozen=True, slots=True)
class Settings:
    """All user settings, with defaults for anything missing."""

    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    goal: GoalSettings = field(default_factory=GoalSettings)
    breaks: BreakSettings = field(default_factory=BreakSettings)  # TOML section [break]
    idle: IdleSettings = field(default_factory=IdleSettings)
    disturb: DisturbSettings = field(default_factory=DisturbSettings)
    stretches: StretchFilterSettings = field(default_factory=StretchFilterSettings)
    app: AppSettings = field(default_factory=AppSettings)
