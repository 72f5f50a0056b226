"""Agent: the app's Wayland use in one process: Qt windows, the idle source and many full-screen
questions, with the garbage collected after each; prints the last answer, then exits with 0.

The crash after Start came from window proxies freed into a closed connection (see
`wayland_client.py`); collecting garbage after every question makes such a fault show at once.
"""

from __future__ import annotations

import gc
import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from posture_break.core.clock import SystemClock
from posture_break.platform.wayland_idle import wayland_idle_source
from posture_break.platform.wayland_toplevel import WaylandFullscreenSource


def main() -> int:
    count = int(sys.argv[1])
    app = QApplication(sys.argv[:1])
    idle = wayland_idle_source(SystemClock())
    assert idle is not None
    idle.watch(app)
    source = WaylandFullscreenSource()
    windows: list[QLabel] = []
    answers: list[bool | None] = []

    def ask() -> None:
        window = QLabel(f"window {len(answers)}")  # windows come and go, as the prompt's do
        window.show()
        windows.append(window)
        if len(windows) > 3:
            windows.pop(0).close()
        answers.append(source.is_fullscreen_active())
        gc.collect()
        if len(answers) >= count:
            app.quit()

    timer = QTimer()
    timer.timeout.connect(ask)
    timer.start(50)
    app.exec()
    print(json.dumps({"answers": len(answers), "last": answers[-1]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
