"""The command line; the tray app is its default command.

File commands (`stats`, `next`, `export`, `import`, `paths`) never import PySide6 and import what
they need inside their own function, so `posture-break stats --json` costs little more than
starting Python. Commands for the tray app are checked here and handed to `posture_break.ui.launch`.

Every failure ends as one line on stderr and a non-zero exit status, never a traceback
(set `POSTURE_BREAK_DEBUG=1` to see one).
"""

from __future__ import annotations

import os
import sys

from posture_break import __version__

# `typing` costs milliseconds to import, and `stats` should cost little more than Python itself
# (so should `pathlib`, `json`, `enum` and `dataclasses`: `stats` imports none of them).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from datetime import date, datetime, tzinfo
    from pathlib import Path
    from typing import Any, NoReturn

    from posture_break.core.daycounts import DayCounts
    from posture_break.core.history import BreakHistory
    from posture_break.core.paths import AppPaths
    from posture_break.core.settings import Settings
    from posture_break.core.stats import StatsReport

PROG = "posture-break"
PAUSE_LENGTHS = ("30m", "1h", "2h", "tomorrow")
APP_COMMANDS = ("stretch", "pause", "resume", "skip", "review", "settings", "quit")
DEFAULT_NEXT_COUNT = 5
MAX_NEXT_COUNT = 1000

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CommandError(Exception):
    """A failure the user can act on; its message is the one line printed."""


class _UsageError(Exception):
    """The command line itself is wrong."""


class _BadValueError(ValueError):
    """An option's value is not what it takes; the message says why."""


class _Args:
    """Parsed arguments, as the quick path makes them (argparse makes a `Namespace` alike)."""

    handler: Callable[[Any], int]

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


def _parser_class() -> type[argparse.ArgumentParser]:
    # argparse is imported only when needed: with gettext and locale it costs more than the
    # stats query, so the plain invocations of `stats`, `next` and `paths` skip it.
    import argparse

    class _Parser(argparse.ArgumentParser):
        """An argument parser that reports mistakes in one line, not usage text and exit(2)."""

        def error(self, message: str) -> NoReturn:
            """Raise instead of printing the usage and exiting."""
            raise _UsageError(f"{self.prog}: error: {message} (see --help)")

    return _Parser


