"""Seconds since the user last touched keyboard or mouse, where the desktop tells us.

Backends: X11 (the XScreenSaver extension through ctypes), Wayland compositors that speak
`ext-idle-notify-v1` or `org_kde_kwin_idle` (KWin, sway and other wlroots compositors; see
`wayland_idle.py`), GNOME on Wayland (Mutter's IdleMonitor over the session D-Bus), KDE and
others (org.freedesktop.ScreenSaver), Windows
(GetLastInputInfo) and macOS (CGEventSourceSecondsSinceLastEventType). Every source answers
`None` ("unknown") instead of raising; the app then behaves as it would without idle detection
(no natural breaks from being away, no waiting for a pause in typing).

The scheduler samples this about once a minute, and every few seconds only while a due prompt
waits for a pause in typing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from posture_break.core.clock import Clock

_log = logging.getLogger(__name__)

DBUS_TIMEOUT_MS = 200
"""The longest an idle query waits for the desktop; a slow answer is no answer."""


class IdleSource(Protocol):
    """Something that knows how long the user has been idle."""

    def idle_seconds(self) -> float | None:
        """Return seconds since the last keyboard or mouse input, or `None` if unknown."""
        ...


@runtime_checkable
class WatchedIdleSource(IdleSource, Protocol):
    """An idle source that reads the desktop's events as they come (a Wayland compositor's)."""

    def watch(self, parent: QObject | None = None) -> None:
        """Start reading events from the Qt event loop (`parent` owns what watches them)."""
        ...


class NoIdleSource:
    """The answer where no backend works: always unknown."""

    def idle_seconds(self) -> float | None:
        """Return `None`: idle time is unknown here."""
        return None


class DBusIdleSource:
    """Idle time from a session D-Bus method that returns a number (Mutter, ScreenSaver)."""

    def __init__(
        self,
        service: str,
        path: str,
        interface: str,
        method: str,
        *,
        unit_seconds: float,
        bus_name: str | None = None,
    ) -> None:
        # bus_name: a connection made with QDBusConnection.connectToBus (tests); default the
        # session bus.
        self._call = (service, path, interface, method)
        self._bus_name = bus_name
        self._unit_seconds = unit_seconds
        self.name = f"{service} {method}"

    def idle_seconds(self) -> float | None:
        """Ask the desktop; `None` if it does not answer within `DBUS_TIMEOUT_MS`."""
        try:
            from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

            if self._bus_name is None:
                bus = QDBusConnection.sessionBus()
            else:
                bus = QDBusConnection(self._bus_name)
            if not bus.isConnected():
                return None
            message = QDBusMessage.createMethodCall(*self._call)
            message.setAutoStartService(False)  # asking must not start a service
            reply = bus.call(message, QDBus.CallMode.Block, DBUS_TIMEOUT_MS)
            if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
                return None
            return float(reply.arguments()[0]) * self._unit_seconds
        except Exception:  # an idle source must never stop the app
            _log.debug("%s failed", self.name, exc_info=True)
            return None


def mutter_idle_source() -> DBusIdleSource:
    """Return GNOME's idle monitor (works on Wayland, where X11 cannot see other apps' input)."""
    return DBusIdleSource(
        "org.gnome.Mutter.IdleMonitor",
        "/org/gnome/Mutter/IdleMonitor/Core",
        "org.gnome.Mutter.IdleMonitor",
        "GetIdletime",
        unit_seconds=0.001,  # milliseconds
    )


def screensaver_idle_source() -> DBusIdleSource:
    """Return org.freedesktop.ScreenSaver's session idle time (KDE and others)."""
    return DBusIdleSource(
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        "GetSessionIdleTime",
        unit_seconds=1.0,  # seconds, as the freedesktop interface says
    )


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = (
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    )


class X11IdleSource:
    """Idle time from the X server's MIT-SCREEN-SAVER extension (libXss through ctypes)."""

    def __init__(self, display: str | None = None) -> None:
        self._display_name = display
        self._xlib: Any = None
        self._xss: Any = None
        self._display: Any = None
        self._info: Any = None
        self._opened = False

    def idle_seconds(self) -> float | None:
        """Return the server's idle time; `None` without an X server or the extension."""
        try:
            if not self._opened:
                self._opened = True
                self._open()
            if self._info is None:
                return None
            root = self._xlib.XDefaultRootWindow(self._display)
            if not self._xss.XScreenSaverQueryInfo(self._display, root, self._info):
                return None
            return float(self._info.contents.idle) / 1000.0
        except Exception:  # an idle source must never stop the app
            _log.debug("XScreenSaver failed", exc_info=True)
            return None

    def close(self) -> None:
        """Free the query buffer and close the display connection."""
        if self._info is not None:
            self._xlib.XFree(self._info)
            self._info = None
        if self._display is not None:
            self._xlib.XCloseDisplay(self._display)
            self._display = None

    def _open(self) -> None:
        xlib = _load("X11", "libX11.so.6")
        xss = _load("Xss", "libXss.so.1")
        if xlib is None or xss is None:
            return
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = (ctypes.c_char_p,)
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XDefaultRootWindow.argtypes = (ctypes.c_void_p,)
        xlib.XCloseDisplay.argtypes = (ctypes.c_void_p,)
        xlib.XFree.argtypes = (ctypes.c_void_p,)
        xss.XScreenSaverQueryExtension.argtypes = (
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        )
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
        xss.XScreenSaverQueryInfo.argtypes = (
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_XScreenSaverInfo),
        )
        name = (self._display_name or os.environ.get("DISPLAY") or "").encode()
        if not name:
            return
        display = xlib.XOpenDisplay(name)
        if not display:
            return
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            xlib.XCloseDisplay(display)
            return
        self._xlib, self._xss, self._display = xlib, xss, display
        self._info = xss.XScreenSaverAllocInfo()


