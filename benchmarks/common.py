"""Helpers shared by the benchmarks and the end-to-end tests.

A `DesktopSession` is a real, throw-away desktop: an Xvfb X server on a free display, a private
session D-Bus and Debian's `trayer` as the XEmbed system tray. `AppLauncher` starts posture-break
(or the bare tray app) in it with its own temporary home. The rest reads what the kernel reports
about a process: PSS from `/proc/<pid>/smaps_rollup` and voluntary context switches (wake-ups)
from `/proc/<pid>/task/*/status`.

Nothing here waits with a fixed sleep where it can poll for the thing it waits for.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from posture_break.ui.command import Delivery, send_over_socket, server_name

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
BARE_TRAY = REPO / "benchmarks" / "bare_tray.py"
REQUIRED_TOOLS = ("Xvfb", "trayer", "dbus-daemon", "xwininfo", "xdotool", "xprop", "xev")
APT_HINT = "apt-get install xvfb trayer dbus x11-utils xdotool imagemagick"

XDG_SUBDIRS = {
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "runtime",
}


def now() -> float:
    """Return seconds on a monotonic clock (benchmarks time real processes)."""
    return time.monotonic()


def missing_tools(tools: Sequence[str] = REQUIRED_TOOLS) -> list[str]:
    """Return the programs from `tools` that are not on PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


def wait_for(
    probe: Callable[[], T | None],
    timeout: float,
    interval: float = 0.01,
    what: str = "condition",
) -> T:
    """Call `probe` every `interval` seconds until it returns something truthy; return it.

    Raises:
        TimeoutError: `probe` did not answer within `timeout` seconds; names `what`.
    """
    deadline = now() + timeout
    while True:
        value = probe()
        if value:
            return value
        if now() > deadline:
            raise TimeoutError(f"timed out after {timeout:.1f} s waiting for {what}")
        time.sleep(interval)


# --- the X window tree ---------------------------------------------------------------------

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


