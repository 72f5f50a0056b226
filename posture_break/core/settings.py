"""User settings: declared once here with type, default and meaning.

The TOML file layout mirrors these sections (`[schedule]`, `[goal]`, ...). Reading and writing
the file live in `core/settings_file.py` (`load_settings`, `save_settings`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from posture_break.core.i18n import N_
from posture_break.core.setting_values import (
    BoolKind,
    ChoiceKind,
    ClockKind,
    IntKind,
    InvalidValueError,
    LanguageChoice,
    MotionChoice,
    NamesKind,
    PromptStyle,
    QuietTimesKind,
    printable,
    show_raw,
)

__all__ = [
    "InvalidValueError",
    "LanguageChoice",
    "MotionChoice",
    "PromptStyle",
    "printable",
    "show_raw",
]  # re-exported: their home was here


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
    def index(self) -> int:  # type: ignore[override]  # str.index is of no use on a day name
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

    def __post_init__(self) -> None:
        _check_section(self, "schedule")


@dataclass(frozen=True, slots=True)
class GoalSettings:
    """What keeps the streak alive."""

    daily: int = 4
    freezes: bool = True

    def __post_init__(self) -> None:
        _check_section(self, "goal")


@dataclass(frozen=True, slots=True)
class BreakSettings:
    """How a prompt and a stretch behave."""

    snooze_minutes: int = 10
    stretch_seconds: int = 60  # the hold of one stretch (both sides together when per-side)
    sound: bool = True
    typing_wait_minutes: int = 2  # wait this long at most for a pause in typing
    checkin: bool = True  # ask "how does your mid back feel?" after a stretch

    def __post_init__(self) -> None:
        _check_section(self, "break")


@dataclass(frozen=True, slots=True)
class IdleSettings:
    """Natural breaks."""

    away_minutes: int = 5  # away at least this long restarts the interval

    def __post_init__(self) -> None:
        _check_section(self, "idle")


@dataclass(frozen=True, slots=True)
class DisturbSettings:
    """Calls, presentations and do-not-disturb."""

    hold_while_fullscreen: bool = True
    hold_while_do_not_disturb: bool = True
    max_hold_minutes: int = 60  # after this, prompt anyway (a silent, unfocused prompt)

    def __post_init__(self) -> None:
        _check_section(self, "disturb")


@dataclass(frozen=True, slots=True)
class CallSettings:
    """Which signals of a call hold a prompt, and whose use of them never means a call."""

    microphone: bool = True  # a microphone recording in another application
    camera: bool = True  # a camera open in one of the user's processes
    ignore: tuple[str, ...] = ()  # applications (name or executable) that never mean a call

    def __post_init__(self) -> None:
        _check_section(self, "calls")


@dataclass(frozen=True, slots=True)
class QuietSettings:
    """Daily quiet times: no prompt comes inside them."""

    times: tuple[
        str, ...
    ] = ()  # "HH:MM-HH:MM" local wall time; an end before the start is overnight

    def __post_init__(self) -> None:
        _check_section(self, "quiet")


@dataclass(frozen=True, slots=True)
class StretchFilterSettings:
    """Which stretches the picker may offer."""

    # Until the first run asks where you will stretch, assume a desk and nothing brought along:
    # a prompt must never ask someone at work to lie on the floor or fetch a towel.
    desk_only: bool = True  # only seated or standing at the desk, in office clothes
    allow_floor: bool = True  # only counts once desk_only is off
    allow_equipment: bool = False
    max_level: Level = Level.ACTIVE
    bone_friendly_only: bool = False  # osteoporosis or low bone density: no loaded rounding

    def __post_init__(self) -> None:
        _check_section(self, "stretches")


@dataclass(frozen=True, slots=True)
class PromptSettings:
    """How a due break is offered."""

    # "auto": a desktop notification on Wayland where the server offers actions, else the panel.
    style: PromptStyle = PromptStyle.AUTO

    def __post_init__(self) -> None:
        _check_section(self, "prompt")


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Desktop integration."""

    start_at_login: bool = False

    def __post_init__(self) -> None:
        _check_section(self, "app")


