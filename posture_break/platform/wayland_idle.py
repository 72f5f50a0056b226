"""Idle time from the Wayland compositor: `ext-idle-notify-v1`, else `org_kde_kwin_idle`.

Wayland never tells a client how long the user has been idle; it only says "idle for `T` now"
and "active again" for a timeout `T` we ask for. `ext-idle-notify-v1` is the standard one (KWin
5.27+, wlroots 0.16+ compositors, niri, COSMIC); `org_kde_kwin_idle` is the older KDE protocol
that sway 1.7 / wlroots 0.15 speak. One timeout of `threshold_seconds` (the scheduler's typing
pause, 3 s) is enough: when it fires at monotonic time `t`, the last input was at `t - T`, so the
idle time is exact from then on; while the user is active we answer 0 ("less than `T`").

Cost: no timer. The compositor sends one event when a pause reaches `T` and one when input
resumes, so a user away from the desk causes exactly one wake-up. With `watch()` (the app) a
`QSocketNotifier` timestamps the events as they arrive; without it, `idle_seconds()` reads
whatever is queued on the socket when asked, and an `idle` event read late counts from the read.
The connection itself (which protocol, pywayland and not the alternatives) is in
`wayland_client.py`.

Like every idle backend (see `idle.py`) this answers `None` ("unknown") instead of raising.
"""

from __future__ import annotations

import enum
import logging
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

from posture_break.core.clock import Clock
from posture_break.platform.wayland_client import WaylandConnection, shared_connection

_log = logging.getLogger(__name__)

DEFAULT_THRESHOLD_SECONDS = 3.0
"""Ask to be told after this long without input (the scheduler's typing pause)."""


class IdleProtocol(enum.Enum):
    """The Wayland protocol an idle source speaks."""

    EXT_IDLE_NOTIFY = "ext_idle_notifier_v1"
    KDE_KWIN_IDLE = "org_kde_kwin_idle"


def offered_idle_protocol(connection: WaylandConnection) -> IdleProtocol | None:
    """Return the best idle protocol the compositor offers, or `None`."""
    for protocol in IdleProtocol:  # best first
        if connection.has(protocol.value):
            return protocol
    return None


class WaylandIdleSource:
    """Idle seconds from one idle timeout on the compositor's seat.

    Attributes:
        protocol: the protocol in use.
        name: a short description for logs.
    """

    def __init__(
        self,
        connection: WaylandConnection,
        protocol: IdleProtocol,
        clock: Clock,
        *,
        threshold_seconds: float = DEFAULT_THRESHOLD_SECONDS,
    ) -> None:
        self.protocol = protocol
        self.name = f"Wayland {protocol.value}"
        self._connection: WaylandConnection | None = connection
        self._clock = clock
        self._threshold_s = threshold_seconds
        # Monotonic time of the user's last input, known only while the compositor says "idle".
        self._idle_since: float | None = None
        self._notifier: QSocketNotifier | None = None
        timeout_ms = max(1, round(threshold_seconds * 1000))
        seat = connection.bind_seat()
        self._timeout: Any
        if protocol is IdleProtocol.EXT_IDLE_NOTIFY:
            from pywayland.protocol.ext_idle_notify_v1 import ExtIdleNotifierV1

            notifier = connection.bind(ExtIdleNotifierV1, 1)
            self._timeout = notifier.get_idle_notification(timeout_ms, seat)
            self._timeout.dispatcher["idled"] = self._on_idle
        else:
            from posture_break.platform.wayland_protocols.org_kde_kwin_idle import OrgKdeKwinIdle

            manager = connection.bind(OrgKdeKwinIdle, 1)
            self._timeout = manager.get_idle_timeout(seat, timeout_ms)
            self._timeout.dispatcher["idle"] = self._on_idle
        self._timeout.dispatcher["resumed"] = self._on_resumed
        connection.roundtrip()  # the compositor has the timeout before the first sample

    def idle_seconds(self) -> float | None:
        """Return seconds since the last input (0 while under the threshold), `None` if lost."""
        connection = self._connection
        if connection is None:
            return None
        try:
            connection.pump()
        except Exception:  # the compositor went away: unknown from now on
            _log.info("lost the Wayland idle connection", exc_info=True)
            self.close()
            return None
        if self._idle_since is None:
            return 0.0
        return max(0.0, self._clock.monotonic() - self._idle_since)

    def watch(self, parent: QObject | None = None) -> None:
        """Read events as they arrive (exact times), from the Qt event loop."""
        if self._connection is None or self._notifier is not None:
            return
        self._notifier = QSocketNotifier(
            self._connection.fileno(), QSocketNotifier.Type.Read, parent
        )
        self._notifier.activated.connect(self._on_socket_activated)

    def close(self) -> None:
        """Stop watching and close the connection (shared: its next user reconnects)."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                connection.close()
            except Exception:  # already gone
                _log.debug("closing the Wayland idle connection failed", exc_info=True)

    def _on_socket_activated(self) -> None:
        self.idle_seconds()  # pumps the events; the answer is not needed here

    def _on_idle(self, _timeout: Any) -> None:
        self._idle_since = self._clock.monotonic() - self._threshold_s

    def _on_resumed(self, _timeout: Any) -> None:
        self._idle_since = None


def wayland_idle_source(
    clock: Clock,
    *,
    display_name: str | None = None,
    threshold_seconds: float = DEFAULT_THRESHOLD_SECONDS,
) -> WaylandIdleSource | None:
    """Return an idle source for this Wayland session, or `None` where there is none.

    `None` outside Wayland, when the compositor offers neither idle protocol (GNOME's Mutter:
    use its D-Bus IdleMonitor, `idle.mutter_idle_source`), or on any error.
    """
    try:
        connection = shared_connection(display_name)
    except Exception:  # pywayland missing its library, a broken socket: not usable here
        _log.debug("no Wayland connection", exc_info=True)
        return None
    if connection is None:
        return None
    protocol = offered_idle_protocol(connection)
    if protocol is None:
        return None  # the shared connection stays for the full-screen question
    try:
        return WaylandIdleSource(connection, protocol, clock, threshold_seconds=threshold_seconds)
    except Exception:
        _log.info("Wayland idle protocol %s failed", protocol.value, exc_info=True)
        return None
