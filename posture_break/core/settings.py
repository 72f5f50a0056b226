"""User settings: declared once here with type, default and meaning.

The TOML file layout mirrors these sections (`[schedule]`, `[goal]`, ...). Loading, validation,
and atomic saving live in this module too; see `load_settings` and `save_settings`.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

from posture_break.core.defaults import DAILY_GOAL, WORK_DAYS
from posture_break.core.paths import ensure_private_dir

# `typing` costs milliseconds to import and `posture-break stats` imports this module: only mypy
# needs it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
    work_days: tuple[Weekday, ...] = tuple(list(Weekday)[index] for index in WORK_DAYS)
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)  # earlier than work_start: an overnight shift ending next day

    def __post_init__(self) -> None:
        _check_section(self, "schedule")


@dataclass(frozen=True, slots=True)
class GoalSettings:
    """What keeps the streak alive."""

    daily: int = DAILY_GOAL

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
class StretchFilterSettings:
    """Which stretches the picker may offer."""

    desk_only: bool = False  # only seated or standing at the desk, in office clothes
    allow_floor: bool = True
    allow_equipment: bool = True
    max_level: Level = Level.ACTIVE

    def __post_init__(self) -> None:
        _check_section(self, "stretches")


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Desktop integration."""

    start_at_login: bool = False

    def __post_init__(self) -> None:
        _check_section(self, "app")


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


# --- Declaration: every key once, with its kind (type and bounds) and meaning. --------------------


class _InvalidValueError(Exception):
    """A raw TOML value that a setting cannot take; the message says why."""


# The kinds, `SettingDoc` and `SettingsLoad` are plain slotted classes, not dataclasses: each
# dataclass costs over a millisecond to build at import, and `posture-break stats` imports this.


