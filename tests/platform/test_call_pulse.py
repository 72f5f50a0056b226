"""Which PulseAudio capture streams mean a call, and what happens with no server to ask."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from posture_break.platform.call.pulse import (
    CaptureStream,
    PulseMicrophone,
    is_call_capture,
    read_capture_streams,
)

MONITORS = frozenset({0})
OWN_PID = 100


@pytest.mark.parametrize(
    ("stream", "ignored", "expected"),
    [
        (CaptureStream(1, False, "Zoom", "zoom", 7), (), True),
        (CaptureStream(1, False), (), True),  # a stream without properties still records
        (CaptureStream(0, False, "OBS", "obs", 7), (), False),  # records the speakers' monitor
        (CaptureStream(1, True, "Zoom", "zoom", 7), (), False),  # corked: paused, not recording
        (CaptureStream(1, False, "posture-break", "python3", OWN_PID), (), False),
        (CaptureStream(1, False, "Talon", "talon", 7), ("talon",), False),
        (CaptureStream(1, False, "Speech Note", "dsnote", 7), ("DSNOTE",), False),
        (CaptureStream(1, False, "Zoom", "zoom", 7), ("talon",), True),
    ],
)
def test_which_streams_count(
    stream: CaptureStream, ignored: tuple[str, ...], expected: bool
) -> None:
    assert is_call_capture(stream, MONITORS, OWN_PID, ignored) is expected


def test_no_server_is_unknown_and_quick(tmp_path: Path) -> None:
    microphone = PulseMicrophone(server=f"unix:{tmp_path / 'no-such-socket'}", timeout_s=2.0)
    assert microphone.is_in_use() is None


def test_without_pulsectl_or_libpulse_the_answer_is_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pulsectl", None)  # import fails as if not installed
    assert read_capture_streams(None) is None
    microphone = PulseMicrophone(server=f"unix:{tmp_path / 'socket'}", timeout_s=2.0)
    assert microphone.is_in_use() is None
