"""The accessibility bus for the end-to-end tests: start it, read the app's tree, press controls.

`AccessibilityBus` starts at-spi2-core's `at-spi-bus-launcher` on a desktop session's D-Bus (the
bus a screen reader and Qt's bridge meet on) and stops it with everything it started. The reading
and pressing happen in `atspi_probe.py` under the system Python, which has libatspi's bindings
(see that file for why); here they come back as frozen dataclasses.

An app joins the bus only when asked: `ACCESSIBLE_ENV` is what Qt needs to expose its widgets
without a screen reader announcing itself first.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

SYSTEM_PYTHON = Path("/usr/bin/python3")
PROBE = Path(__file__).with_name("atspi_probe.py")
LAUNCHERS = (
    Path("/usr/libexec/at-spi-bus-launcher"),
    Path("/usr/lib/at-spi2-core/at-spi-bus-launcher"),
)
APT_HINT = "apt-get install at-spi2-core gir1.2-atspi-2.0 python3-gi"
ACCESSIBLE_ENV = {"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_ACCESSIBILITY": "1"}

# Roles that say nothing about what a control does: a screen reader announces "filler" or
# "panel" and the user cannot tell a button from a picture.
GENERIC_ROLES = frozenset({"filler", "panel", "unknown", "invalid", "redundant object", "frame"})
# An action every focusable widget has; it alone does not make a node a control.
FOCUS_ONLY = "SetFocus"
# Roles a user activates: when enabled they must offer an action (Press, Toggle, ...), or a
# screen reader's "activate" does nothing.
PRESSABLE_ROLES = frozenset(
    {"push button", "check box", "radio button", "toggle button", "menu item"}
)


@dataclass(frozen=True, slots=True)
class Node:
    """One accessible object as a screen reader sees it."""

    path: tuple[int, ...]
    role: str
    name: str
    description: str
    states: frozenset[str]
    actions: tuple[str, ...]

    @property
    def is_showing(self) -> bool:
        return "showing" in self.states

    @property
    def is_control(self) -> bool:
        """Whether a user can focus or act on it (so it must say what it is)."""
        acts = [a for a in self.actions if a != FOCUS_ONLY]
        return "focusable" in self.states or bool(acts)

    def problems(self) -> list[str]:
        """Return what a screen-reader user would miss about this control (empty when fine).

        A disabled button offers no action, rightly; "sensitive" is AT-SPI's word for enabled.
        """
        found = []
        if not self.name.strip():
            found.append("no accessible name")
        if self.role in GENERIC_ROLES:
            found.append(f"generic role {self.role!r}")
        acts = [a for a in self.actions if a != FOCUS_ONLY]
        if self.role in PRESSABLE_ROLES and "sensitive" in self.states and not acts:
            found.append("enabled but offers no action to activate it")
        return found


@dataclass(frozen=True, slots=True)
class Window:
    """A top-level accessible window of the app and every node inside it (itself first)."""

    title: str
    nodes: tuple[Node, ...]

    def controls(self) -> list[Node]:
        """Return the showing controls, in tree order (roughly the reading order)."""
        return [n for n in self.nodes if n.is_showing and n.is_control]

    def named(self, name: str) -> list[Node]:
        return [n for n in self.nodes if n.name == name]


def missing() -> str | None:
    """Return why the bus cannot be used here (a sentence naming the packages), or None."""
    if launcher() is None:
        return f"at-spi-bus-launcher not found: {APT_HINT}"
    if not SYSTEM_PYTHON.exists():
        return f"no {SYSTEM_PYTHON} to run the AT-SPI probe: {APT_HINT}"
    check = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import gi; gi.require_version('Atspi', '2.0')"],
        capture_output=True,
        check=False,
    )
    if check.returncode != 0:
        return f"no AT-SPI bindings for {SYSTEM_PYTHON}: {APT_HINT}"
    return None


def launcher() -> Path | None:
    return next((p for p in LAUNCHERS if p.exists()), None)


class AccessibilityBus:
    """at-spi-bus-launcher on the session bus of `env`, in its own process group."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = dict(env)
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Self:
        path = launcher()
        assert path is not None, APT_HINT
        # --launch-immediately: start the accessibility bus now rather than on first request, so
        # the app's first look finds it.
        self._proc = subprocess.Popen(
            [str(path), "--launch-immediately"],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return self

    def stop(self) -> None:
        """End the launcher and the bus daemon and registry it started (its process group)."""
        if self._proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._proc.pid, signal.SIGTERM)
        try:
            self._proc.wait(5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, signal.SIGKILL)
            self._proc.wait(5)
        self._proc = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _probe(env: Mapping[str, str], *args: str) -> dict[str, object]:
    result = subprocess.run(
        [str(SYSTEM_PYTHON), str(PROBE), *args],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    if result.returncode != 0:
        raise RuntimeError(f"atspi_probe {' '.join(args)} failed:\n{result.stderr}")
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def windows(env: Mapping[str, str], pid: int) -> list[Window]:
    """Return every accessible top-level window of process `pid` (empty if it is not on the bus)."""
    data = _probe(env, "tree", str(pid))
    found = []
    for raw_window in data["windows"]:  # type: ignore[attr-defined]
        nodes = tuple(
            Node(
                path=tuple(raw["path"]),
                role=raw["role"],
                name=raw["name"],
                description=raw["description"],
                states=frozenset(raw["states"]),
                actions=tuple(raw["actions"]),
            )
            for raw in raw_window["nodes"]
        )
        found.append(Window(raw_window["title"], nodes))
    return found


def act(env: Mapping[str, str], pid: int, window: str, role: str, name: str, action: str) -> None:
    """Run `action` on the showing `role` named `name` in the window whose title has `window`.

    Raises:
        AssertionError: no such control, or it does not offer `action`, or the action failed.
    """
    result = _probe(env, "act", str(pid), window, role, name, action)
    assert result["done"], result["error"]
