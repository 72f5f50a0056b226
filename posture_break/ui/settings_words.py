"""The words the settings form shows for each choice, marked for translation.

They are module constants, built before the language is known: marked with `N_()` here and
translated with `_()` where the form shows them. Language names are never translated: each is
written in its own language, so a person finds theirs whatever the app speaks now.
"""

from __future__ import annotations

from posture_break.core.i18n import N_, _
from posture_break.core.settings import LanguageChoice, Level, MotionChoice, PromptStyle

LEVEL_WORDS = {
    # Translators: the most demanding stretch level to offer (Gentle, Moderate, Active).
    Level.GENTLE: N_("Gentle"),
    Level.MODERATE: N_("Moderate"),
    Level.ACTIVE: N_("Active"),
}
MOTION_WORDS = {
    # Translators: screen movement: follow the desktop's reduced-motion setting.
    MotionChoice.AUTO: N_("As the desktop says"),
    MotionChoice.REDUCED: N_("Reduced: still figure"),
    # Translators: screen movement: the figure moves fully.
    MotionChoice.FULL: N_("Full"),
}
PROMPT_STYLE_WORDS = {
    PromptStyle.AUTO: N_("Automatic (a notification on Wayland)"),
    PromptStyle.PANEL: N_("A small panel by the tray"),
    PromptStyle.NOTIFICATION: N_("A desktop notification"),
}
DAY_TIPS = (
    # Translators: the tooltip of a work-day button in the settings.
    N_("Prompts on Mondays"),
    N_("Prompts on Tuesdays"),
    N_("Prompts on Wednesdays"),
    N_("Prompts on Thursdays"),
    N_("Prompts on Fridays"),
    N_("Prompts on Saturdays"),
    N_("Prompts on Sundays"),
)
LANGUAGE_NAMES = {
    # Translators: the language choice that follows the system's language.
    LanguageChoice.AUTO: N_("Automatic (system language)"),
    # Each language in its own words, never translated (see the module's docstring).
    LanguageChoice.DE: "Deutsch",
    LanguageChoice.EN: "English",
    LanguageChoice.ES: "Español",
    LanguageChoice.FR: "Français",
    LanguageChoice.PT_BR: "Português (Brasil)",
    LanguageChoice.RU: "Русский",
    LanguageChoice.ZH_CN: "简体中文",
}


def language_choices() -> tuple[tuple[str, LanguageChoice], ...]:
    """Return each language choice with its words: only "Automatic" is translated."""
    return tuple(
        (_(words) if language is LanguageChoice.AUTO else words, language)
        for language, words in LANGUAGE_NAMES.items()
    )
