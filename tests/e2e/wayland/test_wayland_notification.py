"""The break prompt as a mako notification: offered without taking focus, each action answered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.wayland.session import SIZE, Agent, WaylandSession
from tests.harness.waiting import wait_for

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def notifications(wayland: WaylandSession) -> list[dict[str, Any]]:
    """Return mako's notifications as `makoctl list` gives them (id, summary, body, actions)."""
    data = json.loads(wayland.run(["makoctl", "list"]))["data"][0]
    return [{key: value["data"] for key, value in item.items()} for item in data]


def typing_window(wayland: WaylandSession) -> tuple[Agent, dict[str, Any]]:
    """Open the window the user types in; return its agent and sway's node once it has focus."""
    agent = wayland.agent("window")
    assert agent.next(20) == {"shown": True}
    assert agent.next(10) == {"active": True}
    node = wait_for(
        lambda: next((w for w in wayland.windows() if w.get("app_id") == "typing-target"), None),
        10,
        0.05,
        "the typing window in sway's tree",
    )
    wait_for(lambda: (wayland.focused_window() or {}).get("id") == node["id"], 10, 0.05, "focus")
    return agent, node


def shown_prompt(wayland: WaylandSession, ignore_after_s: float = 120.0) -> tuple[Agent, int]:
    prompt = wayland.agent("notify", str(ignore_after_s))
    assert prompt.next(20) == {"ready": True}  # mako lists "actions" in GetCapabilities
    prompt.tell("show")
    notification_id = prompt.next()["shown"]
    assert isinstance(notification_id, int)
    assert notification_id > 0
    return prompt, notification_id


def test_prompt_is_a_notification_and_focus_stays_in_the_typing_window(
    wayland: WaylandSession,
) -> None:
    window, node = typing_window(wayland)
    prompt, notification_id = shown_prompt(wayland)
    try:
        shown = wait_for(
            lambda: [n for n in notifications(wayland) if n["id"] == notification_id],
            5,
            0.05,
            "the prompt in makoctl list",
        )[0]
        assert shown["summary"] == "Time for a posture snack"
        assert shown["body"] == "Seated reach &amp; twist, 1 min"  # mako renders body markup
        assert shown["actions"] == {"start": "Start", "snooze": "Snooze (10 min)", "skip": "Skip"}
        assert shown["app-name"] == "posture-break"
        focused = wayland.focused_window()
        assert focused is not None
        assert focused["id"] == node["id"]  # the keyboard stayed with the user's window
        assert [w["app_id"] for w in wayland.windows()] == ["typing-target"]  # no prompt window
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        wayland.screenshot(SCREENSHOTS / "wayland-notification-prompt.png")
        wayland.run(["makoctl", "invoke", "-n", str(notification_id), "skip"])
        assert prompt.next() == {"signal": "skipped"}
        with pytest.raises(AssertionError, match="no answer"):
            window.next(1)  # the window never said it lost the keyboard
    finally:
        prompt.stop()
        window.stop()


def test_panel_prompt_takes_the_keyboard_on_sway(wayland: WaylandSession) -> None:
    """Why Wayland gets the notification: sway tiles the panel and gives it the keyboard."""
    window, _ = typing_window(wayland)
    panel = wayland.agent("panel")
    try:
        assert panel.next(20) == {"shown": True, "active": True}
        assert window.next() == {"active": False}
        focused = wayland.focused_window()
        assert focused is not None
        assert focused["app_id"] == "posture-break-panel"
        assert focused["rect"]["width"] == SIZE[0] // 2  # tiled: half the screen
        wayland.screenshot(SCREENSHOTS / "wayland-panel-prompt-sway-problem.png")
    finally:
        panel.stop()
        window.stop()


@pytest.mark.parametrize(
    ("action", "signal"), [("start", "started"), ("snooze", "snoozed"), ("skip", "skipped")]
)
def test_each_action_gives_the_panels_signal(
    wayland: WaylandSession, action: str, signal: str
) -> None:
    prompt, notification_id = shown_prompt(wayland)
    try:
        wayland.run(["makoctl", "invoke", "-n", str(notification_id), action])
        assert prompt.next() == {"signal": signal}
        wait_for(
            lambda: all(n["id"] != notification_id for n in notifications(wayland)),
            5,
            0.05,
            "the answered notification to go",
        )
    finally:
        prompt.stop()


def test_dismissed_unanswered_is_ignored(wayland: WaylandSession) -> None:
    prompt, notification_id = shown_prompt(wayland)
    try:
        wayland.run(["makoctl", "dismiss", "-n", str(notification_id)])
        assert prompt.next() == {"signal": "ignored"}
    finally:
        prompt.stop()


def test_expired_unanswered_is_ignored_and_taken_down(wayland: WaylandSession) -> None:
    prompt, notification_id = shown_prompt(wayland, ignore_after_s=1.0)
    try:
        assert prompt.next(10) == {"signal": "ignored"}
        assert all(n["id"] != notification_id for n in notifications(wayland))
    finally:
        prompt.stop()
