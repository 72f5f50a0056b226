"""`posture-break review|settings|stretch` with no app running: one window, its own process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from posture_break.core.clock import FakeClock
from posture_break.core.history import open_history
from posture_break.core.paths import AppPaths
from posture_break.core.record import Outcome, Trigger
from tests.ui.app_harness import START

_LONE_WINDOW = """
import os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from posture_break.core.paths import AppPaths
from posture_break.ui import launch
root = Path(sys.argv[1])
paths = AppPaths(root / "config", root / "data", root / "log", root / "run")
def close():
    windows = [w for w in app.topLevelWidgets() if w.isWindow() and w.isVisible()]
    if not windows:
        return
    print("windows:", ", ".join(type(w).__name__ for w in windows), flush=True)
    for window in windows:
        # "I understand" on the note (only that marks it read); every other window is closed.
        window.accept() if type(window).__name__ == "SafetyDialog" else window.close()
# Again and again: a modal safety note runs its own loop before the window opens.
closer = QTimer()
closer.timeout.connect(close)
closer.start(20)
sys.exit(launch.run(sys.argv[2], None, paths))
"""


def run_alone(paths: AppPaths, command: str) -> str:
    # Its own process: it runs the application's event loop to the end.
    done = subprocess.run(
        [sys.executable, "-c", _LONE_WINDOW, str(paths.config_dir.parent), command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("command", "window"), [("review", "ReviewWindow"), ("settings", "SettingsDialog")]
)
def test_review_and_settings_open_alone_and_end_when_closed(
    paths: AppPaths, command: str, window: str
) -> None:
    assert run_alone(paths, command).strip() == f"windows: {window}"


def test_a_lone_stretch_records_its_outcome_and_ends(paths: AppPaths) -> None:
    assert run_alone(paths, "stretch").strip() == "windows: StretchWindow"
    opened = open_history(paths.database, FakeClock(START))
    try:
        records = opened.history.records()
    finally:
        opened.history.close()
    # An on-demand stretch starts at once, so closing it early is "abandoned", as on-demand.
    assert [(r.outcome, r.trigger) for r in records] == [(Outcome.ABANDONED, Trigger.ON_DEMAND)]


def test_a_lone_stretch_in_a_fresh_home_shows_the_safety_note_first(paths: AppPaths) -> None:
    (paths.data_dir / "safety-note-shown").unlink()
    assert run_alone(paths, "stretch").split("\n")[:3] == [
        "windows: SafetyDialog",
        "windows: WhereDialog",  # the first-run question comes with it
        "windows: StretchWindow",
    ]
    assert (paths.data_dir / "safety-note-shown").exists()
    assert run_alone(paths, "stretch").strip() == "windows: StretchWindow"  # once only
