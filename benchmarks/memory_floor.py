"""posture-break at rest against the bare tray and the floor of its own stack, in one run.

Three programs, launched one at a time and interleaved (bare, floor, app, app after the safety
note; then again), each in a fresh private home inside one throw-away desktop (Xvfb + session
D-Bus + trayer):

- bare: `benchmarks/bare_tray.py` (QApplication + QSystemTrayIcon + QMenu);
- floor: `benchmarks/floor_tray.py` (the bare tray + an APScheduler 3 `QtScheduler`, one job);
- app: posture-break in a returning user's home (90 days of history, the safety note read);
- app, first run: posture-break in a new home, its safety note closed with Return and the
  "Where will you stretch?" question after it with Escape;
- bundle (with `--bundle PATH`): the PyInstaller bundle's executable in a returning user's home.

posture-break runs from compiled bytecode, as every install does (pip and uv compile a wheel, the
bundle carries bytecode only): the package is compiled first, because an environment with
`PYTHONDONTWRITEBYTECODE` (or an editable install) would otherwise compile every module at each
start, which costs memory and start-up time no user pays.

For each: time to docked icon, then RSS, PSS and anonymous PSS (`Pss_Anon`) from
`/proc/<pid>/smaps_rollup` after settling, the process alone in the tray. Then all of them run
side by side, untouched, and their voluntary context switches are counted (idle wake-ups).

Run: `uv run python benchmarks/memory_floor.py` (committed figures: `--runs 5 --seconds 120`).
`--samples-json` prints every sample as JSON instead of the table.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    REPO,
    bare_command,
    compile_app,
    idle_switches_per_minute,
    median,
    temp_root,
    text_table,
)
from benchmarks.review_open import build_history_file, realistic_records
from posture_break.core.clock import SystemClock
from tests.harness.app import app_command, home_env, make_home
from tests.harness.desktop import DesktopSession
from tests.harness.process import (
    smaps_rollup,
    spawn,
    stop_process,
)
from tests.harness.waiting import now, wait_for
from tests.harness.xwindows import docked_icon_of, visible_windows

FLOOR_TRAY = REPO / "benchmarks" / "floor_tray.py"
KINDS = ("bare", "floor", "app", "app-first-run")
BUNDLE = "bundle"  # the optional fifth kind: the PyInstaller bundle, returning user
HISTORY_DAYS = 90
SAFETY_TITLE = "Before you stretch"
WHERE_TITLE = "Where will you stretch?"  # the first-run question after the safety note


@dataclass(slots=True)
class Samples:
    """Every figure taken of one kind of program, one entry per run."""

    dock_ms: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)  # MiB
    pss: list[float] = field(default_factory=list)
    anon: list[float] = field(default_factory=list)
    wakeups: list[float] = field(default_factory=list)  # per 60 s


def _commands(app: Sequence[str] | None, bundle: Path | None) -> dict[str, list[str]]:
    """Return each kind's command line; `app` replaces posture-break's, `bundle` adds a kind."""
    posture_break = list(app) if app else app_command()
    commands = {
        "bare": bare_command(),
        "floor": [sys.executable, str(FLOOR_TRAY)],
        "app": posture_break,
        "app-first-run": posture_break,
    }
    if bundle is not None:
        commands[BUNDLE] = [str(bundle)]
    return commands


def _home(root: Path, kind: str, index: int, history: Path) -> Path:
    home = make_home(root, f"{kind}-{index}", first_run=kind == "app-first-run")
    if kind in ("app", BUNDLE):
        data_dir = home / "data" / "posture-break"
        shutil.copyfile(history, data_dir / "history.sqlite3")
    return home


def _close_first_run_dialogs(env: dict[str, str]) -> None:
    """Close the first-run safety note (Return) and the question after it (Escape)."""
    for title, key in ((SAFETY_TITLE, "Return"), (WHERE_TITLE, "Escape")):

        def shown(title: str = title) -> int | None:
            # Each program runs alone in the desktop, so the title alone finds it.
            found = visible_windows(env, f"^{re.escape(title)}$")
            return found[0] if found else None

        wid = wait_for(shown, 30, 0.05, f"{title!r} to show")
        command = ["xdotool", "windowfocus", "--sync", str(wid), "key", key]
        subprocess.run(command, env=env, check=True)
        wait_for(lambda: shown() is None, 10, 0.05, f"{title!r} to close")


def _one(
    kind: str,
    command: list[str],
    desk: DesktopSession,
    root: Path,
    index: int,
    settle: float,
    history: Path,
) -> tuple[float, dict[str, int]]:
    """Start one program alone in the tray; return its ms to docked icon and its rollup."""
    home = _home(root, kind, index, history)
    env = home_env(home, desk.env)
    start = now()
    proc = spawn(command, env, home / "output.log")
    try:
        wait_for(lambda: docked_icon_of(desk.env, proc.pid), 30, 0.01, f"{kind} to dock")
        dock_ms = (now() - start) * 1000
        if kind == "app-first-run":
            _close_first_run_dialogs(env)
        time.sleep(settle)  # the figure is defined as "after settling for N seconds"
        return dock_ms, smaps_rollup(proc.pid)
    finally:
        stop_process(proc)
        wait_for(lambda: docked_icon_of(desk.env, proc.pid) is None, 10, 0.05, "icon gone")


def _idle(
    commands: dict[str, list[str]],
    desk: DesktopSession,
    root: Path,
    runs: int,
    seconds: float,
    settle: float,
    history: Path,
) -> dict[str, list[float]]:
    """Run `runs` of bare, floor and app side by side; return switches per 60 s of each."""
    kinds = ("bare", "floor", "app")
    procs: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        for index in range(runs):
            for kind in kinds:
                home = _home(root, kind, 100 + index, history)
                env = home_env(home, desk.env)
                procs.append((kind, spawn(commands[kind], env, home / "output.log")))
        # `settle` also outlasts the app's preload.
        switches = idle_switches_per_minute(procs, desk.env, seconds, settle)
    finally:
        for _, proc in procs:
            stop_process(proc)
    return {kind: [] for kind in kinds} | switches


def measure(
    runs: int,
    seconds: float,
    settle: float,
    idle_settle: float,
    app: Sequence[str] | None = None,
    bundle: Path | None = None,
) -> dict[str, Samples]:
    """Take every figure of every kind in one desktop session (`app`: another app command)."""
    compile_app()  # as installed: from bytecode (see the module's docstring)
    commands = _commands(app, bundle)
    samples = {kind: Samples() for kind in commands}
    with DesktopSession() as desk, temp_root() as tmp:
        root = Path(tmp)
        history = root / "history.sqlite3"
        build_history_file(history, realistic_records(SystemClock().now().date(), HISTORY_DAYS))
        for index in range(runs):
            for kind in commands:
                dock_ms, rollup = _one(kind, commands[kind], desk, root, index, settle, history)
                got = samples[kind]
                got.dock_ms.append(round(dock_ms, 1))
                got.rss.append(round(rollup["Rss"] / 1024, 1))
                got.pss.append(round(rollup["Pss"] / 1024, 1))
                got.anon.append(round(rollup["Pss_Anon"] / 1024, 1))
        if seconds > 0:
            idle = _idle(commands, desk, root, runs, seconds, idle_settle, history)
            for kind, values in idle.items():
                samples[kind].wakeups.extend(round(v, 2) for v in values)
    return samples


@dataclass(frozen=True, slots=True)
class Figure:
    """One row: the medians of each kind, the ratio the target is about, and the others."""

    measure: str
    unit: str
    medians: dict[str, float]
    ratio: float | None  # what the target is about (app / floor, or app / bare for docking)
    target: str
    passed: bool | None
    app_to_bare: float | None = None  # app / bare tray, same run (context)
    bundle_to_floor: float | None = None  # bundle / the target's base, when the bundle ran


def figures(samples: dict[str, Samples]) -> list[Figure]:
    """Return the table's rows from the samples."""
    kinds = tuple(samples)

    def med(kind: str, name: str) -> float:
        values = getattr(samples[kind], name)
        return median(values) if values else float("nan")

    def bundle_ratio(medians: dict[str, float], base: str) -> float | None:
        return medians[BUNDLE] / medians[base] if BUNDLE in medians else None

    def row(
        label: str,
        unit: str,
        name: str,
        top: str,
        base: str,
        target: str,
        limit: float | None,
        bundle_base: str | None,
    ) -> Figure:
        """A row whose ratio is `top` / `base` (passed when at most `limit`), and top / bare."""
        medians = {kind: med(kind, name) for kind in kinds}
        ratio = medians[top] / medians[base]
        return Figure(
            label,
            unit,
            medians,
            ratio,
            target,
            ratio <= limit if limit is not None else None,
            medians[top] / medians["bare"],
            bundle_ratio(medians, bundle_base) if bundle_base is not None else None,
        )

    rows = [
        row("RSS", "MiB", "rss", "app", "floor", "(context)", None, "floor"),
        row("PSS", "MiB", "pss", "app", "floor", "<= 1.10x floor", 1.10, "floor"),
        row("anonymous (Pss_Anon)", "MiB", "anon", "app", "floor", "<= 1.10x floor", 1.10, "floor"),
        row(
            "PSS after the first-run safety note",
            "MiB",
            "pss",
            "app-first-run",
            "floor",
            "<= 1.15x floor",
            1.15,
            None,
        ),
        row("time to docked icon", "ms", "dock_ms", "app", "bare", "<= 1.3x bare", 1.3, "bare"),
    ]
    medians = {kind: med(kind, "wakeups") for kind in ("bare", "floor", "app")}
    rows.append(
        Figure(
            "idle wake-ups per 60 s",
            "/min",
            medians,
            None,
            "<= 3 per 60 s",
            medians["app"] <= 3 if medians["app"] == medians["app"] else None,
        )
    )
    return rows


