"""The app installs Qt's own translation for the chosen language, and uses ours too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from posture_break.core.i18n import current_language, use_languages
from posture_break.core.paths import AppPaths
from posture_break.ui.qt_language import install_language


def test_setting_german_installs_qt_german(qapp: QApplication) -> None:
    paths = AppPaths.for_user()
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text('[appearance]\nlanguage = "de"\n', encoding="utf-8")
    translator = None
    try:
        language, translator = install_language(qapp, paths)
        assert language == "de"
        assert current_language() in {"de", "en"}  # "en" until po/de.po is compiled
        assert translator is not None
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale.system())
        use_languages(["en"])


def test_english_installs_nothing(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    assert install_language(qapp, AppPaths.for_user()) == ("en", None)
