"""The cache of goal and work days that lets `posture-break stats` skip reading TOML."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from posture_break.cli import main
from posture_break.core import settings_cache
from posture_break.core.paths import AppPaths

Runner = Callable[..., tuple[int, dict[str, object], str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    def invoke() -> tuple[int, dict[str, object], str]:
        code = main(["stats", "--json", "--as-of", "2026-11-25"])
        out, err = capsys.readouterr()
        return code, json.loads(out), err

    return invoke


@pytest.fixture
def not_racy(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files written by a test are as new as the cache; let the cache take them anyway.
    monkeypatch.setattr(settings_cache, "RACY_NS", -(10**18))


def write_settings(text: str) -> Path:
    config = AppPaths.for_user().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    return config


def cache() -> Path:
    name = settings_cache.cache_file()
    assert name is not None
    return Path(name)


linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the cache is Linux-only")


@linux_only
@pytest.mark.usefixtures("not_racy")
def test_a_clean_settings_file_is_cached_privately_and_then_not_read(
    run: Runner, tmp_path: Path
) -> None:
    write_settings('[goal]\ndaily = 2\n[schedule]\nwork_days = ["mon", "sat"]\n')
    assert run()[1]["daily_goal"] == 2
    assert stat.S_IMODE(cache().stat().st_mode) == 0o600
    assert stat.S_IMODE(cache().parent.stat().st_mode) == 0o700
    # A real process: the cached answer, without tomllib or the settings module.
    code = (
        "import sys\n"
        "from posture_break.cli import main\n"
        "status = main(['stats', '--json', '--as-of', '2026-11-25'])\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["daily_goal"] == 2
    loaded = done.stderr.split()
    assert "tomllib" not in loaded
    assert "posture_break.core.settings" not in loaded


@linux_only
@pytest.mark.usefixtures("not_racy")
def test_any_change_to_the_file_is_read(run: Runner) -> None:
    config = write_settings("[goal]\ndaily = 2\n")
    assert run()[1]["daily_goal"] == 2
    assert cache().exists()
    first = config.stat()
    config.write_text("[goal]\ndaily = 3\n", encoding="utf-8")  # the same size, the same inode
    # Within one tick of the file system's clock the times could be equal (the cache refuses
    # such fresh files unless a test says otherwise): make the change visible.
    os.utime(config, ns=(first.st_atime_ns, first.st_mtime_ns + 1_000_000_000))
    assert run()[1]["daily_goal"] == 3
    os.replace(write_settings("[goal]\ndaily = 5\n"), config)
    assert run()[1]["daily_goal"] == 5


@linux_only
@pytest.mark.usefixtures("not_racy")
def test_a_file_with_warnings_is_never_cached_and_warns_every_time(run: Runner) -> None:
    write_settings("[goal]\ndaily = 2\nbogus = 1\n")
    for _ in range(2):
        code, data, err = run()
        assert (code, data["daily_goal"]) == (0, 2)
        assert "goal.bogus" in err
    assert not cache().exists()


@linux_only
@pytest.mark.usefixtures("not_racy")
@pytest.mark.parametrize("damage", ["garbage", "shared", "other key"])
def test_a_damaged_shared_or_stale_cache_is_ignored(run: Runner, damage: str) -> None:
    config = write_settings("[goal]\ndaily = 2\n")
    run()
    before = cache().read_text(encoding="ascii")
    if damage == "garbage":
        cache().write_bytes(b"\xff\x00 nonsense\n" * 3)
    elif damage == "shared":
        cache().write_text(before.replace("\n2\n", "\n7\n"), encoding="ascii")
        cache().chmod(0o644)
    else:
        status = config.stat()
        settings_cache.write(str(config) + "x", status, 7, frozenset({6}))
    assert run()[1]["daily_goal"] == 2


@linux_only
def test_a_file_changed_just_now_is_not_cached(run: Runner) -> None:
    # Two changes within the file system's timestamp granularity would look alike.
    write_settings("[goal]\ndaily = 2\n")
    assert run()[1]["daily_goal"] == 2
    assert not cache().exists()


def test_no_cache_without_a_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "relative")
    assert settings_cache.cache_file() is None
