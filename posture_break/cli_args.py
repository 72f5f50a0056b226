"""The command line's argument types: each turns one argument into a value or says why not.

An `argparse.ArgumentTypeError` carries the message argparse shows.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime

from posture_break.core.i18n import _

MAX_NEXT_COUNT = 1000


def parse_day(text: str) -> date:
    """Return the day of a strict YYYY-MM-DD argument."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise argparse.ArgumentTypeError(
            _("{text} is not a date like 2026-11-24").format(text=repr(text))
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a real date").format(text=repr(text))
        ) from None


def parse_moment(text: str) -> datetime:
    """Return the time of an ISO-8601 argument (naive when it has no offset)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not an ISO-8601 time like 2026-11-24T09:00+01:00").format(text=repr(text))
        ) from None


def parse_count(text: str) -> int:
    """Return a whole number of prompts from 1 to `MAX_NEXT_COUNT`."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a whole number").format(text=repr(text))
        ) from None
    if not 1 <= count <= MAX_NEXT_COUNT:
        raise argparse.ArgumentTypeError(
            _("{count} is not between 1 and {most}").format(count=count, most=MAX_NEXT_COUNT)
        )
    return count


def parse_pause_length(text: str) -> str:
    """Check a pause length against the one grammar (`core.pause`); hand it on as written."""
    # Imported here: `core.pause` brings the planner and the settings' schedule, which every
    # other command (`stretch` above all, which must reach the app fast) would load for nothing.
    from posture_break.core.pause import PauseError, parse_pause

    try:
        parse_pause(text)
    except PauseError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return " ".join(text.lower().split())
