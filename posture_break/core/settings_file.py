"""The settings file: read it forgivingly (one warning per problem), write it atomically."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posture_break.core.i18n import N_, _
from posture_break.core.paths import ensure_private_dir, write_private_atomically
from posture_break.core.settings import (
    DOCS_BY_SECTION,
    SECTIONS,
    InvalidValueError,
    ScheduleSettings,
    Settings,
    printable,
    show_raw,
)
from posture_break.core.text import escape_controls

# --- Loading -----------------------------------------------------------------------------------

MAX_FILE_BYTES = 1_000_000
_TOML_ERROR_PLACE = re.compile(r"^(.*) \(at line (\d+), column (\d+)\)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class SettingsLoad:
    """The settings read from a file, and what was wrong with it (one warning per problem)."""

    settings: Settings
    warnings: tuple[str, ...] = ()


def load_settings(path: Path) -> SettingsLoad:
    """Read the settings file, falling back to the default for anything missing or invalid.

    Never raises for anything in or about the file, and never writes it: a missing file means
    defaults without a warning; an unreadable or unparsable file means defaults with one warning;
    an invalid value means that key's default with a warning naming file, key, value and default.
    """
    shown = escape_controls(str(path))
    try:
        data = _read_regular_file(path)
    except FileNotFoundError:
        if path.is_symlink():
            target = escape_controls(os.readlink(path))
            return _all_defaults(
                _("{file}: is a symbolic link to {target}, which does not exist").format(
                    file=shown, target=target
                )
            )
        return SettingsLoad(Settings())
    except _NotRegularFileError as exc:
        return _all_defaults(
            # Translators: {kind} is e.g. "a folder", "a socket"
            _("{file}: is {kind}, not a regular file; it was not read").format(
                file=shown, kind=_(str(exc))
            )
        )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _all_defaults(
            _("{file}: cannot be read ({reason})").format(file=shown, reason=reason)
        )
    if len(data) > MAX_FILE_BYTES:
        return _all_defaults(
            _("{file}: is larger than {size} MB").format(
                file=shown, size=MAX_FILE_BYTES // 1_000_000
            )
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark, as some Windows editors write: harmless
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _all_defaults(
            _("{file}: is not UTF-8 text (a bad byte on line {line})").format(file=shown, line=line)
        )

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _all_defaults(f"{shown}: {_describe_toml_error(exc)}")
    except (ValueError, RecursionError, MemoryError) as exc:
        # tomllib lets some errors through untranslated: a number too long to convert, nesting
        # deeper than the interpreter's recursion limit.
        return _all_defaults(
            _("{file}: cannot be read as TOML ({error})").format(
                file=shown, error=type(exc).__name__
            )
        )
    return _from_table(table, shown)


class _NotRegularFileError(OSError):
    """The settings path names a FIFO, a device, a folder or a socket; its kind is the message."""


# Translators: what the settings path is instead of a file ("... is a folder, not a regular file")
_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a FIFO (named pipe)")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
)


def _read_regular_file(path: Path) -> bytes:
    """Read at most `MAX_FILE_BYTES` + 1 bytes of `path`, which must be a regular file.

    The kind is checked before opening, and opening never blocks (O_NONBLOCK): a FIFO put in
    the file's place would otherwise hang the app in open() until some writer came along. The
    open file is checked again, in case it was swapped between the two looks.
    """
    _check_regular(os.stat(path).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as stream:
        _check_regular(os.fstat(fd).st_mode)
        return stream.read(MAX_FILE_BYTES + 1)


def _check_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    for is_kind, kind in _KINDS:
        if is_kind(mode):
            raise _NotRegularFileError(kind)
    raise _NotRegularFileError(N_("not a regular file"))


def _all_defaults(problem: str) -> SettingsLoad:
    # Translators: {problem} is e.g. "/home/a/settings.toml: is not UTF-8 text (...)"
    return SettingsLoad(
        Settings(), (_("{problem}; using the default for every setting").format(problem=problem),)
    )


def _describe_toml_error(exc: ValueError) -> str:
    message = str(exc)
    match = _TOML_ERROR_PLACE.match(message)
    if match is None:
        # Translators: {error} comes from Python's TOML reader, in English
        return _("TOML syntax error: {error}").format(error=message)
    what, line, column = match.groups()
    return _("TOML syntax error at line {line}, column {column}: {error}").format(
        line=line, column=column, error=what
    )


def _from_table(table: Mapping[str, Any], path: str) -> SettingsLoad:
    warnings: list[str] = []
    sections: dict[str, Any] = {}
    for name, raw_section in table.items():
        if name not in SECTIONS:
            warnings.append(
                _("{file}: unknown section [{section}] ignored").format(
                    file=path, section=printable(name)
                )
            )
            continue
        if not isinstance(raw_section, dict):
            warnings.append(
                _(
                    "{file}: {section} = {value} is not a section; "
                    "using the defaults for [{section}]"
                ).format(file=path, section=name, value=show_raw(raw_section))
            )
            continue
        sections[name] = _section_from(name, raw_section, path, warnings)
    settings = Settings(
        **{SECTIONS[name][0]: value for name, value in sections.items()},
    )
    return SettingsLoad(settings, tuple(warnings))


def _section_from(
    name: str, raw_section: Mapping[str, Any], path: str, warnings: list[str]
) -> object:
    cls = SECTIONS[name][1]
    docs = DOCS_BY_SECTION[name]
    values: dict[str, object] = {}
    for key, raw in raw_section.items():
        doc = docs.get(key)
        if doc is None:
            warnings.append(
                _("{file}: unknown key {key} ignored").format(
                    file=path, key=f"{name}.{printable(key)}"
                )
            )
            continue
        try:
            values[key] = doc.kind.parse(raw)
        except InvalidValueError as exc:
            warnings.append(
                # Translators: {problem} is e.g. "is not a whole number" (key = value is ...)
                _("{file}: {key} = {value} {problem}; using the default {default}").format(
                    file=path,
                    key=doc.name,
                    value=show_raw(raw),
                    problem=exc,
                    default=doc.default_toml,
                )
            )
    if cls is ScheduleSettings:
        default = ScheduleSettings()
        start = values.get("work_start", default.work_start)
        end = values.get("work_end", default.work_end)
        if start == end:
            warnings.append(
                _(
                    '{file}: schedule.work_start and schedule.work_end are both "{time}", an '
                    'empty working day; using the defaults "{start}" and "{end}"'
                ).format(
                    file=path,
                    time=f"{start:%H:%M}",
                    start=f"{default.work_start:%H:%M}",
                    end=f"{default.work_end:%H:%M}",
                )
            )
            values.pop("work_start", None)
            values.pop("work_end", None)
    return cls(**values)


# --- Saving ------------------------------------------------------------------------------------


def settings_to_toml(settings: Settings) -> str:
    """Return the settings as a complete, commented TOML document that `load_settings` reads."""
    lines = [
        "# posture-break settings. Every key is optional: a missing key takes its default.",
        "# `posture-break paths` shows where this file is; the README lists every key.",
    ]
    for name, (attribute, _cls, comment) in SECTIONS.items():
        section_value = getattr(settings, attribute)
        lines += ["", f"[{name}]", f"# {comment}"]
        for key, doc in DOCS_BY_SECTION[name].items():
            lines.append(f"{key} = {doc.kind.to_toml(getattr(section_value, key))}")
    return "\n".join(lines) + "\n"


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically: a private temp file beside the target, fsync, rename.

    Missing directories are created private (0700); the file is 0600. Readers see either the old
    file or the new one, never a half-written file. Raises `OSError` if it cannot be written.
    """
    if path.is_symlink():
        # A settings file linked from a dotfiles repository stays linked: write to its target.
        path = path.resolve()
    ensure_private_dir(path.parent)
    write_private_atomically(path, settings_to_toml(settings).encode("utf-8"))