class WindowsIdleSource:
    """Idle time from GetLastInputInfo (Windows)."""

    def idle_seconds(self) -> float | None:
        """Return seconds since the last input in this session."""
        try:

            class _LastInputInfo(ctypes.Structure):
                _fields_ = (("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint))

            windll: Any = getattr(ctypes, "windll")  # noqa: B009  # only exists on Windows
            info = _LastInputInfo()
            info.cbSize = ctypes.sizeof(info)
            if not windll.user32.GetLastInputInfo(ctypes.byref(info)):
                return None
            ticks = windll.kernel32.GetTickCount() & 0xFFFFFFFF
            return float((ticks - info.dwTime) & 0xFFFFFFFF) / 1000.0  # both wrap after 49.7 days
        except Exception:  # an idle source must never stop the app
            _log.debug("GetLastInputInfo failed", exc_info=True)
            return None


class MacIdleSource:
    """Idle time from CGEventSourceSecondsSinceLastEventType (macOS)."""

    _HID_SYSTEM_STATE = 1
    _ANY_INPUT_EVENT = 0xFFFFFFFF

    def __init__(self) -> None:
        self._function: Any = None
        self._loaded = False

    def idle_seconds(self) -> float | None:
        """Return seconds since the last input anywhere in the login session."""
        try:
            if not self._loaded:
                self._loaded = True
                graphics = ctypes.cdll.LoadLibrary(
                    "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
                )
                function = graphics.CGEventSourceSecondsSinceLastEventType
                function.restype = ctypes.c_double
                function.argtypes = (ctypes.c_int, ctypes.c_uint32)
                self._function = function
            if self._function is None:
                return None
            return float(self._function(self._HID_SYSTEM_STATE, self._ANY_INPUT_EVENT))
        except Exception:  # an idle source must never stop the app
            _log.debug("CGEventSource failed", exc_info=True)
            return None


def idle_candidates(
    platform: str | None = None,
    environ: dict[str, str] | None = None,
    *,
    clock: Clock | None = None,
) -> list[IdleSource]:
    """Return the backends worth trying here, best first.

    With `clock`, a Wayland session tries the compositor's idle protocol first: it sees input to
    every window and costs no polling (`wayland_idle.py`). GNOME's Mutter speaks neither
    protocol, so there the D-Bus IdleMonitor comes next.
    """
    platform = sys.platform if platform is None else platform
    env = dict(os.environ) if environ is None else environ
    if platform == "win32":
        return [WindowsIdleSource()]
    if platform == "darwin":
        return [MacIdleSource()]
    dbus: list[IdleSource] = [mutter_idle_source(), screensaver_idle_source()]
    x11: list[IdleSource] = [X11IdleSource(env["DISPLAY"])] if env.get("DISPLAY") else []
    if env.get("XDG_SESSION_TYPE") == "wayland" or env.get("WAYLAND_DISPLAY"):
        # Under Wayland, XWayland's idle time only counts input to X11 windows: ask the
        # compositor, then D-Bus.
        return _wayland_candidates(clock, env) + dbus + x11
    return x11 + dbus


def _wayland_candidates(clock: Clock | None, env: dict[str, str]) -> list[IdleSource]:
    display = env.get("WAYLAND_DISPLAY")
    if clock is None or not display:
        return []
    try:
        from posture_break.platform.wayland_idle import wayland_idle_source
    except (ImportError, OSError):  # pywayland (Linux only) or its libwayland missing
        _log.debug("no pywayland", exc_info=True)
        return []
    source = wayland_idle_source(clock, display_name=display)
    return [] if source is None else [source]


def detect_idle_source(
    platform: str | None = None,
    environ: dict[str, str] | None = None,
    *,
    clock: Clock | None = None,
) -> IdleSource:
    """Return the first backend that answers here, or `NoIdleSource` (`clock`: see candidates)."""
    for candidate in idle_candidates(platform, environ, clock=clock):
        if candidate.idle_seconds() is not None:
            _log.info("idle time from %s", type(candidate).__name__)
            return candidate
    _log.info("idle time unknown here: no natural breaks from being away")
    return NoIdleSource()


def _load(name: str, soname: str) -> Any:
    """Return a loaded C library, or `None` if it is not installed."""
    for candidate in (soname, ctypes.util.find_library(name)):
        if not candidate:
            continue
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            continue
    return None
