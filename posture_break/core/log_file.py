"""The log a user attaches to a bug report: warnings and errors, in the log folder, rotated.

`posture-break paths` lists the folder. The log is small (`LOG_BACKUPS` + 1 files of
`LOG_BYTES` at most), private (0600 in a 0700 folder) and holds only what went wrong, never
the history.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from typing_extensions import override

from posture_break.core.paths import PRIVATE_FILE_MODE, ensure_private_dir, touch_private_file

LOG_FILE_NAME = "posture-break.log"
LOG_BYTES = 256 * 1024
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A `RotatingFileHandler` whose files (the first and each one after a roll-over) are 0600."""

    @override
    def doRollover(self) -> None:
        # The stock handler opens the fresh file with the umask's mode; a log may name files.
        super().doRollover()
        Path(self.baseFilename).chmod(PRIVATE_FILE_MODE)


def start_log_file(log_dir: Path) -> Path | None:
    """Send warnings and errors of every logger to a rotating file in `log_dir`.

    Returns the file, or None when the folder cannot be written (the app runs on without it).
    Calling it again for the same folder adds nothing.
    """
    target = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, PrivateRotatingFileHandler) and Path(handler.baseFilename) == target:
            return target
    try:
        ensure_private_dir(log_dir)
        touch_private_file(target)
        handler = PrivateRotatingFileHandler(
            target, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    return target
