"""Agent: posture-break's Wayland idle source in a Qt event loop; `sample` prints the answer.

Prints `{"protocol": ...}` once connected, then `{"idle": seconds}` for every `sample` line read
on stdin. The source watches its socket with a QSocketNotifier, as the app does.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QSocketNotifier

from posture_break.core.clock import SystemClock
from posture_break.platform.wayland_idle import wayland_idle_source


def main() -> int:
    app = QCoreApplication(sys.argv)
    threshold = float(sys.argv[1])
    source = wayland_idle_source(SystemClock(), threshold_seconds=threshold)
    if source is None:
        print(json.dumps({"protocol": None}), flush=True)
        return 1
    source.watch(app)
    print(json.dumps({"protocol": source.protocol.value}), flush=True)

    def on_stdin() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
        elif line.strip() == "sample":
            print(json.dumps({"idle": source.idle_seconds()}), flush=True)

    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    stdin.activated.connect(on_stdin)
    code = app.exec()
    source.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
