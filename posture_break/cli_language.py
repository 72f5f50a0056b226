"""The command line's language and dates: the settings file's choice, else the system's (no Qt).

The app picks its language the same way in `ui/composition.py`, with QLocale's list on Windows
and macOS; the command line never loads Qt, so there it asks Python's `locale` module.
"""

from __future__ import annotations

import locale
import os
import sys
from collections.abc import Mapping
from datetime import date

from babel.dates import format_date, format_skeleton

from posture_break.core.i18n import (
    SOURCE_LANGUAGE,
    choose_language,
    current_language,
    system_languages,
    use_languages,
)
from posture_break.core.paths import AppPaths, PathsError
from posture_break.core.settings_file import load_settings

# A terminal started from the desktop on Windows or macOS rarely has LANG.
_GUI_SETS_NO_LANG = sys.platform in {"win32", "darwin"}


def start_language(environ: Mapping[str, str] | None = None) -> str:
    """Choose the language from the settings file and the system, use it, and return it.

    Runs before any text is built. A settings file that cannot be read counts as "auto" here;
    the command that reads it later reports the problem (in the chosen language).
    """
    environ = os.environ if environ is None else environ
    try:
        setting = str(load_settings(AppPaths.for_user().config_file).settings.appearance.language)
    except (PathsError, OSError):
        setting = "auto"
    language = choose_language(setting, _system_preferences(environ))
    use_languages([language])
    return language


def _system_preferences(environ: Mapping[str, str]) -> list[str]:
    preferences = system_languages(environ)
    if preferences or not _GUI_SETS_NO_LANG:
        return preferences
    # Ask the C library for the user's default locale instead.
    # On Windows, getlocale() names the user's locale ("de_DE") once setlocale has read it.
    try:
        locale.setlocale(locale.LC_CTYPE, "")
    except locale.Error:
        return []
    name = locale.getlocale(locale.LC_CTYPE)[0]
    return [name] if name else []


# --- Dates in the readable output (Babel's CLDR data; `--json` and CSV stay ISO 8601). ---------


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
