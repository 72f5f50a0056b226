"""One small Wayland client connection for the idle and full-screen backends (pywayland).

Why pywayland: it is libwayland-client itself behind cffi (binary wheels that bundle the
library, so no compiler and no system package), it ships `ext-idle-notify-v1` already, and its
scanner turns the other protocol XMLs into bindings (`wayland_protocols/`). The alternatives were
worse: Qt's own Wayland connection does not expose arbitrary globals to Python; libwayland
through ctypes means building `wl_interface` tables by hand; speaking the wire protocol ourselves
is a hand-rolled parser. A second `wl_display` connection next to Qt's is ordinary (every
Wayland client may open as many as it likes) and costs one socket.

One connection per process, not one per backend or per question (`shared_connection`):
pywayland 0.4 gives every object the compositor creates (a `new_id` in an event, such as each
window `zwlr_foreign_toplevel_manager_v1.toplevel` announces) to the display of whichever
`wl_registry` it finds first, not to the connection the event came on. With two connections,
closing one left its windows' proxies counted as the other's; when Python later freed them,
`wl_proxy_destroy` wrote into the closed display's freed memory, and libwayland aborted ("data
is non-NULL with zero alloc") or crashed, at the next allocation or at exit. For the same reason
the connection is closed before the interpreter tears down (`atexit`): pywayland then destroys
every proxy before the display, instead of in whatever order the garbage collector picks.

Nothing here blocks for long or polls: after the initial round trip, events are read only when
the socket has data (`pump`, called from a `QSocketNotifier` or on a sample).
"""

from __future__ import annotations

import atexit
import logging
import os
import select
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pywayland.client.display import Display
from pywayland.protocol.wayland import WlSeat
from pywayland.protocol_core.interface import Interface

_log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Global:
    name: int
    interface: str
    version: int


@dataclass(slots=True)
class WaylandConnection:
    """A connected display with the globals the compositor announced."""

    display: Display
    globals: dict[str, _Global] = field(default_factory=dict)
    registry: Any = None
    closed: bool = False

    def has(self, interface: str) -> bool:
        """Return whether the compositor offers the global `interface`."""
        return interface in self.globals

    def bind(self, interface: type[Interface], max_version: int) -> Any:
        """Bind the compositor's global for `interface` at the highest version both speak."""
        announced = self.globals[interface.name]
        version = min(announced.version, max_version, interface.version)
        return self.registry.bind(announced.name, interface, version)

    def bind_seat(self) -> Any:
        """Bind the first seat (idle is per seat; a desktop has one)."""
        return self.bind(WlSeat, 1)

    def fileno(self) -> int:
        """Return the socket's file descriptor (for a `QSocketNotifier`)."""
        return int(self.display.get_fd())

    def roundtrip(self) -> None:
        """Send what is queued and wait until the compositor has answered it (start-up only)."""
        self.display.roundtrip()

    def pump(self) -> None:
        """Dispatch every event already on the socket, without waiting for more."""
        display = self.display
        display.flush()
        display.dispatch(block=False)  # anything read earlier and not yet dispatched
        readable, _, _ = select.select([self.fileno()], [], [], 0)
        if readable:
            display.read()  # libwayland reads with MSG_DONTWAIT: never blocks
            display.dispatch(block=False)

    def close(self) -> None:
        """Disconnect (the compositor then forgets every object we made); idempotent.

        pywayland destroys this display's proxies first, then the display.
        """
        if not self.closed:
            self.closed = True
            self.registry = None  # pywayland looks displays up through live registries
            self.display.disconnect()


def wayland_display_name(environ: Mapping[str, str] | None = None) -> str | None:
    """Return the Wayland display to connect to, or `None` outside a Wayland session."""
    env = os.environ if environ is None else environ
    return env.get("WAYLAND_DISPLAY") or None


_shared: dict[str, WaylandConnection] = {}


def shared_connection(display_name: str | None = None) -> WaylandConnection | None:
    """Return this process's one connection to the display, made on first use (see above).

    A closed one (the compositor went away) is replaced on the next call.
    """
    name = display_name if display_name is not None else wayland_display_name()
    if name is None:
        return None
    connection = _shared.get(name)
    if connection is None or connection.closed:
        connection = connect(name)
        if connection is None:
            return None
        _shared[name] = connection
    return connection


def close_shared_connections() -> None:
    """Close every shared connection, each one's proxies before its display."""
    while _shared:
        _name, connection = _shared.popitem()
        try:
            connection.close()
        except Exception:  # already broken: nothing left to free in order
            _log.debug("closing the Wayland connection failed", exc_info=True)


atexit.register(close_shared_connections)


def connect(display_name: str | None = None) -> WaylandConnection | None:
    """Connect and collect the globals; `None` without a Wayland compositor to talk to.

    A connection of its own: for tools and tests. The app uses `shared_connection`.
    """
    name = display_name if display_name is not None else wayland_display_name()
    if name is None:
        return None
    display = Display(name)
    try:
        display.connect()
    except Exception:  # no socket, no permission: not a Wayland session we can use
        _log.debug("cannot connect to Wayland display %s", name, exc_info=True)
        return None
    connection = WaylandConnection(display)
    registry = display.get_registry()

    def on_global(_registry: Any, global_name: int, interface: str, version: int) -> None:
        connection.globals.setdefault(interface, _Global(global_name, interface, version))

    registry.dispatcher["global"] = on_global
    connection.registry = registry
    display.roundtrip()
    return connection
