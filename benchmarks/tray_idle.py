"""Startup, memory and idle wake-ups of posture-break against the bare PySide6 tray app.

Both run in the same throw-away desktop (Xvfb + session D-Bus + trayer), in the same run:

- time to docked icon: from `Popen` to the icon's window being a child of trayer's panel,
  polled in the X tree every 10 ms; app and bare launches alternate, one at a time;
- PSS after settling: `/proc/<pid>/smaps_rollup` a few seconds after docking, each process alone
  (shared library pages are split between the processes that map them, so running both at once
  would hide the difference);
- voluntary context switches over an idle period: all threads of each process, every app and
  bare instance side by side, nobody touching anything.

Run: `uv run python benchmarks/tray_idle.py` (committed figures: `--runs 5 --seconds 120`).
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

# Run as a script (`uv run python benchmarks/...`): put the checkout on sys.path, so the desktop
# harness imports as `tests.harness` here just as it does in the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    bare_command,
    compile_app,
    idle_switches_per_minute,
    median,
    temp_root,
    text_table,
)
from tests.harness.app import app_command, home_env, make_home
from tests.harness.desktop import DesktopSession
from tests.harness.process import (
    smaps_rollup,
    spawn,
    stop_process,
)
from tests.harness.waiting import now, wait_for
from tests.harness.xwindows import docked_icons, window_pid


@dataclass(frozen=True, slots=True)
class Measure:
    """One compared figure: the app's median, the bare app's median, and the target."""

    measure: str
    unit: str
    app: float
    bare: float
    target: str
    passed: bool | None  # None: shown for context, no target
    command: str
    samples_app: tuple[float, ...] = ()
    samples_bare: tuple[float, ...] = ()

    @property
    def ratio(self) -> float | None:
        """Return app / bare (None when bare is 0: no ratio to speak of)."""
        return self.app / self.bare if self.bare else None


def _launch_and_dock(
    kind: str, command: Sequence[str], desk: DesktopSession, root: Path, index: int
) -> tuple[subprocess.Popen[bytes], float]:
    """Start one process alone in the tray and return it with its seconds to docked icon."""
    home = make_home(root, f"{kind}-{index}")
    env = home_env(home, desk.env)
    before = {icon.wid for icon in docked_icons(desk.env)}
    start = now()
    proc = spawn(command, env, home / "output.log")
    try:
        wait_for(
            lambda: [i for i in docked_icons(desk.env) if i.wid not in before],
            30,
            0.01,
            f"the {kind} tray icon to dock",
        )
    except TimeoutError:
        stop_process(proc)
        log = (home / "output.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{kind} never docked; its output:\n{log}") from None
    return proc, now() - start


def _icon_gone(desk: DesktopSession, pid: int) -> bool:
    return all(window_pid(desk.env, icon.wid) != pid for icon in docked_icons(desk.env))


def startup_and_memory(
    desk: DesktopSession, root: Path, runs: int, settle: float
) -> dict[str, dict[str, list[float]]]:
    """Alternate app and bare launches; return dock seconds and PSS/USS/RSS KiB per kind."""
    commands = {"app": app_command(), "bare": bare_command()}
    results: dict[str, dict[str, list[float]]] = {
        kind: {"dock": [], "pss": [], "anon": [], "rss": []} for kind in commands
    }
    for index in range(runs):
        for kind, command in commands.items():
            proc, dock = _launch_and_dock(kind, command, desk, root, index)
            time.sleep(settle)  # the figure is defined as "after settling for N seconds"
            rollup = smaps_rollup(proc.pid)
            results[kind]["dock"].append(dock)
            results[kind]["pss"].append(rollup["Pss"])
            results[kind]["anon"].append(rollup["Pss_Anon"])
            results[kind]["rss"].append(rollup["Rss"])
            stop_process(proc)
            gone = functools.partial(_icon_gone, desk, proc.pid)
            wait_for(gone, 10, 0.05, "the icon to leave the tray")
    return results


def idle_switches(
    desk: DesktopSession, root: Path, runs: int, seconds: float, settle: float
) -> dict[str, list[float]]:
    """Run `runs` app and `runs` bare instances side by side; return switches per 60 s each.

    `settle` must outlast start-up's one-shot timers: a bare Qt tray app wakes once about 30 s
    after start and then sleeps in `poll` without a timeout.
    """
    procs: list[tuple[str, subprocess.Popen[bytes]]] = []
    commands = {"app": app_command(), "bare": bare_command()}
    try:
        for index in range(runs):
            for kind, command in commands.items():
                home = make_home(root, f"idle-{kind}-{index}")
                env = home_env(home, desk.env)
                procs.append((kind, spawn(command, env, home / "output.log")))
        return {kind: [] for kind in commands} | idle_switches_per_minute(
            procs, desk.env, seconds, settle
        )
    finally:
        for _, proc in procs:
            stop_process(proc)


def measure(runs: int, seconds: float, settle: float, idle_settle: float) -> list[Measure]:
    """Run all three comparisons in one desktop session and return them."""
    command = f"uv run python benchmarks/tray_idle.py --runs {runs} --seconds {seconds:g}"
    with DesktopSession() as desk, temp_root() as tmp:
        root = Path(tmp)
        start = startup_and_memory(desk, root, runs, settle)
        idle = idle_switches(desk, root, runs, seconds, idle_settle)
    app, bare = start["app"], start["bare"]
    dock_app, dock_bare = median(app["dock"]) * 1000, median(bare["dock"]) * 1000
    pss_app, pss_bare = median(app["pss"]) / 1024, median(bare["pss"]) / 1024
    anon_app, anon_bare = median(app["anon"]) / 1024, median(bare["anon"]) / 1024
    idle_app, idle_bare = median(idle["app"]), median(idle["bare"])
    return [
        Measure(
            "time to docked icon",
            "ms",
            dock_app,
            dock_bare,
            "<= 1.3x bare",
            dock_app <= 1.3 * dock_bare,
            command,
            tuple(round(v * 1000, 1) for v in app["dock"]),
            tuple(round(v * 1000, 1) for v in bare["dock"]),
        ),
        Measure(
            f"PSS after {settle:g} s",
            "MiB",
            pss_app,
            pss_bare,
            # Issue 19 holds memory to the floor of the stack (the memory section), not this.
            "(context: see the floor)",
            None,
            command,
            tuple(round(v / 1024, 1) for v in app["pss"]),
            tuple(round(v / 1024, 1) for v in bare["pss"]),
        ),
        Measure(
            f"PSS, anonymous part (heap, Python objects) after {settle:g} s",
            "MiB",
            anon_app,
            anon_bare,
            "(context)",
            None,
            command,
            tuple(round(v / 1024, 1) for v in app["anon"]),
            tuple(round(v / 1024, 1) for v in bare["anon"]),
        ),
        Measure(
            f"idle wake-ups (voluntary switches per 60 s, over {seconds:g} s)",
            "/min",
            idle_app,
            idle_bare,
            "<= 3 per 60 s",
            idle_app <= 3,
            command,
            tuple(round(v, 2) for v in idle["app"]),
            tuple(round(v, 2) for v in idle["bare"]),
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs of each app (median taken)")
    parser.add_argument("--seconds", type=float, default=120, help="idle period to measure")
    parser.add_argument("--settle", type=float, default=5, help="seconds to settle after docking")
    parser.add_argument(
        "--idle-settle", type=float, default=40, help="seconds after docking before idle counts"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    compile_app()  # the app runs from bytecode, as installed
    results = measure(args.runs, args.seconds, args.settle, args.idle_settle)
    if args.json:
        print(json.dumps([asdict(m) | {"ratio": m.ratio} for m in results]))
        return 0
    rows = [
        (
            m.measure,
            f"{m.app:.1f} {m.unit}",
            f"{m.bare:.1f} {m.unit}",
            "-" if m.ratio is None else f"{m.ratio:.2f}x",
            m.target,
            {True: "ok", False: "MISSED", None: ""}[m.passed],
        )
        for m in results
    ]
    print(text_table(("measure", "app", "bare", "ratio", "target", ""), rows))
    for m in results:
        print(f"{m.measure}: app {m.samples_app} bare {m.samples_bare}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
