"""Where posture-break keeps its files, and how it creates them privately.

`platformdirs` decides the locations; on Linux its XDG rules are applied here without importing it
(see `_xdg_paths`), which keeps `posture-break stats` quick. Every directory the app creates is 0700
and every file 0600, whatever the umask.
"""

from __future__ import annotations

import os
import stat
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

# `typing` is not imported at run time: `posture-break stats` pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_NAME = "posture-break"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


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
        return self.config_dir / "settings.toml"

    @property
    def database(self) -> Path:
        """Return the SQLite history file."""
        return self.data_dir / "history.sqlite3"

    @classmethod
    def for_user(cls) -> AppPaths:
        """Return the current user's directories as platformdirs reports them.

        Nothing is created here; call `ensure_private_dir` before writing. The runtime directory
        may be long: whoever binds a socket there must check the AF_UNIX length limit.
        """
        if sys.platform == "linux":
            found = _xdg_paths()
            if found is not None:
                return found
        return _platformdirs_paths()

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
    """Apply platformdirs' Linux rules directly, or return None when it has to decide.

    `posture-break stats` should cost little more than starting Python, and importing
    platformdirs costs about as much as the query. On Linux its answer is the XDG Base
    Directory rule below (a test checks both agree). Anything unusual (no absolute HOME, a
    runtime dir that is not the user's own 0700 directory) is left to platformdirs.
    """
    if not os.path.isabs(os.environ.get("HOME", "")):
        return None
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not os.path.isabs(runtime):
        return None
    try:
        status = os.lstat(runtime)
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.geteuid():
        return None
    if stat.S_IMODE(status.st_mode) != PRIVATE_DIR_MODE:
        return None

    def base(variable: str, default: str) -> str:
        value = os.environ.get(variable, "")
        return value if os.path.isabs(value) else os.path.expanduser(default)

    state = base("XDG_STATE_HOME", "~/.local/state")
    return AppPaths(
        config_dir=Path(base("XDG_CONFIG_HOME", "~/.config"), APP_NAME),
        data_dir=Path(base("XDG_DATA_HOME", "~/.local/share"), APP_NAME),
        log_dir=Path(state, APP_NAME, "log"),
        runtime_dir=Path(runtime, APP_NAME),
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


def ensure_private_dir(path: Path) -> Path:
    """Create `path` and any missing parents as 0700, and tighten it to 0700 if it is ours.

    Parents that already exist are left as they are (they may be shared, like `~/.local`).

    Raises:
        NotADirectoryError: `path` exists and is not a directory.
        OSError: the directory could not be created (read-only or missing permission).
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # created meanwhile by another launch; its owner check follows below
        # mkdir honours the umask, which may be odd; set the mode we mean explicitly.
        os.chmod(directory, PRIVATE_DIR_MODE)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} exists but is not a directory")
    _tighten(path, PRIVATE_DIR_MODE)
    return path


def touch_private_file(path: Path) -> Path:
    """Create `path` as an empty 0600 file if it is missing, and tighten it to 0600 if it is ours.

    SQLite gives its `-wal` and `-shm` files the mode of the database file, so creating the
    database this way first keeps all of them private.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE_MODE)
    os.close(fd)
    _tighten(path, PRIVATE_FILE_MODE)
    return path


def _tighten(path: Path, mode: int) -> None:
    """Remove group and other permissions from a file or directory the current user owns."""
    if sys.platform == "win32":
        return  # NTFS ACLs under the user profile are already private
    status = path.stat()
    if status.st_uid == os.getuid() and status.st_mode & 0o077:
        # Only take permissions away: a folder the user made read-only must stay read-only.
        os.chmod(path, status.st_mode & mode & 0o700)
