"""Loading the stretch catalogue from TOML, with errors that name the file, stretch and field.

The catalogue lives in ``resources/stretches.toml`` as an array of ``[[stretch]]`` tables. It is
checked on load; every error names the file, the stretch (id, or index when the id itself is bad)
and the field, so a typo in a hand-edited catalogue is easy to find.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from posture_break.core.i18n import N_, _, current_language
from posture_break.core.pose import FieldError, Pose, View, choices
from posture_break.core.resources import resource_path
from posture_break.core.settings import Level
from posture_break.core.stretch import (
    DEFAULT_SETUP_S,
    Equipment,
    Family,
    KeyPose,
    Position,
    Prop,
    Stretch,
)

CATALOGUE_FILE = "stretches.toml"

_E = TypeVar("_E", bound=enum.StrEnum)


class CatalogueError(ValueError):
    """The stretch catalogue (or the safety note) is missing or invalid."""


_REQUIRED = (
    "id",
    "title",
    "summary",
    "steps",
    "position",
    "equipment",
    "level",
    "per_side",
    "hold_s",
    "reps",
    "breathing",
    "inhale_s",
    "exhale_s",
    "cautions",
    "desk_friendly",
    "poses",
    "family",
    "bone_friendly",
    "why",
)
_OPTIONAL = ("props", "key_pose", "setup_s", "setup_steps")
_POSE_FIELDS = frozenset(f.name for f in fields(Pose))

# Ids merged into another move: they stay in people's history, so they keep a readable title
# (and are never reused for a different move).
RETIRED_TITLES: Mapping[str, str] = MappingProxyType(
    {
        # Translators: the title of a stretch no longer offered, seen in old history
        "towel-roll-chair-extension": N_("Chair extension over a towel roll (retired)"),
        # Translators: the title of a stretch no longer offered, seen in old history
        "passive-back-bend": N_("Passive back bend (retired)"),
        # Translators: the title of a stretch no longer offered, seen in old history
        "seated-reach-and-round": N_("Seated reach and round (retired)"),
    }
)


def default_catalogue_path() -> Path:
    """Return the path of the shipped catalogue."""
    return resource_path(CATALOGUE_FILE)


def load_catalogue(path: Path | None = None, *, translate: bool = True) -> tuple[Stretch, ...]:
    """Load and validate a stretch catalogue, in the user's language.

    The English text is checked first (it is the source of truth and the translations' msgids),
    then every shown field is translated; ids, enums and numbers never are.

    Args:
        path: A catalogue file; the shipped ``resources/stretches.toml`` when None.
        translate: False for the English text as written (`stretches --json`).

    Raises:
        CatalogueError: The file is missing, not TOML, or a stretch is invalid. The message names
            the file, the stretch and the field.
    """
    if path is None:
        try:
            path = default_catalogue_path()
        except FileNotFoundError as exc:
            raise CatalogueError(str(exc)) from exc
    data = read_toml(path)
    unknown = sorted(set(data) - {"stretch"})
    if unknown:
        raise CatalogueError(f"{path}: unknown top-level key {unknown[0]!r} (expected [[stretch]])")
    entries = data.get("stretch")
    if not isinstance(entries, list) or not entries:
        raise CatalogueError(f"{path}: needs at least one [[stretch]] table")
    stretches: list[Stretch] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        label = _label(entry, index)
        try:
            stretch = _parse_stretch(entry)
        except FieldError as exc:
            raise CatalogueError(f"{path}: {label}: {exc}") from exc
        if stretch.id in seen:
            raise CatalogueError(
                f"{path}: {label}: id: duplicate of stretch #{seen[stretch.id] + 1}"
            )
        seen[stretch.id] = index
        stretches.append(_translated(stretch) if translate else stretch)
    return tuple(stretches)


def _translated(stretch: Stretch) -> Stretch:
    """Return `stretch` with its shown text in the user's language, field by field.

    A translation that breaks a field's check (too long for its place) leaves that field in
    English rather than the catalogue unusable; tests/core/test_translations.py fails on it
    (`translation_misfits`), so none ships.
    """
    translated, _misfits = _translate(stretch)
    return translated


def translation_misfits(stretches: Iterable[Stretch]) -> list[str]:
    """Return, for the current language, each translated field that fails its check."""
    return [misfit for stretch in stretches for misfit in _translate(stretch)[1]]


def _translate(stretch: Stretch) -> tuple[Stretch, list[str]]:
    english = stretch
    # One change per shown field, so a misfit keeps only its own field in English.
    changes: tuple[Callable[[Stretch], Stretch], ...] = (
        lambda s: replace(s, title=_(english.title)),
        lambda s: replace(s, summary=_(english.summary)),
        lambda s: replace(s, steps=tuple(_(step) for step in english.steps)),
        lambda s: replace(s, breathing=_(english.breathing)),
        lambda s: replace(s, cautions=tuple(_(caution) for caution in english.cautions)),
        lambda s: replace(s, why=_(english.why)),
    )
    misfits = []
    for change in changes:
        try:
            stretch = change(stretch)
        except FieldError as exc:
            misfits.append(f"stretch {stretch.id!r}: {exc} (in {current_language()!r})")
    return stretch, misfits


def titles_by_id(stretches: Iterable[Stretch]) -> dict[str, str]:
    """Return id -> title for `stretches` and for the retired ids still found in old history."""
    retired = {ident: _(title) for ident, title in RETIRED_TITLES.items()}
    return {**retired, **{stretch.id: stretch.title for stretch in stretches}}


def read_toml(path: Path) -> dict[str, Any]:
    """Return the TOML table in `path`, or raise `CatalogueError` naming the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise CatalogueError(f"{path}: file not found") from exc
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path}: not valid TOML: {exc}") from exc


