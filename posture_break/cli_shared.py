"""What every command of the command line shares.

Its name, exit statuses and errors; the settings and the history, opened with any problem
told on stderr; and one-line messages there. Kept apart from `cli.py` (the parser) so that the
commands use them without importing the parser. `cli.py` imports this module for every command,
the tray app's start included, so the history is imported only by the function that opens it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from posture_break.core.clock import SystemClock, zone_problem
from posture_break.core.i18n import _
from posture_break.core.paths import AppPaths
from posture_break.core.settings import Settings
from posture_break.core.settings_file import load_settings
from posture_break.core.text import escape_controls

if TYPE_CHECKING:
    from posture_break.core.history import BreakHistory

PROG = "posture-break"

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """The command line itself is wrong."""


class CommandError(Exception):
    """A failure the user can act on; its message is the one line printed."""


def load_user_settings(paths: AppPaths) -> Settings:
    """Return the settings, telling the user (on stderr) about any problem with them or the zone."""
    problem = zone_problem()
    if problem is not None:
        say_warning(problem)
    loaded = load_settings(paths.config_file)
    for warning in loaded.warnings:
        say_warning(warning)
    return loaded.settings


def open_user_history(database: Path, *, refuse: str | None = None) -> BreakHistory:
    """Open the history, telling the user (on stderr) about any problem with the file.

    With `refuse` (the command is about to write; a whole translated sentence with a {reason},
    e.g. "nothing imported: {reason}"), a history that is read-only or only in memory (the file
    could not be used and nothing was moved aside to start afresh) is refused with that message:
    writes there would be lost.
    """
    from posture_break.core import history as history_module  # sqlite3: history commands only

    opened = history_module.open_history(database, SystemClock())
    if opened.problem and refuse is not None and opened.moved_aside is None:
        opened.history.close()
        raise CommandError(refuse.format(reason=opened.problem))
    if opened.problem:
        say_warning(opened.problem)
    return opened.history


def say_error(message: str, *, prefix: bool = True) -> None:
    """Print `message` as one error line on stderr (`prefix=False`: as it is)."""
    line = one_line(message)
    # Translators: the start of every error line of the command line
    shown = _("{prog}: error: {message}").format(prog=PROG, message=line)
    print(shown if prefix else line, file=sys.stderr)


def say_warning(message: str) -> None:
    """Print `message` as one warning line on stderr."""
    # Translators: the start of every warning line of the command line
    line = _("{prog}: warning: {message}").format(prog=PROG, message=one_line(message))
    print(line, file=sys.stderr)


def say_plain(message: str) -> None:
    """Print `message` as one line on stderr, without a prefix."""
    print(one_line(message), file=sys.stderr)


def one_line(message: str) -> str:
    """Return `message` as one line with any control characters (from quoted input) escaped."""
    return escape_controls(" ".join(message.split()))
