"""The first-run question "where will you stretch?" and the filters its answers set."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posture_break.core.catalogue import load_catalogue
from posture_break.core.picker import matches_filters
from posture_break.core.settings import Settings, StretchFilterSettings
from posture_break.core.settings_file import load_settings
from posture_break.core.stretch import Position
from posture_break.ui.where_dialog import WhereDialog, ask_where_you_stretch


def test_without_an_answer_the_defaults_are_desk_only_and_nothing_brought_along(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WhereDialog, "exec", lambda self: WhereDialog.DialogCode.Rejected)
    config = tmp_path / "settings.toml"
    assert ask_where_you_stretch(Settings(), config) is None
    assert not config.exists()
    filters = Settings().stretches
    offered = [s for s in load_catalogue() if matches_filters(s, filters)]
    assert offered
    assert all(s.position is not Position.FLOOR for s in offered)
    assert all(not any(item.is_brought for item in s.equipment) for s in offered)


def test_the_dialog_starts_from_the_defaults(qtbot: QtBot) -> None:
    dialog = WhereDialog(StretchFilterSettings())
    qtbot.addWidget(dialog)
    assert dialog.desk_only.isChecked()
    assert not dialog.kit.isChecked()
    assert not dialog.bones.isChecked()
    assert dialog.filters() == StretchFilterSettings()


def test_floor_kit_and_bone_density_answers_are_saved_as_filters(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(dialog: WhereDialog) -> int:
        dialog.floor_too.setChecked(True)
        dialog.kit.setChecked(True)
        dialog.bones.setChecked(True)
        return WhereDialog.DialogCode.Accepted

    monkeypatch.setattr(WhereDialog, "exec", answer)
    config = tmp_path / "settings.toml"
    chosen = ask_where_you_stretch(Settings(), config)
    assert chosen is not None
    expected = StretchFilterSettings(
        desk_only=False, allow_floor=True, allow_equipment=True, bone_friendly_only=True
    )
    assert chosen.stretches == expected
    assert load_settings(config).settings.stretches == expected
    offered = [s for s in load_catalogue() if matches_filters(s, chosen.stretches)]
    assert any(s.position is Position.FLOOR for s in offered)
    assert all(s.bone_friendly for s in offered)
