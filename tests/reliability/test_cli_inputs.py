"""The real command with odd but valid input: export targets, stdin, settings files, TZ, HOME.

Each case runs `posture-break` as its own process, as a user at a terminal would.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from posture_break.core.history import BreakHistory
from tests.reliability.cli_process import history_path, run_cli
from tests.reliability.history_writer import make_record

HEADER = "started_at,local_date,stretch,outcome,duration_s,trigger,checkin"


@pytest.fixture
def database() -> Path:
    path = history_path()
    with BreakHistory(sqlite3.connect(path)) as history:
        history.record_many(make_record(i) for i in range(12))
    return path


def settings_path() -> Path:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "posture-break"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / "settings.toml"


# --- export targets and `import -`. ---------------------------------------------------------------


# The devices are made in the test's own folder: run against a version with the bug, the test
# must not replace the machine's /dev/null or /dev/stdout (as it would, as root).
@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_export_to_a_device_leaves_the_device_alone(database: Path, tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    done = run_cli("export", str(null))
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert os.listdir(tmp_path) == ["null"]


def test_export_to_dev_fd_1_writes_to_stdout(database: Path) -> None:
    # /dev/stdout is the same file as /dev/fd/1; a rename into /dev/fd fails without harm.
    done = run_cli("export", "/dev/fd/1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == HEADER
    assert len(done.stdout.splitlines()) == 13


def test_export_to_a_fifo_streams_into_it(database: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = run_cli("export", str(fifo))
    reader.join(10)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received[0].decode().splitlines()[0] == HEADER


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(
    database: Path, tmp_path: Path
) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "breaks.csv"
    target.write_text("old\n")
    link = tmp_path / "breaks.csv"
    link.symlink_to(target)
    done = run_cli("export", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert target.read_text().splitlines()[0] == HEADER
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_a_regular_file_replaces_it_atomically(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "breaks.csv"
    target.write_text("old\n")
    before = target.stat().st_ino
    done = run_cli("export", str(target))
    assert done.returncode == 0, done.stderr
    assert target.stat().st_ino != before  # a new file renamed into place, never half-written
    assert len(target.read_text().splitlines()) == 13


def test_import_dash_reads_stdin(database: Path) -> None:
    exported = run_cli("export").stdout
    fresh = exported.replace("2016-", "2017-")  # the same breaks, a year later
    done = run_cli("import", "-", stdin=fresh)
    assert done.returncode == 0, done.stderr
    assert "Imported 12 breaks from stdin" in done.stdout
    assert len(run_cli("export").stdout.splitlines()) == 25


# --- settings files that are not regular files. ---------------------------------------------------


def test_a_fifo_as_the_settings_file_is_refused_without_hanging() -> None:
    os.mkfifo(settings_path())
    done = run_cli("stats", timeout=30)  # the timeout fails the test if it blocks in open()
    assert done.returncode == 0, done.stderr
    assert "FIFO" in done.stderr
    assert "not a regular file" in done.stderr


def test_a_dangling_settings_symlink_is_a_warning(tmp_path: Path) -> None:
    settings_path().symlink_to(tmp_path / "dotfiles" / "settings.toml")
    done = run_cli("next", "--count", "1")
    assert done.returncode == 0, done.stderr
    assert "which does not exist" in done.stderr
    assert str(tmp_path / "dotfiles" / "settings.toml") in done.stderr


# --- valid input that used to be an "unexpected error". ------------------------------------------


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "unexpected error" not in done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


def test_a_time_zone_a_day_from_utc_still_plans() -> None:
    done = run_cli("next", "--count", "2", env={**os.environ, "TZ": "UTC+24"})
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2
    assert "UTC+24" in one_line(done)


def test_stats_as_of_the_last_day_of_the_calendar_says_why() -> None:
    done = run_cli("stats", "--as-of", "9999-12-31")
    assert done.returncode == 1
    assert "9999-12-26" in one_line(done)


def test_next_from_the_first_day_of_the_calendar_says_why() -> None:
    done = run_cli("next", "--from", "0001-01-01T00:00+00:00")
    assert done.returncode == 1
    assert "calendar" in one_line(done)


@pytest.mark.skipif(os.geteuid() != 0, reason="running as a user unknown to the system needs root")
def test_no_home_and_no_password_entry_says_what_to_set(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"}
    }
    tmp_path.chmod(0o777)

    def become_unknown_user() -> None:
        os.setgid(54321)
        os.setuid(54321)

    done = run_cli("stats", env=env, cwd=tmp_path, preexec_fn=become_unknown_user)
    assert done.returncode == 1
    assert "set HOME" in one_line(done)
    assert list(tmp_path.iterdir()) == []  # no "~" folder made in the current directory


def test_csv_header_escapes_reach_the_terminal_escaped(tmp_path: Path) -> None:
    source = tmp_path / "evil\x1b[2J.csv"
    source.write_text("\x1b]0;owned\x07\x1b[2J,b\n")
    done = run_cli("import", str(source))
    assert done.returncode == 1
    assert "\x1b" not in done.stderr
    assert "\x07" not in done.stderr
    assert "\\x1b]0;owned\\x07" in done.stderr
