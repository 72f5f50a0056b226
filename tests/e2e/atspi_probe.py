"""Read and drive posture-break through the AT-SPI accessibility bus, as a screen reader does.

Runs under the system Python (/usr/bin/python3), not the project's: AT-SPI's client library is
libatspi through GObject introspection (Debian: gir1.2-atspi-2.0 and python3-gi), which is built
against the system interpreter and is not on PyPI in a form uv can install without a C tool
chain and the GLib headers. The test in the project's venv calls this file as a subprocess and
reads JSON from its standard output.

    atspi_probe.py tree PID            every window of process PID, each node with its role,
                                       name, states and actions, as JSON
    atspi_probe.py act PID WINDOW ROLE NAME ACTION
                                       run ACTION (e.g. "Press") on the first showing node of
                                       role ROLE and name NAME in the window titled WINDOW
"""

from __future__ import annotations

import json
import sys
from typing import Any

import gi  # type: ignore[import-not-found]

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # type: ignore[import-not-found]  # noqa: E402

# A deep widget tree is a bug of its own; stop walking rather than hang on a cycle.
MAX_DEPTH = 40


def _application(pid: int) -> Any:
    desktop = Atspi.get_desktop(0)
    for index in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(index)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def _states(node: Any) -> list[str]:
    state_set = node.get_state_set()
    return sorted(
        Atspi.StateType(value).value_nick
        for value in range(Atspi.StateType.LAST_DEFINED)
        if state_set.contains(Atspi.StateType(value))
    )


def _actions(node: Any) -> list[str]:
    if "Action" not in node.get_interfaces():
        return []
    return [node.get_action_name(i) for i in range(node.get_n_actions())]


def _describe(node: Any, path: list[int]) -> dict[str, Any]:
    return {
        "path": path,
        "role": node.get_role_name(),
        "name": node.get_name() or "",
        "description": node.get_description() or "",
        "states": _states(node),
        "actions": _actions(node),
    }


def _walk(node: Any, path: list[int], out: list[dict[str, Any]]) -> None:
    try:
        out.append(_describe(node, path))
        children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
    except GLib.Error:
        return  # the object went away while we looked (a window closing): nothing left to read
    if len(path) >= MAX_DEPTH:
        return
    for index, child in enumerate(children):
        if child is not None:
            _walk(child, [*path, index], out)


def tree(pid: int) -> dict[str, Any]:
    app = _application(pid)
    if app is None:
        return {"application": None, "windows": []}
    windows = []
    for index in range(app.get_child_count()):
        window = app.get_child_at_index(index)
        if window is None:
            continue
        nodes: list[dict[str, Any]] = []
        _walk(window, [index], nodes)
        if nodes:
            windows.append({"title": nodes[0]["name"], "nodes": nodes})
    return {"application": app.get_name(), "windows": windows}


def _find(node: Any, role: str, name: str, depth: int = 0) -> Any:
    states = node.get_state_set()
    if (
        node.get_role_name() == role
        and (node.get_name() or "") == name
        and states.contains(Atspi.StateType.SHOWING)
    ):
        return node
    if depth >= MAX_DEPTH:
        return None
    for index in range(node.get_child_count()):
        child = node.get_child_at_index(index)
        found = _find(child, role, name, depth + 1) if child is not None else None
        if found is not None:
            return found
    return None


def act(pid: int, window_title: str, role: str, name: str, action_name: str) -> dict[str, Any]:
    app = _application(pid)
    if app is None:
        return {"done": False, "error": f"no accessible application with pid {pid}"}
    for index in range(app.get_child_count()):
        window = app.get_child_at_index(index)
        if window is None or window_title not in (window.get_name() or ""):
            continue
        node = _find(window, role, name)
        if node is None:
            continue
        actions = _actions(node)
        if action_name not in actions:
            return {"done": False, "error": f"{role} {name!r} has actions {actions}"}
        done = node.do_action(actions.index(action_name))
        return {"done": bool(done), "error": ""}
    return {"done": False, "error": f"no showing {role} {name!r} in a window {window_title!r}"}


def main(argv: list[str]) -> int:
    command, pid = argv[1], int(argv[2])
    if command == "tree":
        result = tree(pid)
    elif command == "act":
        result = act(pid, *argv[3:7])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
