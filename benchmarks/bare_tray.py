"""The bare PySide6 tray app the benchmarks compare posture-break against.

It holds exactly what any Qt tray app needs and nothing else: one `QApplication`, one
`QSystemTrayIcon` with a drawn icon, and a `QMenu` with the same number of entries as the real
tray menu. It has no timers, no scheduler, no database. Run it as
`python benchmarks/bare_tray.py`; it quits on SIGTERM or from its menu.
"""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon


def _icon() -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#3c8d7a"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(4, 4, 56, 56)
    painter.end()
    return QIcon(pixmap)


def build_tray(name: str) -> tuple[QApplication, QSystemTrayIcon, QMenu]:
    """Return the application, its shown tray icon and menu (the floor app builds on them).

    The caller keeps all three referenced: Qt does not take ownership of a context menu.
    """
    app = QApplication(sys.argv)
    app.setApplicationName(name)
    app.setQuitOnLastWindowClosed(False)
    # SIGTERM ends the process at once (no Python handler needed, no polling timer).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    menu = QMenu()
    for label in ("Stretch now", "Pause", "Resume", "Skip the next one", "This week…"):
        menu.addAction(label)
    menu.addSeparator()
    menu.addAction("Settings…")
    menu.addAction("About")
    menu.addAction("Quit", app.quit)
    tray = QSystemTrayIcon(_icon())
    tray.setToolTip("bare tray")
    tray.setContextMenu(menu)
    tray.show()
    return app, tray, menu


def main() -> int:
    app, _tray, _menu = build_tray("bare-tray")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
