"""Whether a full-screen window is in front, from wlroots' `wlr-foreign-toplevel-management`.

A Wayland client cannot see other clients' windows; compositors built on wlroots (sway, labwc,
Wayfire, river, Hyprland) tell panels and docks about every window and its state through
`zwlr_foreign_toplevel_manager_v1`. A window that is both `activated` (it has the keyboard) and
`fullscreen` is a presentation, a film or a game: the prompt waits. KDE Plasma offers its own
`org_kde_plasma_window_management` only to its shell, and GNOME nothing, so there (and on any
compositor without the protocol) the answer is `None`, unknown; see docs/tray.md.

The question is asked only while a due prompt is held, about once a minute, so the window list
is asked for only then: the manager is bound, read in two round trips, then stopped and every
window handle destroyed. A manager kept bound would be told of every title change in every
window (a terminal's title changes with each command), which means wake-ups. The connection is
the process's shared one (`wayland_client.shared_connection`, also the idle source's): a second
connection per question is what made pywayland free window proxies into a closed display.
"""

from __future__ import annotations

import array
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from posture_break.platform.wayland_client import WaylandConnection, shared_connection

_log = logging.getLogger(__name__)

MANAGER_INTERFACE = "zwlr_foreign_toplevel_manager_v1"
_ACTIVATED = 2  # zwlr_foreign_toplevel_handle_v1.state.activated
_FULLSCREEN = 3  # zwlr_foreign_toplevel_handle_v1.state.fullscreen


@dataclass(slots=True)
class Toplevel:
    """One window as the compositor describes it (the state last confirmed by `done`)."""

    title: str = ""
    app_id: str = ""
    states: frozenset[int] = frozenset()
    pending: frozenset[int] = field(default=frozenset(), repr=False)

    @property
    def is_activated(self) -> bool:
        """Whether the window has the keyboard."""
        return _ACTIVATED in self.states

    @property
    def is_fullscreen(self) -> bool:
        """Whether the window is full screen."""
        return _FULLSCREEN in self.states


def decode_states(data: bytes) -> frozenset[int]:
    """Return the states in a `state` event's array (native-endian uint32s, as libwayland sends)."""
    values = array.array("I")
    values.frombytes(data)
    return frozenset(values)


def fullscreen_in_front(toplevels: Iterable[Toplevel]) -> bool:
    """Return whether the window with the keyboard is full screen."""
    return any(t.is_activated and t.is_fullscreen for t in toplevels)


def list_toplevels(connection: WaylandConnection) -> list[Toplevel] | None:
    """Return every window the compositor lists, or `None` if it does not offer the protocol.

    Leaves nothing bound: the manager is stopped and every handle destroyed before returning.
    """
    if not connection.has(MANAGER_INTERFACE):
        return None
    from posture_break.platform.wayland_protocols.wlr_foreign_toplevel_management_unstable_v1 import (  # noqa: E501
        ZwlrForeignToplevelManagerV1,
    )

    toplevels: dict[int, Toplevel] = {}
    handles: list[Any] = []

    def on_toplevel(_manager: Any, handle: Any) -> None:
        handles.append(handle)
        toplevel = toplevels.setdefault(id(handle), Toplevel())

        def on_title(_handle: Any, title: str) -> None:
            toplevel.title = title

        def on_app_id(_handle: Any, app_id: str) -> None:
            toplevel.app_id = app_id

        def on_state(_handle: Any, data: bytes) -> None:
            toplevel.pending = decode_states(data)

        def on_done(_handle: Any) -> None:
            toplevel.states = toplevel.pending

        def on_closed(_handle: Any) -> None:
            toplevels.pop(id(handle), None)

        handle.dispatcher["title"] = on_title
        handle.dispatcher["app_id"] = on_app_id
        handle.dispatcher["state"] = on_state
        handle.dispatcher["done"] = on_done
        handle.dispatcher["closed"] = on_closed

    manager = connection.bind(ZwlrForeignToplevelManagerV1, 3)
    manager.dispatcher["toplevel"] = on_toplevel
    try:
        connection.roundtrip()  # the manager announces every window...
        connection.roundtrip()  # ...and each window its title, state and done
        return list(toplevels.values())
    finally:
        _unbind(connection, manager, handles)


def _unbind(connection: WaylandConnection, manager: Any, handles: list[Any]) -> None:
    """Stop the manager and destroy it and every handle it made, compositor side and ours."""
    manager.stop()
    # The compositor answers `stop` with `finished` and forgets the manager; windows it announced
    # meanwhile are in `handles` too.
    connection.roundtrip()
    manager.destroy()  # no request: `finished` ended it; this frees our proxy
    for handle in handles:
        handle.destroy()  # the `destroy` request, then our proxy
    connection.display.flush()


class WaylandFullscreenSource:
    """Full screen from the compositor's window list; do-not-disturb is not its business.

    Shaped like `disturb.DisturbSource`, so it can stand in for its full-screen half.
    """

    def __init__(self, display_name: str | None = None) -> None:
        self._display_name = display_name

    def is_do_not_disturb(self) -> bool | None:
        """Return `None`: the compositor does not know about do-not-disturb."""
        return None

    def is_fullscreen_active(self) -> bool | None:
        """Return whether the focused window is full screen; `None` if the compositor won't say."""
        try:
            connection = shared_connection(self._display_name)
            if connection is None:
                return None
            toplevels = list_toplevels(connection)
        except Exception:  # pywayland cannot load, a broken socket: unknown
            _log.debug("wlr-foreign-toplevel failed", exc_info=True)
            return None
        return None if toplevels is None else fullscreen_in_front(toplevels)


def offers_foreign_toplevel(display_name: str | None = None) -> bool:
    """Return whether this session's compositor lists its windows (wlroots compositors do)."""
    connection = shared_connection(display_name)
    return connection is not None and connection.has(MANAGER_INTERFACE)
