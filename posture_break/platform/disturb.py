"""Whether the user must not be disturbed: do-not-disturb on, or a fullscreen window up.

Backends: GNOME's `show-banners` setting (through `gsettings`), the freedesktop notification
server's `Inhibited` property (KDE and others, session D-Bus), the active X11 window's
`_NET_WM_STATE_FULLSCREEN` (through `xprop`), on Wayland the focused window's state from
`wlr-foreign-toplevel-management` (wlroots compositors; see `wayland_toplevel.py`), and
Windows' SHQueryUserNotificationState (Focus Assist, presentation mode, fullscreen Direct3D).
macOS Focus is not readable: unknown there.

Every answer is `True`, `False` or `None` (unknown); nothing raises. Unknown counts as "not
holding". These are asked only while a due prompt is held, about once a minute.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

_log = logging.getLogger(__name__)

DBUS_TIMEOUT_MS = 200
"""The longest a D-Bus question waits for the desktop."""

COMMAND_TIMEOUT_SECONDS = 1.0
"""The longest a helper command (`gsettings`, `xprop`) may take."""

Runner = Callable[[Sequence[str]], str | None]
"""Runs a command (no shell) and returns its standard output, or `None` if it failed."""


class DisturbSource(Protocol):
    """Something that knows whether a prompt would disturb the user now."""

    def is_do_not_disturb(self) -> bool | None:
        """Return whether the desktop's do-not-disturb is on, or `None` if unknown."""
        ...

    def is_fullscreen_active(self) -> bool | None:
        """Return whether a fullscreen window covers the active screen, or `None` if unknown."""
        ...


class NoDisturbSource:
    """The answer where no backend works: always unknown."""

    def is_do_not_disturb(self) -> bool | None:
        """Return `None`: do-not-disturb is unknown here."""
        return None

    def is_fullscreen_active(self) -> bool | None:
        """Return `None`: fullscreen is unknown here."""
        return None


def run_command(argv: Sequence[str]) -> str | None:
    """Run `argv` without a shell and return its output, or `None` on any failure."""
    if shutil.which(argv[0]) is None:
        return None
    try:
        done = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class LinuxDisturbSource:
    """GNOME or freedesktop do-not-disturb, and X11 fullscreen; each answer may be unknown."""

    def __init__(
        self,
        *,
        run: Runner = run_command,
        inhibited: Callable[[], bool | None] | None = None,
        has_x11: bool = True,
        fullscreen: Callable[[], bool | None] | None = None,
    ) -> None:
        # fullscreen: how to read full screen where X11 cannot (the Wayland compositor).
        self._run = run
        self._inhibited = notifications_inhibited if inhibited is None else inhibited
        self._has_x11 = has_x11
        self._fullscreen = fullscreen

    def is_do_not_disturb(self) -> bool | None:
        """Return whether GNOME's do-not-disturb or the notification server's `Inhibited` is on.

        Both are asked: on KDE `gsettings` often answers too (GNOME's schemas are installed, with
        their default "banners on"), so one "off" must not hide the other's "on".
        """
        answers = (gnome_do_not_disturb(self._run), self._inhibited())
        if True in answers:
            return True
        if False in answers:
            return False
        return None

    def is_fullscreen_active(self) -> bool | None:
        """Return whether the active window is fullscreen (X11, else `fullscreen`, else unknown)."""
        if not self._has_x11:
            return None if self._fullscreen is None else self._fullscreen()
        return x11_active_window_fullscreen(self._run)


def gnome_do_not_disturb(run: Runner = run_command) -> bool | None:
    """Return GNOME's do-not-disturb: it is on when notification banners are off."""
    out = run(("gsettings", "get", "org.gnome.desktop.notifications", "show-banners"))
    if out is None:
        return None
    value = out.strip()
    if value == "false":
        return True
    if value == "true":
        return False
    return None


