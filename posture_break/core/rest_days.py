"""Rest days: days off (holiday, sick day) that neither add to nor break a streak.

The days themselves live in the history (`BreakHistory.rest_days`); this module holds the one
rule for a range the user marks or unmarks at once.
"""

from __future__ import annotations

from datetime import date, timedelta

from posture_break.core.i18n import _

MAX_REST_RANGE_DAYS = 366  # a year, leap day included: more is almost surely a typo


def rest_range(first: date, until: date | None = None) -> list[date]:
    """Return the days from `first` to `until` inclusive (just `first` without `until`).

    Raises:
        ValueError: `until` is before `first`, or the range holds more than
            `MAX_REST_RANGE_DAYS` days; the message says which, in words.
    """
    last = first if until is None else until
    if last < first:
        raise ValueError(_("--until {last} is before {first}").format(last=last, first=first))
    count = (last - first).days + 1
    if count > MAX_REST_RANGE_DAYS:
        raise ValueError(
            _(
                "{first} to {last} is {count} days; at most {most} days can be marked or "
                "unmarked at once"
            ).format(first=first, last=last, count=count, most=MAX_REST_RANGE_DAYS)
        )
    return [first + timedelta(days=offset) for offset in range(count)]
