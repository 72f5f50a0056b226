"""The log a user attaches to a bug report: warnings and errors, in the log folder, rotated.

`posture-break paths` lists the folder. The log is small (`LOG_BACKUPS` + 1 files of
`LOG_BYTES` at most), private (0600 in a 0700 folder) and holds only what went wrong, never
the history.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from posture_break.core.paths import ensure_private_dir, touch_private_file

LOG_FILE_NAME = "posture-break.log"
LOG_BYTES = 256 * 1024
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def rotate_privately(source: str, dest: str) -> None:
    """Move the full log aside and leave a fresh, empty 0600 file in its place.

    The stock handler's roll-over renames the file and then opens a new one with the umask's
    mode; a log may name files, so this is its `rotator` (the standard library's hook for how a
    roll-over moves the file): the handler then opens the private file left here.
    """
    if os.path.exists(source):
        os.replace(source, dest)
    touch_private_file(Path(source))


def start_log_file(log_dir: Path) -> Path | None:
    """Send warnings and errors of every logger to a rotating file in `log_dir`.

    Returns the file, or None when the folder cannot be written (the app runs on without it).
    Calling it again for the same folder adds nothing.
    """
    target = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == target:
            return target
    try:
        ensure_private_dir(log_dir)
        touch_private_file(target)
        handler = RotatingFileHandler(
            target, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.rotator = rotate_privately  # every file after a roll-over is 0600 too
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    return target
