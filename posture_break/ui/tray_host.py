"""Know when a system tray host appears, so the tray icon docks at once instead of up to 30 s late.

What PySide6 6.11 does, measured on sway + waybar (`tests/e2e/wayland/test_wayland_tray.py`):

- Qt's Linux platform themes still carry a function-local cache, `isDBusTrayAvailable()` in
  `qgenericunixthemes.cpp` ("D-Bus tray available: ..."), but `QSystemTrayIcon` no longer goes
  through it here: `QSystemTrayIcon.isSystemTrayAvailable()` asks `QDBusTrayIcon`, which asks
  the bus each time whether `org.kde.StatusNotifierWatcher` is registered. It answers False
  before the panel and True after it, in the same process, with `XDG_CURRENT_DESKTOP` unset,
  `sway`, `GNOME` (the gtk3 theme) or `KDE`.
- A `QSystemTrayIcon` shown before any watcher exists is still a `QDBusTrayIcon`: its first
  registration fails ("ServiceUnknown"), and it registers again by itself when the watcher
  appears, so it docks when the panel comes.

So Qt does not stop an icon from docking later; what kept posture-break's icon out of the tray
is its own look for a tray every 30 s (`TRAY_LOOK_MS` in `ui/app.py`): with waybar started 6 s
after the app, the icon docked 33 s after start. `TrayHostWatcher` says when a host comes, from
`QDBusServiceWatcher` on the watcher's name (no timer, no wake-up while waiting), so the app can
dock at that moment. On X11 (`xcb`) an XEmbed tray has no D-Bus name; Qt checks the
`_NET_SYSTEM_TRAY_S<n>` selection afresh in `isSystemTrayAvailable()`, and the watcher asks it
every 30 s, only on X11 and only while no tray is there.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtDBus import QDBusConnection, QDBusServiceWatcher
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon

_log = logging.getLogger(__name__)

WATCHER_SERVICE = "org.kde.StatusNotifierWatcher"
"""The D-Bus name a StatusNotifierItem tray host (or its watcher) owns."""

XEMBED_POLL_MS = 30_000
"""How often to look for an XEmbed tray on X11, only while there is none."""


class TrayHostWatcher(QObject):
    """Tell when a tray host is there: a StatusNotifierWatcher on D-Bus, or an X11 XEmbed tray.

    Signals:
        host_appeared: a tray host is there now and was not before; create the tray icon now.
        host_vanished: the D-Bus watcher left (the panel quit or is restarting).
    """

    host_appeared = Signal()
    host_vanished = Signal()

    def __init__(
        self,
        *,
        platform_name: str | None = None,
        bus: QDBusConnection | None = None,
        xembed_poll_ms: int = XEMBED_POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._platform = (
            platform_name if platform_name is not None else QGuiApplication.platformName()
        )
        self._bus = bus if bus is not None else QDBusConnection.sessionBus()
        self._watcher = QDBusServiceWatcher(
            WATCHER_SERVICE,
            self._bus,
            QDBusServiceWatcher.WatchModeFlag.WatchForRegistration
            | QDBusServiceWatcher.WatchModeFlag.WatchForUnregistration,
            self,
        )
        self._watcher.serviceRegistered.connect(self._on_watcher_registered)
        self._watcher.serviceUnregistered.connect(self._on_watcher_unregistered)
        self._xembed_timer = QTimer(self)
        self._xembed_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._xembed_timer.setInterval(xembed_poll_ms)
        self._xembed_timer.timeout.connect(self._on_xembed_timer_timeout)
        self._present = self.is_host_present()
        if self._is_x11 and not self._present:
            self._xembed_timer.start()

    @property
    def _is_x11(self) -> bool:
        return self._platform == "xcb"

    def is_dbus_watcher_registered(self) -> bool:
        """Return whether a StatusNotifierWatcher owns its name now (asks the bus)."""
        interface = self._bus.interface() if self._bus.isConnected() else None
        if interface is None:
            return False
        reply = interface.isServiceRegistered(WATCHER_SERVICE)
        return bool(reply.isValid() and reply.value())

    def is_host_present(self) -> bool:
        """Return whether a tray icon created now would dock.

        Asks the bus first (no Qt tray object is made for that); on X11 also Qt, for XEmbed.
        """
        if self.is_dbus_watcher_registered():
            return True
        return self._is_x11 and QSystemTrayIcon.isSystemTrayAvailable()

    def _on_watcher_registered(self, _service: str) -> None:
        self._xembed_timer.stop()
        self._report(present=True)

    def _on_watcher_unregistered(self, _service: str) -> None:
        present = self.is_host_present()
        if not present:
            self._present = False
            self.host_vanished.emit()
            if self._is_x11:
                self._xembed_timer.start()

    def _on_xembed_timer_timeout(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._xembed_timer.stop()
            self._report(present=True)

    def _report(self, *, present: bool) -> None:
        if present and not self._present:
            _log.info("a system tray host appeared")
            self._present = True
            self.host_appeared.emit()
