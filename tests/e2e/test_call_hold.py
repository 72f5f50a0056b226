"""A prompt held for a call, end to end: the real app under Xvfb, a real PulseAudio server.

The app runs as a user runs it, with libfaketime moving its clocks 46 minutes on so a prompt is
due, and `PULSE_SERVER` pointing at a private PulseAudio server (tests/harness/pulse.py).
`parecord` from that server's null source is the call. What is checked is what a user sees:
`posture-break status --json` and whether the prompt window is mapped.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.app import RunningApp, make_home
from tests.harness.desktop import DesktopSession
from tests.harness.faketime import (
    ALL_DAY_SETTINGS,
    LIBFAKETIME,
    MISSING,
    faketime_env,
    write_settings,
)
from tests.harness.pulse import PulseServer, pulse_server, record, stop
from tests.harness.waiting import wait_for
from tests.harness.xwindows import XWindow, visible_windows_of, window_name

PROMPT_TITLE = "posture-break: time for a stretch"
# The test drives a call through a private PulseAudio server only: the camera check is off.
SETTINGS = ALL_DAY_SETTINGS + "[calls]\ncamera = false\n"
HEARTBEAT_S = 70  # the app's heartbeat (60 s) and a margin for a loaded machine


@pytest.fixture
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    with pulse_server(tmp_path_factory.mktemp("pulse")) as server:
        yield server


def status_of(app: RunningApp) -> dict[str, object]:
    """Run `posture-break status --json` as a second launch; return what it printed."""
    result = app.cli("status", "--json")
    assert result.returncode == 0, result.stderr
    status: dict[str, object] = json.loads(result.stdout)
    if os.environ.get("POSTURE_BREAK_SHOW_STATUS") == "1":
        print(f"status --json: {result.stdout.strip()}")
    return status


def prompts_of(app: RunningApp) -> list[int]:
    windows = visible_windows_of(app.env, app.pid)
    return [w for w in windows if PROMPT_TITLE in window_name(app.env, w)]


def uses_libpulse(app: RunningApp) -> bool:
    """Whether the app process has libpulse mapped (the microphone signal is loaded)."""
    return "libpulse.so" in Path(f"/proc/{app.pid}/maps").read_text()


def nudge(app: RunningApp, icon: XWindow) -> None:
    """Move the pointer over the icon and away: wakes the app's event loop after a clock jump."""
    x, y = icon.center
    move = ["xdotool", "mousemove", str(x), str(y), "sleep", "0.05", "mousemove", "640", "700"]
    subprocess.run(move, env=app.env, check=True)


@pytest.mark.skipif(LIBFAKETIME is None, reason=MISSING)
def test_a_prompt_due_during_a_call_is_held_until_the_call_ends(
    desktop: DesktopSession, tmp_path: Path, pulse: PulseServer
) -> None:
    home = make_home(tmp_path)
    stamp = home / "faketime"
    app = RunningApp(desktop, home, {**faketime_env(stamp), "PULSE_SERVER": pulse.server})
    write_settings(home, SETTINGS)
    call: subprocess.Popen[bytes] | None = None
    try:
        app.start()
        icon = app.wait_ready()
        counting = status_of(app)
        assert counting["state"] == "counting"
        assert counting["held_because"] == []

        # The call detector (libpulse) is loaded only when a prompt is near, not at start.
        assert not uses_libpulse(app)
        stamp.write_text("+44m\n")
        nudge(app, icon)
        wait_for(lambda: uses_libpulse(app), HEARTBEAT_S, 0.1, "the call detector to load")

        call = record(pulse, "microphone")
        stamp.write_text("+46m\n")  # the interval has run out, in the middle of the call
        nudge(app, icon)
        wait_for(
            lambda: status_of(app)["held_because"] == ["call"],
            HEARTBEAT_S,
            0.5,
            "status --json to say the prompt waits for the call",
        )
        held = status_of(app)
        assert held == {
            "state": "held",
            "next_prompt": None,
            "held_because": ["call"],
            "paused_until": None,
        }
        assert prompts_of(app) == []

        stop(call)
        call = None
        stamp.write_text("+47m\n")  # the next look at the call signal is due
        nudge(app, icon)
        wait_for(lambda: prompts_of(app), HEARTBEAT_S, 0.2, "the prompt after the call")
        assert status_of(app)["state"] == "due"
        assert len(prompts_of(app)) == 1
    finally:
        if call is not None:
            stop(call)
        app.stop()
