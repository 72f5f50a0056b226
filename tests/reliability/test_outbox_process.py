"""A stretch ended while another process holds the history exclusively: kept, and saved later.

The real app in a desktop session; the other program is a separate Python process that opens the
history and holds `BEGIN EXCLUSIVE` (as a long `posture-break import` would) until told to stop.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.app import RunningApp
from tests.harness.waiting import now, wait_for
from tests.harness.xwindows import visible_windows_of

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


def _history(app: RunningApp) -> Path:
    return Path(app.env["XDG_DATA_HOME"]) / "posture-break" / "history.sqlite3"


def _outcomes(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT outcome FROM break_record")]


@pytest.fixture
def holder() -> Iterator[list[subprocess.Popen[str]]]:
    """The lock-holding processes the test starts; always ended after it."""
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=5)  # reaps it and closes its pipes


def test_a_stretch_ended_under_a_lock_is_kept_and_lands_at_the_next_start(
    app: RunningApp, holder: list[subprocess.Popen[str]]
) -> None:
    app.start()
    app.wait_ready()  # the history exists now
    lock = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(_history(app))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    holder.append(lock)
    assert lock.stdout is not None
    assert lock.stdout.readline().strip() == "held"
    before = set(visible_windows_of(app.env, app.pid))
    assert app.cli("stretch").returncode == 0
    wait_for(
        lambda: set(visible_windows_of(app.env, app.pid)) - before, 10, 0.05, "the stretch window"
    )
    assert app.proc is not None
    asked = now()
    app.proc.send_signal(signal.SIGTERM)  # quitting records the running stretch as abandoned
    assert app.proc.wait(15) == 0, app.output()
    took = now() - asked
    assert took < 5, f"quitting under the lock took {took:.1f} s"
    outbox = _history(app).parent / "outbox.jsonl"
    assert outbox.exists(), app.output()
    assert '"abandoned"' in outbox.read_text()
    # The other program finishes; the next start writes what waited.
    assert lock.stdin is not None
    lock.stdin.write("\n")
    lock.stdin.flush()
    assert lock.wait(5) == 0
    assert _outcomes(_history(app)) == []
    app.start()
    app.wait_ready()
    wait_for(lambda: not outbox.exists(), 10, 0.05, "the outbox to be written")
    assert _outcomes(_history(app)) == ["abandoned"]
