"""Where posture-break keeps its files, and how it creates them privately.

`platformdirs` decides the locations; on Linux its XDG rules are applied in `core/locations.py`
without importing it, which keeps `posture-break stats` quick. Every directory the app creates is
0700 and every file 0600, whatever the umask (`ensure_private_dir`, `touch_private_file`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from posture_break.core.locations import (
    APP_NAME,
    CONFIG_FILE_NAME,
    DATABASE_NAME,
    PRIVATE_DIR_MODE,
    PRIVATE_FILE_MODE,
    ensure_private_dir,
    touch_private_file,
    xdg_dirs,
)

# `typing` is not imported at run time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from platformdirs import PlatformDirs

__all__ = [
    "APP_NAME",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "AppPaths",
    "ensure_private_dir",
    "touch_private_file",
]


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The directories the app reads and writes, and the files inside them."""

    config_dir: Path
    data_dir: Path
    log_dir: Path
    runtime_dir: Path

    @property
    def config_file(self) -> Path:
        """Return the settings file (TOML, editable by hand)."""
        return self.config_dir / CONFIG_FILE_NAME

    @property
    def database(self) -> Path:
        """Return the SQLite history file."""
        return self.data_dir / DATABASE_NAME

    @classmethod
    def for_user(cls) -> AppPaths:
        """Return the current user's directories as platformdirs reports them.

        Nothing is created here; call `ensure_private_dir` before writing. The runtime directory
        may be long: whoever binds a socket there must check the AF_UNIX length limit.
        """
        found = _xdg_paths()
        return found if found is not None else _platformdirs_paths()

    def to_json_dict(self) -> dict[str, str]:
        """Return the paths shown by `posture-break paths --json`."""
        return {
            "config_file": str(self.config_file),
            "database": str(self.database),
            "data_dir": str(self.data_dir),
            "log_dir": str(self.log_dir),
        }


def _platformdirs_paths() -> AppPaths:
    """Ask platformdirs (imported only here: it pulls in tempfile, shutil and more)."""
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return AppPaths(
        config_dir=Path(dirs.user_config_dir),
        data_dir=Path(dirs.user_data_dir),
        log_dir=Path(dirs.user_log_dir),
        runtime_dir=_runtime_dir(dirs),
    )


def _xdg_paths() -> AppPaths | None:
    """Apply platformdirs' Linux rules directly, or return None when it has to decide."""
    found = xdg_dirs()
    if found is None:
        return None
    config_dir, data_dir, log_dir, runtime_dir = found
    return AppPaths(
        config_dir=Path(config_dir),
        data_dir=Path(data_dir),
        log_dir=Path(log_dir),
        runtime_dir=Path(runtime_dir),
    )


def _runtime_dir(dirs: PlatformDirs) -> Path:
    """Return the user runtime dir, or a private cache subdirectory where the system has none.

    platformdirs warns (and can raise) when XDG_RUNTIME_DIR is unset, missing or shared; a tray app
    should carry on with a private directory of its own instead.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return Path(dirs.user_runtime_dir)
        except OSError:
            return Path(dirs.user_cache_dir) / "runtime"
