"""Private files under a permissive umask, in folders with spaces and non-ASCII names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Run as a real process with umask 022, the usual default that makes new files world-readable.
CHILD = """
import json, os, stat, sys
from datetime import UTC, datetime
from posture_break.core.clock import FakeClock
from posture_break.core.history import migrate, MIGRATIONS, open_history
from posture_break.core.paths import AppPaths, ensure_private_dir
from posture_break.core.record import BreakRecord, Outcome, Trigger

os.umask(0o022)
paths = AppPaths.for_user()
ensure_private_dir(paths.config_dir)
opened = open_history(paths.database, FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)))
opened.history.record(BreakRecord.at(
    datetime(2026, 11, 25, 9, 0, tzinfo=UTC), "cat-cow", Outcome.COMPLETED, 60, Trigger.SCHEDULED))
backup = migrate(opened.history._db, (*MIGRATIONS, ("SELECT 1",)))
modes = {}
for root in (os.environ["XDG_DATA_HOME"], os.environ["XDG_CONFIG_HOME"]):
    modes[root] = oct(stat.S_IMODE(os.stat(root).st_mode))
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            modes[path] = oct(stat.S_IMODE(os.stat(path).st_mode))
print(json.dumps({"paths": paths.to_json_dict(), "backup": str(backup), "modes": modes,
                  "records": len(opened.history.records()), "problem": opened.problem}))
opened.history.close()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_files_0600_dirs_0700_under_umask_022_with_odd_path_names(tmp_path: Path) -> None:
    home = tmp_path / "Ünïcödé home — with spaces" / "日本語"
    home.mkdir(parents=True)
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(home / "data share")
    env["XDG_CONFIG_HOME"] = str(home / "cönfig")
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["problem"] is None
    assert result["records"] == 1
    database = Path(result["paths"]["database"])
    assert database == home / "data share" / "posture-break" / "history.sqlite3"
    modes = {Path(p): m for p, m in result["modes"].items()}
    expected = {
        home / "data share": "0o700",
        home / "data share" / "posture-break": "0o700",
        home / "cönfig": "0o700",
        home / "cönfig" / "posture-break": "0o700",
        database: "0o600",
        database.with_name("history.sqlite3-wal"): "0o600",
        database.with_name("history.sqlite3-shm"): "0o600",
        Path(result["backup"]): "0o600",
    }
    assert modes == expected
