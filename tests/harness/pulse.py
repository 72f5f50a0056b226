"""A private PulseAudio server for tests: a null sink, a null source and a socket of its own.

It runs with its own runtime dir and home, no D-Bus and no default script. `record` starts
`parecord` from a device under an application's name: recording from the null source stands in
for a call. Used by tests/e2e/test_call_pulse.py and tests/e2e/test_call_hold.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from posture_break.platform.call.pulse import read_capture_streams
from tests.harness.waiting import wait_for

CONFIG = """\
load-module module-null-sink sink_name=speakers
load-module module-null-source source_name=microphone
load-module module-native-protocol-unix socket={socket} auth-anonymous=1
"""

# Generous for a loaded CI machine; the default (0.1 s) is tested on a frozen server in
# tests/e2e/test_call_pulse.py.
PATIENT_S = 2.0


@dataclass(frozen=True, slots=True)
class PulseServer:
    """A running private PulseAudio server."""

    server: str
    pid: int
    env: dict[str, str]


def _needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian: apt install pulseaudio pulseaudio-utils)")
    return path


def until(condition: Callable[[], bool], timeout: float = 4.0) -> bool:
    """Poll a real process's state for a bounded time; True as soon as `condition` holds."""
    try:
        wait_for(condition, timeout, interval=0.02)
    except TimeoutError:
        return False
    return True


@contextlib.contextmanager
def pulse_server(root: Path) -> Iterator[PulseServer]:
    """Run a private PulseAudio server in `root` (skipping the test where it cannot run)."""
    binary = _needs("pulseaudio")
    _needs("parecord")
    runtime, home = root / "run", root / "home"
    runtime.mkdir(mode=0o700)
    home.mkdir(mode=0o700)
    socket = runtime / "native"
    (root / "server.pa").write_text(CONFIG.format(socket=socket))
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    # --daemonize=yes returns once the server is ready (modules loaded, socket listening), so
    # there is nothing to poll; --system=false lets root (CI) run a per-user server.
    started = subprocess.run(
        [binary, "-n", "--daemonize=yes", "--system=false", "--exit-idle-time=-1",
         "--log-target=stderr", "-F", str(root / "server.pa")],
        env=env, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    if started.returncode != 0:
        pytest.skip(f"pulseaudio cannot run here: {started.stderr.strip()[-300:]}")
    pid = int((runtime / "pulse" / "pid").read_text())
    server = PulseServer(f"unix:{socket}", pid, env | {"PULSE_SERVER": f"unix:{socket}"})
    if read_capture_streams(server.server) is None:
        os.kill(pid, signal.SIGKILL)
        pytest.skip("libpulse (libpulse0) or pulsectl is missing: cannot talk to the server")
    try:
        yield server
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGCONT)
            os.kill(pid, signal.SIGTERM)
            assert until(lambda: not alive(pid)), "pulseaudio did not stop"


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def record(server: PulseServer, device: str, name: str = "Zoom") -> subprocess.Popen[bytes]:
    """Start a recorder as a call app would, from `device`, under the application name `name`."""
    return subprocess.Popen(
        ["parecord", f"--device={device}", f"--client-name={name}", "--raw", os.devnull],
        env=server.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(recorder: subprocess.Popen[bytes]) -> None:
    recorder.terminate()
    recorder.wait(timeout=10)
