"""The command line's side of `status` and `pause --from --until`: ask, check, hand over.

Qt-free on Unix (the socket client in `posture_break.ipc`); Windows named pipes need Qt's
client, imported only there.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from posture_break import ipc
from posture_break.core.paths import AppPaths
from posture_break.core.quiet import quiet_today
from posture_break.core.settings import printable
from posture_break.core.status import AppStatus

PROG = "posture-break"


class StatusUnansweredError(Exception):
    """No status came: the app is not running, did not answer or refused; the message says so."""


def fetch_status(paths: AppPaths) -> AppStatus:
    """Ask the running app for its status, or raise `StatusUnansweredError` in one line."""
    reply = _ask(paths)
    if reply is None or reply.delivery is ipc.Delivery.NOT_RUNNING:
        raise StatusUnansweredError(f"{PROG} is not running")
    if reply.delivery is ipc.Delivery.NO_ANSWER:
        raise StatusUnansweredError(
            f"{PROG} is running but did not answer within {ipc.REPLY_TIMEOUT_S:g} s"
        )
    if reply.delivery is ipc.Delivery.REFUSED:
        raise StatusUnansweredError(f"the running app refused: {printable(reply.error)}")
    if reply.status is None:
        raise StatusUnansweredError("the running app sent no status (an older version? restart it)")
    try:
        return AppStatus.from_json_dict(reply.status)
    except ValueError as exc:
        raise StatusUnansweredError(f"the running app sent an unreadable status ({exc})") from None


def _ask(paths: AppPaths) -> ipc.SendResult | None:
    if sys.platform == "win32":
        # Named pipes need Qt's client: a bare core application, no display.
        from PySide6.QtCore import QCoreApplication

        from posture_break.ui.instance import send_command

        if QCoreApplication.instance() is None:
            QCoreApplication([PROG])
        return send_command(paths.runtime_dir, "status", None)
    return ipc.send(ipc.server_name(paths.runtime_dir), "status", None)


def add_quiet_options(pause: argparse.ArgumentParser) -> None:
    """Give `pause` its `--from HH:MM --until HH:MM` (a quiet time today)."""
    pause.add_argument(
        "--from",
        dest="quiet_from",
        metavar="HH:MM",
        help="with --until: a quiet time today instead of a pause (a past start means now)",
    )
    pause.add_argument("--until", dest="quiet_until", metavar="HH:MM", help="its end, today")


def quiet_span(start: str | None, end: str | None, now: datetime) -> str:
    """Check `--from`/`--until` for today and return the "HH:MM-HH:MM" sent to the app.

    Raises `ValueError` in words: one of the two missing, malformed, not in order, or past.
    """
    if start is None or end is None:
        raise ValueError("--from and --until go together")
    try:
        quiet_today(start, end, now)
    except ValueError as exc:
        raise ValueError(printable(str(exc))) from None
    return f"{start.strip()}-{end.strip()}"
