"""What the X server shows: the window tree, docked tray icons, window titles and maps.

Everything here asks the X tools (`xwininfo`, `xprop`, `xdotool`, `xev`) of the display named in
the `env` it is given, the way a user's desktop would see it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.harness.process import terminate
from tests.harness.waiting import now

_TREE_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<id>0x[0-9a-f]+) (?P<name>\(has no name\)|\".*?\"): "
    r"\((?P<cls>.*?)\)\s+(?P<w>\d+)x(?P<h>\d+)\+-?\d+\+-?\d+\s+\+(?P<x>-?\d+)\+(?P<y>-?\d+)"
)


@dataclass(frozen=True, slots=True)
class XWindow:
    """One window of the X tree as `xwininfo -root -tree` lists it."""

    wid: int
    name: str
    wm_class: tuple[str, ...]
    x: int
    y: int
    width: int
    height: int
    depth: int
    children: list[XWindow] = field(default_factory=list, compare=False)

    def descendants(self) -> Iterator[XWindow]:
        """Yield every window below this one, depth first."""
        for child in self.children:
            yield child
            yield from child.descendants()

    @property
    def center(self) -> tuple[int, int]:
        """Return the window's centre in root coordinates."""
        return self.x + self.width // 2, self.y + self.height // 2


def parse_tree(text: str) -> list[XWindow]:
    """Parse `xwininfo -root -tree` output into the root's top-level windows with children."""
    top: list[XWindow] = []
    stack: list[tuple[int, XWindow]] = []
    for line in text.splitlines():
        match = _TREE_LINE.match(line)
        if match is None:
            continue
        indent = len(match["indent"])
        name = match["name"]
        name = "" if name == "(has no name)" else name[1:-1]
        wm_class = tuple(re.findall(r"\"(.*?)\"", match["cls"]))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        window = XWindow(
            wid=int(match["id"], 16),
            name=name,
            wm_class=wm_class,
            x=int(match["x"]),
            y=int(match["y"]),
            width=int(match["w"]),
            height=int(match["h"]),
            depth=len(stack),
        )
        if stack:
            stack[-1][1].children.append(window)
        else:
            top.append(window)
        stack.append((indent, window))
    return top


def x_output(env: Mapping[str, str], argv: Sequence[str]) -> str:
    """Return what an X tool (xwininfo, xprop, xdotool) prints on the display in `env`; a tool
    that fails or finds nothing prints nothing, which callers read as "not there"."""
    return subprocess.run(
        list(argv), env=dict(env), capture_output=True, text=True, check=False, timeout=10
    ).stdout


def x_tree(env: Mapping[str, str]) -> list[XWindow]:
    """Return the current X window tree of the display in `env`."""
    out = x_output(env, ["xwininfo", "-root", "-tree"])
    return parse_tree(out)


def tray_panels(tree: Sequence[XWindow]) -> list[XWindow]:
    """Return trayer's panel windows (WM_CLASS "panel", "trayer")."""
    return [w for w in tree if w.wm_class == ("panel", "trayer")]


def docked_icons(env: Mapping[str, str]) -> list[XWindow]:
    """Return every client window docked in trayer's panel (each is one tray icon)."""
    icons: list[XWindow] = []
    for panel in tray_panels(x_tree(env)):
        icons.extend(w for w in panel.descendants() if w.wm_class)
    return icons


def window_pid(env: Mapping[str, str], wid: int) -> int | None:
    """Return the _NET_WM_PID of window `wid`, or None when it has none."""
    out = x_output(env, ["xprop", "-id", hex(wid), "_NET_WM_PID"])
    match = re.search(r"= (\d+)", out)
    return int(match[1]) if match else None


def docked_icon_of(env: Mapping[str, str], pid: int) -> XWindow | None:
    """Return the docked tray icon that belongs to process `pid`, if it is docked."""
    for icon in docked_icons(env):
        if window_pid(env, icon.wid) == pid:
            return icon
    return None


def visible_windows(env: Mapping[str, str], name_regex: str) -> list[int]:
    """Return ids of mapped (viewable) windows whose title matches `name_regex`."""
    out = x_output(env, ["xdotool", "search", "--onlyvisible", "--name", name_regex])
    return [int(line) for line in out.split() if line.isdigit()]


def visible_windows_of(env: Mapping[str, str], pid: int) -> list[int]:
    """Return ids of mapped windows of process `pid` that have a title."""
    out = x_output(env, ["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "."])
    return [int(line) for line in out.split() if line.isdigit()]


def mapped_windows_of(env: Mapping[str, str], pid: int) -> list[int]:
    """Return ids of every mapped window of process `pid`, titled or not (a menu has no title)."""
    out = x_output(env, ["xdotool", "search", "--onlyvisible", "--pid", str(pid)])
    return [int(line) for line in out.split() if line.isdigit()]


def window_name(env: Mapping[str, str], wid: int) -> str:
    """Return the title of window `wid` (empty when it has none or is gone)."""
    return x_output(env, ["xdotool", "getwindowname", str(wid)]).strip()


class MapWatcher:
    """Timestamp every top-level window the X server maps, as it happens (no polling).

    Runs `xev -root -event substructure` and reads its MapNotify events on a thread; each event
    is stamped with `now()` when its line arrives, so latency figures carry only xev's own
    delivery delay (a few ms) rather than a polling interval.
    """

    def __init__(self, env: Mapping[str, str]) -> None:
        self._proc = subprocess.Popen(
            ["xev", "-root", "-event", "substructure"],
            env=dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self._events: list[tuple[float, int]] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        pending = False
        for line in self._proc.stdout:
            if line.startswith("MapNotify"):
                pending = True
                continue
            match = re.search(r"window (0x[0-9a-f]+)", line) if pending else None
            if match is not None:
                with self._changed:
                    self._events.append((now(), int(match[1], 16)))
                    self._changed.notify_all()
            pending = False

    def maps_since(self, since: float) -> list[tuple[float, int]]:
        """Return (time, window id) of every map at or after `since`."""
        with self._changed:
            return [event for event in self._events if event[0] >= since]

    def wait_map(
        self, since: float, accept: Callable[[int], bool], timeout: float = 10
    ) -> tuple[float, int]:
        """Wait for a map after `since` of a window that `accept` likes; return (time, id)."""
        deadline = now() + timeout
        checked = 0
        with self._changed:
            while True:
                for stamp, wid in self._events[checked:]:
                    checked += 1
                    if stamp >= since and accept(wid):
                        return stamp, wid
                remaining = deadline - now()
                if remaining <= 0:
                    raise TimeoutError("no matching window was mapped")
                self._changed.wait(remaining)

    def close(self) -> None:
        """Stop xev."""
        terminate(self._proc)
        if self._proc.stdout is not None:
            self._proc.stdout.close()


def screenshot(env: Mapping[str, str], shot: Path, committed: Path) -> None:
    """Save the whole screen to `shot`, and to `committed` in docs/ when asked to.

    The documentation copy is refreshed only with POSTURE_BREAK_UPDATE_SCREENSHOTS=1, so running
    the tests never leaves tracked files changed.
    """
    time.sleep(0.5)  # let the frames paint: a screenshot is a picture, not a synchronisation
    if shutil.which("import") is None:
        pytest.skip("imagemagick not installed (no `import` to take the screenshot)")
    subprocess.run(["import", "-window", "root", str(shot)], env=dict(env), check=True)
    assert shot.stat().st_size > 10_000, "the screenshot is suspiciously small (blank screen?)"
    if os.environ.get("POSTURE_BREAK_UPDATE_SCREENSHOTS") == "1":
        committed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, committed)
