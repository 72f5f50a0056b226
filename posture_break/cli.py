"""The command line; the tray app is its default command.

File commands (`stats`, `rest`, `next`, `export`, `import`, `paths`, `stretches`) never import
PySide6; the history ones (`stats`, `rest`, `export`, `import`) are carried out in
`cli_history.py`, with the helpers every command shares in `cli_shared.py`. Commands for the
tray app are checked here, handed to a running instance over its socket (`posture_break.ipc`),
and only when nobody answers passed to `posture_break.ui.launch.start`, the one entry into the UI.

Every failure ends as one line on stderr and a non-zero exit status, never a traceback
(set `POSTURE_BREAK_DEBUG=1` to see one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import NoReturn

from posture_break import __version__, ipc, status_client
from posture_break.cli_argparse import argparse_language
from posture_break.cli_args import (
    MAX_NEXT_COUNT,
    parse_count,
    parse_day,
    parse_moment,
    parse_pause_length,
)
from posture_break.cli_files import CommandError
from posture_break.cli_history import (
    cmd_export,
    cmd_import,
    cmd_rest_change,
    cmd_rest_list,
    cmd_stats,
)
from posture_break.cli_language import start_language
from posture_break.cli_shared import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    UsageError,
    load_user_settings,
    say_error,
)
from posture_break.core.catalogue import CatalogueError
from posture_break.core.clock import SystemClock, local_zone
from posture_break.core.history import HistoryError
from posture_break.core.i18n import N_, _, ngettext
from posture_break.core.listing import listing_text
from posture_break.core.paths import AppPaths, PathsError
from posture_break.core.plan import next_breaks
from posture_break.core.quiet import QuietTimes
from posture_break.core.rest_days import MAX_REST_RANGE_DAYS
from posture_break.core.text import escape_controls

DEFAULT_PAUSE_TEXT = "30m"
APP_COMMANDS = ("stretch", "pause", "resume", "skip", "review", "settings", "quit")
DEFAULT_NEXT_COUNT = 5

# Translators: the help of a command the running tray app carries out
_HANDED_OVER = N_("{summary} (Hands over to the running tray app.)")
_APP_SUMMARIES = {
    "stretch": N_("Start a stretch now."),
    "pause": N_("Pause prompts for a while (default 30 minutes)."),
    "resume": N_("Resume prompts after a pause."),
    "skip": N_("Skip the next prompt."),
    "review": N_("Open the weekly review."),
    "settings": N_("Open the settings."),
    "quit": N_("Quit the running tray app."),
}


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports mistakes in one line, not usage text and exit(2)."""

    def error(self, message: str) -> NoReturn:
        """Raise instead of printing the usage and exiting."""
        # Translators: {message} comes from Python's argparse (its texts are in this catalogue)
        raise UsageError(
            _("{prog}: error: {message} (see --help)").format(prog=self.prog, message=message)
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    language = start_language()  # before any text is built: the help, the errors, the output
    try:
        return _run(list(sys.argv[1:] if argv is None else argv), language)
    except UsageError as exc:
        say_error(str(exc), prefix=False)
        return EXIT_USAGE
    except (CommandError, HistoryError, PathsError) as exc:
        say_error(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`posture-break export | head`): stop quietly, and keep Python
        # from complaining again when it flushes stdout at exit.
        _silence_stdout()
        return EXIT_FAILED
    except Exception as exc:
        if os.environ.get("POSTURE_BREAK_DEBUG"):
            raise
        say_error(_describe_unexpected(exc))
        return EXIT_FAILED


def _run(argv: list[str], language: str) -> int:
    try:
        with argparse_language(language):  # argparse's "usage:" and errors too
            args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help and --version print, then exit(0)
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


def build_parser() -> argparse.ArgumentParser:
    """Return the one parser of the whole command line."""
    parser = _Parser(
        prog=PROG,
        description=_(
            "Short mid-back posture snacks from the system tray. "
            "With no command, starts the tray app."
        ),
    )
    _add_version(parser)
    parser.set_defaults(handler=_app_handler(None))
    commands = parser.add_subparsers(
        # Translators: the heading of the list of commands in --help
        title=_("commands"),
        metavar="COMMAND",
        parser_class=_Parser,
    )

    stats = _add_command(
        commands, "stats", _("Show your streak and this week against the daily goal.")
    )
    stats.add_argument("--json", action="store_true", help=_("print the numbers as JSON"))
    stats.add_argument(
        "--as-of",
        type=parse_day,
        metavar="YYYY-MM-DD",
        help=_("report as of this day (default: today); later records are ignored"),
    )
    stats.set_defaults(handler=cmd_stats)
    _add_rest_commands(commands)

    plan = _add_command(
        commands, "next", _("Show the next prompt times, assuming each break is taken on time.")
    )
    plan.add_argument("--json", action="store_true", help=_("print the times as JSON"))
    plan.add_argument(
        "--from",
        dest="start",
        type=parse_moment,
        metavar="ISO-8601",
        help=_("plan from this time (default: now); without an offset it is local time"),
    )
    plan.add_argument(
        "--count",
        type=parse_count,
        default=DEFAULT_NEXT_COUNT,
        metavar="N",
        help=_("how many prompts (default {default}, at most {most})").format(
            default=DEFAULT_NEXT_COUNT, most=MAX_NEXT_COUNT
        ),
    )
    plan.set_defaults(handler=_cmd_next)

    export = _add_command(commands, "export", _("Write your break history as CSV."))
    export.add_argument("file", nargs="?", metavar="FILE", help=_("write here (default: stdout)"))
    export.set_defaults(handler=cmd_export)

    imported = _add_command(commands, "import", _("Add breaks from a CSV file (all rows or none)."))
    imported.add_argument("file", metavar="FILE", help=_("a CSV file as written by export"))
    imported.set_defaults(handler=cmd_import)

    listed = _add_command(commands, "stretches", _("List the stretches and the safety red flags."))
    listed.add_argument("--json", action="store_true", help=_("print the catalogue as JSON"))
    listed.set_defaults(handler=_cmd_stretches)

    shown = _add_command(commands, "paths", _("Show where the settings and the history are kept."))
    shown.add_argument("--json", action="store_true", help=_("print the paths as JSON"))
    shown.set_defaults(handler=_cmd_paths)

    for name in APP_COMMANDS:
        summary = _(_HANDED_OVER).format(summary=_(_APP_SUMMARIES[name]))
        app = _add_command(commands, name, summary)
        if name == "pause":
            app.add_argument(
                "length",
                nargs="?",
                default=DEFAULT_PAUSE_TEXT,
                type=parse_pause_length,
                metavar="LENGTH",
                # Translators: 30m, 1h, 45min and tomorrow are typed as they are here
                help=_(
                    "how long: 30m (the default), 1h, 2h, 45min, 45 min, ... up to 24h; "
                    "tomorrow: until the next working window"
                ),
            )
        app.set_defaults(handler=_app_handler(name))
        if name == "pause":
            status_client.add_quiet_options(app, _hand_to_app)  # pause --from --until
    status_client.add_status_command(_add_command(commands, "status", _(status_client.SUMMARY)))
    return parser


def _add_command(
    commands: argparse._SubParsersAction[_Parser], name: str, summary: str
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=summary, description=summary)
    _add_version(parser)
    return parser


def _add_rest_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    rest = _add_command(
        commands,
        "rest",
        _("Mark days off (holiday, sick day): they neither add nor break a streak."),
    )
    actions = rest.add_subparsers(
        # Translators: the heading of the list of `rest` actions in --help
        title=_("actions"),
        metavar="ACTION",
        parser_class=_Parser,
        required=True,
    )
    for name, summary in (
        ("add", _("Mark DATE (to --until, inclusive) as rest days.")),
        ("remove", _("Unmark DATE (to --until, inclusive) as rest days.")),
    ):
        action = _add_command(actions, name, summary)
        action.add_argument("first", type=parse_day, metavar="DATE", help="YYYY-MM-DD")
        action.add_argument(
            "--until",
            type=parse_day,
            metavar="DATE",
            help=_("the last day, inclusive (at most {count} days in all)").format(
                count=MAX_REST_RANGE_DAYS
            ),
        )
        action.set_defaults(handler=cmd_rest_change, adding=name == "add")
    shown = _add_command(actions, "list", _("Show the rest days, oldest first."))
    shown.add_argument("--json", action="store_true", help=_("print the days as JSON"))
    shown.set_defaults(handler=cmd_rest_list)


def _add_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=_("show the version number and exit"),
    )


