"""The microphone signal against a real PulseAudio server started for these tests.

A private `pulseaudio` (tests/harness/pulse.py) loads a null sink (speakers nobody hears), a
null source (a microphone that hears silence) and a socket. `parecord` recording from the null
source stands in for a call.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from posture_break.platform.call import (
    CallAnswer,
    CallDetectionOptions,
    CallSignal,
    call_detector_for,
)
from posture_break.platform.call.pulse import PulseMicrophone, read_capture_streams
from tests.harness.pulse import PATIENT_S, PulseServer, alive, pulse_server, record, stop, until
from tests.harness.waiting import now


@pytest.fixture
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    with pulse_server(tmp_path_factory.mktemp("pulse")) as server:
        yield server


def streams_open(server: PulseServer) -> int:
    found = read_capture_streams(server.server)
    assert found is not None
    return len(found[0])


def test_recording_from_the_microphone_is_a_call_until_it_stops(pulse: PulseServer) -> None:
    microphone = PulseMicrophone(server=pulse.server, timeout_s=PATIENT_S)
    assert microphone.is_in_use() is False
    recorder = record(pulse, "microphone")
    try:
        assert until(lambda: microphone.is_in_use() is True), "the recording was not seen"
    finally:
        stop(recorder)
    assert until(lambda: microphone.is_in_use() is False), "the call did not end"


def test_recording_the_speakers_monitor_is_not_a_call(pulse: PulseServer) -> None:
    microphone = PulseMicrophone(server=pulse.server, timeout_s=PATIENT_S)
    recorder = record(pulse, "speakers.monitor", "OBS")
    try:
        assert until(lambda: streams_open(pulse) == 1)
        assert microphone.is_in_use() is False
    finally:
        stop(recorder)


def test_an_ignored_application_is_not_a_call(pulse: PulseServer) -> None:
    recorder = record(pulse, "microphone", "Talon")
    try:
        assert until(lambda: streams_open(pulse) == 1)
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
        assert until(lambda: detector.in_call().answer is CallAnswer.YES)
        assert detector.in_call().in_use == (CallSignal.MICROPHONE,)
    finally:
        stop(recorder)
    assert until(lambda: detector.in_call().answer is CallAnswer.NO)


def test_a_server_that_is_gone_is_unknown(pulse: PulseServer) -> None:
    microphone = PulseMicrophone(server=pulse.server, timeout_s=PATIENT_S)
    recorder = record(pulse, "microphone")
    try:
        assert until(lambda: microphone.is_in_use() is True)
        os.kill(pulse.pid, signal.SIGKILL)
        assert until(lambda: not alive(pulse.pid))
        assert microphone.is_in_use() is None
    finally:
        stop(recorder)


def test_a_frozen_server_is_unknown_within_the_bound(pulse: PulseServer) -> None:
    microphone = PulseMicrophone(server=pulse.server)  # the app's 0.1 s bound
    assert until(lambda: microphone.is_in_use() is False)  # first use loads libpulse
    os.kill(pulse.pid, signal.SIGSTOP)
    try:
        started = now()
        assert microphone.is_in_use() is None
        assert microphone.is_in_use() is None  # the stuck query is not joined by a second one
        assert now() - started < 1.0
    finally:
        os.kill(pulse.pid, signal.SIGCONT)
    assert until(lambda: microphone.is_in_use() is False), "no answer after the server woke"
