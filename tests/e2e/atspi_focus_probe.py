"""Print what a screen reader hears as focus moves in one process: one JSON line per focus.

Runs under the system Python, like atspi_probe.py (libatspi's bindings are not in the project's
venv). Qt leaves popup menus out of the accessible tree, so the tray menu cannot be read with
`atspi_probe.py tree`; a screen reader follows a menu through its focus events instead, and so
does this probe:

    atspi_focus_probe.py PID     prints "ready", then {"role": ..., "name": ...} for every
                                 object of process PID that gains focus, until stdin closes
"""

from __future__ import annotations

import json
import sys
from typing import Any

import gi  # type: ignore[import-not-found]

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # type: ignore[import-not-found]  # noqa: E402


def _on_focus(event: Any, pid: int) -> None:
    if not event.detail1:  # focus lost
        return
    try:
        source = event.source
        if source.get_process_id() != pid:
            return
        line = {"role": source.get_role_name(), "name": source.get_name() or ""}
    except GLib.Error:
        return  # the object went away while we looked (the menu closing)
    print(json.dumps(line), flush=True)


def _on_stdin(channel: Any, condition: Any, loop: Any) -> bool:
    loop.quit()  # the test closed our stdin: it has seen enough
    return False


def main(argv: list[str]) -> int:
    pid = int(argv[1])
    listener = Atspi.EventListener.new(_on_focus, pid)
    listener.register("object:state-changed:focused")
    loop = GLib.MainLoop()
    stdin = GLib.IOChannel.unix_new(sys.stdin.fileno())
    GLib.io_add_watch(
        stdin, GLib.PRIORITY_DEFAULT, GLib.IOCondition.HUP | GLib.IOCondition.IN, _on_stdin, loop
    )
    print("ready", flush=True)
    loop.run()
    listener.deregister("object:state-changed:focused")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
