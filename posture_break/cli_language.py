"""The command line's language: the settings file's choice, else the system's (no Qt here).

The app picks its language the same way in `ui/composition.py`, with QLocale's list on Windows
and macOS; the command line never loads Qt, so there it asks Python's `locale` module.
"""

from __future__ import annotations

import locale
import os
import sys
from collections.abc import Mapping

from posture_break.core.i18n import choose_language, system_languages, use_languages
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
