"""A throw-away wlroots desktop: sway headless + its own session D-Bus + mako (+ waybar on demand).

sway refuses to run as root, so when the tests run as root (CI) every desktop process and every
test agent runs as an unprivileged user (`pbtest`, created by `.ci/run`) through `runuser`; as
any other user they run as that user. Root can still reach the Wayland and IPC sockets, but the
session D-Bus only admits its own user, so D-Bus and Qt work happens in agents (`agents/`).
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Self

from tests.harness.app import XDG_SUBDIRS, app_command
from tests.harness.waiting import pause, wait_for

ROOT = Path(__file__).resolve().parents[3]
AGENTS = Path(__file__).resolve().parent / "agents"
TEST_USER = os.environ.get("PB_WAYLAND_USER", "pbtest")
DESKTOP_TOOLS = (
    "sway", "swaymsg", "dbus-run-session", "dbus-send", "mako", "makoctl", "waybar", "grim",
    "runuser",
)  # fmt: skip
SIZE = (1280, 720)
KWIN = Path(os.environ.get("PB_KWIN", "/usr/local/lib/kwin-nocap/kwin_wayland"))
"""A copy of Debian's kwin_wayland without its file capability (.ci/run makes it): the original
carries cap_sys_resource, which an unprivileged exec in a container refuses ("Operation not
permitted"). The copy must keep the name: KWin's built-in Qt platform plugin loads only into a
program whose path ends in "kwin_wayland"."""
KWIN_SOCKET = "wayland-kde"
GNOME_SHELL = (
    # GNOME Shell 43 wants logind on the system bus: python-dbusmock's logind template on a
    # private bus stands in for it, as in GNOME's own tests. That bus is a second
    # dbus-run-session (no forked daemon outlives the test); the real session bus is passed in.
    'SESSION_BUS="$DBUS_SESSION_BUS_ADDRESS" exec dbus-run-session -- sh -c \''
    'export DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" '
    'DBUS_SESSION_BUS_ADDRESS="$SESSION_BUS" && '
    "{ /usr/bin/python3 -m dbusmock --template logind --system >/dev/null 2>&1 & } && "
    "sleep 1 && exec gnome-shell --headless --wayland --no-x11 "
    f"--virtual-monitor {SIZE[0]}x{SIZE[1]}'"
)

SWAY_CONFIG = f"""\
output HEADLESS-1 resolution {SIZE[0]}x{SIZE[1]}
default_border pixel 2
for_window [app_id="posture-break-agent"] border pixel 2
"""

WAYBAR_CONFIG = {"layer": "top", "position": "top", "height": 28, "modules-right": ["tray"]}
WAYBAR_STYLE = (
    "* { font-family: sans-serif; font-size: 13px; } window#waybar { background: #222; } "
    "#tray { padding: 0 10px; }"
)


class SessionError(RuntimeError):
    """The desktop could not be started (the reason is the message)."""


def _start_new(argv: Sequence[str], env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        list(argv),
        env=dict(env) if env is not None else None,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so stop() ends its children too
    )


def stop_group(
    proc: subprocess.Popen[str] | None, grace: float = 3.0, *, close_pipes: bool = True
) -> None:
    """End the process group of `proc` (SIGTERM, then SIGKILL), reap it and close its pipes.

    The group is killed even after its leader has gone: a compositor may outlive `runuser`.
    """
    if proc is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(grace)
    pause(0.2)  # the rest of the group gets a moment to follow the leader
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(grace)
    if not close_pipes:
        return
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe is not None and not pipe.closed:
            # A reader thread may still hold it; it goes with the process anyway.
            with contextlib.suppress(OSError, ValueError):
                pipe.close()


class WaylandSession:
    """sway (or KWin) + D-Bus + mako for one test module; `start_waybar()` adds the tray host."""

    def __init__(self, compositor: str = "sway", *, extensions: Sequence[str] = ()) -> None:
        self.compositor = compositor
        self.extensions = tuple(extensions)  # GNOME Shell extensions to enable
        self.user: str | None = TEST_USER if os.geteuid() == 0 else None
        self.runtime_dir = Path()
        self.wayland_display = ""
        self.swaysock = ""
        self.dbus_address = ""
        self._sway: subprocess.Popen[str] | None = None
        self._mako: subprocess.Popen[str] | None = None
        self.waybar: subprocess.Popen[str] | None = None
        self._started: list[subprocess.Popen[str]] = []
        self.app_env: dict[str, str] = {}
        self.app_home = Path()

    # --- environment ------------------------------------------------------------------------

    def env(self) -> dict[str, str]:
        """Return the environment of a client in this session."""
        home = pwd.getpwnam(self.user).pw_dir if self.user else os.environ.get("HOME", "/tmp")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "XDG_CONFIG_HOME": str(self.runtime_dir / "config"),
            "XDG_SESSION_TYPE": "wayland",
            "PYTHONPATH": str(ROOT),
        }
        if self.wayland_display:
            env["WAYLAND_DISPLAY"] = self.wayland_display
            env["QT_QPA_PLATFORM"] = "wayland"
        if self.swaysock:
            env["SWAYSOCK"] = self.swaysock
        if self.dbus_address:
            env["DBUS_SESSION_BUS_ADDRESS"] = self.dbus_address
        return env

    def command(self, argv: Sequence[str], extra: Mapping[str, str] | None = None) -> list[str]:
        """Return `argv` wrapped to run as the session's user with the session's environment."""
        env = self.env() | dict(extra or {})
        wrapped = ["env", "-i", *(f"{key}={value}" for key, value in env.items()), *argv]
        return ["runuser", "-u", self.user, "--", *wrapped] if self.user else wrapped

    def popen(
        self, argv: Sequence[str], extra: Mapping[str, str] | None = None
    ) -> subprocess.Popen[str]:
        """Start `argv` in the session; it is stopped with the session if still running."""
        proc = _start_new(self.command(argv, extra))
        self._started.append(proc)
        return proc

    def run(
        self, argv: Sequence[str], timeout: float = 10.0, extra: Mapping[str, str] | None = None
    ) -> str:
        """Run `argv` in the session and return its output; raise if it fails."""
        done = subprocess.run(
            self.command(argv, extra), capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{argv} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def agent(self, name: str, *args: str) -> Agent:
        """Start the Python agent `agents/<name>.py` in the session."""
        return Agent(self.popen([sys.executable, str(AGENTS / f"{name}.py"), *args]))

    # --- sway -------------------------------------------------------------------------------

    def swaymsg(self, *args: str) -> Any:
        """Run `swaymsg -r` (raw JSON) and return the decoded answer."""
        return json.loads(self.run(["swaymsg", "-r", *args]))

    def windows(self) -> Iterator[dict[str, Any]]:
        """Yield every window (leaf container with an app) in sway's tree."""
        stack = [self.swaymsg("-t", "get_tree")]
        while stack:
            node = stack.pop()
            children = node.get("nodes", []) + node.get("floating_nodes", [])
            if not children and node.get("pid"):
                yield node
            stack.extend(children)

    def focused_window(self) -> dict[str, Any] | None:
        """Return the window that has keyboard focus, or `None`."""
        return next((w for w in self.windows() if w.get("focused")), None)

    def screenshot(self, path: Path) -> Path:
        """Take a grim screenshot of the whole output; return where it is.

        It is kept in the session's runtime folder; the copy at `path` (under docs/) is refreshed
        only with POSTURE_BREAK_UPDATE_SCREENSHOTS=1, so running the tests never changes tracked
        files.
        """
        shot = self.runtime_dir / path.name
        self.run(["grim", str(shot)])
        if os.environ.get("POSTURE_BREAK_UPDATE_SCREENSHOTS") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, path)
        return shot

    # --- D-Bus ------------------------------------------------------------------------------

    def bus_has(self, name: str) -> bool:
        """Return whether `name` has an owner on the session bus."""
        out = self.run(
            [
                "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}",
            ]
        )  # fmt: skip
        return "boolean true" in out

    def registered_items(self) -> list[dict[str, Any]]:
        """Return the tray watcher's items as `{"item": "<bus name>/<path>", "pid": pid}`."""
        return list(json.loads(self.run([sys.executable, str(AGENTS / "tray_items.py")])))

    def items_of(self, pid: int) -> list[str]:
        """Return the registered StatusNotifierItems that process `pid` serves."""
        return [entry["item"] for entry in self.registered_items() if entry["pid"] == pid]

    # --- the app ----------------------------------------------------------------------------

    def start_app(
        self, *args: str, settings: str = "", env: Mapping[str, str] | None = None
    ) -> subprocess.Popen[str]:
        """Start posture-break itself in a fresh home of the session's user (safety note read).

        `settings`: the TOML of its settings file; `env`: more environment (e.g. libfaketime).
        """
        home = Path(tempfile.mkdtemp(prefix="home-", dir=self.runtime_dir))
        dirs = {var: home / sub for var, sub in XDG_SUBDIRS.items() if var != "XDG_RUNTIME_DIR"}
        for path in dirs.values():
            path.mkdir(parents=True)
        (dirs["XDG_DATA_HOME"] / "posture-break").mkdir()
        (dirs["XDG_DATA_HOME"] / "posture-break" / "safety-note-shown").touch()
        if settings:
            (dirs["XDG_CONFIG_HOME"] / "posture-break").mkdir()
            (dirs["XDG_CONFIG_HOME"] / "posture-break" / "settings.toml").write_text(settings)
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            for path in [home, *home.rglob("*")]:
                os.chown(path, entry.pw_uid, entry.pw_gid)
        extra = {"HOME": str(home), **{var: str(path) for var, path in dirs.items()}}
        self.app_env = extra
        self.app_home = home
        return self.popen(app_command(*args), extra | dict(env or {}))

    def run_app(self, *args: str) -> str:
        """Run a posture-break command (e.g. `quit`) against the app `start_app` started."""
        return self.run(app_command(*args), extra=self.app_env)

    # --- life -------------------------------------------------------------------------------

    def start(self) -> Self:
        """Start sway (inside dbus-run-session) and mako; raise `SessionError` if sway cannot."""
        missing = [tool for tool in DESKTOP_TOOLS if shutil.which(tool) is None]
        if missing:
            hint = "apt-get install sway mako-notifier waybar grim"
            raise SessionError(f"missing {', '.join(missing)} ({hint})")
        if self.user is not None:
            try:
                pwd.getpwnam(self.user)
            except KeyError:
                raise SessionError(
                    f"running as root and no user {self.user!r} to run sway as (.ci/run creates it)"
                ) from None
        self.runtime_dir = Path(tempfile.mkdtemp(prefix="pb-wayland-"))
        (self.runtime_dir / "config").mkdir()
        (self.runtime_dir / "sway.config").write_text(SWAY_CONFIG)
        (self.runtime_dir / "config" / "waybar").mkdir()
        (self.runtime_dir / "config" / "waybar" / "config").write_text(json.dumps(WAYBAR_CONFIG))
        (self.runtime_dir / "config" / "waybar" / "style.css").write_text(WAYBAR_STYLE)
        self._chown_runtime()
        self.runtime_dir.chmod(0o700)
        bus_file = self.runtime_dir / "bus-address"
        if self.compositor == "kwin":
            if not KWIN.exists():
                raise SessionError(f"no {KWIN} (a copy of kwin_wayland without file capabilities)")
            argv = [
                str(KWIN),
                "--virtual",
                "--socket",
                KWIN_SOCKET,
                "--no-lockscreen",
                "--width",
                str(SIZE[0]),
                "--height",
                str(SIZE[1]),
            ]
            env = {"KWIN_WAYLAND_NO_PERMISSION_CHECKS": "1"}
        elif self.compositor == "gnome":
            if shutil.which("gnome-shell") is None:
                raise SessionError("no gnome-shell (apt-get install gnome-shell python3-dbusmock)")
            argv = ["sh", "-c", GNOME_SHELL]
            # GSettings from a key file, so the test can enable extensions before the shell starts.
            env = {"GSETTINGS_BACKEND": "keyfile"}
            settings = self.runtime_dir / "config" / "glib-2.0" / "settings"
            settings.mkdir(parents=True)
            (settings / "keyfile").write_text(
                f"[org/gnome/shell]\nenabled-extensions={list(self.extensions)!r}\n"
            )
            self._chown_runtime()
        else:
            argv = ["sway", "-c", str(self.runtime_dir / "sway.config")]
            env = {
                "WLR_BACKENDS": "headless",
                "WLR_LIBINPUT_NO_DEVICES": "1",
                "WLR_RENDERER": "pixman",
                "WLR_HEADLESS_OUTPUTS": "1",
            }
        script = 'printf %s "$DBUS_SESSION_BUS_ADDRESS" > "$1" && shift && exec "$@"'
        self._sway = _start_new(
            self.command(
                ["dbus-run-session", "--", "sh", "-c", script, "sh", str(bus_file), *argv], env
            )
        )  # fmt: skip
        try:
            wait_for(self._sockets_ready, timeout=30, interval=0.05, what="the compositor")
        except TimeoutError:
            stop_group(self._sway, close_pipes=False)  # the whole group: nobody holds stderr
            err = self._sway.stderr.read() if self._sway.stderr is not None else ""
            stop_group(self._sway)
            shutil.rmtree(self.runtime_dir, ignore_errors=True)
            raise SessionError(f"{self.compositor} did not start: {err.strip()[-600:]}") from None
        self.dbus_address = bus_file.read_text()
        if self.compositor != "gnome":  # GNOME Shell is its own notification server
            self._mako = self.popen(["mako", "--default-timeout", "0"])
        wait_for(lambda: self.bus_has("org.freedesktop.Notifications"), 20, 0.05, "notifications")
        return self

    def _chown_runtime(self) -> None:
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            for path in [self.runtime_dir, *self.runtime_dir.rglob("*")]:
                os.chown(path, entry.pw_uid, entry.pw_gid)

    def _sockets_ready(self) -> bool:
        if self._sway is not None and self._sway.poll() is not None:
            raise TimeoutError("sway exited")
        names = [p.name for p in self.runtime_dir.iterdir()]
        wayland = sorted(n for n in names if n.startswith("wayland-") and not n.endswith(".lock"))
        ipc = [n for n in names if n.startswith("sway-ipc.") and n.endswith(".sock")]
        needs_ipc = self.compositor == "sway"
        if (
            not wayland
            or (needs_ipc and not ipc)
            or not (self.runtime_dir / "bus-address").exists()
        ):
            return False
        self.wayland_display = wayland[0]
        self.swaysock = str(self.runtime_dir / ipc[0]) if ipc else ""
        return True

    def start_waybar(self) -> None:
        """Start waybar (the StatusNotifierWatcher and host) and wait until it owns the watcher."""
        self.waybar = self.popen(["waybar"])
        wait_for(lambda: self.bus_has("org.kde.StatusNotifierWatcher"), 15, 0.05, "waybar")

    def stop_waybar(self) -> None:
        """Stop waybar, if running, and wait until the watcher name is gone."""
        stop_group(self.waybar)
        self.waybar = None

    def stop(self) -> None:
        """Stop every process of the session and remove its runtime directory."""
        for proc in reversed(self._started):
            stop_group(proc)
        stop_group(self._sway)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Agent:
    """A Python agent in the session that answers one JSON line per event on its stdout."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self._lines: queue.Queue[str] = queue.Queue()
        self._stderr: str | None = None
        # A thread reads the pipe, so a line is never stuck in a buffer a select() cannot see.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)

    def next(self, timeout: float = 10.0) -> dict[str, Any]:
        """Return the agent's next JSON line; fail with its stderr if none comes in time."""
        try:
            return dict(json.loads(self._lines.get(timeout=timeout)))
        except queue.Empty:
            pass
        err = self.stop()
        raise AssertionError(f"agent gave no answer in {timeout} s; stderr: {err[-2000:]}")

    def tell(self, line: str) -> None:
        """Send one command line to the agent."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def stop(self) -> str:
        """End the agent and return what it wrote to stderr (again on a second call)."""
        if self._stderr is not None:
            return self._stderr
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self._reader.join(3)
        self._stderr = self.proc.stderr.read() if self.proc.stderr is not None else ""
        stop_group(self.proc)
        return self._stderr
