"""A tiny cache of the two settings `posture-break stats` needs, so that it can skip the TOML.

Reading a settings file costs `stats` several times Python's own start-up (tomllib, and the
settings module with enum, re, dataclasses and pathlib). So the daily goal and the work days of
a settings file that loaded without a single warning are kept in the user's cache directory,
private, keyed on the file's path, device, inode, size, modification and change times and the
app version. Any change to the file misses the cache and the file is read as before, warnings
and all. Nothing here ever raises for a cache problem: the file is then simply read.
"""

from __future__ import annotations

import os
import sys

from posture_break import __version__
from posture_break.core.locations import (
    APP_NAME,
    PRIVATE_FILE_MODE,
    ensure_private_dir,
)

FORMAT = "posture-break stats settings 1"
CACHE_NAME = "stats-settings"
# A file changed twice within its file system's timestamp granularity keeps its times: a file
# changed this recently (against the cache file's own time) is not cached. Git does the same.
RACY_NS = 2_000_000_000


def cache_file() -> str | None:
    """Return the cache file (under `$XDG_CACHE_HOME/posture-break`), or None off Linux."""
    if sys.platform != "linux":
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, APP_NAME, CACHE_NAME)


def read(config_file: str, status: os.stat_result) -> tuple[int, frozenset[int]] | None:
    """Return the cached goal and work days for the settings file as `status` shows it, or None."""
    name = cache_file()
    if name is None:
        return None
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        own = os.fstat(fd)
        if own.st_uid != os.geteuid() or own.st_mode & 0o077 or own.st_size > 4096:
            return None
        text = os.read(fd, 4096).decode("ascii", "replace")
    except OSError:
        return None
    finally:
        os.close(fd)
    lines = text.split("\n")
    if len(lines) != 5 or lines[:2] != [FORMAT, _key(config_file, status)] or lines[4]:
        return None
    goal, days = lines[2], lines[3]
    if not (goal.isdigit() and days.isdigit() and days and set(days) <= set("0123456")):
        return None
    return int(goal), frozenset(int(day) for day in days)


def write(
    config_file: str, status: os.stat_result, daily_goal: int, work_days: frozenset[int]
) -> None:
    """Keep the goal and work days that the settings file as `status` shows it gave.

    Call this only for a file that loaded without warnings, with `status` taken before it was
    read and found unchanged after.
    """
    name = cache_file()
    if name is None:
        return
    days = "".join(str(day) for day in sorted(work_days))
    text = f"{FORMAT}\n{_key(config_file, status)}\n{daily_goal}\n{days}\n"
    temp = f"{name}.{os.getpid()}.tmp"
    try:
        ensure_private_dir(os.path.dirname(name))
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(temp, flags, PRIVATE_FILE_MODE)
        try:
            os.write(fd, text.encode("ascii"))
            written = os.fstat(fd)
        finally:
            os.close(fd)
        if written.st_mtime_ns - max(status.st_mtime_ns, status.st_ctime_ns) < RACY_NS:
            os.unlink(temp)
            return
        os.replace(temp, name)
    except OSError:
        import contextlib  # only here: `stats` pays for every import on its usual path

        with contextlib.suppress(OSError):
            os.unlink(temp)


def _key(config_file: str, status: os.stat_result) -> str:
    path = os.fsencode(config_file).hex()
    return (
        f"{__version__} {path} {status.st_dev} {status.st_ino} {status.st_size} "
        f"{status.st_mtime_ns} {status.st_ctime_ns}"
    )
