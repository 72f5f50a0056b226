"""The Wayland backends' decisions that need no compositor (the e2e tests run them on sway)."""

from __future__ import annotations

import array
from datetime import UTC, datetime

import pytest

from posture_break.core.clock import FakeClock
from posture_break.platform.wayland_client import (
    connect,
    shared_connection,
    wayland_display_name,
)
from posture_break.platform.wayland_idle import wayland_idle_source
from posture_break.platform.wayland_toplevel import (
    Toplevel,
    WaylandFullscreenSource,
    decode_states,
    fullscreen_in_front,
)

ACTIVATED, FULLSCREEN, MAXIMIZED = 2, 3, 0

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def states_array(*states: int) -> bytes:
    return array.array("I", states).tobytes()


def test_state_array_decodes_to_the_states_sent() -> None:
    assert decode_states(states_array(ACTIVATED, FULLSCREEN)) == {ACTIVATED, FULLSCREEN}
    assert decode_states(b"") == frozenset()


@pytest.mark.parametrize(
    ("windows", "expected"),
    [
        ([], False),
        ([Toplevel(states=frozenset({ACTIVATED}))], False),
        ([Toplevel(states=frozenset({FULLSCREEN}))], False),  # full screen, but not in front
        ([Toplevel(states=frozenset({ACTIVATED, FULLSCREEN}))], True),
        ([Toplevel(states=frozenset({ACTIVATED, MAXIMIZED}))], False),  # maximised is not it
        (
            [Toplevel(states=frozenset({FULLSCREEN})), Toplevel(states=frozenset({ACTIVATED}))],
            False,
        ),
    ],
)
def test_only_the_focused_window_being_full_screen_counts(
    windows: list[Toplevel], expected: bool
) -> None:
    assert fullscreen_in_front(windows) is expected


def test_no_wayland_display_means_no_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert wayland_display_name() is None
    assert connect() is None
    assert shared_connection() is None
    assert wayland_idle_source(FakeClock(START)) is None
    assert WaylandFullscreenSource().is_fullscreen_active() is None


def test_a_display_that_is_not_there_is_unknown_not_an_error() -> None:
    assert wayland_display_name({"WAYLAND_DISPLAY": "wayland-1"}) == "wayland-1"
    missing = "/nonexistent/wayland-socket-for-posture-break-tests"
    assert connect(missing) is None
    assert shared_connection(missing) is None
    assert wayland_idle_source(FakeClock(START), display_name=missing) is None
    assert WaylandFullscreenSource(missing).is_fullscreen_active() is None
