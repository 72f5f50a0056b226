"""A launch that only checks for an instance must never make a starting instance give up.

`posture-break stretch` (or `resume`, ...) with nobody listening takes the instance lock for a
moment to learn that no instance runs. A tray app starting in that moment finds the lock taken
and nobody listening; it must try again rather than exit saying the app "just stopped".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.app import RunningApp, make_home
from tests.harness.desktop import DesktopSession

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# Holds the instance lock the way a checking launch does, only longer (300 ms), then lets go.
_HOLD_LOCK = """
import sys, time
from pathlib import Path
from posture_break.ui.instance import make_lock
lock = make_lock(Path(sys.argv[1]))
assert lock.tryLock(0), "the lock was already taken"
print("held", flush=True)
time.sleep(0.3)
lock.unlock()
"""


def test_app_started_while_another_launch_holds_the_lock_still_becomes_the_instance(
    desktop: DesktopSession, tmp_path: Path
) -> None:
    app = RunningApp(desktop, make_home(tmp_path), extra_env={"POSTURE_BREAK_DEBUG": "1"})
    runtime = Path(app.env["XDG_RUNTIME_DIR"]) / "posture-break"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(runtime)],
        env=app.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        app.start()
        app.wait_ready()
        result = app.cli("resume")
        assert result.returncode == 0, f"{result.stdout}{result.stderr}{app.output()}"
        assert "just stopped" not in app.output()
    finally:
        holder.wait(10)
        if holder.stdout is not None:
            holder.stdout.close()
        app.stop()
