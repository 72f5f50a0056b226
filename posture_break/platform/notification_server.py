"""The desktop's notification server (`org.freedesktop.Notifications`), with actions.

Why jeepney and not QtDBus: `Notify` takes `replaces_id` as a D-Bus `uint32` and
`CloseNotification` an `uint32` id, and PySide6 (6.11) cannot send one. It turns a Python `int`
into an `int32` (`QDBusMessage.setArguments`) or an `uint16` (`QDBusArgument <<`), and servers
check signatures: mako answers "Invalid arguments 'sisssasa{sv}i' to call
org.freedesktop.Notifications.Notify(), expecting 'susssasa{sv}i'". `QDBusInterface` would
convert through the server's introspection, but no server annotates `a{sv}` for Qt, so the method
cannot be invoked. jeepney (pure Python, no dependencies, in Debian and Fedora) writes the
signature we give it.

The connection also receives `ActionInvoked` and `NotificationClosed`: some servers send them to
the notification's sender only, so they must come in on the connection that sent `Notify`. A
connection is opened for one prompt and closed with it: nothing is held between prompts.
"""

from __future__ import annotations

import enum
import logging
import os
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, MatchRule, MessageType, message_bus, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.low_level import HeaderFields

_log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CALL_TIMEOUT_S = 0.5
"""The longest a call to the notification server may take; a slower server is no server."""

_ADDRESS = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)


class CloseReason(enum.IntEnum):
    """Why a notification closed (`NotificationClosed`'s second argument, from the spec)."""

    EXPIRED = 1
    DISMISSED = 2
    CLOSED_BY_CALL = 3
    UNDEFINED = 4


@dataclass(frozen=True, slots=True)
class Action:
    """One button on a notification: the key the server reports back, and the label shown."""

    key: str
    label: str


class NotificationServer:
    """One connection to the session's notification server.

    `on_action(id, key)` and `on_closed(id, reason)` are called from `pump()`, which the owner
    calls when the socket has data (`fileno()`, for a `QSocketNotifier`).
    """

    def __init__(self, connection: DBusConnection) -> None:
        self._connection: DBusConnection | None = connection
        self._signals: deque[Any] = deque()
        self._filter = connection.filter(
            MatchRule(type="signal", interface=INTERFACE, path=PATH), queue=self._signals
        )
        self._call(message_bus.AddMatch(MatchRule(type="signal", interface=INTERFACE, path=PATH)))
        self.on_action: Callable[[int, str], None] | None = None
        self.on_closed: Callable[[int, int], None] | None = None

    @classmethod
    def open(cls, address: str | None = None) -> NotificationServer | None:
        """Connect to the session bus (or `address`); `None` if that fails or nobody serves."""
        bus = address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        if not bus:
            return None
        try:
            connection = open_dbus_connection(bus, auth_timeout=CALL_TIMEOUT_S)
        except Exception:  # no bus, refused: no notifications
            _log.debug("cannot connect to the session bus", exc_info=True)
            return None
        try:
            server = cls(connection)
            owned = server._call(message_bus.NameHasOwner(SERVICE))
            if not owned or not owned[0]:
                server.close()
                return None
            return server
        except Exception:
            _log.debug("notification server check failed", exc_info=True)
            connection.close()
            return None

    def capabilities(self) -> frozenset[str]:
        """Return the server's capabilities (`actions`, `body`, `persistence`...)."""
        body = self._call(new_method_call(_ADDRESS, "GetCapabilities"))
        return frozenset(str(item) for item in body[0]) if body else frozenset()

    def server_name(self) -> str:
        """Return the server's name, e.g. ``mako`` or ``gnome-shell``."""
        body = self._call(new_method_call(_ADDRESS, "GetServerInformation"))
        return str(body[0]) if body else ""

    def notify(
        self,
        app_name: str,
        summary: str,
        body: str,
        actions: list[Action],
        *,
        expire_ms: int,
        hints: dict[str, tuple[str, Any]] | None = None,
    ) -> int:
        """Show a notification and return its id (`expire_ms` 0 = until answered)."""
        flat = [part for action in actions for part in (action.key, action.label)]
        message = new_method_call(
            _ADDRESS,
            "Notify",
            "susssasa{sv}i",
            (app_name, 0, "", summary, body, flat, hints or {}, expire_ms),
        )
        reply = self._call(message)
        return int(reply[0])

    def close_notification(self, notification_id: int) -> None:
        """Ask the server to take the notification down (it answers with NotificationClosed)."""
        self._call(new_method_call(_ADDRESS, "CloseNotification", "u", (notification_id,)))

    def fileno(self) -> int:
        """Return the socket to watch for incoming signals."""
        assert self._connection is not None
        return int(self._connection.sock.fileno())

    def pump(self) -> None:
        """Report the signals received so far and those on the socket, without waiting.

        Call it when `fileno()` is readable and once after any call: signals that came in while
        a call waited for its reply are already read and queued.
        """
        connection = self._connection
        if connection is None:
            return
        while True:
            try:
                connection.recv_messages(timeout=0)
            except TimeoutError:
                break
        self._deliver()

    def close(self) -> None:
        """Close the connection."""
        if self._connection is not None:
            connection, self._connection = self._connection, None
            self._filter.close()
            connection.close()

    def _call(self, message: Any) -> tuple[Any, ...]:
        assert self._connection is not None
        reply = self._connection.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        if reply.header.message_type == MessageType.error:
            raise RuntimeError(f"D-Bus error {reply.header.fields}: {reply.body}")
        # Signals that came in while waiting for the reply are in the queue: deliver them later,
        # from the event loop, never from inside a call.
        return tuple(reply.body)

    def _deliver(self) -> None:
        while self._signals:
            message = self._signals.popleft()
            member = message.header.fields.get(HeaderFields.member)
            if member == "ActionInvoked" and self.on_action is not None:
                self.on_action(int(message.body[0]), str(message.body[1]))
            elif member == "NotificationClosed" and self.on_closed is not None:
                self.on_closed(int(message.body[0]), int(message.body[1]))
