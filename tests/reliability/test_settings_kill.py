"""kill -9 a real process while it saves settings: the file is always the old or the new one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from posture_break.core.settings_file import load_settings

KILLS = 40
SEED = 20261125

# Saves two different settings files in turn, as fast as it can, until it is killed.
_SAVER = """
import sys
from pathlib import Path
from posture_break.core.settings import ScheduleSettings, Settings
from posture_break.core.settings_file import save_settings
path = Path(sys.argv[1])
versions = [
    Settings(schedule=ScheduleSettings(interval_minutes=minutes)) for minutes in (30, 60)
]
save_settings(path, versions[0])
print("ready", flush=True)
n = 0
while True:
    n += 1
    save_settings(path, versions[n % 2])
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_while_saving_settings_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "config ünï" / "posture-break" / "settings.toml"
    rng = random.Random(SEED)
    seen: set[int] = set()
    for _ in range(KILLS):
        saver = subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert saver.stdout is not None
        assert saver.stdout.readline().strip() == "ready"
        # A random moment in the middle of the saves: the kill is what is being tested.
        deadline = rng.uniform(0.0, 0.03)
        try:
            saver.wait(deadline)
        except subprocess.TimeoutExpired:
            os.kill(saver.pid, signal.SIGKILL)
        saver.wait()
        saver.stdout.close()
        assert saver.returncode == -signal.SIGKILL
        assert path.stat().st_size > 0, "the settings file was left empty"
        loaded = load_settings(path)
        assert loaded.warnings == (), loaded.warnings
        assert loaded.settings.schedule.interval_minutes in (30, 60)
        seen.add(loaded.settings.schedule.interval_minutes)
        assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert seen == {30, 60}, "the kills should land on both versions"
