"""Agent: what a panel does with a StatusNotifierItem's menu (com.canonical.dbusmenu).

Argument: the pid of the app. Finds its registered item, reads its `Menu` object, and prints
`{"labels": [...]}`; with a second argument, a label, it sends that entry the "clicked" event the
way a panel does when the user picks it, and prints `{"clicked": id}`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from jeepney import DBusAddress, Properties, message_bus, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

WATCHER = DBusAddress(
    "/StatusNotifierWatcher",
    bus_name="org.kde.StatusNotifierWatcher",
    interface="org.kde.StatusNotifierWatcher",
)


def call(bus: DBusConnection, message: Any) -> Any:
    return bus.send_and_get_reply(message, timeout=5).body


def item_of(bus: DBusConnection, pid: int) -> tuple[str, str]:
    items = call(bus, Properties(WATCHER).get("RegisteredStatusNotifierItems"))[0][1]
    for item in items:
        service, _, path = item.partition("/")
        if call(bus, message_bus.GetConnectionUnixProcessID(service))[0] == pid:
            return service, "/" + (path or "StatusNotifierItem")
    raise SystemExit(f"no item of pid {pid} in {items}")


def entries(layout: Any) -> list[tuple[int, str]]:
    """Flatten a GetLayout answer `(id, {properties}, [children as variants])`."""
    item_id, properties, children = layout
    found = []
    label = properties.get("label")
    if label is not None:
        found.append((item_id, str(label[1])))
    for child in children:
        found.extend(entries(child[1]))
    return found


def main() -> int:
    pid = int(sys.argv[1])
    with open_dbus_connection("SESSION") as bus:
        service, path = item_of(bus, pid)
        item = DBusAddress(path, bus_name=service, interface="org.kde.StatusNotifierItem")
        menu_path = call(bus, Properties(item).get("Menu"))[0][1]
        menu = DBusAddress(menu_path, bus_name=service, interface="com.canonical.dbusmenu")
        layout = call(bus, new_method_call(menu, "GetLayout", "iias", (0, -1, [])))[1]
        found = entries(layout)
        if len(sys.argv) < 3:
            print(json.dumps({"labels": [label for _, label in found]}))
            return 0
        wanted = sys.argv[2]
        item_id = next(i for i, label in found if label.replace("_", "").replace("&", "") == wanted)
        call(bus, new_method_call(menu, "AboutToShow", "i", (0,)))
        event = new_method_call(menu, "Event", "isvu", (item_id, "clicked", ("i", 0), 0))
        call(bus, event)
        print(json.dumps({"clicked": item_id}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