def _typed(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """Wrap a value parser so argparse shows its message instead of a generic one."""

    def convert(text: str) -> Any:
        try:
            return parse(text)
        except _BadValueError as exc:
            import argparse

            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Run as the program (`argv` None), a plain `stats` that succeeded ends the process itself
    once its output is flushed (see `_end_now`); called with a list, it always returns.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    if argv is None and words[:1] == ["stats"]:
        # Run as the program, `stats` makes few reference cycles and ends soon: the garbage
        # collections its imports would set off cost it over a millisecond.
        import gc

        gc.disable()
    try:
        return _run(words, as_program=argv is None)
    except _UsageError as exc:
        _say_error(str(exc), prefix=False)
        return EXIT_USAGE
    except CommandError as exc:
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


def _run(argv: list[str], *, as_program: bool = False) -> int:
    app_command = _quick_app_command(argv) if sys.platform != "win32" else None
    if app_command is not None:
        command, argument = app_command
        handed = _send_quickly(command, argument)
        if handed is not None:
            if as_program:
                _end_now(handed)
            return handed
        # Nobody listens: no instance, a starting one, or a dead one's socket. `ui.launch` decides.
        return _hand_to_app(None if command == "activate" else command, argument)
    quick = _quick_parse(argv)
    if quick is not None:
        quick_handler: Callable[[Any], int] = quick.handler
        status = quick_handler(quick)
        if as_program and quick_handler is _cmd_stats and status == EXIT_OK:
            _end_now(status)
        return status
    # Building one argparse parser per command costs more than the stats query itself, so a
    # known command word builds only its own parser; anything else gets the full one.
    if argv and argv[0] in _COMMANDS:
        parser = _command_parser(argv[0], None)
        rest = argv[1:]
    else:
        parser = _build_parser()
        rest = argv
    try:
        args = parser.parse_args(rest)
    except SystemExit as exc:  # --help and --version print, then exit(0)
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


def _quick_parse(argv: list[str]) -> _Args | None:
    """Parse a plain, valid `stats`, `next` or `paths` command line without argparse.

    Returns None for anything else (help, version, abbreviations, mistakes), which argparse then
    handles, so both paths accept the same lines and only argparse ever reports an error.
    """
    if not argv or argv[0] not in _QUICK_OPTIONS:
        return None
    options = _QUICK_OPTIONS[argv[0]]
    values: dict[str, Any] = {"json": False, "handler": _QUICK_HANDLERS[argv[0]]}
    values.update(_QUICK_DEFAULTS[argv[0]])
    rest = iter(argv[1:])
    for token in rest:
        name, has_value, inline = token.partition("=")
        if name not in options:
            return None
        spec = options[name]
        if spec is None:
            if has_value:
                return None
            values["json"] = True
            continue
        dest, parse = spec
        raw = inline if has_value else next(rest, None)
        if raw is None or (not has_value and raw.startswith("-")):
            return None
        try:
            values[dest] = parse(raw)
        except _BadValueError:
            return None
    return _Args(**values)


def _quick_app_command(argv: list[str]) -> tuple[str, str | None] | None:
    """Parse a plain, valid command for the tray app without argparse, into (command, argument).

    The bare program is `activate`. Returns None for anything else (help, version, extra words,
    a bad pause length), which argparse then handles, so only argparse ever reports an error.
    """
    if not argv:
        return "activate", None
    command, rest = argv[0], argv[1:]
    if command not in APP_COMMANDS:
        return None
    if command != "pause":
        return (command, None) if not rest else None
    if not rest:
        return command, PAUSE_LENGTHS[0]
    if len(rest) > 1 or rest[0].startswith("-"):
        return None
    try:
        return command, _parse_pause(rest[0])
    except _BadValueError:
        return None


def _send_quickly(command: str, argument: str | None) -> int | None:
    """Hand a command to a running instance over its socket, importing next to nothing.

    `posture-break stretch` should show the window soon after Enter: argparse, pathlib and the
    protocol module with its dataclasses and enums cost a slow machine more than the hand-over
    itself. Returns the exit status once the instance answered (or failed to in time), or None
    when nobody listens or the socket's path needs the full rules (then `ui.launch` decides).
    """
    from posture_break.core.locations import xdg_dirs

    found = xdg_dirs()
    if found is None:
        return None
    from posture_break.ui import wire

    name = wire.socket_path(found[3])
    if name is None:
        return None
    reply = wire.send(name, command, argument)
    return None if reply is None else wire.report(*reply, command)


def _build_parser() -> argparse.ArgumentParser:
    parser_class = _parser_class()
    parser = parser_class(
        prog=PROG,
        description="Short mid-back posture snacks from the system tray. "
        "With no command, starts the tray app.",
    )
    _add_version(parser)
    parser.set_defaults(handler=_app_handler(None))
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=parser_class)
    for name in _COMMANDS:
        _command_parser(name, commands)
    return parser


def _command_parser(name: str, commands: Any) -> argparse.ArgumentParser:
    """Return the parser of one command, as a subparser of `commands` or standing alone."""
    summary, configure = _COMMANDS[name]
    if commands is None:
        parser = _parser_class()(prog=f"{PROG} {name}", description=summary)
    else:
        parser = commands.add_parser(name, help=summary, description=summary)
    _add_version(parser)
    configure(parser)
    return parser


def _add_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")


def _configure_stats(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--as-of",
        type=_typed(_parse_day),
        metavar="YYYY-MM-DD",
        help="report as of this day (default: today); later records are ignored",
    )
    parser.set_defaults(handler=_cmd_stats)


