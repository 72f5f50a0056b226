"""GNOME Shell 43 (headless, Wayland; logind from python-dbusmock): idle and the notification.

No window got the keyboard here (a Qt window never became active, probably because GNOME Shell
43 starts in the overview), so focus is not checked on GNOME; and nothing outside the shell can
press a notification's button, so the actions are checked on mako (test_wayland_notification.py)
and KWin only.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.wayland.session import SessionError, WaylandSession
from tests.harness.waiting import pause, wait_for

APPINDICATOR = "ubuntu-appindicators@ubuntu.com"  # Debian's gnome-shell-extension-appindicator
WATCHER = "org.kde.StatusNotifierWatcher"


@pytest.fixture(scope="module")
def gnome() -> Iterator[WaylandSession]:
    session = WaylandSession("gnome")
    try:
        session.start()
    except SessionError as error:
        pytest.skip(f"GNOME Shell cannot start here: {error}")
    try:
        yield session
    finally:
        session.stop()


def test_mutter_offers_no_wayland_idle_protocol_but_its_dbus_monitor_answers(
    gnome: WaylandSession,
) -> None:
    wayland_idle = gnome.agent("idle", "1")
    try:
        assert wayland_idle.next(20) == {"protocol": None}  # neither ext-idle-notify nor KDE's
    finally:
        wayland_idle.stop()
    pause(1.0)  # no input devices: Mutter counts idle time from its start
    mutter = gnome.agent("mutter_idle")
    try:
        idle = mutter.next(20)["idle"]
        assert idle is not None
        assert idle >= 1.0
    finally:
        mutter.stop()


def test_prompt_is_a_gnome_shell_notification_and_expires_as_ignored(gnome: WaylandSession) -> None:
    prompt = gnome.agent("notify", "2")
    try:
        assert prompt.next(20) == {"ready": True}  # GNOME Shell lists "actions"
        prompt.tell("show")
        assert prompt.next()["shown"] > 0
        assert prompt.next(10) == {"signal": "ignored"}
    finally:
        prompt.stop()


def test_full_screen_is_unknown_on_gnome(gnome: WaylandSession) -> None:
    """Mutter tells no client about other clients' windows."""
    probe = gnome.agent("toplevel")
    try:
        assert probe.next(20) == {"ready": True}
        probe.tell("sample")
        assert probe.next() == {"fullscreen": None, "windows": []}
    finally:
        probe.stop()


def test_without_appindicator_gnome_has_no_tray_host(gnome: WaylandSession) -> None:
    agent = gnome.agent("tray", "watcher")
    try:
        assert agent.next(20)["host"] is False  # the app shows its status window instead
    finally:
        agent.stop()


def test_with_the_appindicator_extension_the_icon_docks() -> None:
    session = WaylandSession("gnome", extensions=[APPINDICATOR])
    try:
        session.start()
    except SessionError as error:
        pytest.skip(f"GNOME Shell cannot start here: {error}")
    try:
        wait_for(lambda: session.bus_has(WATCHER), 15, 0.1, "the extension's tray watcher")
        agent = session.agent("tray", "watcher")
        try:
            start = agent.next(20)
            assert start["host"] is True
            assert agent.next()["icon"] == 1
            wait_for(lambda: session.items_of(start["pid"]), 10, 0.1, "the icon to register")
        finally:
            agent.stop()
    finally:
        session.stop()
