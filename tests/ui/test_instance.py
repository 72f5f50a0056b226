"""Single instance: the lock, the local socket, the command protocol, and stale leftovers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from pytestqt.qtbot import QtBot

from posture_break.core.paths import AppPaths
from posture_break.core.pause import PauseError, PauseFor, PauseUntil, parse_pause
from posture_break.ipc import Delivery, server_name
from posture_break.ipc import send as send_over_socket
from posture_break.ui import launch
from posture_break.ui.instance import (
    InstanceServer,
    is_instance_running,
    make_lock,
    send_command,
)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "log",
        runtime_dir=tmp_path / "run",
    )


@pytest.fixture
def held_lock(paths: AppPaths) -> Iterator[QLockFile]:
    lock = make_lock(paths.runtime_dir)
    assert lock.tryLock(0)
    yield lock
    lock.unlock()


@pytest.fixture
def server(qtbot: QtBot, paths: AppPaths, held_lock: QLockFile) -> Iterator[InstanceServer]:
    instance = InstanceServer(server_name(paths.runtime_dir))
    instance.listen()
    yield instance
    instance.close()


def run_beside(qtbot: QtBot, command: str | None, argument: str | None, paths: AppPaths) -> int:
    """Run a launch on a thread, as a second process would, while this thread serves Qt events.

    A launch that finds the instance talks over a plain blocking socket; on the GUI thread it
    would block the very event loop that has to answer it.
    """
    statuses: list[int] = []
    thread = threading.Thread(target=lambda: statuses.append(launch.run(command, argument, paths)))
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=3000)
    return statuses[0]


def test_a_second_launch_hands_its_command_to_the_running_instance(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    with qtbot.waitSignal(server.command_received, timeout=2000) as blocker:
        status = run_beside(qtbot, "stretch", None, paths)
    assert status == 0
    assert blocker.args == ["stretch", None]


def test_pause_arrives_with_its_argument(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    with qtbot.waitSignal(server.command_received, timeout=2000) as blocker:
        assert run_beside(qtbot, "pause", "30m", paths) == 0
    assert blocker.args == ["pause", "30m"]


def test_an_answered_command_is_carried_out_first_and_its_words_printed(
    qtbot: QtBot,
    paths: AppPaths,
    server: InstanceServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    asked: list[tuple[str, str | None]] = []

    def answer(command: str, argument: str | None) -> str:
        asked.append((command, argument))
        return "Paused until 23:08"

    server.answer = answer
    with qtbot.assertNotEmitted(server.command_received):
        assert run_beside(qtbot, "pause", "30m", paths) == 0
    assert asked == [("pause", "30m")]
    assert capsys.readouterr().out == "Paused until 23:08\n"


def test_the_instance_refuses_a_bad_command_in_words(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    with qtbot.assertNotEmitted(server.command_received):
        result = send_command(paths.runtime_dir, "pause", "soon")
    assert result.delivery is Delivery.REFUSED
    assert "30m" in result.error


def test_a_command_line_that_is_not_json_is_refused(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(2)
        client.connect(server.name)
        client.sendall(b"rm -rf /\n")
        qtbot.waitUntil(lambda: _has_data(client), timeout=2000)
        assert b'"ok": false' in client.recv(4096)


def _has_data(sock: socket.socket) -> bool:
    import select

    return bool(select.select([sock], [], [], 0)[0])


def test_without_an_instance_commands_say_it_is_not_running(
    qtbot: QtBot, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    for command, argument in (("pause", "1h"), ("resume", None), ("skip", None), ("quit", None)):
        assert launch.run(command, argument, paths) == 1
        assert "posture-break is not running" in capsys.readouterr().err
    assert not is_instance_running(paths.runtime_dir)


def test_an_unknown_pause_is_refused_before_anything_starts(
    qtbot: QtBot, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert launch.run("pause", "a while", paths) == 2
    assert "pause takes" in capsys.readouterr().err


def test_a_second_launch_leaves_the_live_socket_alone(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    with qtbot.waitSignal(server.command_received, timeout=2000):
        assert run_beside(qtbot, "skip", None, paths) == 0
    assert Path(server.name).exists()
    # The instance still answers afterwards: its socket was not replaced.
    with qtbot.waitSignal(server.command_received, timeout=2000) as blocker:
        assert run_beside(qtbot, "resume", None, paths) == 0
    assert blocker.args == ["resume", None]


def test_a_hung_instance_times_out_within_two_seconds(
    qtbot: QtBot,
    paths: AppPaths,
    held_lock: QLockFile,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A server that accepts connections (the kernel does, via the backlog) but never replies.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as hung:
        hung.bind(server_name(paths.runtime_dir))
        hung.listen(8)
        began = time.perf_counter()
        status = launch.run("stretch", None, paths)
        took = time.perf_counter() - began
    assert status == 1
    assert 1.5 <= took < 2.5
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "did not answer within 2 s" in err


_KILLED_INSTANCE = """
import socket, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)
assert lock.tryLock(0)
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); sock.bind(sys.argv[2]); sock.listen(1)
print("ready", flush=True)
sys.stdin.read()
"""


def test_a_lock_and_socket_left_by_a_killed_instance_never_block_a_start(
    qtbot: QtBot, paths: AppPaths
) -> None:
    name = server_name(paths.runtime_dir)
    lock_file = paths.runtime_dir / "posture-break.lock"
    paths.runtime_dir.mkdir(mode=0o700, parents=True)
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_INSTANCE, str(lock_file), name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as victim:
        assert victim.stdout is not None
        assert victim.stdout.readline().strip() == "ready"
        assert is_instance_running(paths.runtime_dir)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=5)
    assert lock_file.exists()
    assert Path(name).exists()

    lock = make_lock(paths.runtime_dir)
    assert lock.tryLock(0), "a lock from a dead process must be taken over"
    server = InstanceServer(name)
    server.listen()  # replaces the stale socket, since we hold the lock
    try:
        with qtbot.waitSignal(server.command_received, timeout=2000):
            assert run_beside(qtbot, "stretch", None, paths) == 0
    finally:
        server.close()
        lock.unlock()


_CONTENDER = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)
print("won" if lock.tryLock(0) else "lost", flush=True)
sys.stdin.read()
"""