def _ratio_text(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.2f}x"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs of each program (median)")
    parser.add_argument("--seconds", type=float, default=120, help="idle period (0: skip it)")
    parser.add_argument("--settle", type=float, default=8, help="seconds to settle after dock")
    parser.add_argument("--idle-settle", type=float, default=40, help="seconds before idle counts")
    parser.add_argument("--samples-json", action="store_true", help="print samples as JSON")
    parser.add_argument("--app", help="run this posture-break (e.g. dist/posture-break/...)")
    parser.add_argument("--bundle", type=Path, help="also run this bundle (a fifth kind)")
    args = parser.parse_args(argv)
    samples = measure(
        args.runs,
        args.seconds,
        args.settle,
        args.idle_settle,
        [args.app] if args.app else None,
        args.bundle,
    )
    if args.samples_json:
        print(json.dumps({kind: asdict(s) for kind, s in samples.items()}))
        return 0
    kinds = tuple(samples)
    extra = ("bundle ratio",) if BUNDLE in samples else ()
    rows = [
        (
            f.measure,
            *(f"{f.medians[k]:.1f}" if k in f.medians else "-" for k in kinds),
            _ratio_text(f.ratio),
            _ratio_text(f.app_to_bare),
            *((_ratio_text(f.bundle_to_floor),) if extra else ()),
            f.target,
            {True: "ok", False: "MISSED", None: ""}[f.passed],
        )
        for f in figures(samples)
    ]
    header = ("measure", *kinds, "app/floor", "app/bare", *extra, "target", "")
    print(text_table(header, rows))
    for kind, got in samples.items():
        print(f"{kind}: {asdict(got)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
