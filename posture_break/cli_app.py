"""The commands for the tray app: handed to the running instance, else to the launcher.

`posture-break` alone (start the tray app) and `stretch`, `pause`, `resume`... end here. On Unix
a running instance is asked over its socket (`posture_break.ipc`), without Qt; only when nobody
answers is `posture_break.ui.launch.start`, the one entry into the UI, imported. `cli.py` imports
this module for every command line, so it holds nothing but the hand-over.
"""

from __future__ import annotations

import sys

from posture_break import ipc
from posture_break.cli_shared import CommandError
from posture_break.core.i18n import _
from posture_break.core.paths import AppPaths

#: What `pause` without a LENGTH sends.
DEFAULT_PAUSE_TEXT = "30m"


def hand_to_app(command: str | None, argument: str | None) -> int:
    """Hand `command` (None: start or show the tray app) to the app and return the exit status."""
    paths = AppPaths.for_user()
    wire_command = command if command is not None else "activate"
    if sys.platform != "win32":
        # A running instance answers here, without Qt; the launcher is for everything else.
        reply = ipc.send(ipc.server_name(paths.runtime_dir), wire_command, argument)
        if reply is not None:
            return ipc.report(reply, wire_command)
    try:
        from posture_break.ui.launch import start
    except ModuleNotFoundError as exc:
        if exc.name is not None and exc.name.split(".")[0] in {"PySide6", "shiboken6"}:
            raise CommandError(
                _("PySide6 is missing, so the tray app cannot start (reinstall posture-break)")
            ) from None
        raise
    return start(command, argument, paths)
