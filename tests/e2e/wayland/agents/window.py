"""Agent: a plain Qt window with a text field, where the user is typing (a Wayland client).

Prints `{"shown": true}` once shown, then `{"active": bool}` whenever the compositor gives the
window the keyboard or takes it away: that works on any compositor, not only where
`swaymsg -t get_tree` can tell.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit


def main() -> int:
    app = QApplication(sys.argv)
    app.setDesktopFileName("typing-target")  # the app_id sway reports
    field = QLineEdit("the user is typing here")
    field.setWindowTitle("typing-target")
    field.resize(600, 120)
    field.show()
    handle = field.windowHandle()
    handle.activeChanged.connect(
        lambda: print(json.dumps({"active": handle.isActive()}), flush=True)
    )
    QTimer.singleShot(0, lambda: print(json.dumps({"shown": True}), flush=True))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
