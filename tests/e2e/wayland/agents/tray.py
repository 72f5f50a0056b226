"""Agent: an app-like tray process on Wayland, started before the panel.

Modes: `watcher`: create the `QSystemTrayIcon` when `TrayHostWatcher` says a host is there.
`plain`: create it at once, as a plain Qt app does. `recreate`: the same, and create it anew
when the host appears. `query`: only ask `QSystemTrayIcon.isSystemTrayAvailable()`, at start
and again 1 s after the host appeared. Prints `{"bus", "pid", "host"}` at start, `{"icon": n}`
for each icon shown and `{"available": bool}` for each question.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from posture_break.ui.tray_host import TrayHostWatcher


def main() -> int:
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    mode = sys.argv[1]
    icon_file = Path(__file__).resolve().parents[4] / "resources" / "icons" / "tray-counting.svg"
    icons: list[QSystemTrayIcon] = []

    def show_icon() -> None:
        if icons:
            icons.pop().deleteLater()
        icon = QSystemTrayIcon(QIcon(str(icon_file)))
        icon.setToolTip("posture-break test")
        icon.show()
        icons.append(icon)
        print(json.dumps({"icon": len(icons), "visible": icon.isVisible()}), flush=True)

    watcher = TrayHostWatcher()
    print(
        json.dumps(
            {
                "bus": QDBusConnection.sessionBus().baseService(),
                "pid": os.getpid(),
                "host": watcher.is_host_present(),
            }
        ),
        flush=True,
    )
    if mode == "query":
        # What the app did: ask Qt whether there is a tray, and again when one has appeared.
        def report_available() -> None:
            available = QSystemTrayIcon.isSystemTrayAvailable()
            print(json.dumps({"available": available}), flush=True)

        report_available()
        watcher.host_appeared.connect(lambda: QTimer.singleShot(1000, report_available))
    elif mode == "plain":
        show_icon()  # created once, before any host: what a plain Qt app does
    elif mode == "recreate":
        show_icon()
        watcher.host_appeared.connect(show_icon)  # delete it and create a new one
    elif watcher.is_host_present():
        show_icon()
    else:
        watcher.host_appeared.connect(show_icon)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
