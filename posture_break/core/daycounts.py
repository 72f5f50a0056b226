"""How many breaks of each outcome a day holds, as a value that is cheap to import.

`posture-break stats` imports this on every run, so it is a plain slotted class rather than a
frozen dataclass: importing `dataclasses` (and `enum`, which `record` needs) costs more than the
whole query. `FrozenValue` gives such classes the equality, hash and repr a dataclass would.
"""

from __future__ import annotations


class FrozenValue:
    """An immutable value: equality, hash and repr from its `__slots__`, like a frozen dataclass."""

    __slots__: tuple[str, ...] = ()

    def _set(self, **values: object) -> None:
        for name in self.__slots__:
            object.__setattr__(self, name, values[name])

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, FrozenValue)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({inner})"


class DayCounts(FrozenValue):
    """How many breaks of each outcome one local day holds."""

    # In field order (not sorted): the repr and equality follow it, as a dataclass's would.
    __slots__ = ("completed", "skipped", "snoozed", "abandoned")  # noqa: RUF023
    completed: int
    skipped: int
    snoozed: int
    abandoned: int

    def __init__(
        self, completed: int = 0, skipped: int = 0, snoozed: int = 0, abandoned: int = 0
    ) -> None:
        self._set(completed=completed, skipped=skipped, snoozed=snoozed, abandoned=abandoned)