def test_five_launches_at_once_leave_exactly_one_owner(paths: AppPaths) -> None:
    paths.runtime_dir.mkdir(mode=0o700, parents=True)
    lock_file = str(paths.runtime_dir / "posture-break.lock")
    contenders = [
        subprocess.Popen(
            [sys.executable, "-c", _CONTENDER, lock_file],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(5)
    ]
    answers = []
    for process in contenders:
        assert process.stdout is not None
        answers.append(process.stdout.readline().strip())
    for process in contenders:
        process.communicate(timeout=10)
    assert sorted(answers) == ["lost", "lost", "lost", "lost", "won"]


def test_a_deep_runtime_dir_gets_a_short_private_socket(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*(["very-long-directory-name"] * 6))
    name = server_name(deep)
    assert len(os.fsencode(name)) <= 100
    parent = Path(name).parent
    assert parent.name == f"posture-break-{os.getuid()}"
    assert parent.stat().st_mode & 0o777 == 0o700
    # Two different runtime dirs never share a socket.
    assert server_name(deep / "other") != name


def test_a_short_runtime_dir_keeps_its_socket_inside(tmp_path: Path) -> None:
    assert server_name(tmp_path) == str(tmp_path / "posture-break.sock")


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("30m", PauseFor(timedelta(minutes=30))),
        ("1h", PauseFor(timedelta(hours=1))),
        ("2h", PauseFor(timedelta(hours=2))),
        ("45 min", PauseFor(timedelta(minutes=45))),
        ("tomorrow", PauseUntil.TOMORROW),
        ("Tomorrow", PauseUntil.TOMORROW),
        ("45min", PauseFor(timedelta(minutes=45))),
        (None, PauseFor(timedelta(minutes=30))),  # the one default, as on the command line
    ],
)
def test_pause_arguments(argument: str | None, expected: PauseFor | PauseUntil) -> None:
    assert parse_pause(argument) == expected


