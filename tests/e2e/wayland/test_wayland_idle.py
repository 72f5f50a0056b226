"""Idle time read through the compositor's own protocol on sway 1.7 (org_kde_kwin_idle)."""

from __future__ import annotations

from tests.e2e.wayland.session import WaylandSession
from tests.harness.waiting import pause

THRESHOLD_S = 1.0


def test_idle_time_comes_from_org_kde_kwin_idle_and_resets_on_input(
    wayland: WaylandSession,
) -> None:
    agent = wayland.agent("idle", str(THRESHOLD_S))
    try:
        assert agent.next() == {"protocol": "org_kde_kwin_idle"}  # sway 1.7 has no ext-idle
        # Input now, so the compositor's idle timeout starts from a known moment.
        wayland.run(["swaymsg", "seat", "seat0", "cursor", "move", "3", "3"])
        agent.tell("sample")
        assert agent.next()["idle"] < THRESHOLD_S  # just moved: under the threshold
        pause(THRESHOLD_S + 2.0)  # a real compositor timer: nothing to fake here
        agent.tell("sample")
        idle = agent.next()["idle"]
        assert THRESHOLD_S + 1.0 <= idle <= THRESHOLD_S + 3.0
        wayland.run(["swaymsg", "seat", "seat0", "cursor", "move", "5", "5"])
        pause(0.3)  # let the "resumed" event reach the agent's socket
        agent.tell("sample")
        assert agent.next()["idle"] == 0.0
    finally:
        agent.stop()
