"""Where the app's files are on Linux, and how to create them privately, with `os` alone.

`posture-break stats` imports this on every run: importing `pathlib` costs more than the whole
query, so everything here works on plain strings (and accepts `Path` too). `core/paths.py` builds
the `AppPaths` value the rest of the app uses from these same rules.
"""

from __future__ import annotations

import errno
import os
import stat
import sys

# `typing` is not imported at run time: `posture-break stats` pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import TypeVar

    _P = TypeVar("_P", str, Path)

APP_NAME = "posture-break"
CONFIG_FILE_NAME = "settings.toml"
DATABASE_NAME = "history.sqlite3"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600

# What `Path.exists()` treats as "not there" rather than raising.
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def xdg_dirs() -> tuple[str, str, str, str] | None:
    """Return (config, data, log, runtime) dirs by platformdirs' Linux rules, or None.

    None means platformdirs has to decide: not Linux, no absolute HOME, or a runtime dir that is
    not the user's own 0700 directory. Importing platformdirs costs about as much as the stats
    query, and on Linux its answer is the XDG Base Directory rule below (a test checks both agree).
    """
    if sys.platform != "linux" or not os.path.isabs(os.environ.get("HOME", "")):
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
    return (
        os.path.join(base("XDG_CONFIG_HOME", "~/.config"), APP_NAME),
        os.path.join(base("XDG_DATA_HOME", "~/.local/share"), APP_NAME),
        os.path.join(state, APP_NAME, "log"),
        os.path.join(runtime, APP_NAME),
    )


def user_files() -> tuple[str, str]:
    """Return the settings file and the history file, as `AppPaths.for_user()` names them."""
    found = xdg_dirs()
    if found is not None:
        return os.path.join(found[0], CONFIG_FILE_NAME), os.path.join(found[1], DATABASE_NAME)
    from posture_break.core.paths import AppPaths

    paths = AppPaths.for_user()
    return str(paths.config_file), str(paths.database)


def ensure_private_dir(path: _P) -> _P:
    """Create `path` and any missing parents as 0700, and tighten it to 0700 if it is ours.

    Parents that already exist are left as they are (they may be shared, like `~/.local`).

    Raises:
        NotADirectoryError: `path` exists and is not a directory.
        OSError: the directory could not be created (read-only or missing permission).
    """
    name = os.fspath(path)
    missing: list[str] = []
    probe = name
    while not exists(probe) and probe != os.path.dirname(probe):
        missing.append(probe)
        probe = os.path.dirname(probe)
    for directory in reversed(missing):
        try:
            os.mkdir(directory, PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # created meanwhile by another launch; its owner check follows below
        # mkdir honours the umask, which may be odd; set the mode we mean explicitly.
        os.chmod(directory, PRIVATE_DIR_MODE)
    if not os.path.isdir(name):
        raise NotADirectoryError(f"{path} exists but is not a directory")
    _tighten(name, PRIVATE_DIR_MODE)
    return path


def touch_private_file(path: _P) -> _P:
    """Create `path` as an empty 0600 file if it is missing, and tighten it to 0600 if it is ours.

    SQLite gives its `-wal` and `-shm` files the mode of the database file, so creating the
    database this way first keeps all of them private.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE_MODE)
    os.close(fd)
    _tighten(os.fspath(path), PRIVATE_FILE_MODE)
    return path


def exists(name: str) -> bool:
    """Tell whether `name` exists, raising (as `Path.exists` does) for e.g. permission errors."""
    try:
        os.stat(name)
    except OSError as exc:
        if exc.errno in _ABSENT:
            return False
        raise
    return True


def _tighten(name: str, mode: int) -> None:
    """Remove group and other permissions from a file or directory the current user owns."""
    if sys.platform == "win32":
        return  # NTFS ACLs under the user profile are already private
    status = os.stat(name)
    if status.st_uid == os.getuid() and status.st_mode & 0o077:
        # Only take permissions away: a folder the user made read-only must stay read-only.
        os.chmod(name, status.st_mode & mode & 0o700)
