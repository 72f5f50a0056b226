"""The app's own text in the user's language: one gettext domain for the CLI, core and windows.

Every string a person reads is written in English in the code (or in `resources/*.toml`) and
wrapped in `_()` (or `ngettext()` when it holds a count, `N_()` when it is defined before the
language is known). `python -m tools.i18n extract` collects them into `po/posture-break.pot`;
translators fill in `po/<language>.po`; the compiled catalogues live in `resources/locale/`. The
command line and the app both call `use_languages` once at start, before any text is built.

The language is `[appearance] language` in the settings file, or with "auto" the system's:
`system_languages` reads LANGUAGE, LC_ALL, LC_MESSAGES and LANG as gettext does; the app on
Windows and macOS passes QLocale's UI languages instead. `pick_language` maps that list of
preferences to one language we ship (or English).

Stretch ids, settings keys, CSV and `--json` output never pass through here: history and files
do not depend on wording.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from pathlib import Path

from posture_break.core.resources import resource_path

DOMAIN = "posture-break"
SOURCE_LANGUAGE = "en"
# The translations we ship, as gettext names them (po/<name>.po, resources/locale/<name>/).
SHIPPED_LANGUAGES = ("de", "fr", "es", "pt_BR", "ru", "zh_CN")
# The environment variables gettext reads, in its order: the first one set wins.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# Locales that mean "no translation" (the POSIX default).
_UNTRANSLATED = frozenset({"C", "POSIX"})

# How much longer than the English limits (a stretch title's 40 characters...) a translated
# text may run: the layout tests render every window with a pseudo-locale 40% longer than
# English, so text up to that length is known to fit.
TRANSLATION_HEADROOM = 1.4

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def system_languages(environ: Mapping[str, str]) -> list[str]:
    """Return the preferred languages in `environ`, as gettext reads them.

    The first of LANGUAGE (a colon-separated list), LC_ALL, LC_MESSAGES and LANG that is set and
    not empty gives the list, e.g. ``{"LANG": "fr_FR.UTF-8"}`` -> ``["fr_FR.UTF-8"]``.
    """
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return [part for part in value.split(":") if part]
    return []


def pick_language(preferences: Sequence[str]) -> str:
    """Return the first shipped language in `preferences`, or English when none is.

    Takes POSIX locales (``de_DE.UTF-8``, ``sr_RS@latin``) and BCP 47 tags as QLocale gives
    them (``pt-BR``, ``zh-Hans-CN``). English, C or POSIX before any shipped language means
    English: a person who put English first wants it.
    """
    for preference in preferences:
        language = _shipped_match(preference)
        if language is not None:
            return language
    return SOURCE_LANGUAGE


def _shipped_match(preference: str) -> str | None:
    tag = preference.split(".")[0].split("@")[0].replace("-", "_")
    if not tag or tag in _UNTRANSLATED:
        return SOURCE_LANGUAGE if tag else None
    parts = tag.split("_")
    base = parts[0].lower()
    if base == SOURCE_LANGUAGE:
        return SOURCE_LANGUAGE
    if base == "zh":
        # Simplified Chinese only: Hant, Taiwan, Hong Kong and Macau read traditional characters.
        rest = {part.upper() for part in parts[1:]}
        return None if rest & {"HANT", "TW", "HK", "MO"} else "zh_CN"
    if base == "pt":
        return "pt_BR"  # the one Portuguese we ship; closer for a Portuguese reader than English
    return base if base in SHIPPED_LANGUAGES else None


def choose_language(setting: str, system: Sequence[str]) -> str:
    """Return the language to use for the `[appearance] language` `setting`.

    Args:
        setting: "auto" or a language code from the settings file.
        system: The system's preferred languages (`system_languages`, or QLocale's).
    """
    return pick_language(system) if setting == "auto" else pick_language([setting])


def locale_dir() -> Path | None:
    """Return the folder of the compiled catalogues, or None when none are shipped."""
    try:
        return resource_path("locale")
    except FileNotFoundError:
        return None


def use_languages(languages: Sequence[str], localedir: Path | str | None = None) -> None:
    """Translate from now on into the first of `languages` we have a catalogue for.

    English (no translation) when none is found: a missing catalogue is never an error.

    Args:
        languages: Language codes in order of preference, e.g. ``["de"]``.
        localedir: The folder holding ``<language>/LC_MESSAGES/posture-break.mo``; the shipped
            ``resources/locale`` when None.
    """
    global _translations, _language  # gettext's own model: one active catalogue per process
    folder = localedir if localedir is not None else locale_dir()
    found = gettext.find(DOMAIN, folder, list(languages)) if folder is not None else None
    if found is None:
        _translations, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
        return
    with open(found, "rb") as handle:
        _translations = gettext.GNUTranslations(handle)
    # <localedir>/<language>/LC_MESSAGES/posture-break.mo
    _language = Path(found).parent.parent.name


def length_allowance() -> float:
    """Return the factor on English length limits for text in the current language."""
    return 1.0 if _language == SOURCE_LANGUAGE else TRANSLATION_HEADROOM


def current_language() -> str:
    """Return the language text is translated into now ("en" when it is not translated)."""
    return _language


def and_list(items: Sequence[str]) -> str:
    """Return "a", "a and b", "a, b and c" in the user's language."""
    if not items:
        return ""
    joined = items[-1]
    if len(items) > 1:
        # Translators: the last two items of a list ("you are typing and it is a quiet time")
        joined = _("{first} and {last}").format(first=items[-2], last=joined)
    for item in reversed(items[:-2]):
        # Translators: an item of a list before the rest of it ("a, b and c")
        joined = _("{item}, {rest}").format(item=item, rest=joined)
    return joined


def comma_list(items: Sequence[str]) -> str:
    """Return "a", "a, b", "a, b, c" in the user's language: a list with no "and" in it."""
    if not items:
        return ""
    joined = items[-1]
    for item in reversed(items[:-1]):
        # Translators: an item of a plain list before the rest of it, e.g. the notes of a
        # stretch in `posture-break stretches` ("each side, not bone-friendly")
        joined = pgettext("plain list", "{item}, {rest}").format(item=item, rest=joined)
    return joined


def _(message: str) -> str:
    """Return `message` in the user's language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the form of a counted message that fits `count` in the user's language."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Return `message` translated in `context` (when one English word has two meanings)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name, known to pybabel
    """Mark `message` for extraction only: it is translated with `_()` where it is shown."""
    return message