class _IntKind:
    __slots__ = ("high", "low")

    def __init__(self, low: int, high: int) -> None:
        self.low = low
        self.high = high

    @property
    def describe(self) -> str:
        return f"whole number, {self.low} to {self.high}"

    def parse(self, raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _InvalidValueError("is not a whole number")
        if not self.low <= raw <= self.high:
            raise _InvalidValueError(f"is not between {self.low} and {self.high}")
        return raw

    def to_toml(self, value: Any) -> str:
        return str(value)


class _BoolKind:
    __slots__ = ()

    @property
    def describe(self) -> str:
        return "`true` or `false`"

    def parse(self, raw: object) -> bool:
        if not isinstance(raw, bool):
            raise _InvalidValueError("is not true or false")
        return raw

    def to_toml(self, value: Any) -> str:
        return "true" if value else "false"


_CLOCK_TIME = r"([0-9]{1,2}):([0-9]{2})"  # compiled on first use: re caches it


class _ClockKind:
    __slots__ = ()

    @property
    def describe(self) -> str:
        return '`"HH:MM"`, 24-hour'

    def parse(self, raw: object) -> time:
        # TOML also has a local-time literal (09:00:00); accept it when it is whole minutes.
        if isinstance(raw, time):
            if raw.tzinfo is not None or raw.second or raw.microsecond:
                raise _InvalidValueError("is not a time of day in whole minutes")
            return raw
        if not isinstance(raw, str):
            raise _InvalidValueError('is not a time like "09:00"')
        match = re.fullmatch(_CLOCK_TIME, raw.strip())
        if match is None:
            raise _InvalidValueError('is not a time like "09:00"')
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise _InvalidValueError("is not a time of day between 00:00 and 23:59")
        return time(hour, minute)

    def to_toml(self, value: Any) -> str:
        return f'"{value.hour:02d}:{value.minute:02d}"'


class _DaysKind:
    __slots__ = ()

    @property
    def describe(self) -> str:
        return 'list of `"mon"`…`"sun"`, at least one'

    def parse(self, raw: object) -> tuple[Weekday, ...]:
        if not isinstance(raw, list):
            raise _InvalidValueError('is not a list of days like ["mon", "tue"]')
        days: set[Weekday] = set()
        for item in raw:
            if not isinstance(item, str) or item.strip().lower() not in _WEEKDAY_NAMES:
                raise _InvalidValueError(
                    f"holds {_show(item)}, which is not one of mon, tue, ..., sun"
                )
            days.add(Weekday(item.strip().lower()))
        if not days:
            raise _InvalidValueError("names no day at all")
        return tuple(day for day in Weekday if day in days)

    def to_toml(self, value: Any) -> str:
        return "[" + ", ".join(f'"{day.value}"' for day in value) + "]"


class _LevelKind:
    __slots__ = ()

    @property
    def describe(self) -> str:
        return " / ".join(f'`"{level.value}"`' for level in Level)

    def parse(self, raw: object) -> Level:
        if not isinstance(raw, str) or raw.strip().lower() not in {lv.value for lv in Level}:
            raise _InvalidValueError("is not one of " + ", ".join(level.value for level in Level))
        return Level(raw.strip().lower())

    def to_toml(self, value: Any) -> str:
        return f'"{value.value}"'


_Kind = _IntKind | _BoolKind | _ClockKind | _DaysKind | _LevelKind
_WEEKDAY_NAMES = frozenset(day.value for day in Weekday)


class SettingDoc:
    """One settings key: where it lives, what it takes, and what it means."""

    __slots__ = ("key", "kind", "meaning", "section")

    def __init__(self, section: str, key: str, kind: _Kind, meaning: str) -> None:
        self.section = section  # the TOML section, e.g. "break"
        self.key = key
        self.kind = kind
        self.meaning = meaning

    def __repr__(self) -> str:
        return f"SettingDoc({self.name!r})"

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
        return getattr(_SECTIONS[self.section][1](), self.key)

    @property
    def default_toml(self) -> str:
        """Return the default as it is written in the file."""
        return self.kind.to_toml(self.default)


# TOML section -> (Settings attribute, section class, one-line comment written to the file).
_SECTIONS: dict[str, tuple[str, type[Any], str]] = {
    "schedule": ("schedule", ScheduleSettings, "When prompts come."),
    "goal": ("goal", GoalSettings, "What keeps the streak alive."),
    "break": ("breaks", BreakSettings, "How a prompt and a stretch behave."),
    "idle": ("idle", IdleSettings, "Natural breaks: time away from the computer."),
    "disturb": ("disturb", DisturbSettings, "Calls, presentations and do-not-disturb."),
    "stretches": ("stretches", StretchFilterSettings, "Which stretches may be offered."),
    "app": ("app", AppSettings, "Desktop integration."),
}

SETTING_DOCS: tuple[SettingDoc, ...] = (
    SettingDoc("schedule", "interval_minutes", _IntKind(5, 240), "Minutes between prompts."),
    SettingDoc("schedule", "work_days", _DaysKind(), "Days with a working window."),
    SettingDoc("schedule", "work_start", _ClockKind(), "When the working window opens."),
    SettingDoc(
        "schedule",
        "work_end",
        _ClockKind(),
        "When it closes; earlier than `work_start` means an overnight shift ending next day.",
    ),
    SettingDoc(
        "goal", "daily", _IntKind(1, 50), "Completed stretches a day that keep the streak alive."
    ),
    SettingDoc("break", "snooze_minutes", _IntKind(1, 60), "How long Snooze puts a prompt off."),
    SettingDoc(
        "break",
        "stretch_seconds",
        _IntKind(20, 600),
        "Hold time of one stretch (both sides together when done per side).",
    ),
    SettingDoc("break", "sound", _BoolKind(), "Play a soft chime when a stretch ends."),
    SettingDoc(
        "break",
        "typing_wait_minutes",
        _IntKind(0, 10),
        "Wait at most this long for a pause in typing before prompting (0: do not wait).",
    ),
    SettingDoc(
        "break", "checkin", _BoolKind(), 'Ask "how does your mid back feel?" after a stretch.'
    ),
    SettingDoc(
        "idle",
        "away_minutes",
        _IntKind(1, 60),
        "Away from the computer at least this long counts as a break and restarts the interval.",
    ),
    SettingDoc(
        "disturb",
        "hold_while_fullscreen",
        _BoolKind(),
        "Hold prompts while a full-screen window (a call, a presentation) is in front.",
    ),
    SettingDoc(
        "disturb",
        "hold_while_do_not_disturb",
        _BoolKind(),
        "Hold prompts while the desktop's do-not-disturb is on.",
    ),
    SettingDoc(
        "disturb",
        "max_hold_minutes",
        _IntKind(5, 240),
        "After holding this long, prompt anyway, quietly and without taking focus.",
    ),
    SettingDoc(
        "stretches",
        "desk_only",
        _BoolKind(),
        "Only stretches done seated or standing at the desk, in office clothes.",
    ),
    SettingDoc("stretches", "allow_floor", _BoolKind(), "Allow stretches on the floor."),
    SettingDoc(
        "stretches",
        "allow_equipment",
        _BoolKind(),
        "Allow stretches that need a chair, wall, towel or similar.",
    ),
    SettingDoc("stretches", "max_level", _LevelKind(), "The most demanding level offered."),
    SettingDoc("app", "start_at_login", _BoolKind(), "Start posture-break when you log in."),
)

_DOCS_BY_SECTION: dict[str, dict[str, SettingDoc]] = {}
for _doc in SETTING_DOCS:
    _DOCS_BY_SECTION.setdefault(_doc.section, {})[_doc.key] = _doc
del _doc


def _check_section(section_value: object, section: str) -> None:
    """Raise `ValueError` naming the first key of a section object that is out of bounds."""
    for key, doc in _DOCS_BY_SECTION[section].items():
        value = getattr(section_value, key)
        try:
            if isinstance(doc.kind, _DaysKind | _ClockKind | _LevelKind):
                # Typed values: round-trip through the file form, which checks type and bounds.
                if not _is_typed(doc.kind, value):
                    raise _InvalidValueError(f"is not a {doc.kind.describe}")
                doc.kind.parse(_plain(doc.kind, value))
            else:
                doc.kind.parse(value)
        except _InvalidValueError as exc:
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
    if isinstance(kind, _ClockKind):
        return isinstance(value, time)
    return isinstance(value, Level)


def _plain(kind: _Kind, value: Any) -> object:
    if isinstance(kind, _DaysKind):
        return [day.value for day in value]
    if isinstance(kind, _LevelKind):
        return value.value
    return value


# --- Loading -----------------------------------------------------------------------------------

MAX_FILE_BYTES = 1_000_000
_TOML_ERROR_PLACE = r"^(.*) \(at line (\d+), column (\d+)\)$"


class SettingsLoad:
    """The settings read from a file, and what was wrong with it (one warning per problem)."""

    __slots__ = ("settings", "warnings")

    def __init__(self, settings: Settings, warnings: tuple[str, ...] = ()) -> None:
        self.settings = settings
        self.warnings = warnings

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SettingsLoad):
            return NotImplemented
        return (self.settings, self.warnings) == (other.settings, other.warnings)

    def __hash__(self) -> int:
        return hash((self.settings, self.warnings))

    def __repr__(self) -> str:
        return f"SettingsLoad({self.settings!r}, {self.warnings!r})"


