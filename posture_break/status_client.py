"""The command line's side of `status` and `pause --from --until`: ask, check, hand over.

`cli.py` registers them here. Qt-free on Unix (the socket client in `posture_break.ipc`);
Windows named pipes need Qt's client, imported only there. Failures are one line on stderr and
exit 1 (2 for a mistake on the command line), as everywhere in the command line.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from datetime import datetime

from posture_break import ipc
from posture_break.core.clock import SystemClock
from posture_break.core.i18n import N_, _
from posture_break.core.paths import AppPaths
from posture_break.core.quiet import quiet_today
from posture_break.core.settings import printable
from posture_break.core.status import AppStatus

PROG = "posture-break"
SUMMARY = N_("Ask the running tray app what it is doing, and why a prompt waits.")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

#: `cli._hand_to_app`: hands a command and its argument to the app, returns the exit status.
HandToApp = Callable[[str | None, str | None], int]


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


def add_status_command(status: argparse.ArgumentParser) -> None:
    """Give the `status` command its option and handler."""
    status.add_argument("--json", action="store_true", help=_("print the status as JSON"))
    status.set_defaults(handler=_cmd_status)


def _cmd_status(args: argparse.Namespace) -> int:
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


def add_quiet_options(pause: argparse.ArgumentParser, hand_to_app: HandToApp) -> None:
    """Give `pause` its `--from HH:MM --until HH:MM` (a quiet time today) and its handler."""
    pause.add_argument(
        "--from",
        dest="quiet_from",
        metavar="HH:MM",
        help=_("with --until: a quiet time today instead of a pause (a past start means now)"),
    )
    pause.add_argument("--until", dest="quiet_until", metavar="HH:MM", help=_("its end, today"))
    # Called after `pause` got its LENGTH: its default tells "no length given" apart.
    handler = functools.partial(_cmd_pause, hand_to_app, pause.get_default("length"))
    pause.set_defaults(handler=handler)


def _cmd_pause(hand_to_app: HandToApp, no_length: str, args: argparse.Namespace) -> int:
    if args.quiet_from is None and args.quiet_until is None:
        return hand_to_app("pause", args.length)
    if args.length != no_length:
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
