"""The history commands of the command line: `stats`, `rest`, `export` and `import`.

They read or change the break history and the rest days on disk, never importing PySide6; their
grammar is in `cli.build_parser` (the one parser), their file side in `cli_files.py`. `cli.py`
imports this module only when one of them runs, so a failing history ends here as a
`CommandError` (`cli.main` prints it in one line) rather than as a `HistoryError`, whose module
(and sqlite3) the other commands never load.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from datetime import date

from posture_break.cli_files import (
    LAST_AS_OF,
    export_csv,
    import_csv,
    open_import_source,
    read_history,
)
from posture_break.cli_shared import (
    EXIT_OK,
    PROG,
    CommandError,
    UsageError,
    load_user_settings,
    open_user_history,
)
from posture_break.core.clock import SystemClock
from posture_break.core.history import HistoryError
from posture_break.core.i18n import _, ngettext
from posture_break.core.paths import AppPaths
from posture_break.core.plan import work_day_numbers
from posture_break.core.rest_days import rest_range
from posture_break.core.settings import Settings
from posture_break.core.stats import StatsReport, StatsService, build_stats
from posture_break.core.stats_text import FANCY_GLYPHS, stats_text

_Command = Callable[[argparse.Namespace], int]


def _history_failure_in_one_line(command: _Command) -> _Command:
    """Let `command` end on an unreadable or unwritable history as on any other failure."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except HistoryError as exc:
            raise CommandError(str(exc)) from None

    return run


@_history_failure_in_one_line
def cmd_stats(args: argparse.Namespace) -> int:
    """Carry out `stats`: the streak and this week, as text or JSON."""
    paths = AppPaths.for_user()
    settings = load_user_settings(paths)
    today = SystemClock().now().date()
    as_of: date = args.as_of or today
    report = _stats_report(paths, settings, as_of)
    if args.json:
        print(json.dumps(report.to_json_dict()))
    else:
        fancy = _can_print("".join(FANCY_GLYPHS))
        from posture_break.cli_dates import day_label, week_label  # not in the app: see there

        text = stats_text(
            report,
            fancy=fancy,
            freezes=settings.goal.freezes,
            today=today,
            day_label=day_label,
            week_label=week_label,
        )
        print(text)
    return EXIT_OK


def _stats_report(paths: AppPaths, settings: Settings, as_of: date) -> StatsReport:
    goal, work_days = settings.goal, work_day_numbers(settings.schedule)
    try:
        history = read_history(paths.database)
        if history is None:
            # No history yet: no database is created just to read nothing.
            return build_stats({}, 0, goal.daily, work_days, as_of, freezes=goal.freezes)
        with history:
            return StatsService(history, goal.daily, work_days, freezes=goal.freezes).report(as_of)
    except OverflowError:
        raise CommandError(
            _(
                "--as-of {day}: its week reaches past the last day the calendar holds "
                "(9999-12-31); use a day up to {last}"
            ).format(day=as_of.isoformat(), last=LAST_AS_OF.isoformat())
        ) from None


@_history_failure_in_one_line
def cmd_rest_change(args: argparse.Namespace) -> int:
    """Carry out `rest add` and `rest remove` for one day or a range."""
    try:
        days = rest_range(args.first, args.until)
    except ValueError as exc:
        raise UsageError(
            _("{prog}: error: {message} (see --help)").format(prog=f"{PROG} rest", message=exc)
        ) from None
    paths = AppPaths.for_user()
    if not args.adding and not paths.database.exists():
        print(_rest_change_sentence(adding=False, changed=0, unchanged=0))  # none ever marked
        return EXIT_OK
    with open_user_history(paths.database, refuse=_("nothing changed: {reason}")) as history:
        try:
            change = history.add_rest_days if args.adding else history.remove_rest_days
            changed = change(days)
        except HistoryError as exc:
            raise CommandError(_("nothing changed: {reason}").format(reason=exc)) from None
    print(_rest_change_sentence(adding=args.adding, changed=changed, unchanged=len(days) - changed))
    return EXIT_OK


def _rest_change_sentence(*, adding: bool, changed: int, unchanged: int) -> str:
    """Return e.g. "2 rest days added (1 was already a rest day)."."""
    if adding:
        done = ngettext("{count} rest day added", "{count} rest days added", changed)
        kept = ngettext(
            "{count} was already a rest day", "{count} were already rest days", unchanged
        )
    else:
        done = ngettext("{count} rest day removed", "{count} rest days removed", changed)
        kept = ngettext("{count} was not a rest day", "{count} were not rest days", unchanged)
    done, kept = done.format(count=changed), kept.format(count=unchanged)
    if not unchanged:
        # Translators: {change} is e.g. "2 rest days added"
        return _("{change}.").format(change=done)
    # Translators: {change} is e.g. "2 rest days added", {note} "1 was already a rest day"
    return _("{change} ({note}).").format(change=done, note=kept)


@_history_failure_in_one_line
def cmd_rest_list(args: argparse.Namespace) -> int:
    """Carry out `rest list`: the rest days, oldest first."""
    paths = AppPaths.for_user()
    days: tuple[date, ...] = ()
    history = read_history(paths.database)
    if history is not None:
        with history:
            days = history.rest_days()
    if args.json:
        print(json.dumps({"rest_days": [day.isoformat() for day in days]}))
    elif not days:
        print(_("No rest days."))
    else:
        from posture_break.cli_dates import weekday_short  # not in the app: see there

        for day in days:
            print(f"{weekday_short(day)} {day.isoformat()}")
    return EXIT_OK


@_history_failure_in_one_line
def cmd_export(args: argparse.Namespace) -> int:
    """Carry out `export`: the history as CSV to a file or stdout."""
    export_csv(args.file, AppPaths.for_user().database)
    return EXIT_OK


@_history_failure_in_one_line
def cmd_import(args: argparse.Namespace) -> int:
    """Carry out `import`: breaks (and rest days) from a CSV file, all rows or none."""
    source, shown = open_import_source(args.file)
    with source:
        done = import_csv(source, shown, AppPaths.for_user().database, open_user_history)
    print(
        _import_sentence(done.added, shown, done.present, done.rested if done.rest_days else None)
    )
    return EXIT_OK


def _import_sentence(added: int, source: str, present: int, rested: int | None) -> str:
    """Return e.g. "Imported 4 breaks from f.csv (1 already present) and 2 new rest days."."""
    breaks = ngettext(
        "Imported {count} break from {source}", "Imported {count} breaks from {source}", added
    ).format(count=added, source=source)
    if present:
        # Translators: {imported} is e.g. "Imported 4 breaks from f.csv"
        breaks = ngettext(
            "{imported} ({count} already present)", "{imported} ({count} already present)", present
        ).format(imported=breaks, count=present)
    if rested is None:
        # Translators: {imported} is e.g. "Imported 4 breaks from f.csv"
        return _("{imported}.").format(imported=breaks)
    days = ngettext("{count} new rest day", "{count} new rest days", rested).format(count=rested)
    # Translators: {imported} is e.g. "Imported 4 breaks from f.csv", {days} "2 new rest days"
    return _("{imported} and {days}.").format(imported=breaks, days=days)


def _can_print(text: str) -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
