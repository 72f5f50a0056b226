"""Choosing the language: the environment as gettext reads it, QLocale's tags, the setting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from posture_break.core.i18n import (
    _,
    and_list,
    choose_language,
    current_language,
    pick_language,
    system_languages,
    use_languages,
)


def test_language_wins_over_lang_and_is_a_list() -> None:
    environ = {"LANGUAGE": "pt_BR:fr", "LC_ALL": "", "LANG": "de_DE.UTF-8"}
    assert system_languages(environ) == ["pt_BR", "fr"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LC_ALL": "ru_RU.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "de_DE"}, ["ru_RU.UTF-8"]),
        ({"LC_MESSAGES": "fr_FR", "LANG": "de_DE"}, ["fr_FR"]),
        ({"LANG": "de_DE.UTF-8"}, ["de_DE.UTF-8"]),
        ({"LANGUAGE": "", "LANG": "es_ES.UTF-8"}, ["es_ES.UTF-8"]),
        ({}, []),
    ],
)
def test_the_first_variable_set_wins(environ: dict[str, str], expected: list[str]) -> None:
    assert system_languages(environ) == expected


@pytest.mark.parametrize(
    ("preferences", "expected"),
    [
        (["de_DE.UTF-8"], "de"),
        (["de_AT"], "de"),
        (["fr_CA.UTF-8@euro"], "fr"),
        (["pt_BR.UTF-8"], "pt_BR"),
        (["pt-PT"], "pt_BR"),
        (["zh_CN.UTF-8"], "zh_CN"),
        (["zh-Hans-CN"], "zh_CN"),  # QLocale.uiLanguages() on macOS
        (["zh_TW"], "en"),  # traditional characters: not what we ship
        (["zh-Hant-HK", "ru-RU"], "ru"),
        (["ga_IE", "es_MX"], "es"),
        (["en_GB", "de_DE"], "en"),  # English first means English
        (["C"], "en"),
        (["POSIX"], "en"),
        (["C.UTF-8"], "en"),
        ([], "en"),
        (["ja_JP"], "en"),
    ],
)
def test_pick_language(preferences: list[str], expected: str) -> None:
    assert pick_language(preferences) == expected


def test_the_setting_overrides_the_system() -> None:
    assert choose_language("auto", ["fr_FR.UTF-8"]) == "fr"
    assert choose_language("de", ["fr_FR.UTF-8"]) == "de"
    assert choose_language("en", ["fr_FR.UTF-8"]) == "en"
    assert choose_language("zh_CN", []) == "zh_CN"


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    yield
    use_languages(["en"])


def test_a_missing_catalogue_means_english(tmp_path: Path, english_afterwards: None) -> None:
    use_languages(["de"], tmp_path)
    assert current_language() == "en"
    assert _("Stretch now") == "Stretch now"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a", "b", "c", "d"], "a, b, c and d"),
    ],
)
def test_and_list(items: list[str], expected: str) -> None:
    assert and_list(items) == expected
