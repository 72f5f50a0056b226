"""The floor of posture-break's own stack: the bare tray app plus an APScheduler 3 `QtScheduler`.

APScheduler is part of the project's chosen stack, so what the app adds is measured against this:
the same `QApplication` + `QSystemTrayIcon` + `QMenu` as `bare_tray.py`, and a `QtScheduler`
with one job every minute (the app's heartbeat). Nothing else: no history, no windows, no socket.
Run it as `python benchmarks/floor_tray.py`; it quits on SIGTERM or from its menu.
"""

from __future__ import annotations

import sys
from pathlib import Path

from apscheduler.schedulers.qt import QtScheduler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bare_tray import build_tray


def _heartbeat() -> None:
    """The one job: does nothing, as a job that only looks at the clock would."""


def main() -> int:
    app, _tray, _menu = build_tray("floor-tray")
    scheduler = QtScheduler()
    scheduler.add_job(_heartbeat, "interval", minutes=1)
    scheduler.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
