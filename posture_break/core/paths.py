"""Where posture-break keeps its files, and how it creates and writes them privately.

`platformdirs` alone decides the locations. Every directory the app creates is 0700 and every file
0600, whatever the umask (`ensure_private_dir`, `touch_private_file`, `write_private_atomically`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from posture_break.core.i18n import _

APP_NAME = "posture-break"
CONFIG_FILE_NAME = "settings.toml"
DATABASE_NAME = "history.sqlite3"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class PathsError(Exception):
    """The user's folders cannot be known (no home folder); the message says what to set."""


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

        Raises:
            PathsError: There is no home folder to put them in.
        """
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        try:
            found = cls(
                config_dir=Path(dirs.user_config_dir),
                data_dir=Path(dirs.user_data_dir),
                log_dir=Path(dirs.user_log_dir),
                runtime_dir=_runtime_dir(dirs),
            )
        except RuntimeError:
            # platformdirs cannot expand "~": HOME is unset and the password database does not
            # know this user (a container, a service account).
            found = None
        if found is None or not all(
            folder.is_absolute() for folder in (found.config_dir, found.data_dir, found.log_dir)
        ):
            raise PathsError(
                _(
                    "the home folder is unknown (HOME is not set and the user has no entry in "
                    "the password database); set HOME, or XDG_CONFIG_HOME and XDG_DATA_HOME"
                )
            )
        return found

    def to_json_dict(self) -> dict[str, str]:
        """Return the paths shown by `posture-break paths --json`."""
        return {
            "config_file": str(self.config_file),
            "database": str(self.database),
            "data_dir": str(self.data_dir),
            "log_dir": str(self.log_dir),
        }


def user_config_home() -> Path:
    """Return the user's configuration folder itself (`~/.config` on Linux), per platformdirs."""
    return Path(platformdirs.user_config_dir())


def _runtime_dir(dirs: platformdirs.PlatformDirs) -> Path:
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
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # created meanwhile by another launch; its owner check follows below
        # mkdir honours the umask, which may be odd; set the mode we mean explicitly.
        directory.chmod(PRIVATE_DIR_MODE)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} exists but is not a directory")
    _tighten(path, PRIVATE_DIR_MODE)
    return path


def touch_private_file(path: Path) -> Path:
    """Create `path` as an empty 0600 file if it is missing, and tighten it to 0600 if it is ours.

    SQLite gives its `-wal` and `-shm` files the mode of the database file, so creating the
    database this way first keeps all of them private.
    """
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE_MODE)
    os.close(fd)
    _tighten(path, PRIVATE_FILE_MODE)
    return path


def write_private_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old file or the new one, whole.

    The bytes go to a 0600 temp file in the same folder, are fsynced, and the temp file is renamed
    over `path`; then the folder is fsynced so the rename lasts. A missing folder is created 0700;
    an existing one is left as it is (an export may go to any folder of the user's).
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        ensure_private_dir(folder)
    # mkstemp creates the file 0600 whatever the umask.
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_dir(folder)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows); the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a directory; the data itself is synced
    finally:
        os.close(fd)


def _tighten(path: Path, mode: int) -> None:
    """Remove group and other permissions from a file or directory the current user owns."""
    if sys.platform == "win32":
        return  # NTFS ACLs under the user profile are already private
    status = path.stat()
    if status.st_uid == os.getuid() and status.st_mode & 0o077:
        # Only take permissions away: a folder the user made read-only must stay read-only.
        path.chmod(stat.S_IMODE(status.st_mode) & mode & 0o700)
