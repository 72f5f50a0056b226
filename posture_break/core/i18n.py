"""The app's own text in the user's language: one gettext domain for the CLI, core and windows.

Every string a person reads is written in English in the code (or in `resources/*.toml`) and
wrapped in `_()` (or `ngettext()` when it holds a count, `N_()` when it is defined before the
language is known). `pybabel extract` collects them into `po/posture-break.pot`; translators
fill in `po/<language>.po`; the compiled catalogues live in `resources/locale/`. The command line
and the app both call `use_languages` once at start, before any text is built.

Stretch ids, settings keys, CSV and `--json` output never pass through here: history and files
do not depend on wording.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence

DOMAIN = "posture-break"

_translations: gettext.NullTranslations = gettext.NullTranslations()


def use_languages(languages: Sequence[str], localedir: str | None) -> None:
    """Translate from now on into the first of `languages` we ship (English when none is).

    Args:
        languages: Language codes in order of preference, e.g. ``["de_DE", "en"]``.
        localedir: The folder holding ``<language>/LC_MESSAGES/posture-break.mo``.
    """
    global _translations  # gettext's own model: one active catalogue per process
    _translations = gettext.translation(
        DOMAIN, localedir=localedir, languages=list(languages), fallback=True
    )


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


def use_translations(translations: gettext.NullTranslations) -> gettext.NullTranslations:
    """Translate from now on with `translations`; return the catalogue it replaces.

    For a catalogue that is not a shipped `.mo` file: the tests' pseudo-locale, which makes
    every message longer to show what a layout cuts off. Pass the returned one back to undo.
    """
    global _translations  # the one active catalogue, as in `use_languages`
    previous, _translations = _translations, translations
    return previous
