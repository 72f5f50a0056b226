"""A settings path that is not a regular file: refused with a warning, never opened blocking."""

from __future__ import annotations

import os
from pathlib import Path

from posture_break.core.settings import Settings
from posture_break.core.settings_file import load_settings


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    os.mkfifo(path)
    loaded = load_settings(path)  # no writer ever comes: a blocking open() would hang here
    assert loaded.settings == Settings()
    assert loaded.warnings == (
        f"{path}: is a FIFO (named pipe), not a regular file; it was not read; "
        "using the default for every setting",
    )


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    device = load_settings(Path("/dev/zero"))  # reading it would never end
    assert "a character device" in device.warnings[0]
    folder = load_settings(tmp_path)
    assert "a folder" in folder.warnings[0]


def test_a_dangling_symlink_warns_with_file_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.symlink_to(tmp_path / "dotfiles" / "settings.toml")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.warnings == (
        f"{path}: is a symbolic link to {tmp_path / 'dotfiles' / 'settings.toml'}, which does "
        "not exist; using the default for every setting",
    )


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.toml"
    target.write_text("[goal]\ndaily = 6\n")
    path = tmp_path / "settings.toml"
    path.symlink_to(target)
    loaded = load_settings(path)
    assert loaded.warnings == ()
    assert loaded.settings.goal.daily == 6


def test_a_missing_file_is_silent_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.toml").warnings == ()


def test_control_characters_in_the_path_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "evil\x1b[2J"
    folder.mkdir()
    path = folder / "settings.toml"
    path.write_text("[goal]\ndaily = 0\n")
    warning = load_settings(path).warnings[0]
    assert "\x1b" not in warning
    assert "evil\\x1b[2J" in warning
