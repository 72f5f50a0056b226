"""posture-break as a user runs it: its own private home, started in a `DesktopSession`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Self

from posture_break.ipc import Delivery, server_name
from posture_break.ipc import send as send_over_socket
from tests.harness.desktop import DesktopSession
from tests.harness.process import spawn, stop_process
from tests.harness.waiting import wait_for
from tests.harness.xwindows import XWindow, docked_icon_of, visible_windows_of

XDG_SUBDIRS = {
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "runtime",
}


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


def new_window(app: RunningApp, before: set[int], timeout: float = 10) -> int:
    """Wait for a titled window of the app that was not mapped before; return its id."""
    return wait_for(
        lambda: next((w for w in visible_windows_of(app.env, app.pid) if w not in before), None),
        timeout,
        0.02,
        "a new posture-break window",
    )
