from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture_break.core.paths import (
    AppPaths,
    ensure_private_dir,
    touch_private_file,
    user_config_home,
    write_private_atomically,
)

ODD_NAME = "My Stuff/Ünïcödé 日本 ✓"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_for_user_follows_xdg_dirs_with_the_app_name() -> None:
    paths = AppPaths.for_user()
    assert paths.data_dir == Path(os.environ["XDG_DATA_HOME"]) / "posture-break"
    assert paths.config_dir == Path(os.environ["XDG_CONFIG_HOME"]) / "posture-break"
    assert paths.config_file == paths.config_dir / "settings.toml"
    assert paths.database == paths.data_dir / "history.sqlite3"
    assert paths.runtime_dir == Path(os.environ["XDG_RUNTIME_DIR"]) / "posture-break"
    assert Path(os.environ["XDG_STATE_HOME"]) in paths.log_dir.parents


def test_for_user_creates_nothing() -> None:
    paths = AppPaths.for_user()
    assert not paths.data_dir.exists()
    assert not paths.config_dir.exists()


def test_missing_runtime_dir_falls_back_without_a_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An XDG_RUNTIME_DIR that does not exist makes platformdirs warn; warnings are errors here.
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "gone"))
    paths = AppPaths.for_user()
    assert paths.runtime_dir.is_absolute()
    assert paths.runtime_dir.name in {"posture-break", "runtime"}


def test_json_dict_has_the_four_documented_keys_as_strings() -> None:
    paths = AppPaths.for_user()
    shown = json.loads(json.dumps(paths.to_json_dict()))
    assert shown == {
        "config_file": str(paths.config_file),
        "database": str(paths.database),
        "data_dir": str(paths.data_dir),
        "log_dir": str(paths.log_dir),
    }


@pytest.mark.usefixtures("umask_022")
def test_ensure_private_dir_creates_parents_0700_and_leaves_existing_ones(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    target = tmp_path / "a" / ODD_NAME / "c"
    assert ensure_private_dir(target) == target
    assert target.is_dir()
    for created in (tmp_path / "a", tmp_path / "a" / "My Stuff", target.parent, target):
        assert mode(created) == 0o700, created
    assert mode(tmp_path) == 0o755


@pytest.mark.usefixtures("umask_022")
def test_ensure_private_dir_tightens_our_own_open_dir(tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    os.chmod(loose, 0o775)
    ensure_private_dir(loose)
    assert mode(loose) == 0o700


def test_ensure_private_dir_refuses_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(NotADirectoryError, match="not a directory"):
        ensure_private_dir(afile)


@pytest.mark.usefixtures("umask_022")
def test_touch_private_file_creates_0600_and_keeps_content(tmp_path: Path) -> None:
    target = ensure_private_dir(tmp_path / ODD_NAME) / "history.sqlite3"
    touch_private_file(target)
    assert mode(target) == 0o600
    assert target.read_bytes() == b""
    target.write_bytes(b"kept")
    os.chmod(target, 0o644)
    touch_private_file(target)
    assert mode(target) == 0o600
    assert target.read_bytes() == b"kept"


def test_ensure_private_dir_never_adds_permissions(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    ensure_private_dir(locked)
    assert mode(locked) == 0o500


# --- one atomic private write -------------------------------------------------------------------


@pytest.mark.usefixtures("umask_022")
def test_write_private_atomically_creates_a_0600_file_in_a_new_0700_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / ODD_NAME
    write_private_atomically(target, b"first")
    assert target.read_bytes() == b"first"
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    write_private_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_write_private_atomically_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.toml"
    write_private_atomically(target, b"old")

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="No space"):
        write_private_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]


def test_user_config_home_is_the_parent_of_the_apps_config_dir() -> None:
    assert AppPaths.for_user().config_dir == user_config_home() / "posture-break"
