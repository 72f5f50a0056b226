"""Signals from outside the app: SIGHUP quits as cleanly as SIGTERM, and a SIGTERM under the
first-run safety note does not count as the user having read it.

Each case runs the real app in a desktop session (Xvfb + trayer + session D-Bus, as in tests/e2e).
"""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.harness.app import RunningApp, make_home
from tests.harness.desktop import DesktopSession
from tests.harness.waiting import wait_for
from tests.harness.xwindows import visible_windows, visible_windows_of

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _data_dir(app: RunningApp) -> Path:
    return Path(app.env["XDG_DATA_HOME"]) / "posture-break"


def _runtime_dir(app: RunningApp) -> Path:
    return Path(app.env["XDG_RUNTIME_DIR"]) / "posture-break"


def _outcomes(app: RunningApp) -> list[str]:
    with sqlite3.connect(_data_dir(app) / "history.sqlite3") as db:
        return [row[0] for row in db.execute("SELECT outcome FROM break_record")]


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_hangup_quits_cleanly_like_sigterm(app: RunningApp, signum: signal.Signals) -> None:
    """The terminal that started the app closes: the open stretch is recorded, nothing is left."""
    app.start()
    app.wait_ready()
    before = set(visible_windows_of(app.env, app.pid))
    assert app.cli("stretch").returncode == 0
    wait_for(
        lambda: set(visible_windows_of(app.env, app.pid)) - before, 10, 0.05, "the stretch window"
    )
    assert app.proc is not None
    app.proc.send_signal(signum)
    code = app.proc.wait(15)
    assert code == 0, app.output()
    assert not (_data_dir(app) / "history.sqlite3-wal").exists(), "the WAL was not checkpointed"
    leftovers = sorted(p.name for p in _runtime_dir(app).iterdir())
    assert leftovers == [], f"left behind: {leftovers}"
    # `posture-break stretch` starts the countdown at once: StretchRun's rule says "abandoned".
    assert _outcomes(app) == ["abandoned"]


@pytest.fixture
def first_run_app(desktop: DesktopSession, tmp_path: Path) -> RunningApp:
    return RunningApp(desktop, make_home(tmp_path, first_run=True))


def test_sigterm_under_the_first_run_safety_note_does_not_mark_it_read(
    first_run_app: RunningApp,
) -> None:
    app = first_run_app
    try:
        app.start()
        app.wait_docked()
        # Shown from the running loop, so after the signal handlers are in place.
        note = "Before you stretch"
        wait_for(lambda: visible_windows(app.env, note), 20, 0.05, "the safety note")
        assert app.proc is not None
        app.proc.send_signal(signal.SIGTERM)
        assert app.proc.wait(15) == 0, app.output()
        assert not (_data_dir(app) / "safety-note-shown").exists()
    finally:
        app.stop()
