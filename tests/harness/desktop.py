"""A throw-away desktop: Xvfb on a free display, a private session D-Bus and `trayer`.

`DesktopSession` starts the three together and stops them together; `missing_tools` names what is
not installed, so tests can skip with the Debian packages to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from types import TracebackType
from typing import Self

from tests.harness.process import terminate
from tests.harness.waiting import wait_for
from tests.harness.xwindows import XWindow, tray_panels, x_tree

REQUIRED_TOOLS = ("Xvfb", "trayer", "dbus-daemon", "xwininfo", "xdotool", "xprop", "xev")
APT_HINT = "apt-get install xvfb trayer dbus x11-utils xdotool imagemagick"


def missing_tools(tools: Sequence[str] = REQUIRED_TOOLS) -> list[str]:
    """Return the programs from `tools` that are not on PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


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
                    terminate(self._trayer)
                    err.seek(0)
                    errors += f"{exc}: {err.read().decode(errors='replace').strip()}\n"
        raise RuntimeError(f"trayer did not start on {self.display}:\n{errors}")

    def _panel_or_exit(self) -> list[XWindow]:
        if self._trayer is not None and self._trayer.poll() is not None:
            raise RuntimeError(f"trayer exited with {self._trayer.returncode}")
        return tray_panels(x_tree(self.env))

    def stop(self) -> None:
        """Stop trayer, the bus and the X server (in that order)."""
        terminate(self._trayer)
        terminate(self._bus)
        if self._bus is not None and self._bus.stdout is not None:
            self._bus.stdout.close()
        terminate(self._xvfb)
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
