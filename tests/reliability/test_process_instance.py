"""The single instance under real faults: kill -9, SIGSTOP, odd paths, and no network, ever.

Every case runs the real app as a separate process on a real X server (Xvfb + trayer + session
D-Bus, as in tests/e2e) and checks what the user would notice: the app starts, commands reach it,
a stuck instance gives a clear one-line message, and nothing of the user's is lost.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.harness.app import RunningApp, app_command, make_home
from tests.harness.desktop import DesktopSession
from tests.harness.waiting import now, wait_for
from tests.harness.xwindows import docked_icon_of, visible_windows_of

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _stretch_reaches(app: RunningApp) -> None:
    """Assert `posture-break stretch` is accepted and the running app maps a new window."""
    before = set(visible_windows_of(app.env, app.pid))
    result = app.cli("stretch")
    assert result.returncode == 0, f"{result.stdout}{result.stderr}{app.output()}"
    wait_for(
        lambda: set(visible_windows_of(app.env, app.pid)) - before,
        10,
        0.05,
        "the stretch window of the running instance",
    )


def test_kill_9_then_relaunch_starts_and_takes_commands(app: RunningApp) -> None:
    app.start()
    app.wait_docked()
    assert app.proc is not None
    app.proc.send_signal(signal.SIGKILL)
    app.proc.wait(5)
    # The lock file and the socket of the dead process are still there: the next start copes.
    started = now()
    app.start()
    app.wait_docked()
    assert now() - started < 20
    _stretch_reaches(app)


def test_stopped_instance_gives_a_clear_timeout_and_keeps_its_socket(app: RunningApp) -> None:
    app.start()
    app.wait_docked()
    os.kill(app.pid, signal.SIGSTOP)
    try:
        started = now()
        result = app.cli("stretch", timeout=15)
        took = now() - started
        assert result.returncode != 0
        assert took < 5, f"a stuck instance held the second launch for {took:.1f} s"
        message = result.stderr.strip()
        assert message, "no message for the user"
        assert len(message.splitlines()) == 1, f"expected one line, got:\n{message}"
        assert "Traceback" not in result.stderr
        # A plain second launch must not start a second instance or take the socket away.
        second = app.cli(timeout=15)
        assert second.returncode != 0 or "Traceback" not in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        os.kill(app.pid, signal.SIGCONT)
    # Woken up, the original instance still owns its socket and takes commands.
    _stretch_reaches(app)
    assert app.proc is not None
    assert app.proc.poll() is None


def test_over_long_runtime_dir_still_works(app: RunningApp) -> None:
    runtime = app.home / ("r" * 40) / ("u" * 40) / ("n" * 40)
    runtime.mkdir(mode=0o700, parents=True)
    assert len(str(runtime)) >= 150
    app.env["XDG_RUNTIME_DIR"] = str(runtime)
    app.start()
    app.wait_docked()
    _stretch_reaches(app)
    result = app.cli("quit")
    assert result.returncode == 0, result.stderr
    assert app.proc is not None
    assert app.proc.wait(10) == 0


def test_unicode_and_space_paths(desktop: DesktopSession, tmp_path: Path) -> None:
    home = make_home(tmp_path, "Zoë Ångström/my ünïcode höme ✓")
    running = RunningApp(desktop, home)
    try:
        running.start()
        running.wait_docked()
        # The instance lock sits in the odd runtime dir, so the path really was used.
        assert (home / "runtime" / "posture-break" / "posture-break.lock").exists()
        _stretch_reaches(running)
        assert running.cli("quit").returncode == 0
        assert running.proc is not None
        assert running.proc.wait(10) == 0, running.output()
    finally:
        running.stop()
    assert "Traceback" not in running.output()


def _socket_inodes(pid: int) -> set[str]:
    """Return the inode numbers of every socket the process holds open."""
    inodes: set[str] = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except FileNotFoundError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def _inet_inodes(pid: int) -> set[str]:
    """Return the inodes of every IPv4/IPv6 TCP, UDP and raw socket in the process's network."""
    inodes: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite", "udplite6"):
        path = Path(f"/proc/{pid}/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if len(fields) > 9:
                inodes.add(fields[9])
    return inodes


def test_no_network_socket_is_open(app: RunningApp) -> None:
    app.start()
    app.wait_docked()
    _stretch_reaches(app)
    sockets = _socket_inodes(app.pid)
    assert sockets, "the app should at least hold its X and instance sockets"
    assert not sockets & _inet_inodes(app.pid), "posture-break holds an IP socket"


@pytest.mark.skipif(
    shutil.which("strace") is None, reason="strace not installed: apt-get install strace"
)
def test_no_network_socket_is_ever_created(app: RunningApp) -> None:
    trace = app.home / "socket.trace"
    assert app.proc is None
    command = ["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(trace)]
    app.proc = subprocess.Popen(
        [*command, *app_command()],
        env=app.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(lambda: trace.exists() and "AF_UNIX" in trace.read_text(), 30, 0.1, "a socket")
    except TimeoutError:
        pytest.skip("strace cannot trace here (ptrace not permitted)")
    child = wait_for(lambda: _child_of(app.pid), 10, 0.05, "the traced app process")
    wait_for(lambda: docked_icon_of(app.env, child), 30, 0.05, "the traced app to dock")
    result = app.cli("stretch")
    assert result.returncode == 0, result.stderr
    calls = [line for line in trace.read_text().splitlines() if "socket(" in line]
    families = {line.split("socket(", 1)[1].split(",", 1)[0] for line in calls}
    assert families <= {"AF_UNIX", "AF_NETLINK"}, f"unexpected socket families: {families}"
    assert not any("AF_INET" in line for line in calls)


def _child_of(pid: int) -> int | None:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return int(children[0]) if children else None
