"""The tray icon docks in waybar even when the app started 6 s before the panel (autostart)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.wayland.session import WaylandSession
from tests.harness.waiting import pause, wait_for

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PANEL_LATE_S = 6.0


@pytest.fixture
def no_panel(wayland: WaylandSession) -> WaylandSession:
    """The session without waybar (each test starts it when it wants)."""
    wayland.stop_waybar()
    wait_for(lambda: not wayland.bus_has("org.kde.StatusNotifierWatcher"), 10, 0.05, "no panel")
    return wayland


def test_docks_with_the_panel_already_running(no_panel: WaylandSession) -> None:
    wayland = no_panel
    wayland.start_waybar()
    agent = wayland.agent("tray", "watcher")
    try:
        start = agent.next(20)
        assert start["host"] is True
        assert agent.next()["icon"] == 1
        wait_for(lambda: wayland.items_of(start["pid"]), 10, 0.05, "the icon to register")
    finally:
        agent.stop()
        wayland.stop_waybar()


def test_docks_when_the_panel_starts_6_s_after_the_app(no_panel: WaylandSession) -> None:
    wayland = no_panel
    agent = wayland.agent("tray", "watcher")
    try:
        start = agent.next(20)
        assert start["host"] is False
        pause(PANEL_LATE_S)  # the autostart race, in real time: the panel comes late
        wayland.start_waybar()
        assert agent.next(10)["icon"] == 1
        items = wait_for(lambda: wayland.items_of(start["pid"]), 10, 0.05, "the icon to dock")
        assert len(items) == 1
        pause(1.0)  # let waybar draw the icon before the screenshot
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        wayland.screenshot(SCREENSHOTS / "wayland-tray-waybar.png")
    finally:
        agent.stop()
        wayland.stop_waybar()


def test_qt_asks_afresh_whether_there_is_a_tray(no_panel: WaylandSession) -> None:
    """PySide6 6.11 does not keep its first "no tray" answer (the watcher relies on that)."""
    wayland = no_panel
    agent = wayland.agent("tray", "query")
    try:
        assert agent.next(20)["host"] is False
        assert agent.next() == {"available": False}
        wayland.start_waybar()
        assert agent.next(10) == {"available": True}
    finally:
        agent.stop()
        wayland.stop_waybar()


def test_an_icon_shown_before_the_panel_docks_when_it_comes(no_panel: WaylandSession) -> None:
    """Qt's D-Bus tray icon registers again when the watcher appears: no need to recreate it."""
    wayland = no_panel
    agent = wayland.agent("tray", "plain")
    try:
        start = agent.next(20)
        assert agent.next()["icon"] == 1
        assert wayland.items_of(start["pid"]) == []
        wayland.start_waybar()
        wait_for(lambda: wayland.items_of(start["pid"]), 10, 0.05, "the early icon to dock")
    finally:
        agent.stop()
        wayland.stop_waybar()