@pytest.mark.parametrize("argument", ["0m", "25h", "soon", "-5m", "1d"])
def test_pause_arguments_refused(argument: str) -> None:
    with pytest.raises(PauseError, match="pause takes"):
        parse_pause(argument)


def test_a_live_instance_keeps_its_lock_however_old_it_is(
    paths: AppPaths, held_lock: QLockFile
) -> None:
    # QLockFile's default treats a lock older than 30 s as stale; a tray app runs for days.
    lock_file = paths.runtime_dir / "posture-break.lock"
    an_hour_ago = lock_file.stat().st_mtime - 3600
    os.utime(lock_file, (an_hour_ago, an_hour_ago))
    assert is_instance_running(paths.runtime_dir)
    assert not make_lock(paths.runtime_dir).tryLock(0)


def test_a_second_plain_launch_reminds_the_running_instance(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with qtbot.waitSignal(server.command_received, timeout=2000) as blocker:
        assert run_beside(qtbot, None, None, paths) == 0
    assert blocker.args == ["activate", None]
    assert "already running" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["stretch", "review", "settings"])
def test_window_commands_open_on_their_own_without_an_instance(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    opened: list[str] = []

    def fake_standalone(name: str, given: AppPaths) -> int:
        opened.append(name)
        # The lock is free while the lone window is open: a tray app may still start.
        assert not is_instance_running(given.runtime_dir)
        return 0

    monkeypatch.setattr(launch, "_run_standalone", fake_standalone)
    assert launch.run(command, None, paths) == 0
    assert opened == [command]


def test_handing_a_command_over_does_not_load_qt() -> None:
    # `posture-break stretch` with an instance running must be quick: no PySide6 import.
    code = (
        "import sys; from posture_break.ui import launch; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=30
    )
    assert out.stdout.strip() == "[]"


def test_ping_is_answered_and_changes_nothing(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    result = send_command(paths.runtime_dir, "ping", None)
    assert result.delivery is Delivery.ACCEPTED


def test_the_quick_client_and_the_qt_client_agree(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    results = []
    thread = threading.Thread(
        target=lambda: results.append(send_over_socket(server.name, "pause", "2h"))
    )
    with qtbot.waitSignal(server.command_received, timeout=2000) as blocker:
        thread.start()
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=3000)
    assert blocker.args == ["pause", "2h"]
    assert results[0] is not None
    assert results[0].delivery is Delivery.ACCEPTED
    assert send_over_socket(str(paths.runtime_dir / "nobody.sock"), "stretch", None) is None


def test_status_is_answered_from_the_app_and_not_announced(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    status: dict[str, object] = {
        "state": "held",
        "next_prompt": None,
        "held_because": ["call"],
        "paused_until": None,
    }
    with qtbot.assertNotEmitted(server.command_received):
        early = send_command(paths.runtime_dir, "status", None)
        server.set_status_source(lambda: status)
        answered = send_command(paths.runtime_dir, "status", None)
    assert (early.delivery, early.error) == (
        Delivery.REFUSED,
        "the app is still starting; try again",
    )
    assert (answered.delivery, answered.status) == (Delivery.ACCEPTED, status)


def test_a_quiet_time_that_has_passed_is_refused_in_words(
    qtbot: QtBot, paths: AppPaths, server: InstanceServer
) -> None:
    with qtbot.assertNotEmitted(server.command_received):
        result = send_command(paths.runtime_dir, "quiet", "00:00-00:00")
    assert result.delivery is Delivery.REFUSED
    assert "must be later today" in result.error
