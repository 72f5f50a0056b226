"""Dates as the review shows them, in the user's language: names and order from `QLocale()`.

The app's start-up sets the default `QLocale` for the chosen language (`QLocale.setDefault`),
so weekday and month names come from Qt's locale data, never from `strftime`. The order of day,
month and year is a translatable Qt date pattern: a translator writes `M月d日 dddd` where English
has `dddd d MMMM`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

from posture_break.core.i18n import _


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def long_date(day: date) -> str:
    """Return e.g. "Monday 17 November" (no year: the figures span a few weeks)."""
    # Translators: a Qt date pattern (QDate::toString): dddd weekday, d day, MMMM month name.
    # Reorder freely; put literal text in single quotes. Shown as "Monday 17 November".
    return QLocale().toString(_qdate(day), _("dddd d MMMM"))


def day_month(day: date) -> str:
    """Return e.g. "17 November" (the day and the month, no weekday)."""
    # Translators: a Qt date pattern (QDate::toString): d day, MMMM month name.
    # Shown as "17 November"; also the first day of a week that spans two months.
    return QLocale().toString(_qdate(day), _("d MMMM"))


def short_date(day: date) -> str:
    """Return e.g. "17 Nov", under a bar of the week chart."""
    # Translators: a Qt date pattern (QDate::toString): d day, MMM short month name.
    # Shown as "17 Nov" under a narrow bar: keep it short.
    return QLocale().toString(_qdate(day), _("d MMM"))


def short_day_name(weekday: int) -> str:
    """Return the short name of `weekday` (0 Monday .. 6 Sunday), e.g. "Mon"."""
    return QLocale().dayName(weekday + 1, QLocale.FormatType.ShortFormat)


def short_month_name(month: int) -> str:
    """Return the short stand-alone name of `month` (1 January .. 12 December), e.g. "Nov"."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat)


def week_range(monday: date, sunday: date) -> str:
    """Return e.g. "17 - 23 November 2026", spanning months and years as needed."""
    locale = QLocale()
    if monday.year != sunday.year:
        # Translators: Qt date pattern for both ends of a week that spans two years,
        # e.g. "29 December 2025 - 4 January 2026".
        start = end = _("d MMMM yyyy")
    elif monday.month != sunday.month:
        # Translators: Qt date pattern for the first day of a week that spans two months,
        # e.g. "27 October" in "27 October - 2 November 2026".
        start = _("d MMMM")
        end = _("d MMMM yyyy")
    else:
        # Translators: Qt date pattern for the first day of a week within one month,
        # e.g. "17" in "17 - 23 November 2026".
        start = _("d")
        end = _("d MMMM yyyy")
    # Translators: a range of days, e.g. "17 - 23 November 2026".
    return _("{start} – {end}").format(  # noqa: RUF001 - an en dash, as typeset
        start=locale.toString(_qdate(monday), start), end=locale.toString(_qdate(sunday), end)
    )
