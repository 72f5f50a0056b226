"""Raw settings values and their kinds: parsing, the error for a bad one, how one is shown.

Split from `core/settings.py`, which declares every key (`SETTING_DOCS`) and re-exports these.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from datetime import time
from typing import Any

from posture_break.core.i18n import _
from posture_break.core.quiet import QuietTimes
from posture_break.core.text import escape_controls


class InvalidValueError(Exception):
    """A raw TOML value that a setting cannot take; the message says why."""


def printable(text: str) -> str:
    """Return text safe to print on a terminal: no control characters, not too long."""
    shown = escape_controls(text[:60])
    return shown + ("…" if len(text) > 60 else "")


def show_raw(raw: object) -> str:
    """Return a short, printable TOML-like rendering of a raw value for a warning."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int):
        return str(raw) if raw.bit_length() <= 64 else f"(a {raw.bit_length()}-bit number)"
    if isinstance(raw, float):
        return repr(raw)
    if isinstance(raw, str):
        return '"' + printable(raw.replace("\\", "\\\\").replace('"', '\\"')) + '"'
    if isinstance(raw, list):
        inner = ", ".join(show_raw(item) for item in raw[:5])
        return "[" + inner + (", …" if len(raw) > 5 else "") + "]"
    if isinstance(raw, dict):
        return "a table"
    return printable(str(raw))


def _string_list(raw: object, example: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        # Translators: completes "key = value ..." in a settings warning
        raise InvalidValueError(_("is not a list of texts like {example}").format(example=example))
    return list(raw)


def _strings_to_toml(values: tuple[str, ...]) -> str:
    # A JSON string without control characters (refused on parse) is a TOML basic string.
    return "[" + ", ".join(json.dumps(value, ensure_ascii=False) for value in values) + "]"


class MotionChoice(enum.StrEnum):
    """The `[appearance] motion` setting: follow the desktop, or say so ourselves."""

    AUTO = "auto"
    REDUCED = "reduced"
    FULL = "full"


class LanguageChoice(enum.StrEnum):
    """The `[appearance] language` setting: the system's language, or one we ship."""

    AUTO = "auto"
    EN = "en"
    DE = "de"
    FR = "fr"
    ES = "es"
    PT_BR = "pt_BR"
    RU = "ru"
    ZH_CN = "zh_CN"


class PromptStyle(enum.StrEnum):
    """The `[prompt] style` setting: how a due break is offered (see docs/tray.md)."""

    AUTO = "auto"
    PANEL = "panel"
    NOTIFICATION = "notification"


@dataclass(frozen=True, slots=True)
class ChoiceKind:
    """One of the values of a string enum (`Level`, `MotionChoice`), written as its value."""

    choices: type[enum.StrEnum]

    @property
    def describe(self) -> str:
        """Return the values it takes, in words."""
        return " / ".join(f'`"{choice.value}"`' for choice in self.choices)

    def parse(self, raw: object) -> enum.StrEnum:
        """Return the choice, or raise `InvalidValueError` listing the values."""
        values = [choice.value for choice in self.choices]
        # Case-blind, but against each value's own case: "zh_CN" and "pt_BR" are values too.
        wanted = raw.strip().casefold() if isinstance(raw, str) else None
        for choice in self.choices:
            if choice.value.casefold() == wanted:
                return choice
        raise InvalidValueError(_("is not one of {values}").format(values=", ".join(values)))

    def to_toml(self, value: Any) -> str:
        """Return the choice as it is written in the file."""
        return f'"{value.value}"'


@dataclass(frozen=True, slots=True)
class NamesKind:
    """A list of application names (`calls.ignore`)."""

    @property
    def describe(self) -> str:
        """Return what the key takes, in words."""
        return "list of application names"

    def parse(self, raw: object) -> tuple[str, ...]:
        """Return the names, or raise `InvalidValueError` saying why not."""
        names = _string_list(raw, '["talon"]')
        for name in names:
            if not name.strip() or not name.isprintable():
                raise InvalidValueError(
                    _("holds {name}, which is not an application name").format(name=show_raw(name))
                )
        return tuple(name.strip() for name in names)

    def to_toml(self, value: Any) -> str:
        """Return the value as it is written in the file."""
        return _strings_to_toml(value)


@dataclass(frozen=True, slots=True)
class QuietTimesKind:
    """A list of daily quiet times, "HH:MM-HH:MM" each (`quiet.times`)."""

    @property
    def describe(self) -> str:
        """Return what the key takes, in words."""
        return 'list of `"HH:MM-HH:MM"`'

    def parse(self, raw: object) -> tuple[str, ...]:
        """Return the ranges written alike ("09:00-12:00"), or raise `InvalidValueError`."""
        texts = _string_list(raw, '["12:00-13:00"]')
        try:
            ranges = QuietTimes.parse(texts).daily
        except ValueError as exc:
            raise InvalidValueError(_("is not usable: {reason}").format(reason=exc)) from None
        return tuple(str(item) for item in ranges)

    def to_toml(self, value: Any) -> str:
        """Return the value as it is written in the file."""
        return _strings_to_toml(value)


@dataclass(frozen=True, slots=True)
class IntKind:
    """A whole number between `low` and `high`."""

    low: int
    high: int

    @property
    def describe(self) -> str:
        """Return the values it takes, in words."""
        return f"whole number, {self.low} to {self.high}"

    def parse(self, raw: object) -> int:
        """Return the value, or raise `InvalidValueError` saying why not."""
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InvalidValueError(_("is not a whole number"))
        if not self.low <= raw <= self.high:
            raise InvalidValueError(
                _("is not between {low} and {high}").format(low=self.low, high=self.high)
            )
        return raw

    def to_toml(self, value: Any) -> str:
        """Return the value as it is written in the file."""
        return str(value)


@dataclass(frozen=True, slots=True)
class BoolKind:
    """`true` or `false`."""

    @property
    def describe(self) -> str:
        """Return the values it takes, in words."""
        return "`true` or `false`"

    def parse(self, raw: object) -> bool:
        """Return the value, or raise `InvalidValueError` saying why not."""
        if not isinstance(raw, bool):
            raise InvalidValueError(_("is not true or false"))
        return raw

    def to_toml(self, value: Any) -> str:
        """Return the value as it is written in the file."""
        return "true" if value else "false"


_CLOCK_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")


@dataclass(frozen=True, slots=True)
class ClockKind:
    """A time of day, `"HH:MM"` (or a TOML local time in whole minutes)."""

    @property
    def describe(self) -> str:
        """Return the values it takes, in words."""
        return '`"HH:MM"`, 24-hour'

    def parse(self, raw: object) -> time:
        """Return the value, or raise `InvalidValueError` saying why not."""
        # TOML also has a local-time literal (09:00:00); accept it when it is whole minutes.
        if isinstance(raw, time):
            if raw.tzinfo is not None or raw.second or raw.microsecond:
                raise InvalidValueError(_("is not a time of day in whole minutes"))
            return raw
        if not isinstance(raw, str):
            raise InvalidValueError('is not a time like "09:00"')
        match = _CLOCK_TIME.fullmatch(raw.strip())
        if match is None:
            raise InvalidValueError('is not a time like "09:00"')
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise InvalidValueError(_("is not a time of day between 00:00 and 23:59"))
        return time(hour, minute)

    def to_toml(self, value: Any) -> str:
        """Return the value as it is written in the file."""
        return f'"{value.hour:02d}:{value.minute:02d}"'