def _configure_next(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the times as JSON")
    parser.add_argument(
        "--from",
        dest="start",
        type=_typed(_parse_moment),
        metavar="ISO-8601",
        help="plan from this time (default: now); without an offset it is local time",
    )
    parser.add_argument(
        "--count",
        type=_typed(_parse_count),
        default=DEFAULT_NEXT_COUNT,
        metavar="N",
        help=f"how many prompts (default {DEFAULT_NEXT_COUNT}, at most {MAX_NEXT_COUNT})",
    )
    parser.set_defaults(handler=_cmd_next)


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help="write here (default: stdout)")
    parser.set_defaults(handler=_cmd_export)


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a CSV file as written by export")
    parser.set_defaults(handler=_cmd_import)


def _configure_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the paths as JSON")
    parser.set_defaults(handler=_cmd_paths)


def _configure_app(name: str) -> Callable[[argparse.ArgumentParser], None]:
    def configure(parser: argparse.ArgumentParser) -> None:
        if name == "pause":
            parser.add_argument(
                "length",
                nargs="?",
                default=PAUSE_LENGTHS[0],
                type=_typed(_parse_pause),
                metavar="|".join(PAUSE_LENGTHS),
                help="how long (default 30m; also e.g. 45m or 3h, up to 24h); "
                "tomorrow: until the next working window",
            )
        parser.set_defaults(handler=_app_handler(name))

    return configure


_HANDED_OVER = " (Hands over to the running tray app.)"
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "stats": ("Show your streak and this week against the daily goal.", _configure_stats),
    "next": (
        "Show the next prompt times, assuming each break is taken on time.",
        _configure_next,
    ),
    "export": ("Write your break history as CSV.", _configure_export),
    "import": ("Add breaks from a CSV file (all rows or none).", _configure_import),
    "paths": ("Show where the settings and the history are kept.", _configure_paths),
    "stretch": ("Start a stretch now." + _HANDED_OVER, _configure_app("stretch")),
    "pause": ("Pause prompts for a while." + _HANDED_OVER, _configure_app("pause")),
    "resume": ("Resume prompts after a pause." + _HANDED_OVER, _configure_app("resume")),
    "skip": ("Skip the next prompt." + _HANDED_OVER, _configure_app("skip")),
    "review": ("Open the weekly review." + _HANDED_OVER, _configure_app("review")),
    "settings": ("Open the settings." + _HANDED_OVER, _configure_app("settings")),
    "quit": ("Quit the running tray app." + _HANDED_OVER, _configure_app("quit")),
}


# --- Argument types: `_BadValueError` carries the message argparse shows. -----------------------


def _parse_day(text: str) -> date:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise _BadValueError(f"{text!r} is not a date like 2026-11-24")
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _BadValueError(f"{text!r} is not a real date") from None


def _parse_moment(text: str) -> datetime:
    from datetime import datetime

    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise _BadValueError(
            f"{text!r} is not an ISO-8601 time like 2026-11-24T09:00+01:00"
        ) from None


def _parse_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise _BadValueError(f"{text!r} is not a whole number") from None
    if not 1 <= count <= MAX_NEXT_COUNT:
        raise _BadValueError(f"{count} is not between 1 and {MAX_NEXT_COUNT}")
    return count


def _parse_pause(text: str) -> str:
    # Besides the four named lengths, any whole minutes or hours from 1 minute to 24 hours.
    word = text.strip().lower()
    if word in PAUSE_LENGTHS:
        return word
    number, unit = word[:-1], word[-1:]
    if unit in ("m", "h") and number.isascii() and number.isdigit() and len(number) <= 4:
        minutes = int(number) * (60 if unit == "h" else 1)
        if 1 <= minutes <= 24 * 60:
            return word
    raise _BadValueError(
        f"{text!r} is not one of {', '.join(PAUSE_LENGTHS)} (or minutes/hours like 45m, up to 24h)"
    )


# --- File commands. -------------------------------------------------------------------------------


