"""`@override` for Qt overrides: `typing.override` arrived in Python 3.12, and we support 3.11."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import override
else:  # at run time on 3.11 it only documents intent; mypy checks it through typing_extensions
    _F = TypeVar("_F", bound=Any)

    def override(method: _F) -> _F:
        """Mark a method that overrides a Qt virtual."""
        return method


__all__ = ["override"]
