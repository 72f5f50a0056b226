"""A child process for the reliability tests: open a history as the app would and report.

When started as root it first drops to the unprivileged user nobody (65534), after its imports,
so file permissions apply as they would to a normal user. It prints one JSON object: what the
user would be told, how many breaks it can read, and what happened when it tried to save one.

Usage: python history_probe.py DB_PATH
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from posture_break.core.clock import FakeClock
from posture_break.core.history import HistoryError, open_history
from posture_break.core.record import BreakRecord, Outcome, Trigger

NOBODY = 65534


def main() -> int:
    """Open, read, try one write, and print the result as JSON."""
    if sys.platform != "win32" and os.geteuid() == 0:
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        except PermissionError as exc:  # a container without CAP_SETUID
            print(json.dumps({"skip": f"cannot drop to uid {NOBODY}: {exc}"}))
            return 0
    opened = open_history(Path(sys.argv[1]), FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)))
    result: dict[str, object] = {
        "uid": os.getuid() if sys.platform != "win32" else None,
        "problem": opened.problem,
        "moved_aside": None if opened.moved_aside is None else str(opened.moved_aside),
        "records": len(opened.history.records()),
        "is_persistent": opened.is_persistent,
        "write_error": None,
    }
    entry = BreakRecord.at(
        datetime(2026, 11, 25, 11, 0, tzinfo=UTC), "probe", Outcome.COMPLETED, 60, Trigger.ON_DEMAND
    )
    try:
        opened.history.record(entry)
    except HistoryError as exc:
        result["write_error"] = str(exc)
    opened.history.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
