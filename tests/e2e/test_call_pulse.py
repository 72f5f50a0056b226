"""The microphone signal against a real PulseAudio server started for these tests.

A private `pulseaudio` (its own runtime dir and home, no D-Bus, no default script) loads a null
sink (speakers nobody hears), a null source (a microphone that hears silence) and a socket.
`parecord` recording from the null source stands in for a call.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from posture_break.platform.call import (
    CallAnswer,
    CallDetectionOptions,
    CallSignal,
    call_detector_for,
)
from posture_break.platform.call.pulse import PulseMicrophone, read_capture_streams
from tests.harness.waiting import now, wait_for

CONFIG = """\
load-module module-null-sink sink_name=speakers
load-module module-null-source source_name=microphone
load-module module-native-protocol-unix socket={socket} auth-anonymous=1
"""

# Generous for a loaded CI machine; the default (0.1 s) is tested on a frozen server below.
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


def _until(condition: Callable[[], bool], timeout: float = 4.0) -> bool:
    """Poll a real process's state for a bounded time; True as soon as `condition` holds."""
    try:
        wait_for(condition, timeout, interval=0.02)
    except TimeoutError:
        return False
    return True


@pytest.fixture
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    binary = _needs("pulseaudio")
    _needs("parecord")
    root = tmp_path_factory.mktemp("pulse")
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
        if _alive(pid):
            os.kill(pid, signal.SIGCONT)
            os.kill(pid, signal.SIGTERM)
            assert _until(lambda: not _alive(pid)), "pulseaudio did not stop"


def _alive(pid: int) -> bool:
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


def streams_open(server: PulseServer) -> int:
    found = read_capture_streams(server.server)
    assert found is not None
    return len(found[0])


def test_recording_from_the_microphone_is_a_call_until_it_stops(pulse: PulseServer) -> None:
    microphone = PulseMicrophone(server=pulse.server, timeout_s=PATIENT_S)
    assert microphone.is_in_use() is False
    recorder = record(pulse, "microphone")
    try:
        assert _until(lambda: microphone.is_in_use() is True), "the recording was not seen"
    finally:
        stop(recorder)
    assert _until(lambda: microphone.is_in_use() is False), "the call did not end"


def test_recording_the_speakers_monitor_is_not_a_call(pulse: PulseServer) -> None:
    microphone = PulseMicrophone(server=pulse.server, timeout_s=PATIENT_S)
    recorder = record(pulse, "speakers.monitor", "OBS")
    try:
        assert _until(lambda: streams_open(pulse) == 1)
        assert microphone.is_in_use() is False
    finally:
        stop(recorder)


def test_an_ignored_application_is_not_a_call(pulse: PulseServer) -> None:
    recorder = record(pulse, "microphone", "Talon")
    try:
        assert _until(lambda: streams_open(pulse) == 1)
        ignoring = PulseMicrophone(("talon",), server=pulse.server, timeout_s=PATIENT_S)
        assert ignoring.is_in_use() is False
        # The executable's name works too (parecord is pacat under another name).
        by_binary = PulseMicrophone(("pacat",), server=pulse.server, timeout_s=PATIENT_S)
        assert by_binary.is_in_use() is False
        other = PulseMicrophone(("zoom",), server=pulse.server, timeout_s=PATIENT_S)
        assert other.is_in_use() is True
    finally:
        stop(recorder)


def test_the_detector_finds_the_users_server_and_names_the_signal(
    pulse: PulseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app passes no server: libpulse finds the user's from PULSE_SERVER or the runtime dir.
    monkeypatch.setenv("PULSE_SERVER", pulse.server)
    detector = call_detector_for(CallDetectionOptions(camera=False), "linux")
    recorder = record(pulse, "microphone")
    try:
        assert _until(lambda: detector.in_call().answer is CallAnswer.YES)
        assert detector.in_call().in_use == (CallSignal.MICROPHONE,)
    finally:
        stop(recorder)
    assert _until(lambda: detector.in_call().answer is CallAnswer.NO)


def test_a_server_that_is_gone_is_unknown(pulse: PulseServer) -> None:
    microphone = PulseMicrophone(server=pulse.server, timeout_s=PATIENT_S)
    recorder = record(pulse, "microphone")
    try:
        assert _until(lambda: microphone.is_in_use() is True)
        os.kill(pulse.pid, signal.SIGKILL)
        assert _until(lambda: not _alive(pulse.pid))
        assert microphone.is_in_use() is None
    finally:
        stop(recorder)


def test_a_frozen_server_is_unknown_within_the_bound(pulse: PulseServer) -> None:
    microphone = PulseMicrophone(server=pulse.server)  # the app's 0.1 s bound
    assert _until(lambda: microphone.is_in_use() is False)  # first use loads libpulse
    os.kill(pulse.pid, signal.SIGSTOP)
    try:
        started = now()
        assert microphone.is_in_use() is None
        assert microphone.is_in_use() is None  # the stuck query is not joined by a second one
        assert now() - started < 1.0
    finally:
        os.kill(pulse.pid, signal.SIGCONT)
    assert _until(lambda: microphone.is_in_use() is False), "no answer after the server woke"
