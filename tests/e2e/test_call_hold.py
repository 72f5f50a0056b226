"""A prompt held for a call, end to end: the real app under Xvfb, a real PulseAudio server.

The app runs as a user runs it, with libfaketime moving its clocks 46 minutes on so a prompt is
due, and `PULSE_SERVER` pointing at a private PulseAudio server (tests/harness/pulse.py).
`parecord` from that server's null source is the call. What is checked is what a user sees:
`posture-break status --json`, whether the prompt window is mapped, and its title, which names
the offer after a long call ("... after a long call").

Calls are sampled only while a prompt waits, so a call's length is counted from the first look
that saw it (here at +46 min, when the prompt falls due) to the first look that did not.
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
LONG_CALL_TITLE = "posture-break: time for a stretch after a long call"
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


def long_call_offers(app: RunningApp) -> list[bool]:
    """For each prompt on show, whether its title names the offer after a long call.

    Qt adds the application's name to the title ("... — posture-break"): the test looks for its
    own words in it.
    """
    return [LONG_CALL_TITLE in window_name(app.env, w) for w in prompts_of(app)]


def uses_libpulse(app: RunningApp) -> bool:
    """Whether the app process has libpulse mapped (the microphone signal is loaded)."""
    return "libpulse.so" in Path(f"/proc/{app.pid}/maps").read_text()


def nudge(app: RunningApp, icon: XWindow) -> None:
    """Move the pointer over the icon and away: wakes the app's event loop after a clock jump."""
    x, y = icon.center
    move = ["xdotool", "mousemove", str(x), str(y), "sleep", "0.05", "mousemove", "640", "700"]
    subprocess.run(move, env=app.env, check=True)


def app_on_pulse(
    desktop: DesktopSession, tmp_path: Path, pulse: PulseServer
) -> tuple[RunningApp, Path]:
    """The app (not started) on a fake clock set through the returned stamp file, on `pulse`."""
    home = make_home(tmp_path)
    stamp = home / "faketime"
    app = RunningApp(desktop, home, {**faketime_env(stamp), "PULSE_SERVER": pulse.server})
    write_settings(home, SETTINGS)
    return app, stamp


def tidy(app: RunningApp, call: subprocess.Popen[bytes] | None) -> None:
    """End a test: stop the call if it still runs, then the app."""
    if call is not None:
        stop(call)
    app.stop()


@pytest.mark.skipif(LIBFAKETIME is None, reason=MISSING)
def test_a_prompt_due_during_a_call_is_held_until_the_call_ends(
    desktop: DesktopSession, tmp_path: Path, pulse: PulseServer
) -> None:
    app, stamp = app_on_pulse(desktop, tmp_path, pulse)
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
        assert long_call_offers(app) == [False]  # a one-minute call: no long-call offer
    finally:
        tidy(app, call)


def move_clock(app: RunningApp, icon: XWindow, stamp: Path, minutes: int) -> None:
    """Set the app's clocks `minutes` after its start and wake it to look."""
    stamp.write_text(f"+{minutes}m\n")
    nudge(app, icon)


def wait_held_by_call(app: RunningApp) -> None:
    wait_for(
        lambda: status_of(app)["held_because"] == ["call"],
        HEARTBEAT_S,
        0.5,
        "status --json to say the prompt waits for the call",
    )
    assert prompts_of(app) == []


def start_held_call(
    app: RunningApp, stamp: Path, pulse: PulseServer
) -> tuple[XWindow, subprocess.Popen[bytes]]:
    """Start the app, start a call before the prompt is due, and let the prompt fall due at +46.

    The app first sees the call at +46 min: calls are looked at only while a prompt waits.
    """
    app.start()
    icon = app.wait_ready()
    move_clock(app, icon, stamp, 44)
    wait_for(lambda: uses_libpulse(app), HEARTBEAT_S, 0.1, "the call detector to load")
    call = record(pulse, "microphone")
    move_clock(app, icon, stamp, 46)
    wait_held_by_call(app)
    return icon, call


@pytest.mark.skipif(LIBFAKETIME is None, reason=MISSING)
def test_a_call_of_twenty_minutes_ends_with_the_long_call_offer_once(
    desktop: DesktopSession, tmp_path: Path, pulse: PulseServer
) -> None:
    app, stamp = app_on_pulse(desktop, tmp_path, pulse)
    call: subprocess.Popen[bytes] | None = None
    try:
        icon, call = start_held_call(app, stamp, pulse)
        for minute in (56, 66):  # the call goes on: still held, nothing shown
            move_clock(app, icon, stamp, minute)
            wait_held_by_call(app)
        stop(call)
        call = None
        # Seen from +46 to +67: 21 minutes. The look a minute after the end makes the offer.
        move_clock(app, icon, stamp, 67)
        wait_for(lambda: prompts_of(app), HEARTBEAT_S, 0.2, "the offer after the long call")
        assert long_call_offers(app) == [True]
        assert status_of(app)["state"] == "due"

        # Unanswered, the offer tucks itself away after 2 minutes (recorded as skipped).
        move_clock(app, icon, stamp, 70)
        wait_for(lambda: not prompts_of(app), HEARTBEAT_S, 0.2, "the offer to tuck itself away")
        move_clock(app, icon, stamp, 73)  # a few minutes on: no second offer
        assert status_of(app)["state"] == "counting"
        assert prompts_of(app) == []
        # The next prompt, one interval after the offer went, is the usual one.
        move_clock(app, icon, stamp, 116)
        wait_for(lambda: prompts_of(app), HEARTBEAT_S, 0.2, "the next prompt")
        assert long_call_offers(app) == [False]
    finally:
        tidy(app, call)


@pytest.mark.skipif(LIBFAKETIME is None, reason=MISSING)
def test_a_call_under_twenty_minutes_ends_with_the_usual_prompt(
    desktop: DesktopSession, tmp_path: Path, pulse: PulseServer
) -> None:
    app, stamp = app_on_pulse(desktop, tmp_path, pulse)
    call: subprocess.Popen[bytes] | None = None
    try:
        icon, call = start_held_call(app, stamp, pulse)
        move_clock(app, icon, stamp, 56)
        wait_held_by_call(app)
        stop(call)
        call = None
        # Seen from +46 to +65: 19 minutes, one short of a long call.
        move_clock(app, icon, stamp, 65)
        wait_for(lambda: prompts_of(app), HEARTBEAT_S, 0.2, "the prompt after the call")
        assert long_call_offers(app) == [False]
        assert status_of(app)["state"] == "due"
    finally:
        tidy(app, call)
