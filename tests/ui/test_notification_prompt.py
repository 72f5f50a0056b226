"""Choosing the prompt's style, and the notification's text (the prompt itself runs on mako)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from posture_break.core.clock import FakeClock
from posture_break.ui.notification_prompt import (
    NotificationPrompt,
    PromptStyle,
    choose_prompt_style,
    is_wayland_session,
    notification_body,
)

ACTIONS = frozenset({"actions", "body"})
NO_ACTIONS = frozenset({"body"})
PANEL, NOTIFICATION = PromptStyle.PANEL, PromptStyle.NOTIFICATION

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("setting", "wayland", "capabilities", "expected"),
    [
        ("auto", True, ACTIONS, NOTIFICATION),
        ("auto", False, ACTIONS, PANEL),  # X11: the panel keeps its place by the tray
        ("auto", True, NO_ACTIONS, PANEL),  # a notification nobody could answer
        ("auto", True, None, PANEL),  # no notification server at all
        ("panel", True, ACTIONS, PANEL),
        ("notification", False, ACTIONS, NOTIFICATION),
        ("notification", True, NO_ACTIONS, PANEL),
        ("notification", False, None, PANEL),
    ],
)
def test_prompt_style(
    setting: str, wayland: bool, capabilities: frozenset[str] | None, expected: PromptStyle
) -> None:
    assert choose_prompt_style(setting, wayland=wayland, capabilities=capabilities) is expected


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="prompt style"):
        choose_prompt_style("popup", wayland=True, capabilities=ACTIONS)


@pytest.mark.parametrize(
    ("platform_name", "environ", "expected"),
    [
        ("wayland", {}, True),
        ("wayland-egl", {}, True),
        ("xcb", {"WAYLAND_DISPLAY": "wayland-0"}, False),  # XWayland: an X11 client
        ("offscreen", {"WAYLAND_DISPLAY": "wayland-0"}, False),
        ("", {"WAYLAND_DISPLAY": "wayland-0"}, True),
        ("", {"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, False),
        ("", {"QT_QPA_PLATFORM": "wayland"}, True),
        ("", {"DISPLAY": ":0"}, False),
    ],
)
def test_wayland_session(platform_name: str, environ: dict[str, str], expected: bool) -> None:
    assert is_wayland_session(platform_name, environ) is expected


def test_body_is_escaped_only_for_servers_that_read_markup() -> None:
    assert notification_body("Reach <up> & twist", 60, markup=True) == (
        "Reach &lt;up&gt; &amp; twist, 1 min"
    )
    assert notification_body("Reach <up> & twist", 150, markup=False) == "Reach <up> & twist, 2 min"


def test_no_session_bus_means_no_notification_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert NotificationPrompt.open("Seated reach", 60, 10, clock=FakeClock(START)) is None


def test_a_bus_that_is_not_there_means_no_notification_prompt() -> None:
    address = "unix:path=/nonexistent/posture-break-test-bus"
    assert (
        NotificationPrompt.open("Seated reach", 60, 10, clock=FakeClock(START), bus_address=address)
        is None
    )
