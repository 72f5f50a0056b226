"""Agent: print the tray watcher's RegisteredStatusNotifierItems with the pid behind each, as JSON.

Prints `[]` while no watcher is there. Uses jeepney (a dependency of posture-break on Linux), so
the tests need no `busctl`.
"""

from __future__ import annotations

import json
import sys

from jeepney import DBusAddress, MessageType, Properties, message_bus
from jeepney.io.blocking import open_dbus_connection

WATCHER = DBusAddress(
    "/StatusNotifierWatcher",
    bus_name="org.kde.StatusNotifierWatcher",
    interface="org.kde.StatusNotifierWatcher",
)


def main() -> int:
    with open_dbus_connection("SESSION") as bus:
        owned = bus.send_and_get_reply(message_bus.NameHasOwner(WATCHER.bus_name)).body[0]
        items: list[dict[str, object]] = []
        if owned:
            reply = bus.send_and_get_reply(Properties(WATCHER).get("RegisteredStatusNotifierItems"))
            for item in reply.body[0][1]:
                # waybar lists "<name>/<path>", GNOME's AppIndicator extension "<name>@/<path>".
                service = item.split("/", 1)[0].removesuffix("@")
                pid = bus.send_and_get_reply(message_bus.GetConnectionUnixProcessID(service))
                is_error = pid.header.message_type == MessageType.error
                items.append({"item": item, "pid": None if is_error else pid.body[0]})
    print(json.dumps(items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
