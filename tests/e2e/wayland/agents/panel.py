"""Agent: posture-break's window prompt (the panel) on this compositor; prints when it is shown.

Prints `{"shown": true, "active": bool}`: whether the compositor gave the panel the keyboard.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from posture_break.core.clock import SystemClock
from posture_break.ui.prompt import BreakPrompt


def main() -> int:
    app = QApplication(sys.argv)
    app.setDesktopFileName("posture-break-panel")
    prompt = BreakPrompt("Seated reach", 60, 10, clock=SystemClock())
    prompt.show_near(None)

    def report() -> None:
        print(
            json.dumps({"shown": prompt.isVisible(), "active": prompt.isActiveWindow()}), flush=True
        )

    QTimer.singleShot(1500, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
