"""Full screen read from sway's window list (wlr-foreign-toplevel-management)."""

from __future__ import annotations

from typing import Any

from tests.e2e.wayland.session import Agent, WaylandSession
from tests.harness.waiting import wait_for


def sample(agent: Agent) -> dict[str, Any]:
    agent.tell("sample")
    return agent.next()


def test_fullscreen_window_in_front_is_seen_and_its_end_too(wayland: WaylandSession) -> None:
    window = wayland.agent("window")
    probe = wayland.agent("toplevel")
    try:
        assert window.next(20) == {"shown": True}
        assert probe.next(20) == {"ready": True}
        typing = {"app_id": "typing-target", "activated": True, "fullscreen": False}
        wait_for(lambda: sample(probe)["windows"] == [typing], 10, 0.1, "the window, focused")
        assert sample(probe)["fullscreen"] is False

        wayland.run(["swaymsg", '[app_id="typing-target"]', "fullscreen", "enable"])
        answer = wait_for(
            lambda: (s := sample(probe))["fullscreen"] and s, 10, 0.1, "full screen to show"
        )
        assert answer["windows"] == [typing | {"fullscreen": True}]

        # Full screen on a workspace the user left: not in front, so no reason to hold.
        wayland.run(["swaymsg", "workspace", "2"])
        wait_for(lambda: sample(probe)["fullscreen"] is False, 10, 0.1, "the window to go back")
        wayland.run(["swaymsg", "workspace", "1"])
        wait_for(lambda: sample(probe)["fullscreen"] is True, 10, 0.1, "full screen in front")

        wayland.run(["swaymsg", '[app_id="typing-target"]', "fullscreen", "disable"])
        wait_for(lambda: sample(probe)["fullscreen"] is False, 10, 0.1, "full screen to end")
    finally:
        probe.stop()
        window.stop()


def test_many_questions_next_to_qt_and_the_idle_source_end_cleanly(
    wayland: WaylandSession,
) -> None:
    """The app's Wayland use in one process survives its garbage being collected, and exit."""
    agent = wayland.agent("questions", "60")
    try:
        assert agent.next(60) == {"answers": 60, "last": False}
        assert agent.proc.wait(10) == 0, agent.stop()
    finally:
        agent.stop()