def _cmd_stats(args: argparse.Namespace) -> int:
    from posture_break.core.locations import user_files
    from posture_break.core.stats import build_stats_from_goal_days

    config_file, database = user_files()
    daily_goal, work_days = _goal_settings(config_file)
    as_of: date = args.as_of or _today()
    goal_days, week_counts, total = _stats_counts(database, daily_goal, as_of)
    report = build_stats_from_goal_days(goal_days, week_counts, total, daily_goal, work_days, as_of)
    if args.json:
        print(_json_text(report.to_json_dict()))
    else:
        print(_stats_text(report, _can_print("█░✓·")))
    return EXIT_OK


def _end_now(status: int) -> None:
    """End the process at once with `status`, skipping the interpreter's clean-up, if it is safe.

    Tearing the interpreter down costs `stats` about 3 ms, a sixth of Python's own start-up,
    and by now its history is closed and its output written: only the flush below remains. If
    anything registered to run at exit (a coverage tool, say), a thread may be running, or the
    flush fails, this returns and the process ends the normal way, as it would have anyway.
    """
    import atexit

    if atexit._ncallbacks() or "threading" in sys.modules:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(status)


def _goal_settings(config_file: str) -> tuple[int, frozenset[int]]:
    """Return the daily goal and the work days (`date.weekday()` numbers) from the settings."""
    try:
        before = os.stat(config_file)
    except FileNotFoundError:
        # No settings file, the usual case: the defaults, without importing the settings module
        # (`load_settings` gives the same defaults, silently, for a missing file).
        from posture_break.core.defaults import DAILY_GOAL, WORK_DAYS

        return DAILY_GOAL, frozenset(WORK_DAYS)
    except OSError:
        before = None  # load_settings says what is wrong
    from posture_break.core import settings_cache

    if before is not None:
        cached = settings_cache.read(config_file, before)
        if cached is not None:
            return cached
    from pathlib import Path

    from posture_break.core.settings import load_settings

    loaded = load_settings(Path(config_file))
    for warning in loaded.warnings:
        _say_warning(warning)
    settings = loaded.settings
    found = settings.goal.daily, frozenset(day.index for day in settings.schedule.work_days)
    if before is not None and not loaded.warnings:
        # Only a file that loaded cleanly, and did not change while it was read, is cached.
        try:
            after = os.stat(config_file)
        except OSError:
            return found
        if _same_file_state(before, after):
            settings_cache.write(config_file, before, *found)
    return found


def _same_file_state(before: os.stat_result, after: os.stat_result) -> bool:
    def state(status: os.stat_result) -> tuple[int, ...]:
        return (
            status.st_dev,
            status.st_ino,
            status.st_size,
            status.st_mtime_ns,
            status.st_ctime_ns,
        )

    return state(before) == state(after)


def _stats_counts(
    database: str, daily_goal: int, as_of: date
) -> tuple[list[int], dict[date, DayCounts], int]:
    """Return the goal days (ordinals), `as_of`'s week's counts and the completed total to it.

    Nothing if there is no history yet: no database is created just to read nothing.
    """
    from posture_break.core.locations import exists
    from posture_break.core.stats import week_start

    if not exists(database):
        return [], {}, 0
    with _open_history(database) as history:
        goal_days, total = history.goal_days_and_total(daily_goal, as_of)
        return goal_days, history.day_counts(week_start(as_of), as_of), total


