"""The command line; the tray app is its default command.

File commands (`stats`, `next`, `export`, `import`, `paths`) never import PySide6. Commands for
the tray app are checked here, handed to a running instance over its socket (`posture_break.ipc`),
and only when nobody answers passed to `posture_break.ui.launch.start`, the one entry into the UI.

Every failure ends as one line on stderr and a non-zero exit status, never a traceback
(set `POSTURE_BREAK_DEBUG=1` to see one).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, tzinfo
from io import StringIO
from pathlib import Path
from typing import NoReturn, TextIO

from posture_break import __version__, ipc
from posture_break.cli_files import LAST_AS_OF, CommandError, export_target, import_csv
from posture_break.core import history as history_module
from posture_break.core.clock import SystemClock, local_zone, zone_problem
from posture_break.core.csvio import write_csv
from posture_break.core.history import BreakHistory, HistoryError
from posture_break.core.paths import AppPaths, PathsError, write_private_atomically
from posture_break.core.pause import PauseError, parse_pause
from posture_break.core.plan import next_breaks, work_day_numbers
from posture_break.core.record import BreakRecord
from posture_break.core.settings import Settings
from posture_break.core.settings_file import load_settings
from posture_break.core.stats import StatsReport, StatsService, build_stats
from posture_break.core.text import escape_controls, plural

PROG = "posture-break"
DEFAULT_PAUSE_TEXT = "30m"
APP_COMMANDS = ("stretch", "pause", "resume", "skip", "review", "settings", "quit")
DEFAULT_NEXT_COUNT = 5
MAX_NEXT_COUNT = 1000

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

_HANDED_OVER = " (Hands over to the running tray app.)"
_APP_SUMMARIES = {
    "stretch": "Start a stretch now.",
    "pause": "Pause prompts for a while (default 30 minutes).",
    "resume": "Resume prompts after a pause.",
    "skip": "Skip the next prompt.",
    "review": "Open the weekly review.",
    "settings": "Open the settings.",
    "quit": "Quit the running tray app.",
}


class _UsageError(Exception):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports mistakes in one line, not usage text and exit(2)."""

    def error(self, message: str) -> NoReturn:
        """Raise instead of printing the usage and exiting."""
        raise _UsageError(f"{self.prog}: error: {message} (see --help)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except _UsageError as exc:
        _say_error(str(exc), prefix=False)
        return EXIT_USAGE
    except (CommandError, HistoryError, PathsError) as exc:
        _say_error(str(exc))
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
        _say_error(_describe_unexpected(exc))
        return EXIT_FAILED


def _run(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help and --version print, then exit(0)
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


def build_parser() -> argparse.ArgumentParser:
    """Return the one parser of the whole command line."""
    parser = _Parser(
        prog=PROG,
        description="Short mid-back posture snacks from the system tray. "
        "With no command, starts the tray app.",
    )
    _add_version(parser)
    parser.set_defaults(handler=_app_handler(None))
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    stats = _add_command(
        commands, "stats", "Show your streak and this week against the daily goal."
    )
    stats.add_argument("--json", action="store_true", help="print the numbers as JSON")
    stats.add_argument(
        "--as-of",
        type=_parse_day,
        metavar="YYYY-MM-DD",
        help="report as of this day (default: today); later records are ignored",
    )
    stats.set_defaults(handler=_cmd_stats)

    plan = _add_command(
        commands, "next", "Show the next prompt times, assuming each break is taken on time."
    )
    plan.add_argument("--json", action="store_true", help="print the times as JSON")
    plan.add_argument(
        "--from",
        dest="start",
        type=_parse_moment,
        metavar="ISO-8601",
        help="plan from this time (default: now); without an offset it is local time",
    )
    plan.add_argument(
        "--count",
        type=_parse_count,
        default=DEFAULT_NEXT_COUNT,
        metavar="N",
        help=f"how many prompts (default {DEFAULT_NEXT_COUNT}, at most {MAX_NEXT_COUNT})",
    )
    plan.set_defaults(handler=_cmd_next)

    export = _add_command(commands, "export", "Write your break history as CSV.")
    export.add_argument("file", nargs="?", metavar="FILE", help="write here (default: stdout)")
    export.set_defaults(handler=_cmd_export)

    imported = _add_command(commands, "import", "Add breaks from a CSV file (all rows or none).")
    imported.add_argument("file", metavar="FILE", help="a CSV file as written by export")
    imported.set_defaults(handler=_cmd_import)

    shown = _add_command(commands, "paths", "Show where the settings and the history are kept.")
    shown.add_argument("--json", action="store_true", help="print the paths as JSON")
    shown.set_defaults(handler=_cmd_paths)

    for name in APP_COMMANDS:
        app = _add_command(commands, name, _APP_SUMMARIES[name] + _HANDED_OVER)
        if name == "pause":
            app.add_argument(
                "length",
                nargs="?",
                default=DEFAULT_PAUSE_TEXT,
                type=_parse_pause_length,
                metavar="LENGTH",
                help="how long: 30m (the default), 1h, 2h, 45min, 45 min, ... up to 24h; "
                "tomorrow: until the next working window",
            )
        app.set_defaults(handler=_app_handler(name))
    return parser


def _add_command(
    commands: argparse._SubParsersAction[_Parser], name: str, summary: str
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=summary, description=summary)
    _add_version(parser)
    return parser


def _add_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")


# --- Argument types: `ArgumentTypeError` carries the message argparse shows. --------------------


def _parse_day(text: str) -> date:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date") from None


def _parse_moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO-8601 time like 2026-11-24T09:00+01:00"
        ) from None


def _parse_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= count <= MAX_NEXT_COUNT:
        raise argparse.ArgumentTypeError(f"{count} is not between 1 and {MAX_NEXT_COUNT}")
    return count


def _parse_pause_length(text: str) -> str:
    """Check a pause length against the one grammar (`core.pause`); hand it on as written."""
    try:
        parse_pause(text)
    except PauseError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return " ".join(text.lower().split())


# --- File commands. -------------------------------------------------------------------------------


def _cmd_stats(args: argparse.Namespace) -> int:
    paths = AppPaths.for_user()
    settings = _load_settings(paths)
    as_of: date = args.as_of or SystemClock().now().date()
    report = _stats_report(paths, settings, as_of)
    if args.json:
        print(json.dumps(report.to_json_dict()))
    else:
        print(stats_text(report, fancy=_can_print("█░✓·")))
    return EXIT_OK


def _stats_report(paths: AppPaths, settings: Settings, as_of: date) -> StatsReport:
    goal, work_days = settings.goal.daily, work_day_numbers(settings.schedule)
    try:
        history = _read_history(paths)
        if history is None:
            # No history yet: no database is created just to read nothing.
            return build_stats({}, 0, goal, work_days, as_of)
        with history:
            return StatsService(history, goal, work_days).report(as_of)
    except OverflowError:
        raise CommandError(
            f"--as-of {as_of.isoformat()}: its week reaches past the last day the calendar "
            f"holds (9999-12-31); use a day up to {LAST_AS_OF.isoformat()}"
        ) from None


def stats_text(report: StatsReport, *, fancy: bool) -> str:
    """Return the plain-text `stats` report; `fancy` draws bars with block characters."""
    full, empty, tick, none = ("█", "░", "✓", "·") if fancy else ("#", "-", "*", ".")
    goal = report.daily_goal
    lines = [
        f"Streak: {plural(report.current_streak, 'day')} (best: {report.best_streak})",
        f"Week of {report.week.start:%a %d %b %Y} (goal: {goal} a day)",
    ]
    width = min(goal, 10)
    for day in report.week.days:
        label = f"  {day.day:%a %d %b}"
        if day.is_future:
            lines.append(label)
            continue
        filled = round(min(day.completed, goal) / goal * width)
        bar = full * filled + empty * (width - filled)
        mark = tick if day.goal_met else (" " if day.is_work_day else none)
        today = "  (today)" if day.day == report.as_of else ""
        lines.append(f"{label}  {bar} {day.completed:>3} {mark}{today}".rstrip())
    week = report.week
    lines.append(
        f"This week: {week.completed} completed, goal met on {plural(week.goal_days_met, 'day')}. "
        f"All time: {report.total_completed} completed."
    )
    return "\n".join(lines)


def _cmd_next(args: argparse.Namespace) -> int:
    paths = AppPaths.for_user()
    settings = _load_settings(paths)
    zone = local_zone()
    start: datetime = args.start if args.start is not None else _now(zone)
    if start.utcoffset() is None:
        start = start.replace(tzinfo=zone)
    try:
        times = next_breaks(settings.schedule, start, args.count, zone)
    except OverflowError:
        raise CommandError(
            f"--from {start.isoformat(timespec='minutes')}: planning from there runs past the "
            "calendar's limits (the years 1 to 9999)"
        ) from None
    if not times:
        raise CommandError(
            f"no prompt fits: every working window is shorter than "
            f"{settings.schedule.interval_minutes} minutes (see [schedule] in {paths.config_file})"
        )
    if args.json:
        print(json.dumps({"breaks": [t.isoformat(timespec="seconds") for t in times]}))
    else:
        for when in times:
            offset = when.isoformat(timespec="minutes")[16:]
            print(f"{when:%a %Y-%m-%d %H:%M} {offset}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    paths = AppPaths.for_user()
    # Everything is read before the target is touched: an unreadable history never replaces a
    # good export with an empty one.
    history = _read_history(paths)
    records: list[BreakRecord] = []
    if history is not None:
        with history:
            records = history.records()
    target = export_target(args.file)
    if target is None:
        write_csv(records, sys.stdout)
        sys.stdout.flush()
        return EXIT_OK
    shown = escape_controls(str(target.path))
    try:
        if target.atomic:
            write_private_atomically(target.path, _csv_text(records).encode("utf-8"))
        else:
            with target.path.open("w", encoding="utf-8", newline="") as stream:
                write_csv(records, stream)
    except OSError as exc:
        raise CommandError(f"{shown}: cannot be written ({_reason(exc)})") from None
    return EXIT_OK


def _csv_text(records: list[BreakRecord]) -> str:
    stream = StringIO(newline="")
    write_csv(records, stream)
    return stream.getvalue()


def _cmd_import(args: argparse.Namespace) -> int:
    if args.file == "-":
        shown = "stdin"
        source: TextIO = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="")
    else:
        shown = escape_controls(args.file)
        try:
            source = Path(args.file).open(encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"{shown}: cannot be read ({_reason(exc)})") from None
    with source:
        added, present = import_csv(source, shown, AppPaths.for_user().database, _open_history)
    print(
        f"Imported {plural(added, 'break')} from {shown}"
        + (f" ({present} already present)." if present else ".")
    )
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
                "PySide6 is missing, so the tray app cannot start (reinstall posture-break)"
            ) from None
        raise
    return start(command, argument, paths)


