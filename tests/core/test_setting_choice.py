"""Choice settings are read whatever their case, including the values with capitals (zh_CN)."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture_break.core.setting_values import ChoiceKind, InvalidValueError, LanguageChoice
from posture_break.core.settings_file import load_settings


@pytest.mark.parametrize("written", ["zh_CN", "zh_cn", " ZH_CN "])
def test_a_language_with_a_region_is_read(written: str) -> None:
    assert ChoiceKind(LanguageChoice).parse(written) is LanguageChoice.ZH_CN


def test_the_values_are_listed_when_none_matches() -> None:
    with pytest.raises(InvalidValueError, match="auto, en, de, fr, es, pt_BR, ru, zh_CN"):
        ChoiceKind(LanguageChoice).parse("klingon")


def test_the_settings_file_keeps_pt_br(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[appearance]\nlanguage = "pt_BR"\n')
    loaded = load_settings(path)
    assert loaded.warnings == ()
    assert loaded.settings.appearance.language is LanguageChoice.PT_BR
