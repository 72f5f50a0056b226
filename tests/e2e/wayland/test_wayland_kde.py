"""KDE's compositor, KWin 5.27 (Debian's kwin_wayland --virtual): idle and the prompt's focus.

The Plasma shell (its panel, tray and notification server) is not started: only KWin. mako stands
in as the notification server; Plasma's own server (plasmashell) is untested here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.wayland.session import SessionError, WaylandSession
from tests.harness.waiting import pause

THRESHOLD_S = 1.0


@pytest.fixture(scope="module")
def kwin() -> Iterator[WaylandSession]:
    session = WaylandSession("kwin")
    try:
        session.start()
    except SessionError as error:
        pytest.skip(f"KWin cannot start here: {error}")
    try:
        yield session
    finally:
        session.stop()


def test_idle_time_comes_from_ext_idle_notify_on_kwin(kwin: WaylandSession) -> None:
    agent = kwin.agent("idle", str(THRESHOLD_S))
    try:
        assert agent.next(20) == {"protocol": "ext_idle_notifier_v1"}  # preferred over org_kde
        pause(THRESHOLD_S + 1.5)  # no input devices: idle from the start
        agent.tell("sample")
        assert THRESHOLD_S + 0.5 <= agent.next()["idle"] <= THRESHOLD_S + 3.0
    finally:
        agent.stop()


def test_panel_prompt_takes_the_keyboard_on_kwin(kwin: WaylandSession) -> None:
    """KWin too gives the panel the keyboard: Qt's no-focus hints do not reach xdg-shell."""
    window = kwin.agent("window")
    try:
        assert window.next(20) == {"shown": True}
        assert window.next(10) == {"active": True}
        panel = kwin.agent("panel")
        try:
            assert panel.next(20) == {"shown": True, "active": True}
            assert window.next() == {"active": False}
        finally:
            panel.stop()
    finally:
        window.stop()


def test_notification_prompt_keeps_the_keyboard_in_place_on_kwin(kwin: WaylandSession) -> None:
    window = kwin.agent("window")
    prompt = kwin.agent("notify")
    try:
        assert window.next(20) == {"shown": True}
        assert window.next(10) == {"active": True}
        assert prompt.next(20) == {"ready": True}
        prompt.tell("show")
        notification_id = prompt.next()["shown"]
        kwin.run(["makoctl", "invoke", "-n", str(notification_id), "snooze"])
        assert prompt.next() == {"signal": "snoozed"}
        with pytest.raises(AssertionError, match="no answer"):
            window.next(1)  # still active: it never said otherwise
    finally:
        prompt.stop()
        window.stop()


def test_full_screen_is_unknown_on_kwin(kwin: WaylandSession) -> None:
    """KWin 5.27 lists windows only to Plasma (org_kde_plasma_window_management), not to us."""
    probe = kwin.agent("toplevel")
    try:
        assert probe.next(20) == {"ready": True}
        probe.tell("sample")
        assert probe.next() == {"fullscreen": None, "windows": []}
    finally:
        probe.stop()
