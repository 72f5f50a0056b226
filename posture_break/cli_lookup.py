"""The look-up commands of the command line: `next`, `stretches` and `paths`.

They read the settings, the catalogue or the paths and print them; they never touch the history
or PySide6. Their grammar is in `cli.build_parser` (the one parser), which imports this module
only when one of them runs.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, tzinfo

from posture_break.cli_shared import EXIT_OK, CommandError, load_user_settings
from posture_break.core.catalogue import CatalogueError
from posture_break.core.clock import SystemClock, local_zone
from posture_break.core.i18n import _, ngettext
from posture_break.core.listing import listing_text
from posture_break.core.paths import AppPaths
from posture_break.core.plan import next_breaks
from posture_break.core.quiet import QuietTimes
from posture_break.core.text import escape_controls


def cmd_next(args: argparse.Namespace) -> int:
    """Carry out `next`: the coming prompt times, as text or JSON."""
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


def cmd_stretches(args: argparse.Namespace) -> int:
    """Carry out `stretches`: the catalogue and the safety red flags, as a table or JSON."""
    try:
        print(listing_text(as_json=args.json), end="")
    except CatalogueError as exc:
        raise CommandError(str(exc)) from None
    return EXIT_OK


def cmd_paths(args: argparse.Namespace) -> int:
    """Carry out `paths`: where the settings and the history are kept."""
    paths = AppPaths.for_user().to_json_dict()
    if args.json:
        print(json.dumps(paths))
    else:
        width = max(len(name) for name in paths)
        for name, value in paths.items():
            print(f"{name:<{width}}  {escape_controls(value)}")
    return EXIT_OK


def _now(zone: tzinfo) -> datetime:
    return SystemClock().now().replace(microsecond=0).astimezone(zone)