def _json_text(value: object) -> str:
    """Return `json.dumps(value)` exactly, without importing json for the plain shapes of `stats`.

    `json` imports `re`, which together cost `stats` more than its query. Dicts with string keys,
    lists, bools, ints and strings of printable ASCII without quotes or backslashes are written
    here, exactly as json.dumps writes them; anything else (escapes, floats, None...) goes to
    json.dumps itself, so the result is always the same.
    """
    # Exact types only (`type(x) is`): a bool is an int, and subclasses may encode otherwise.
    exact = type(value)
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int) and exact is int:
        return int.__repr__(value)  # what json.dumps writes
    if isinstance(value, str) and exact is str:
        if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
            return f'"{value}"'
    elif isinstance(value, list) and exact is list:
        return "[" + ", ".join(_json_text(item) for item in value) + "]"
    elif isinstance(value, dict) and exact is dict and all(type(key) is str for key in value):
        inner = ", ".join(f"{_json_text(key)}: {_json_text(item)}" for key, item in value.items())
        return "{" + inner + "}"
    import json

    return json.dumps(value)


def _stats_text(report: StatsReport, fancy: bool) -> str:
    full, empty, tick, none = ("█", "░", "✓", "·") if fancy else ("#", "-", "*", ".")
    goal = report.daily_goal
    days = "day" if report.current_streak == 1 else "days"
    lines = [
        f"Streak: {report.current_streak} {days} (best: {report.best_streak})",
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
    met = "day" if week.goal_days_met == 1 else "days"
    lines.append(
        f"This week: {week.completed} completed, goal met on {week.goal_days_met} {met}. "
        f"All time: {report.total_completed} completed."
    )
    return "\n".join(lines)


def _cmd_next(args: argparse.Namespace) -> int:
    from posture_break.core.plan import next_breaks

    paths = _user_paths()
    settings = _load_settings(paths)
    zone = _local_zone()
    start: datetime = args.start if args.start is not None else _now(zone)
    if start.utcoffset() is None:
        start = start.replace(tzinfo=zone)
    times = next_breaks(settings.schedule, start, args.count, zone)
    if not times:
        raise CommandError(
            f"no prompt fits: every working window is shorter than "
            f"{settings.schedule.interval_minutes} minutes (see [schedule] in {paths.config_file})"
        )
    if args.json:
        import json

        print(json.dumps({"breaks": [t.isoformat(timespec="seconds") for t in times]}))
    else:
        for when in times:
            offset = when.isoformat(timespec="minutes")[16:]
            print(f"{when:%a %Y-%m-%d %H:%M} {offset}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from posture_break.core.csvio import write_csv

    paths = _user_paths()
    records = []
    if paths.database.exists():
        with _open_history(paths.database) as history:
            records = history.records()
    if args.file is None or args.file == "-":
        write_csv(records, sys.stdout)
        sys.stdout.flush()
        return EXIT_OK
    target = Path(args.file)
    _write_private_text(target, lambda stream: write_csv(records, stream))
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from posture_break.core.csvio import parse_csv

    source = Path(args.file)
    try:
        with source.open(encoding="utf-8", newline="") as stream:
            parsed = parse_csv(stream)
    except UnicodeDecodeError as exc:
        raise CommandError(f"{source}: not UTF-8 text (bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise CommandError(f"{source}: cannot be read ({_reason(exc)})") from None
    if parsed.errors:
        for error in parsed.errors:
            print(f"{source}: {error}", file=sys.stderr)
        count = len(parsed.errors)
        raise CommandError(
            f"{source}: nothing imported, {count} problem{'s' if count != 1 else ''} found"
        )
    from posture_break.core.history import HistoryError

    paths = _user_paths()
    with _open_history(paths.database, to_write=True) as history:
        try:
            added = history.record_many(parsed.records)
        except HistoryError as exc:
            raise CommandError(f"nothing imported: {exc}") from None
    present = len(parsed.records) - added
    print(
        f"Imported {added} break{'s' if added != 1 else ''} from {source}"
        + (f" ({present} already present)." if present else ".")
    )
    return EXIT_OK


def _cmd_paths(args: argparse.Namespace) -> int:
    paths = _user_paths().to_json_dict()
    if args.json:
        import json

        print(json.dumps(paths))
    else:
        width = max(len(name) for name in paths)
        for name, value in paths.items():
            print(f"{name:<{width}}  {value}")
    return EXIT_OK


# --- Commands for the tray app. ----------------------------------------------------------------


def _app_handler(command: str | None) -> Callable[[argparse.Namespace], int]:
    def handle(args: argparse.Namespace) -> int:
        argument: str | None = getattr(args, "length", None)
        return _hand_to_app(command, argument)

    return handle


def _hand_to_app(command: str | None, argument: str | None) -> int:
    paths = _user_paths()
    try:
        from posture_break.ui import launch
    except ModuleNotFoundError as exc:
        if exc.name == "posture_break.ui.launch":
            if command is None:
                print(f"{PROG}: the tray app is not built yet", file=sys.stderr)
                return EXIT_OK
            raise CommandError(f"cannot {command}: the tray app is not built yet") from None
        if exc.name is not None and exc.name.split(".")[0] in {"PySide6", "shiboken6"}:
            raise CommandError(
                "PySide6 is missing, so the tray app cannot start (reinstall posture-break)"
            ) from None
        raise
    status: int = launch.run(command, argument, paths)
    return status


# --- Shared helpers. ------------------------------------------------------------------------------


def _user_paths() -> AppPaths:
    from posture_break.core.paths import AppPaths

    return AppPaths.for_user()


def _load_settings(paths: AppPaths) -> Settings:
    from posture_break.core.settings import load_settings

    loaded = load_settings(paths.config_file)
    for warning in loaded.warnings:
        _say_warning(warning)
    return loaded.settings


def _open_history(database: str | Path, *, to_write: bool = False) -> BreakHistory:
    """Open the history, telling the user (on stderr) about any problem with the file.

    With `to_write`, a history that is read-only or only in memory (the file could not be used
    and nothing was moved aside to start afresh) is refused: writes there would be lost.
    """
    from posture_break.core.clock import SystemClock
    from posture_break.core.history import open_history

    opened = open_history(database, SystemClock())
    if opened.problem and to_write and opened.moved_aside is None:
        opened.history.close()
        raise CommandError(f"nothing imported: {opened.problem}")
    if opened.problem:
        _say_warning(opened.problem)
    return opened.history


def _local_zone() -> tzinfo:
    from posture_break.core.clock import local_zone

    return local_zone()


def _today() -> date:
    from posture_break.core.clock import local_today

    return local_today()


def _now(zone: tzinfo | None) -> datetime:
    from posture_break.core.clock import SystemClock

    now = SystemClock().now().replace(microsecond=0)
    return now if zone is None else now.astimezone(zone)


def _write_private_text(target: Path, write: Callable[[Any], object]) -> None:
    """Write a text file as 0600 through a temp file beside it, replacing it only when complete."""
    import tempfile

    directory = target.parent if str(target.parent) else Path()
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except OSError as exc:
        raise CommandError(f"{target}: cannot be written ({_reason(exc)})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


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
    line = " ".join(message.split())
    print(f"{PROG}: error: {line}" if prefix else line, file=sys.stderr)


def _say_warning(message: str) -> None:
    print(f"{PROG}: warning: {' '.join(message.split())}", file=sys.stderr)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# The quick path (see `_quick_parse`): per command, option -> None for a flag, or (dest, parser).
_QUICK_OPTIONS: dict[str, dict[str, tuple[str, Callable[[str], Any]] | None]] = {
    "stats": {"--json": None, "--as-of": ("as_of", _parse_day)},
    "next": {
        "--json": None,
        "--from": ("start", _parse_moment),
        "--count": ("count", _parse_count),
    },
    "paths": {"--json": None},
}
_QUICK_DEFAULTS: dict[str, dict[str, Any]] = {
    "stats": {"as_of": None},
    "next": {"start": None, "count": DEFAULT_NEXT_COUNT},
    "paths": {},
}

_QUICK_HANDLERS: dict[str, Callable[[Any], int]] = {
    "stats": _cmd_stats,
    "next": _cmd_next,
    "paths": _cmd_paths,
}


if __name__ == "__main__":
    sys.exit(main())