@dataclass(frozen=True, slots=True)
class AppearanceSettings:
    """How our windows move; "auto" follows the desktop's reduced-motion wish."""

    motion: MotionChoice = MotionChoice.AUTO
    # "auto": LANGUAGE, LC_ALL, LC_MESSAGES, LANG (or the system's list on Windows and macOS).
    language: LanguageChoice = LanguageChoice.AUTO

    def __post_init__(self) -> None:
        _check_section(self, "appearance")


@dataclass(frozen=True, slots=True)
class Settings:
    """All user settings, with defaults for anything missing."""

    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    goal: GoalSettings = field(default_factory=GoalSettings)
    breaks: BreakSettings = field(default_factory=BreakSettings)  # TOML section [break]
    idle: IdleSettings = field(default_factory=IdleSettings)
    disturb: DisturbSettings = field(default_factory=DisturbSettings)
    stretches: StretchFilterSettings = field(default_factory=StretchFilterSettings)
    prompt: PromptSettings = field(default_factory=PromptSettings)
    app: AppSettings = field(default_factory=AppSettings)
    calls: CallSettings = field(default_factory=CallSettings)
    quiet: QuietSettings = field(default_factory=QuietSettings)
    appearance: AppearanceSettings = field(default_factory=AppearanceSettings)


# --- Declaration: every key once, with its kind (type and bounds) and meaning. --------------------


@dataclass(frozen=True, slots=True)
class _DaysKind:
    @property
    def describe(self) -> str:
        return 'list of `"mon"`…`"sun"`, at least one'

    def parse(self, raw: object) -> tuple[Weekday, ...]:
        if not isinstance(raw, list):
            raise InvalidValueError('is not a list of days like ["mon", "tue"]')
        days: set[Weekday] = set()
        for item in raw:
            if not isinstance(item, str) or item.strip().lower() not in _WEEKDAY_NAMES:
                raise InvalidValueError(
                    f"holds {show_raw(item)}, which is not one of mon, tue, ..., sun"
                )
            days.add(Weekday(item.strip().lower()))
        if not days:
            raise InvalidValueError("names no day at all")
        return tuple(day for day in Weekday if day in days)

    def to_toml(self, value: Any) -> str:
        return "[" + ", ".join(f'"{day.value}"' for day in value) + "]"


_Kind = IntKind | BoolKind | ClockKind | _DaysKind | ChoiceKind | NamesKind | QuietTimesKind
_WEEKDAY_NAMES = frozenset(day.value for day in Weekday)


@dataclass(frozen=True, slots=True)
class SettingDoc:
    """One settings key: where it lives, what it takes, and what it means."""

    section: str  # the TOML section, e.g. "break"
    key: str
    kind: _Kind
    meaning: str

    @property
    def name(self) -> str:
        """Return the dotted name used in warnings and docs, e.g. `break.snooze_minutes`."""
        return f"{self.section}.{self.key}"

    @property
    def value_type(self) -> str:
        """Return what the key takes, in words."""
        return self.kind.describe

    @property
    def default(self) -> object:
        """Return the default value from the dataclass declaration."""
        return getattr(SECTIONS[self.section][1](), self.key)

    @property
    def default_toml(self) -> str:
        """Return the default as it is written in the file."""
        return self.kind.to_toml(self.default)