def _label(entry: object, index: int) -> str:
    if isinstance(entry, Mapping):
        ident = entry.get("id")
        if isinstance(ident, str) and ident:
            return f"stretch {ident!r}"
    return f"stretch #{index + 1}"


def _parse_stretch(entry: object) -> Stretch:
    if not isinstance(entry, Mapping):
        raise FieldError("stretch", "must be a table")
    check_fields(entry, _REQUIRED, _OPTIONAL)
    return Stretch(
        id=text_field(entry, "id"),
        title=text_field(entry, "title"),
        summary=text_field(entry, "summary"),
        steps=texts_field(entry, "steps"),
        position=_enum(entry, "position", Position),
        equipment=tuple(
            _enum_value(f"equipment[{i}]", v, Equipment)
            for i, v in enumerate(_list(entry, "equipment"))
        ),
        level=_enum(entry, "level", Level),
        per_side=_bool(entry, "per_side"),
        hold_s=_int(entry, "hold_s"),
        reps=_int(entry, "reps"),
        breathing=text_field(entry, "breathing"),
        inhale_s=_number(entry, "inhale_s"),
        exhale_s=_number(entry, "exhale_s"),
        cautions=texts_field(entry, "cautions"),
        desk_friendly=_bool(entry, "desk_friendly"),
        poses=tuple(_parse_pose(i, p) for i, p in enumerate(_list(entry, "poses"))),
        family=_enum(entry, "family", Family),
        bone_friendly=_bool(entry, "bone_friendly"),
        why=text_field(entry, "why"),
        key_pose=_enum(entry, "key_pose", KeyPose) if "key_pose" in entry else KeyPose.LAST,
        setup_s=_number(entry, "setup_s") if "setup_s" in entry else DEFAULT_SETUP_S,
        setup_steps=_int(entry, "setup_steps") if "setup_steps" in entry else 1,
        props=tuple(
            _enum_value(f"props[{i}]", v, Prop) for i, v in enumerate(_list(entry, "props", []))
        ),
    )


def _parse_pose(index: int, raw: object) -> Pose:
    name = f"poses[{index}]"
    if not isinstance(raw, Mapping):
        raise FieldError(name, "must be a table")
    unknown = sorted(set(raw) - _POSE_FIELDS)
    if unknown:
        raise FieldError(f"{name}.{unknown[0]}", "unknown field (a typo?)")
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"{name}.{key}"
        if key == "view":
            kwargs[key] = _enum_value(where, value, View)
        elif key in ("neck", "look", "twist"):
            kwargs[key] = _number_value(where, value)
        else:
            if not isinstance(value, list):
                raise FieldError(where, f"must be a list of numbers, got {value!r}")
            kwargs[key] = tuple(_number_value(f"{where}[{i}]", v) for i, v in enumerate(value))
    try:
        return Pose(**kwargs)
    except FieldError as exc:
        raise FieldError(f"{name}.{exc.field_name}", exc.problem) from exc


def check_fields(
    entry: Mapping[str, Any], required: Collection[str], optional: Collection[str] = ()
) -> None:
    """Raise `FieldError` for the first unknown field (a typo?) or missing required one."""
    unknown = sorted(set(entry) - set(required) - set(optional))
    if unknown:
        raise FieldError(unknown[0], "unknown field (a typo?)")
    for name in required:
        if name not in entry:
            raise FieldError(name, "is missing")


def text_field(entry: Mapping[str, Any], name: str) -> str:
    """Return the text in `entry[name]`, or raise `FieldError`."""
    value = entry[name]
    if not isinstance(value, str):
        raise FieldError(name, f"must be text, got {value!r}")
    return value


def _list(entry: Mapping[str, Any], name: str, default: list[Any] | None = None) -> list[Any]:
    value = entry.get(name, default)
    if not isinstance(value, list):
        raise FieldError(name, f"must be a list, got {value!r}")
    return value


def texts_field(entry: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """Return the list of texts in `entry[name]`, or raise `FieldError`."""
    items = _list(entry, name)
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise FieldError(f"{name}[{i}]", f"must be text, got {item!r}")
    return tuple(items)


def _bool(entry: Mapping[str, Any], name: str) -> bool:
    value = entry[name]
    if not isinstance(value, bool):
        raise FieldError(name, f"must be true or false, got {value!r}")
    return value


def _int(entry: Mapping[str, Any], name: str) -> int:
    value = entry[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(name, f"must be a whole number, got {value!r}")
    return value


def _number(entry: Mapping[str, Any], name: str) -> float:
    return _number_value(name, entry[name])


def _number_value(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(name, f"must be a number, got {value!r}")
    return float(value)


def _enum(entry: Mapping[str, Any], name: str, kind: type[_E]) -> _E:
    return _enum_value(name, entry[name], kind)


def _enum_value(name: str, value: object, kind: type[_E]) -> _E:
    if not isinstance(value, str):
        raise FieldError(name, f"must be one of {choices(kind)}, got {value!r}")
    try:
        return kind(value)
    except ValueError:
        raise FieldError(name, f"must be one of {choices(kind)}, got {value!r}") from None
