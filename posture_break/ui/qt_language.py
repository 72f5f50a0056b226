"""The app's language: ours through gettext (`core/i18n.py`), Qt's own through `qtbase_*.qm`.

The command line has already chosen from the environment before it started the app; here the
app chooses again with the same rule, but asks QLocale for the system's languages when the
environment names none (Windows and macOS set no LANG for a desktop app), and installs Qt's own
translation (the standard dialog buttons, the context menu of a text field) for that language.
"""

from __future__ import annotations

import os
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from posture_break.core.i18n import (
    SOURCE_LANGUAGE,
    choose_language,
    system_languages,
    use_languages,
)
from posture_break.core.paths import AppPaths
from posture_break.core.settings_file import load_settings


def install_language(qapp: QCoreApplication, paths: AppPaths) -> tuple[str, QTranslator | None]:
    """Choose the language from the settings and the system, use it in our text and Qt's.

    Returns:
        The language chosen ("en" when none of the shipped ones fits), and Qt's translator
        installed for it (None for English, or when Qt has no translation for it).
    """
    setting = str(load_settings(paths.config_file).settings.appearance.language)
    system = system_languages(os.environ) or list(QLocale.system().uiLanguages())
    language = choose_language(setting, system)
    use_languages([language])
    if setting != "auto":
        # Dates and numbers in the review follow the language the person chose.
        QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return language, None
    translator = QTranslator(qapp)
    for folder in _qt_translation_dirs():
        if translator.load(f"qtbase_{language}", str(folder)):
            qapp.installTranslator(translator)
            return language, translator
    return language, None


def _qt_translation_dirs() -> list[Path]:
    """Return where Qt's `.qm` files may be: Qt's own answer, then PySide6's folder (bundle)."""
    return [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        Path(PySide6.__file__).resolve().parent / "Qt" / "translations",
    ]