# --- Shared helpers. ------------------------------------------------------------------------------


def _load_settings(paths: AppPaths) -> Settings:
    problem = zone_problem()
    if problem is not None:
        _say_warning(problem)
    loaded = load_settings(paths.config_file)
    for warning in loaded.warnings:
        _say_warning(warning)
    return loaded.settings


def _read_history(paths: AppPaths) -> BreakHistory | None:
    """Open the history for reading only: never created, set aside or replaced; None if absent.

    Raises:
        CommandError: The file cannot be read; the message says why, in one line.
    """
    try:
        return history_module.open_history_to_read(paths.database)
    except HistoryError as exc:
        raise CommandError(str(exc)) from None


def _open_history(database: Path, *, to_write: bool = False) -> BreakHistory:
    """Open the history, telling the user (on stderr) about any problem with the file.

    With `to_write`, a history that is read-only or only in memory (the file could not be used
    and nothing was moved aside to start afresh) is refused: writes there would be lost.
    """
    opened = history_module.open_history(database, SystemClock())
    if opened.problem and to_write and opened.moved_aside is None:
        opened.history.close()
        raise CommandError(f"nothing imported: {opened.problem}")
    if opened.problem:
        _say_warning(opened.problem)
    return opened.history


def _now(zone: tzinfo) -> datetime:
    return SystemClock().now().replace(microsecond=0).astimezone(zone)


def _can_print(text: str) -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _describe_unexpected(exc: Exception) -> str:
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{_reason(exc)}"
    return f"unexpected error ({type(exc).__name__}: {exc}); run with POSTURE_BREAK_DEBUG=1"


def _say_error(message: str, *, prefix: bool = True) -> None:
    line = _one_line(message)
    print(f"{PROG}: error: {line}" if prefix else line, file=sys.stderr)


def _say_warning(message: str) -> None:
    print(f"{PROG}: warning: {_one_line(message)}", file=sys.stderr)


def _say_plain(message: str) -> None:
    print(_one_line(message), file=sys.stderr)


def _one_line(message: str) -> str:
    """Return `message` as one line with any control characters (from quoted input) escaped."""
    return escape_controls(" ".join(message.split()))


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