# --- File commands. -------------------------------------------------------------------------------


def _cmd_next(args: argparse.Namespace) -> int:
    paths = AppPaths.for_user()
    settings = load_user_settings(paths)
    zone = local_zone()
    start: datetime = args.start if args.start is not None else _now(zone)
    if start.utcoffset() is None:
        start = start.replace(tzinfo=zone)
    quiet = QuietTimes.parse(settings.quiet.times)  # validated when the settings were read
    try:
        times = next_breaks(settings.schedule, start, args.count, zone, quiet)
    except OverflowError:
        raise CommandError(
            _(
                "--from {moment}: planning from there runs past the calendar's limits "
                "(the years 1 to 9999)"
            ).format(moment=start.isoformat(timespec="minutes"))
        ) from None
    if not times:
        minutes = settings.schedule.interval_minutes
        raise CommandError(
            ngettext(
                "no prompt fits: every working window is shorter than {count} minute "
                "(see [schedule] in {file})",
                "no prompt fits: every working window is shorter than {count} minutes "
                "(see [schedule] in {file})",
                minutes,
            ).format(count=minutes, file=paths.config_file)
        )
    if args.json:
        print(json.dumps({"breaks": [t.isoformat(timespec="seconds") for t in times]}))
    else:
        from posture_break.cli_dates import weekday_short  # not in the app: see there

        for when in times:
            offset = when.isoformat(timespec="minutes")[16:]
            print(f"{weekday_short(when.date())} {when:%Y-%m-%d %H:%M} {offset}")
    return EXIT_OK


def _cmd_stretches(args: argparse.Namespace) -> int:
    try:
        print(listing_text(as_json=args.json), end="")
    except CatalogueError as exc:
        raise CommandError(str(exc)) from None
    return EXIT_OK


def _cmd_paths(args: argparse.Namespace) -> int:
    paths = AppPaths.for_user().to_json_dict()
    if args.json:
        print(json.dumps(paths))
    else:
        width = max(len(name) for name in paths)
        for name, value in paths.items():
            print(f"{name:<{width}}  {escape_controls(value)}")
    return EXIT_OK


# --- Commands for the tray app. ----------------------------------------------------------------


def _app_handler(command: str | None) -> Callable[[argparse.Namespace], int]:
    def handle(args: argparse.Namespace) -> int:
        argument: str | None = getattr(args, "length", None)
        return _hand_to_app(command, argument)

    return handle


def _hand_to_app(command: str | None, argument: str | None) -> int:
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


# --- Shared helpers. ------------------------------------------------------------------------------


def _now(zone: tzinfo) -> datetime:
    return SystemClock().now().replace(microsecond=0).astimezone(zone)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _describe_unexpected(exc: Exception) -> str:
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{_reason(exc)}"
    return _("unexpected error ({kind}: {error}); run with POSTURE_BREAK_DEBUG=1").format(
        kind=type(exc).__name__, error=exc
    )


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
