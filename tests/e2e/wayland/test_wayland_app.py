"""posture-break itself on sway + waybar: it docks, and the panel's menu reaches it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.wayland.session import WaylandSession
from tests.harness.waiting import now, pause, wait_for

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
APP_ID = "org.posturebreak.PostureBreak"


def app_item_pid(wayland: WaylandSession) -> int | None:
    """Return the pid behind posture-break's tray item, once it has registered."""
    for entry in wayland.registered_items():
        pid = entry["pid"]
        if pid and "posture-break" in Path(f"/proc/{pid}/cmdline").read_text():
            return int(pid)
    return None


@pytest.fixture
def panel(wayland: WaylandSession) -> WaylandSession:
    wayland.stop_waybar()
    wayland.start_waybar()
    return wayland


def test_app_docks_and_stretch_now_from_the_panel_menu_opens_the_stretch_window(
    panel: WaylandSession,
) -> None:
    wayland = panel
    app = wayland.start_app()
    try:
        pid = wait_for(lambda: app_item_pid(wayland), 20, 0.1, "posture-break in the tray")
        menu = wayland.agent("sni_menu", str(pid))
        labels = menu.next(10)["labels"]
        assert "_Stretch now" in labels  # dbusmenu writes the mnemonic with "_"
        clicked = wayland.agent("sni_menu", str(pid), "Stretch now")
        assert "clicked" in clicked.next(10)
        window = wait_for(
            lambda: next((w for w in wayland.windows() if w.get("app_id") == APP_ID), None),
            15,
            0.1,
            "the stretch window",
        )
        assert window["focused"]  # asked for from the menu: it may take the keyboard
        pause(0.5)
        wayland.screenshot(SCREENSHOTS / "wayland-stretch-now-sway.png")
    finally:
        wayland.run_app("quit")
        app.wait(10)
        wayland.stop_waybar()


@pytest.mark.slow
def test_app_docks_when_the_panel_starts_6_s_after_it(wayland: WaylandSession) -> None:
    """Today the app looks for a tray every 30 s; TrayHostWatcher, once wired, makes it at once."""
    wayland.stop_waybar()
    app = wayland.start_app()
    try:
        started = now()
        pause(6.0)  # the autostart race, in real time
        wayland.start_waybar()
        wait_for(lambda: app_item_pid(wayland), 40, 0.5, "posture-break to dock")
        assert now() - started <= 45
    finally:
        wayland.run_app("quit")
        app.wait(10)
        wayland.stop_waybar()
