"""The app under libfaketime, on a clock the test moves, with every hour a working hour.

The test writes an offset ("+46m") to the stamp file; `FAKETIME_NO_CACHE` makes the app read it
on every clock call, so the jump is seen at once. `ALL_DAY_SETTINGS` make every day, all day, a
working window: no working-window edge decides the outcome, whatever the hour of the run.
"""

from __future__ import annotations

import glob
from pathlib import Path

LIBFAKETIME = next(iter(sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))), None)
MISSING = "libfaketime not installed: apt-get install faketime"

ALL_DAY_SETTINGS = """\
[schedule]
interval_minutes = 45
work_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
work_start = "00:00"
work_end = "23:59"
"""


def faketime_env(stamp: Path, *, real_monotonic: bool = False) -> dict[str, str]:
    """Set `stamp` to "+0" and return the environment that runs the app on its clock.

    With `real_monotonic` only the wall clock moves (an NTP step or a user setting the time);
    otherwise every clock moves at once, as after a suspend.
    """
    if LIBFAKETIME is None:
        raise RuntimeError(MISSING)
    stamp.write_text("+0\n")
    env = {
        "LD_PRELOAD": LIBFAKETIME,
        "FAKETIME_TIMESTAMP_FILE": str(stamp),
        "FAKETIME_NO_CACHE": "1",
    }
    if real_monotonic:
        env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
    return env


def write_settings(home: Path, text: str) -> Path:
    """Write `text` as the settings file of the app whose home is `home` (see `make_home`)."""
    config = home / "config" / "posture-break" / "settings.toml"
    config.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    config.write_text(text)
    return config