# TOML section -> (Settings attribute, section class, one-line comment written to the file).
SECTIONS: dict[str, tuple[str, type[Any], str]] = {
    "schedule": ("schedule", ScheduleSettings, "When prompts come."),
    "goal": ("goal", GoalSettings, "What keeps the streak alive."),
    "break": ("breaks", BreakSettings, "How a prompt and a stretch behave."),
    "idle": ("idle", IdleSettings, "Natural breaks: time away from the computer."),
    "disturb": ("disturb", DisturbSettings, "Calls, presentations and do-not-disturb."),
    "stretches": ("stretches", StretchFilterSettings, "Which stretches may be offered."),
    "prompt": ("prompt", PromptSettings, "How a due break is offered."),
    "app": ("app", AppSettings, "Desktop integration."),
    "calls": ("calls", CallSettings, "Calls: a prompt due during one waits until it ends."),
    "quiet": ("quiet", QuietSettings, "Quiet times: no prompt comes inside them."),
    "appearance": ("appearance", AppearanceSettings, "How the windows look and move."),
}

SETTING_DOCS: tuple[SettingDoc, ...] = (
    SettingDoc("schedule", "interval_minutes", IntKind(5, 240), N_("Minutes between prompts.")),
    SettingDoc("schedule", "work_days", _DaysKind(), N_("Days with a working window.")),
    SettingDoc("schedule", "work_start", ClockKind(), N_("When the working window opens.")),
    SettingDoc(
        "schedule",
        "work_end",
        ClockKind(),
        N_("When it closes; earlier than `work_start` means an overnight shift ending next day."),
    ),
    SettingDoc(
        "goal", "daily", IntKind(1, 50), N_("Completed stretches a day that keep the streak alive.")
    ),
    SettingDoc(
        "goal",
        "freezes",
        BoolKind(),
        N_(
            "Earn a freeze (at most 2) for each full week at the goal; a freeze covers one missed "
            "work day so the streak goes on."
        ),
    ),
    SettingDoc("break", "snooze_minutes", IntKind(1, 60), N_("How long Snooze puts a prompt off.")),
    SettingDoc(
        "break",
        "stretch_seconds",
        IntKind(20, 600),
        N_(
            "Time budget of one stretch: a longer dose drops whole reps to fit (never below one "
            "rep a side); a shorter one is not padded."
        ),
    ),
    SettingDoc("break", "sound", BoolKind(), N_("Play a soft chime when a stretch ends.")),
    SettingDoc(
        "break",
        "typing_wait_minutes",
        IntKind(0, 10),
        N_("Wait at most this long for a pause in typing before prompting (0: do not wait)."),
    ),
    SettingDoc(
        "break", "checkin", BoolKind(), N_('Ask "how does your mid back feel?" after a stretch.')
    ),
    SettingDoc(
        "idle",
        "away_minutes",
        IntKind(1, 60),
        N_(
            "Away from the computer at least this long counts as a break and restarts the interval."
        ),
    ),
    SettingDoc(
        "disturb",
        "hold_while_fullscreen",
        BoolKind(),
        N_("Hold prompts while a full-screen window (a call, a presentation) is in front."),
    ),
    SettingDoc(
        "disturb",
        "hold_while_do_not_disturb",
        BoolKind(),
        N_("Hold prompts while the desktop's do-not-disturb is on."),
    ),
    SettingDoc(
        "disturb",
        "max_hold_minutes",
        IntKind(5, 240),
        N_("After holding this long, prompt anyway, quietly and without taking focus."),
    ),
    SettingDoc(
        "stretches",
        "desk_only",
        BoolKind(),
        N_("Only stretches done seated or standing at the desk, in office clothes."),
    ),
    SettingDoc("stretches", "allow_floor", BoolKind(), N_("Allow stretches on the floor.")),
    SettingDoc(
        "stretches",
        "allow_equipment",
        BoolKind(),
        N_(
            "Allow stretches that need something brought along (towel, band, foam roller); a "
            "chair, desk, wall or doorway is always fine."
        ),
    ),
    SettingDoc(
        "stretches", "max_level", ChoiceKind(Level), N_("The most demanding level offered.")
    ),
    SettingDoc(
        "stretches",
        "bone_friendly_only",
        BoolKind(),
        N_(
            "I have osteoporosis or low bone density: only moves marked bone-friendly (no rounding "
            "or twisting under load)."
        ),
    ),
    SettingDoc(
        "prompt",
        "style",
        ChoiceKind(PromptStyle),
        N_(
            '`"notification"`: a desktop notification with Start, Snooze and Skip (never takes '
            'focus); `"panel"`: the small window by the tray; `"auto"`: the notification on '
            "Wayland when the notification server offers actions, else the panel."
        ),
    ),
    SettingDoc("app", "start_at_login", BoolKind(), N_("Start posture-break when you log in.")),
    SettingDoc(
        "calls", "microphone", BoolKind(), N_("Hold prompts while an app uses a microphone.")
    ),
    SettingDoc("calls", "camera", BoolKind(), N_("Hold prompts while a camera is in use.")),
    SettingDoc(
        "calls", "ignore", NamesKind(), N_("Apps that never mean a call (name or executable).")
    ),
    SettingDoc(
        "quiet", "times", QuietTimesKind(), N_('No prompt in these, e.g. `["12:00-13:00"]`.')
    ),
    SettingDoc("appearance", "motion", ChoiceKind(MotionChoice), N_("Reduced: a still figure.")),
    SettingDoc(
        "appearance",
        "language",
        ChoiceKind(LanguageChoice),
        N_('The language of the app and the command line; `"auto"` follows the system.'),
    ),
)

