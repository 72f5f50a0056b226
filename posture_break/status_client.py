"""The command line's side of `status` and `pause --from --until`: ask, check, hand over.

Their grammar is in `cli.build_parser` (the one parser), which imports this module only when one
of them runs. Qt-free on Unix (the socket client in `posture_break.ipc`); Windows named pipes
need Qt's client, imported only there. Failures are one line on stderr and exit 1 (2 for a
mistake on the command line), as everywhere in the command line.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from posture_break import ipc
from posture_break.cli_app import DEFAULT_PAUSE_TEXT, hand_to_app
from posture_break.cli_shared import EXIT_FAILED, EXIT_OK, EXIT_USAGE, PROG
from posture_break.core.clock import SystemClock
from posture_break.core.i18n import _
from posture_break.core.paths import AppPaths
from posture_break.core.quiet import quiet_today
from posture_break.core.settings import printable
from posture_break.core.status import AppStatus


class StatusUnansweredError(Exception):
    """No status came: the app is not running, did not answer or refused; the message says so."""


def fetch_status(paths: AppPaths) -> AppStatus:
    """Ask the running app for its status, or raise `StatusUnansweredError` in one line."""
    reply = _ask(paths)
    if reply is None or reply.delivery is ipc.Delivery.NOT_RUNNING:
        raise StatusUnansweredError(_("{prog} is not running").format(prog=PROG))
    if reply.delivery is ipc.Delivery.NO_ANSWER:
        raise StatusUnansweredError(
            _("{prog} is running but did not answer within {seconds} s").format(
                prog=PROG, seconds=f"{ipc.REPLY_TIMEOUT_S:g}"
            )
        )
    if reply.delivery is ipc.Delivery.REFUSED:
        raise StatusUnansweredError(
            _("the running app refused: {reason}").format(reason=printable(reply.error))
        )
    if reply.status is None:
        raise StatusUnansweredError(
            _("the running app sent no status (an older version? restart it)")
        )
    try:
        return AppStatus.from_json_dict(reply.status)
    except ValueError as exc:
        raise StatusUnansweredError(
            _("the running app sent an unreadable status ({reason})").format(reason=exc)
        ) from None


def _ask(paths: AppPaths) -> ipc.SendResult | None:
    if sys.platform == "win32":
        # Named pipes need Qt's client: a bare core application, no display.
        from PySide6.QtCore import QCoreApplication

        from posture_break.ui.instance import send_command

        if QCoreApplication.instance() is None:
            QCoreApplication([PROG])
        return send_command(paths.runtime_dir, "status", None)
    return ipc.send(ipc.server_name(paths.runtime_dir), "status", None)


def cmd_status(args: argparse.Namespace) -> int:
    """Carry out `status`: what the running app is doing, as words or JSON."""
    try:
        status = fetch_status(AppPaths.for_user())
    except StatusUnansweredError as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps(status.to_json_dict()))
    else:
        from posture_break.cli_dates import weekday_short  # not in the app: see there

        print(status.words(SystemClock().now(), weekday_short))
    return EXIT_OK


def cmd_pause(args: argparse.Namespace) -> int:
    """Carry out `pause [LENGTH]`, or `pause --from --until` (a quiet time today)."""
    if args.quiet_from is None and args.quiet_until is None:
        return hand_to_app("pause", args.length)
    if args.length != DEFAULT_PAUSE_TEXT:  # the default: no LENGTH given
        message = _("a LENGTH or --from/--until, not both")
        print(
            _("{prog}: error: {message}").format(prog=f"{PROG} pause", message=message),
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        span = quiet_span(args.quiet_from, args.quiet_until, SystemClock().now())
    except ValueError as exc:
        return _fail(str(exc))
    return hand_to_app("quiet", span)


def _fail(message: str) -> int:
    line = " ".join(message.split())
    print(_("{prog}: error: {message}").format(prog=PROG, message=line), file=sys.stderr)
    return EXIT_FAILED


def quiet_span(start: str | None, end: str | None, now: datetime) -> str:
    """Check `--from`/`--until` for today and return the "HH:MM-HH:MM" sent to the app.

    Raises `ValueError` in words: one of the two missing, malformed, not in order, or past.
    """
    if start is None or end is None:
        raise ValueError(_("--from and --until go together"))
    try:
        quiet_today(start, end, now)
    except ValueError as exc:
        raise ValueError(printable(str(exc))) from None
    return f"{start.strip()}-{end.strip()}"
