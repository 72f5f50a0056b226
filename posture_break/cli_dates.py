"""Dates in the command line's readable output, in the user's language (Babel's CLDR data).

`--json` and CSV keep ISO 8601. Only the commands that print dates import this module: the tray
app starts through `cli.main` too, and the app formats its dates with QLocale, never Babel.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, format_skeleton

from posture_break.core.i18n import SOURCE_LANGUAGE, current_language


def weekday_short(day: date) -> str:
    """Return the short weekday name of `day` in the current language ("Mon", "lun.", "周一")."""
    return format_date(day, "EEE", locale=current_language())


def day_label(day: date) -> str:
    """Return a day in a week's list: "Mon 03 Nov" in English, the locale's own short form else."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return format_date(day, "EEE dd MMM", locale=language)
    return format_skeleton("MMMEd", day, locale=language)


def week_label(day: date) -> str:
    """Return the first day of a week with its year: "Mon 03 Nov 2025" in English."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return format_date(day, "EEE dd MMM yyyy", locale=language)
    return format_skeleton("yMMMEd", day, locale=language)