def x_tree(env: Mapping[str, str]) -> list[XWindow]:
    """Return the current X window tree of the display in `env`."""
    out = subprocess.run(
        ["xwininfo", "-root", "-tree"],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout
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
    out = subprocess.run(
        ["xprop", "-id", hex(wid), "_NET_WM_PID"],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout
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
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", name_regex],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout
    return [int(line) for line in out.split() if line.isdigit()]


def visible_windows_of(env: Mapping[str, str], pid: int) -> list[int]:
    """Return ids of mapped windows of process `pid` that have a title."""
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "."],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout
    return [int(line) for line in out.split() if line.isdigit()]


def window_name(env: Mapping[str, str], wid: int) -> str:
    """Return the title of window `wid` (empty when it has none or is gone)."""
    return subprocess.run(
        ["xdotool", "getwindowname", str(wid)],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    ).stdout.strip()


# --- the throw-away desktop ----------------------------------------------------------------


def _stop(proc: subprocess.Popen[bytes] | subprocess.Popen[str] | None, grace: float = 3) -> None:
    """Terminate `proc` (SIGTERM, then SIGKILL after `grace` seconds) and reap it."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(grace)


class DesktopSession:
    """Xvfb + a private session D-Bus + trayer, started together and torn down together."""

    def __init__(self, width: int = 1280, height: int = 800, tray: bool = True) -> None:
        self.size = (width, height)
        self.tray = tray
        self.display = ""
        self.bus_address = ""
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._bus: subprocess.Popen[str] | None = None
        self._trayer: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        """Return the environment a client of this desktop needs (on top of os.environ)."""
        env = dict(os.environ)
        env["DISPLAY"] = self.display
        env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
        env["QT_QPA_PLATFORM"] = "xcb"
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def start(self) -> Self:
        """Start the X server, the bus and the tray; raise RuntimeError naming what failed."""
        missing = missing_tools()
        if missing:
            raise RuntimeError(f"missing {', '.join(missing)}: {APT_HINT}")
        read_fd, write_fd = os.pipe()
        try:
            self._xvfb = subprocess.Popen(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    f"{self.size[0]}x{self.size[1]}x24",
                    "-nolisten",
                    "tcp",
                ],
                pass_fds=(write_fd,),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            os.close(write_fd)
            with os.fdopen(read_fd) as pipe:
                number = pipe.readline().strip()
            if not number.isdigit():
                raise RuntimeError("Xvfb did not report a display number")
            self.display = f":{number}"
            self._bus = subprocess.Popen(
                ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                start_new_session=True,
            )
            assert self._bus.stdout is not None
            self.bus_address = self._bus.stdout.readline().strip()
            if not self.bus_address:
                raise RuntimeError("dbus-daemon did not report an address")
            if self.tray:
                self.start_tray()
        except BaseException:
            self.stop()
            raise
        return self

    def start_tray(self, attempts: int = 3) -> None:
        """Start trayer and wait until its panel window exists (retrying a trayer that died).

        Raises:
            RuntimeError: trayer never showed its panel; names what it printed.
        """
        errors = ""
        for _ in range(attempts):
            with tempfile.TemporaryFile() as err:
                self._trayer = subprocess.Popen(
                    [
                        "trayer",
                        "--edge",
                        "top",
                        "--align",
                        "right",
                        "--widthtype",
                        "request",
                        "--height",
                        "24",
                        "--transparent",
                        "false",
                    ],
                    env=self.env,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    start_new_session=True,
                )
                try:
                    wait_for(self._panel_or_exit, 20, 0.02, "trayer's panel")
                    return
                except (TimeoutError, RuntimeError) as exc:
                    _stop(self._trayer)
                    err.seek(0)
                    errors += f"{exc}: {err.read().decode(errors='replace').strip()}\n"
        raise RuntimeError(f"trayer did not start on {self.display}:\n{errors}")

    def _panel_or_exit(self) -> list[XWindow]:
        if self._trayer is not None and self._trayer.poll() is not None:
            raise RuntimeError(f"trayer exited with {self._trayer.returncode}")
        return tray_panels(x_tree(self.env))

    def stop(self) -> None:
        """Stop trayer, the bus and the X server (in that order)."""
        _stop(self._trayer)
        _stop(self._bus)
        if self._bus is not None and self._bus.stdout is not None:
            self._bus.stdout.close()
        _stop(self._xvfb)
        self._trayer = self._bus = self._xvfb = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# --- launching the apps --------------------------------------------------------------------


def make_home(root: Path, name: str = "home", first_run: bool = False) -> Path:
    """Create a private home under `root` with every XDG directory in it; return the home.

    Unless `first_run`, the home looks like one where the app has run before: the first-run
    safety note counts as read (as on every day after the first), so it does not cover the screen.
    """
    home = root / name
    for sub in XDG_SUBDIRS.values():
        (home / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
    if not first_run:
        data_dir = home / XDG_SUBDIRS["XDG_DATA_HOME"] / "posture-break"
        data_dir.mkdir(mode=0o700, exist_ok=True)
        (data_dir / "safety-note-shown").touch(mode=0o600)
    return home


def home_env(home: Path, base: Mapping[str, str]) -> dict[str, str]:
    """Return `base` with HOME and every XDG directory pointed into `home`."""
    env = dict(base)
    env["HOME"] = str(home)
    for var, sub in XDG_SUBDIRS.items():
        env[var] = str(home / sub)
    return env


def app_command(*args: str) -> list[str]:
    """Return the command line that runs posture-break from this interpreter's environment.

    That is the installed `posture-break` script next to the interpreter, as a user runs it, or
    `python -m posture_break.cli` where the script is not installed.
    """
    script = Path(sys.executable).parent / "posture-break"
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "posture_break.cli", *args]


def bare_command() -> list[str]:
    """Return the command line that runs the bare PySide6 tray app."""
    return [sys.executable, str(BARE_TRAY)]


def run_cli(
    env: Mapping[str, str], *args: str, timeout: float = 10
) -> subprocess.CompletedProcess[str]:
    """Run one posture-break command to completion and return its result."""
    return subprocess.run(
        app_command(*args),
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def spawn(
    command: Sequence[str], env: Mapping[str, str], log: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` in its own session, its output going to `log` (or nowhere)."""
    out = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    try:
        return subprocess.Popen(
            list(command),
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        if log is not None and not isinstance(out, int):
            out.close()


def stop_process(proc: subprocess.Popen[bytes], grace: float = 5) -> None:
    """End `proc` politely (SIGTERM), then firmly; always reap it."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGCONT)
    _stop(proc, grace)


# --- what the kernel says about a process --------------------------------------------------


def smaps_rollup(pid: int) -> dict[str, int]:
    """Return the kB figures of `/proc/<pid>/smaps_rollup` (Rss, Pss, Private_Dirty, ...)."""
    figures: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            figures[key.strip()] = int(parts[0])
    return figures


def pss_kib(pid: int) -> int:
    """Return the proportional set size of `pid` in KiB."""
    return smaps_rollup(pid)["Pss"]


def uss_kib(pid: int) -> int:
    """Return the unique set size (private pages) of `pid` in KiB."""
    rollup = smaps_rollup(pid)
    return rollup["Private_Clean"] + rollup["Private_Dirty"]


def thread_switches(pid: int) -> dict[int, int]:
    """Return voluntary context switches per thread id of process `pid`."""
    counts: dict[int, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    counts[int(task.name)] = int(line.split()[1])
    return counts


def switches_between(before: Mapping[int, int], after: Mapping[int, int]) -> int:
    """Return the voluntary switches of all threads from `before` to `after`.

    A thread that appeared in between counts in full; one that ended counts as zero (its last
    figures are gone with it), so a pool that churns threads is, if anything, undercounted.
    """
    return sum(count - before.get(tid, 0) for tid, count in after.items())


def median(values: Sequence[float]) -> float:
    """Return the median of `values`."""
    return statistics.median(values)


# --- tables ----------------------------------------------------------------------------------


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return `rows` as a GitHub markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return `rows` as a plain aligned table for a terminal."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    out = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in (header, *rows)
    ]
    out.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(out)


def temp_root(prefix: str = "pb-bench-") -> tempfile.TemporaryDirectory[str]:
    """Return a temporary directory that cleans itself up."""
    return tempfile.TemporaryDirectory(prefix=prefix)


class RunningApp:
    """One posture-break process in a desktop session, with its own private home."""

    def __init__(
        self, desk: DesktopSession, home: Path, extra_env: Mapping[str, str] | None = None
    ):
        self.desk = desk
        self.home = home
        self.env = home_env(home, desk.env)
        if extra_env:
            self.env.update(extra_env)
        self.log = home / "app.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        """Return the process id (the app must have been started)."""
        assert self.proc is not None, "start() the app first"
        return self.proc.pid

    def start(self, *args: str) -> Self:
        """Start `posture-break [args]` in the background."""
        self.proc = spawn(app_command(*args), self.env, self.log)
        return self

    def wait_docked(self, timeout: float = 30) -> XWindow:
        """Wait until this process's tray icon is docked in trayer; return the icon window."""

        def probe() -> XWindow | None:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(
                    f"posture-break exited ({self.proc.returncode}):\n{self.output()}"
                )
            return docked_icon_of(self.env, self.pid)

        return wait_for(probe, timeout, 0.05, "posture-break's tray icon to dock")

    def wait_ready(self, timeout: float = 30) -> XWindow:
        """Wait until the icon is docked and the app answers `ping` (start-up is over)."""
        icon = self.wait_docked(timeout)
        runtime = Path(self.env["XDG_RUNTIME_DIR"]) / "posture-break"

        def answered() -> bool:
            result = send_over_socket(server_name(runtime), "ping", None, timeout_s=1)
            return result is not None and result.delivery is Delivery.ACCEPTED

        wait_for(answered, timeout, 0.02, "posture-break to answer ping")
        return icon

    def cli(self, *args: str, timeout: float = 10) -> subprocess.CompletedProcess[str]:
        """Run `posture-break args` as a second launch in the same home and wait for it."""
        return run_cli(self.env, *args, timeout=timeout)

    def output(self) -> str:
        """Return what the app printed so far (stdout and stderr together)."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        """End the app (SIGCONT first, in case a test stopped it) and reap it."""
        if self.proc is not None:
            stop_process(self.proc)


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
        _stop(self._proc)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
