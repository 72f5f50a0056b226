"""The command line; the tray app is its default command.

`build_parser` is its one grammar. Each command's handler is named by the module it lives in and
imported only when that command runs (`_Handler`), as in pip's command table: the tray app starts
through this module and keeps none of the commands' code, and `posture-break stretch` reaches the
running instance's socket without loading the history, the planner or the catalogue. The history
commands (`stats`, `rest`, `export`, `import`) are in `cli_history.py`, the look-ups (`next`,
`stretches`, `paths`) in `cli_lookup.py`, `status` and `pause --from --until` in
`status_client.py`; the tray app's commands are handed to a running instance over its socket, and
only when nobody answers to `posture_break.ui.launch.start`, the one entry into the UI
(`cli_app.py`). None of them imports PySide6 unless the tray app starts.

Every failure ends as one line on stderr and a non-zero exit status, never a traceback
(set `POSTURE_BREAK_DEBUG=1` to see one).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NoReturn

from posture_break import __version__
from posture_break.cli_app import DEFAULT_PAUSE_TEXT, hand_to_app
from posture_break.cli_argparse import argparse_language
from posture_break.cli_args import (
    MAX_NEXT_COUNT,
    parse_count,
    parse_day,
    parse_moment,
    parse_pause_length,
)
from posture_break.cli_language import start_language
from posture_break.cli_shared import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    CommandError,
    UsageError,
    say_error,
)
from posture_break.core.i18n import N_, _
from posture_break.core.paths import PathsError
from posture_break.core.rest_days import MAX_REST_RANGE_DAYS

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
_STATUS_SUMMARY = N_("Ask the running tray app what it is doing, and why a prompt waits.")


@dataclass(frozen=True, slots=True)
class _Handler:
    """A command's handler, named by where it lives: imported when the command runs."""

    module: str
    function: str

    def resolve(self) -> Callable[[argparse.Namespace], int]:
        """Import the module and return the handler."""
        handler: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(self.module), self.function
        )
        return handler

    def __call__(self, args: argparse.Namespace) -> int:
        """Carry out the command."""
        return self.resolve()(args)


_HISTORY = "posture_break.cli_history"
_LOOKUP = "posture_break.cli_lookup"
_STATUS = "posture_break.status_client"


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
    except (CommandError, PathsError) as exc:  # cli_history turns a HistoryError into one
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
    stats.set_defaults(handler=_Handler(_HISTORY, "cmd_stats"))
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
    plan.set_defaults(handler=_Handler(_LOOKUP, "cmd_next"))

    export = _add_command(commands, "export", _("Write your break history as CSV."))
    export.add_argument("file", nargs="?", metavar="FILE", help=_("write here (default: stdout)"))
    export.set_defaults(handler=_Handler(_HISTORY, "cmd_export"))

    imported = _add_command(commands, "import", _("Add breaks from a CSV file (all rows or none)."))
    imported.add_argument("file", metavar="FILE", help=_("a CSV file as written by export"))
    imported.set_defaults(handler=_Handler(_HISTORY, "cmd_import"))

    listed = _add_command(commands, "stretches", _("List the stretches and the safety red flags."))
    listed.add_argument("--json", action="store_true", help=_("print the catalogue as JSON"))
    listed.set_defaults(handler=_Handler(_LOOKUP, "cmd_stretches"))

    shown = _add_command(commands, "paths", _("Show where the settings and the history are kept."))
    shown.add_argument("--json", action="store_true", help=_("print the paths as JSON"))
    shown.set_defaults(handler=_Handler(_LOOKUP, "cmd_paths"))

    for name in APP_COMMANDS:
        summary = _(_HANDED_OVER).format(summary=_(_APP_SUMMARIES[name]))
        app = _add_command(commands, name, summary)
        if name == "pause":
            _add_pause_arguments(app)
        else:
            app.set_defaults(handler=_app_handler(name))
    status = _add_command(commands, "status", _(_STATUS_SUMMARY))
    status.add_argument("--json", action="store_true", help=_("print the status as JSON"))
    status.set_defaults(handler=_Handler(_STATUS, "cmd_status"))
    return parser


def _add_command(
    commands: argparse._SubParsersAction[_Parser], name: str, summary: str
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=summary, description=summary)
    _add_version(parser)
    return parser


def _add_pause_arguments(pause: argparse.ArgumentParser) -> None:
    pause.add_argument(
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
    pause.add_argument(
        "--from",
        dest="quiet_from",
        metavar="HH:MM",
        help=_("with --until: a quiet time today instead of a pause (a past start means now)"),
    )
    pause.add_argument("--until", dest="quiet_until", metavar="HH:MM", help=_("its end, today"))
    pause.set_defaults(handler=_Handler(_STATUS, "cmd_pause"))  # a LENGTH, or a quiet time


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
        action.set_defaults(handler=_Handler(_HISTORY, "cmd_rest_change"), adding=name == "add")
    shown = _add_command(actions, "list", _("Show the rest days, oldest first."))
    shown.add_argument("--json", action="store_true", help=_("print the days as JSON"))
    shown.set_defaults(handler=_Handler(_HISTORY, "cmd_rest_list"))


def _add_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=_("show the version number and exit"),
    )


# --- Commands for the tray app. ----------------------------------------------------------------


def _app_handler(command: str | None) -> Callable[[argparse.Namespace], int]:
    def handle(args: argparse.Namespace) -> int:
        return hand_to_app(command, None)  # `pause`, the one with an argument, is cmd_pause

    return handle


# --- Shared helpers. ------------------------------------------------------------------------------


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
