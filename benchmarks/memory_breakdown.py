"""Where posture-break's memory at rest goes, over the floor of its stack (issue 19).

Two parts, both printed:

1. **What each program holds at rest.** The floor (`floor_tray.py`) and the app, in a returning
   user's home, each run alone in a throw-away desktop (Xvfb + session D-Bus + trayer) through
   `at_rest_report.py`, which writes after SECONDS what it has loaded: its modules, the source
   text PySide6's feature hook has read into `linecache`, and its `Pss_Anon`.
2. **Step by step.** A fresh interpreter (`import_steps.py`, offscreen) imports the floor's
   modules and then the app's extra ones in the app's own order (libraries, the command line,
   core and platform, PySide6, the UI), reading its anonymous memory (`RssAnon`) after each
   step. Python objects and code live in the anonymous memory, so each step's growth is what
   those modules cost; what is left of the real app's figure is Qt's own objects and the
   app's data.

One probe, no medians: the figures are for reasoning about what to cut, `memory_floor.py` gives
the measured ratios. Run: `uv run python benchmarks/memory_breakdown.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import REPO, compile_app, temp_root, text_table
from benchmarks.memory_floor import FLOOR_TRAY, HISTORY_DAYS
from benchmarks.review_open import build_history_file, realistic_records
from posture_break.core.clock import SystemClock
from tests.harness.app import home_env, make_home
from tests.harness.desktop import DesktopSession
from tests.harness.process import spawn, stop_process
from tests.harness.waiting import wait_for
from tests.harness.xwindows import docked_icon_of

REPORTER = REPO / "benchmarks" / "at_rest_report.py"
IMPORT_STEPS = REPO / "benchmarks" / "import_steps.py"

Report = dict[str, Any]


def at_rest(settle: float) -> tuple[Report, Report]:
    """Run the floor and the app alone in a desktop; return what each holds after `settle` s."""
    compile_app()
    with DesktopSession() as desk, temp_root() as tmp:
        root = Path(tmp)
        history = root / "history.sqlite3"
        build_history_file(history, realistic_records(SystemClock().now().date(), HISTORY_DAYS))
        floor = _report_of("floor", [str(FLOOR_TRAY)], desk, root, settle)
        app = _report_of("app", ["--app"], desk, root, settle, history)
        return floor, app


def _report_of(
    kind: str,
    program: list[str],
    desk: DesktopSession,
    root: Path,
    settle: float,
    history: Path | None = None,
) -> Report:
    home = make_home(root, kind)
    if history is not None:
        (home / "data" / "posture-break" / "history.sqlite3").write_bytes(history.read_bytes())
    out = root / f"{kind}.json"
    command = [sys.executable, str(REPORTER), str(out), str(settle), *program]
    proc = spawn(command, home_env(home, desk.env), home / "output.log")
    try:
        wait_for(lambda: docked_icon_of(desk.env, proc.pid), 30, 0.05, f"{kind} to dock")
        wait_for(lambda: _complete(out), settle + 30, 0.1, f"{kind}'s report")
        report: Report = json.loads(out.read_text(encoding="utf-8"))
        return report
    finally:
        stop_process(proc)


def _complete(path: Path) -> bool:
    """Tell whether the report is there and whole (it is written while the program runs)."""
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True


def steps(floor: Sequence[str], app: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Return the import steps: the floor's modules, then the app's extra ones in its order.

    Everything Qt-free comes before PySide6, as in the app (`ui/launch.py`); APScheduler's
    `QtScheduler` module imports PySide6, so it goes with PySide6.
    """

    def is_qt(name: str) -> bool:
        return name.startswith(("PySide6", "shiboken6")) or name == "apscheduler.schedulers.qt"

    def own(*prefixes: str) -> list[str]:
        return [m for m in app if m == "posture_break" or m.startswith(prefixes)]

    libraries = [m for m in app if m not in floor and not is_qt(m) and "posture_break" not in m]
    return [
        ("floor: standard library", [m for m in floor if not is_qt(m) and "apscheduler" not in m]),
        ("floor: APScheduler", [m for m in floor if "apscheduler" in m and not is_qt(m)]),
        ("app: more libraries", libraries),
        ("app: command line (cli*)", own("posture_break.cli")),
        (
            "app: core, platform, ipc",
            own("posture_break.core", "posture_break.platform", "posture_break.ipc"),
        ),
        ("floor: PySide6", [m for m in floor if is_qt(m)]),
        ("app: more PySide6 modules", [m for m in app if is_qt(m) and m not in floor]),
        ("app: ui (and the source the feature hook reads)", own("posture_break.ui")),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settle", type=float, default=8.0, help="seconds after start")
    args = parser.parse_args(argv)
    floor, app = at_rest(args.settle)
    with temp_root() as tmp:
        plan_file = Path(tmp) / "plan.json"
        plan_file.write_text(json.dumps(steps(floor["modules"], app["modules"])), encoding="utf-8")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        probe = [sys.executable, str(IMPORT_STEPS), str(plan_file)]
        result = subprocess.run(probe, env=env, capture_output=True, text=True, check=True)
    rows = json.loads(result.stdout.splitlines()[-1])
    print("At rest (real processes):")
    print(
        text_table(
            ("program", "Pss_Anon MiB", "modules", "source in linecache (chars)"),
            [
                (
                    kind,
                    f"{report['rollup']['Pss_Anon'] / 1024:.1f}",
                    str(len(report["modules"])),
                    f"{sum(report['linecache'].values()):,}",
                )
                for kind, report in (("floor", floor), ("app", app))
            ],
        )
    )
    print("\nStep by step (a fresh interpreter importing the same modules, RssAnon growth):")
    print(
        text_table(
            ("step", "MiB", "source read by the hook (chars)"),
            [(row["step"], f"{row['mib']:.2f}", f"{row['hook_chars']:,}") for row in rows],
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
