"""Find the files shipped in `resources/`, from a source checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

import posture_break

# An installed wheel carries `resources/` inside the package (see pyproject's force-include);
# a source checkout keeps it next to the package directory.
_PACKAGE_DIR = Path(posture_break.__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources")


def resource_dirs() -> tuple[Path, ...]:
    """Return the directories searched for shipped resources, in order."""
    return _CANDIDATES


def resource_path(name: str) -> Path:
    """Return the path of the shipped resource `name` (e.g. ``"stretches.toml"``).

    Args:
        name: A path relative to the resources directory.

    Raises:
        FileNotFoundError: No resources directory holds `name`; the message lists where we looked.
    """
    for base in _CANDIDATES:
        candidate = base / name
        if candidate.exists():
            return candidate
    looked = ", ".join(str(base) for base in _CANDIDATES)
    raise FileNotFoundError(f"resource {name!r} not found (looked in {looked})")