def load_settings(path: Path) -> SettingsLoad:
    """Read the settings file, falling back to the default for anything missing or invalid.

    Never raises for anything in or about the file, and never writes it: a missing file means
    defaults without a warning; an unreadable or unparsable file means defaults with one warning;
    an invalid value means that key's default with a warning naming file, key, value and default.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return SettingsLoad(Settings())
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _all_defaults(f"{path}: cannot be read ({reason})")
    if len(data) > MAX_FILE_BYTES:
        return _all_defaults(f"{path}: is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark, as some Windows editors write: harmless
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _all_defaults(f"{path}: is not UTF-8 text (a bad byte on line {line})")
    # Imported only when there is a file: tomllib compiles large regexes at import.
    import tomllib

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _all_defaults(f"{path}: {_describe_toml_error(exc)}")
    except (ValueError, RecursionError, MemoryError) as exc:
        # tomllib lets some errors through untranslated: a number too long to convert, nesting
        # deeper than the interpreter's recursion limit.
        return _all_defaults(f"{path}: cannot be read as TOML ({type(exc).__name__})")
    return _from_table(table, path)


def _all_defaults(problem: str) -> SettingsLoad:
    return SettingsLoad(Settings(), (f"{problem}; using the default for every setting",))


def _describe_toml_error(exc: ValueError) -> str:
    message = str(exc)
    match = re.match(_TOML_ERROR_PLACE, message, re.DOTALL)
    if match is None:
        return f"TOML syntax error: {message}"
    what, line, column = match.groups()
    return f"TOML syntax error at line {line}, column {column}: {what}"


def _from_table(table: Mapping[str, Any], path: Path) -> SettingsLoad:
    warnings: list[str] = []
    sections: dict[str, Any] = {}
    for name, raw_section in table.items():
        if name not in _SECTIONS:
            warnings.append(f"{path}: unknown section [{_clean(name)}] ignored")
            continue
        if not isinstance(raw_section, dict):
            warnings.append(
                f"{path}: {name} = {_show(raw_section)} is not a section; "
                f"using the defaults for [{name}]"
            )
            continue
        sections[name] = _section_from(name, raw_section, path, warnings)
    settings = Settings(
        **{_SECTIONS[name][0]: value for name, value in sections.items()},
    )
    return SettingsLoad(settings, tuple(warnings))


def _section_from(
    name: str, raw_section: Mapping[str, Any], path: Path, warnings: list[str]
) -> object:
    cls = _SECTIONS[name][1]
    docs = _DOCS_BY_SECTION[name]
    values: dict[str, object] = {}
    for key, raw in raw_section.items():
        doc = docs.get(key)
        if doc is None:
            warnings.append(f"{path}: unknown key {name}.{_clean(key)} ignored")
            continue
        try:
            values[key] = doc.kind.parse(raw)
        except _InvalidValueError as exc:
            warnings.append(
                f"{path}: {doc.name} = {_show(raw)} {exc}; using the default {doc.default_toml}"
            )
    if cls is ScheduleSettings:
        default = ScheduleSettings()
        start = values.get("work_start", default.work_start)
        end = values.get("work_end", default.work_end)
        if start == end:
            warnings.append(
                f"{path}: schedule.work_start and schedule.work_end are both "
                f'"{start:%H:%M}", an empty working day; using the defaults '
                f'"{default.work_start:%H:%M}" and "{default.work_end:%H:%M}"'
            )
            values.pop("work_start", None)
            values.pop("work_end", None)
    return cls(**values)


def _clean(text: str) -> str:
    """Return text safe to print on a terminal: no control characters, not too long."""
    shown = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text[:60])
    return shown + ("…" if len(text) > 60 else "")


def _show(raw: object) -> str:
    """Return a short, printable TOML-like rendering of a raw value for a warning."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int):
        return str(raw) if raw.bit_length() <= 64 else f"(a {raw.bit_length()}-bit number)"
    if isinstance(raw, float):
        return repr(raw)
    if isinstance(raw, str):
        return '"' + _clean(raw.replace("\\", "\\\\").replace('"', '\\"')) + '"'
    if isinstance(raw, list):
        inner = ", ".join(_show(item) for item in raw[:5])
        return "[" + inner + (", …" if len(raw) > 5 else "") + "]"
    if isinstance(raw, dict):
        return "a table"
    return _clean(str(raw))


# --- Saving ------------------------------------------------------------------------------------


def settings_to_toml(settings: Settings) -> str:
    """Return the settings as a complete, commented TOML document that `load_settings` reads."""
    lines = [
        "# posture-break settings. Every key is optional: a missing key takes its default.",
        "# `posture-break paths` shows where this file is; the README lists every key.",
    ]
    for name, (attribute, _cls, comment) in _SECTIONS.items():
        section_value = getattr(settings, attribute)
        lines += ["", f"[{name}]", f"# {comment}"]
        for key, doc in _DOCS_BY_SECTION[name].items():
            lines.append(f"{key} = {doc.kind.to_toml(getattr(section_value, key))}")
    return "\n".join(lines) + "\n"


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically: a private temp file beside the target, fsync, rename.

    Missing directories are created private (0700); the file is 0600. Readers see either the old
    file or the new one, never a half-written file. Raises `OSError` if it cannot be written.
    """
    import tempfile  # only the settings dialog saves; keep it off the command line's path

    if path.is_symlink():
        # A settings file linked from a dotfiles repository stays linked: write to its target.
        path = path.resolve()
    ensure_private_dir(path.parent)
    data = settings_to_toml(settings).encode("utf-8")
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), 0o600)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows); the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
