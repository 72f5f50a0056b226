from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture_break.core.paths import (
    AppPaths,
    _platformdirs_paths,
    _xdg_paths,
    ensure_private_dir,
    touch_private_file,
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


# --- the Linux fast path must give exactly what platformdirs gives -------------------------------

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the XDG fast path is Linux-only")


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path) -> Path:
    monkeypatch.setenv("HOME", str(isolated_user_dirs))
    return isolated_user_dirs


@linux_only
@pytest.mark.parametrize(
    "unset",
    [
        (),
        ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"),
        ("XDG_DATA_HOME",),
    ],
)
def test_fast_path_agrees_with_platformdirs(
    monkeypatch: pytest.MonkeyPatch, home: Path, unset: tuple[str, ...]
) -> None:
    for variable in unset:
        monkeypatch.delenv(variable)
    fast = _xdg_paths()
    assert fast is not None, "the fast path should apply with a private XDG_RUNTIME_DIR"
    assert fast == _platformdirs_paths()
    if "XDG_DATA_HOME" in unset:
        assert fast.data_dir == home / ".local" / "share" / "posture-break"


@linux_only
def test_fast_path_ignores_relative_xdg_values_like_platformdirs(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    monkeypatch.setenv("HOME", str(home) + "/")
    fast = _xdg_paths()
    assert fast is not None
    assert fast == _platformdirs_paths()
    assert fast.data_dir == home / ".local" / "share" / "posture-break"


@linux_only
@pytest.mark.parametrize("problem", ["shared mode", "missing", "relative", "unset", "no home"])
def test_fast_path_leaves_unusual_runtime_dirs_to_platformdirs(
    monkeypatch: pytest.MonkeyPatch, home: Path, tmp_path: Path, problem: str
) -> None:
    if problem == "shared mode":
        shared = tmp_path / "shared"
        shared.mkdir()
        os.chmod(shared, 0o755)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    elif problem == "missing":
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    elif problem == "relative":
        monkeypatch.setenv("XDG_RUNTIME_DIR", "run/user")
    elif problem == "unset":
        monkeypatch.delenv("XDG_RUNTIME_DIR")
    else:
        monkeypatch.delenv("HOME")
    assert _xdg_paths() is None
    assert AppPaths.for_user() == _platformdirs_paths()


@linux_only
def test_stats_path_lookup_does_not_import_platformdirs() -> None:
    code = (
        "import sys\n"
        "from posture_break.core.paths import AppPaths\n"
        "AppPaths.for_user()\n"
        "print('platformdirs' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