DOCS_BY_SECTION: dict[str, dict[str, SettingDoc]] = {}
for _doc in SETTING_DOCS:
    DOCS_BY_SECTION.setdefault(_doc.section, {})[_doc.key] = _doc
del _doc


def _check_section(section_value: object, section: str) -> None:
    """Raise `ValueError` naming the first key of a section object that is out of bounds."""
    for key, doc in DOCS_BY_SECTION[section].items():
        value = getattr(section_value, key)
        try:
            if not isinstance(doc.kind, IntKind | BoolKind):
                # Typed values: round-trip through the file form, which checks type and bounds.
                if not _is_typed(doc.kind, value):
                    raise InvalidValueError(f"is not a {doc.kind.describe}")
                doc.kind.parse(_plain(doc.kind, value))
            else:
                doc.kind.parse(value)
        except InvalidValueError as exc:
            raise ValueError(f"{doc.name} = {value!r} {exc}") from None
    if isinstance(section_value, ScheduleSettings) and (
        section_value.work_start == section_value.work_end
    ):
        raise ValueError(
            f"schedule.work_start and schedule.work_end are both {section_value.work_start}"
        )


def _is_typed(kind: _Kind, value: object) -> bool:
    if isinstance(kind, _DaysKind):
        return (
            isinstance(value, tuple)
            and all(isinstance(day, Weekday) for day in value)
            and len(set(value)) == len(value)
        )
    if isinstance(kind, ClockKind):
        return isinstance(value, time)
    if isinstance(kind, NamesKind | QuietTimesKind):
        return isinstance(value, tuple) and all(isinstance(item, str) for item in value)
    return isinstance(kind, ChoiceKind) and isinstance(value, kind.choices)


def _plain(kind: _Kind, value: Any) -> object:
    if isinstance(kind, _DaysKind):
        return [day.value for day in value]
    if isinstance(kind, ChoiceKind):
        return value.value
    if isinstance(kind, NamesKind | QuietTimesKind):
        return list(value)
    return value


# --- Documentation -----------------------------------------------------------------------------


def settings_markdown() -> str:
    """Return the README's settings reference, rendered from `SETTING_DOCS`."""
    lines = [
        "| Key | Takes | Default | Meaning |",
        "|---|---|---|---|",
    ]
    for doc in SETTING_DOCS:
        default = doc.default_toml.replace("|", "\\|")
        lines.append(f"| `{doc.name}` | {doc.value_type} | `{default}` | {doc.meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    # Regenerates the README's settings table: `uv run python -m posture_break.core.settings`.
    print(settings_markdown(), end="")