def notifications_inhibited() -> bool | None:
    """Return the freedesktop notification server's `Inhibited` property (KDE and others)."""
    try:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusVariant

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        message = QDBusMessage.createMethodCall(
            "org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.DBus.Properties",
            "Get",
        )
        message.setArguments(["org.freedesktop.Notifications", "Inhibited"])
        message.setAutoStartService(False)  # asking must not start a notification daemon
        reply = bus.call(message, QDBus.CallMode.Block, DBUS_TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            return None
        value = reply.arguments()[0]
        if isinstance(value, QDBusVariant):
            value = value.variant()
        return value if isinstance(value, bool) else None
    except Exception:  # a disturb source must never stop the app
        _log.debug("Notifications.Inhibited failed", exc_info=True)
        return None


_WINDOW_ID = re.compile(r"window id # (0x[0-9a-fA-F]+)")


def x11_active_window_fullscreen(run: Runner = run_command) -> bool | None:
    """Return whether the EWMH active window has `_NET_WM_STATE_FULLSCREEN` (via `xprop`)."""
    root = run(("xprop", "-root", "_NET_ACTIVE_WINDOW"))
    if root is None:
        return None
    match = _WINDOW_ID.search(root)
    if match is None:
        return None  # no window manager saying which window is active
    window = match.group(1)
    if int(window, 16) == 0:
        return False  # nothing is active (the desktop has focus)
    state = run(("xprop", "-id", window, "_NET_WM_STATE"))
    if state is None:
        return None
    return "_NET_WM_STATE_FULLSCREEN" in state


# SHQueryUserNotificationState results (shellapi.h).
_QUNS_BUSY = 2  # a fullscreen application is running
_QUNS_RUNNING_D3D_FULL_SCREEN = 3
_QUNS_PRESENTATION_MODE = 4
_QUNS_QUIET_TIME = 6  # Focus Assist / quiet hours


class WindowsDisturbSource:
    """Focus Assist, presentation mode and fullscreen from SHQueryUserNotificationState."""

    def is_do_not_disturb(self) -> bool | None:
        """Return whether Windows is in quiet time or presentation mode."""
        state = self._state()
        return None if state is None else state in (_QUNS_QUIET_TIME, _QUNS_PRESENTATION_MODE)

    def is_fullscreen_active(self) -> bool | None:
        """Return whether a fullscreen application (or Direct3D game) is in front."""
        state = self._state()
        return None if state is None else state in (_QUNS_BUSY, _QUNS_RUNNING_D3D_FULL_SCREEN)

    def _state(self) -> int | None:
        try:
            windll: Any = getattr(ctypes, "windll")  # noqa: B009  # only exists on Windows
            state = ctypes.c_int()
            if windll.shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:
                return None
            return int(state.value)
        except Exception:  # a disturb source must never stop the app
            _log.debug("SHQueryUserNotificationState failed", exc_info=True)
            return None


def detect_disturb_source(
    platform: str | None = None, environ: Mapping[str, str] | None = None
) -> DisturbSource:
    """Return the do-not-disturb backend for this platform (macOS: always unknown).

    Under Wayland `xprop` sees only XWayland windows: full screen comes from the compositor's
    window list there (wlroots), and is unknown where it offers none (KWin, Mutter).
    """
    platform = sys.platform if platform is None else platform
    env = os.environ if environ is None else environ
    if platform == "win32":
        return WindowsDisturbSource()
    if platform == "darwin":
        return NoDisturbSource()
    wayland = env.get("XDG_SESSION_TYPE") == "wayland" or bool(env.get("WAYLAND_DISPLAY"))
    fullscreen = None
    if wayland and env.get("WAYLAND_DISPLAY"):
        try:
            from posture_break.platform.wayland_toplevel import WaylandFullscreenSource
        except (ImportError, OSError):  # pywayland (Linux only) or its libwayland missing
            _log.debug("no pywayland", exc_info=True)
        else:
            fullscreen = WaylandFullscreenSource(env["WAYLAND_DISPLAY"]).is_fullscreen_active
    return LinuxDisturbSource(
        has_x11=bool(env.get("DISPLAY")) and not wayland, fullscreen=fullscreen
    )
