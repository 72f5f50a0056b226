"""Run every benchmark, print a table of ratios and write docs/performance.md.

One command: `uv run python benchmarks/run_all.py` (about 6 minutes on 2 cores). `--quick` is a
smoke run (fewer runs, 20 s idle) that prints the table but does not overwrite the committed
figures unless `--output` is given.

Scripts run, each as its own process, in the same run as the bare PySide6 tray app they are
compared with:
- `tray_idle.py`: time to docked icon, PSS, idle wake-ups (against `bare_tray.py`);
- `stretch_latency.py`: `posture-break stretch` -> window mapped;
- `memory_floor.py`: memory at rest against the bare tray and the floor of the app's own stack
  (the bare tray + an APScheduler `QtScheduler`), also after the first-run safety note;
- `stretch_window_wakeups.py` (stretch window timers, countdown accuracy), `stats_10y.py`
  (statistics over 10 years of history) and `review_open.py` (the review window on 10 years),
  when present.
A script that prints a JSON list of rows (`measure`, `unit`, `app`, `bare`, `target`, `passed`,
`command`) with `--json` is tabulated; any other output is quoted as is.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Run as a script (`uv run python benchmarks/...`): put the checkout on sys.path, so the desktop
# harness imports as `tests.harness` here just as it does in the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import REPO, markdown_table, text_table

HERE = REPO / "benchmarks"
OUTPUT = REPO / "docs" / "performance.md"
#: Hand-written: what was changed for memory at rest, and the figures before (not re-measurable).
MEMORY_NOTES = HERE / "memory_notes.md"
#: The PyInstaller bundle's executable, where `packaging/posture-break.spec` puts it.
BUNDLE = REPO / "dist" / "posture-break" / "posture-break"


def _scripts(quick: bool) -> list[tuple[str, list[str]]]:
    runs = "3" if quick else "5"
    seconds = "20" if quick else "120"
    # The bundle (and so the .deb, which installs it as is) is measured too when it is built.
    bundle = ["--bundle", str(BUNDLE)] if BUNDLE.exists() else []
    return [
        ("tray_idle.py", ["--runs", runs, "--seconds", seconds]),
        ("stretch_latency.py", ["--runs", runs]),
        ("stretch_window_wakeups.py", ["--quick"] if quick else []),
        ("stats_10y.py", ["--quick"] if quick else []),
        ("review_open.py", ["--runs", "3"] if quick else []),
        ("memory_floor.py", ["--runs", runs, "--seconds", seconds, *bundle]),
    ]


def _accepts(script: Path, option: str) -> bool:
    """Return whether `script --help` mentions `option`."""
    help_text = subprocess.run(
        [sys.executable, str(script), "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=REPO,
    ).stdout
    return option in help_text


def run_script(name: str, args: list[str]) -> tuple[list[dict[str, Any]], str]:
    """Run one benchmark script; return its rows (if it gave JSON) and its text output."""
    script = HERE / name
    if not script.exists():
        return [], f"`benchmarks/{name}` is not in the tree yet."
    args = [a for a in args if a != "--quick" or _accepts(script, "--quick")]
    wants_json = _accepts(script, "--json")
    command = [sys.executable, str(script), *args, *(["--json"] if wants_json else [])]
    print(f"running {' '.join(['benchmarks/' + name, *args])} ...", file=sys.stderr, flush=True)
    proc = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)
    text = proc.stdout.strip()
    if proc.returncode != 0:
        return (
            [],
            f"`benchmarks/{name}` failed ({proc.returncode}):\n\n```\n{proc.stderr[-3000:]}\n```",
        )
    if wants_json:
        for line in reversed(text.splitlines()):
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            rows = data if isinstance(data, list) else [data]
            if all(isinstance(r, dict) and "measure" in r for r in rows):
                shown = f"uv run python benchmarks/{name} {' '.join(args)}".strip()
                for row in rows:
                    row.setdefault("command", shown)
                return rows, ""
    return [], text


def _number(value: Any, unit: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, int | float):
        return f"{value:.3g} {unit}" if abs(value) < 10 else f"{value:.0f} {unit}"
    return str(value)


def _ratio(row: dict[str, Any]) -> str:
    app, bare = row.get("app"), row.get("bare")
    if isinstance(app, int | float) and isinstance(bare, int | float) and bare:
        return f"{app / bare:.2f}x"
    return "-"


def _result(row: dict[str, Any]) -> str:
    passed = row.get("passed")
    return "-" if passed is None else ("met" if passed else "**missed**")


def _cells(row: dict[str, Any]) -> list[str]:
    unit = str(row.get("unit", ""))
    return [
        str(row["measure"]),
        _number(row.get("app"), unit),
        _number(row.get("bare"), unit),
        _ratio(row),
        str(row.get("target", "")),
        _result(row),
    ]


def _commit() -> str:
    out = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    return out.stdout.strip() or "unknown"


def _machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    qt = subprocess.run(
        [sys.executable, "-c", "import PySide6.QtCore as q; print(q.qVersion())"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} CPUs, Linux {platform.release()}, "
        f"Python {platform.python_version()}, Qt {qt}; X server Xvfb, tray trayer, private D-Bus"
    )


def write_markdown(rows: list[dict[str, Any]], texts: list[tuple[str, str]], path: Path) -> None:
    """Write the performance page: table, commands, samples, method, other outputs."""
    header = ("measure", "posture-break", "bare tray app", "ratio", "target", "result")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "# Performance",
        "",
        "Measured side by side with a bare PySide6 tray app (`benchmarks/bare_tray.py`: the same",
        "QApplication + QSystemTrayIcon + QMenu and nothing else) in the same run. Figures are",
        "medians; the samples are listed below. Regenerate this page with one command:",
        "",
        "```",
        "uv run python benchmarks/run_all.py",
        "```",
        "",
        f"Last run: {stamp}, commit {_commit()}, on {_machine()}.",
        "The machine is shared, so start-up times carry noise from other work; ratios within one",
        "run are the figures to compare.",
        "",
        markdown_table(header, [_cells(r) for r in rows]),
        "",
        "## Commands and samples",
        "",
    ]
    for row in rows:
        parts.append(f"- **{row['measure']}**: `{row.get('command', '')}`")
        if row.get("samples_app"):
            parts.append(f"  app samples: {row['samples_app']}")
        if row.get("samples_bare"):
            parts.append(f"  bare samples: {row['samples_bare']}")
    parts += ["", METHOD, "", MEMORY_NOTES.read_text(encoding="utf-8").rstrip()]
    for name, text in texts:
        parts += ["", f"## {name}", "", text]
    path.write_text("\n".join(parts).rstrip() + "\n", encoding="utf-8")


METHOD = """## How each figure is taken

- **Time to docked icon**: from `Popen` of the process to its window being a child of
  trayer's panel in the X tree (`xwininfo -root -tree`, polled every 10 ms). posture-break and
  the bare app alternate, one at a time, each in a fresh temporary home.
- **PSS**: `Pss` of `/proc/<pid>/smaps_rollup` after the icon docked and the process settled
  for 5 s, each process alone (pages of shared libraries are split between the processes that
  map them, so two Qt apps side by side would both look smaller). PSS also depends on what else
  on the machine maps the same Qt libraries at that moment; its anonymous part (`Pss_Anon`:
  heap and Python objects) does not, and is given for context.
- **Idle wake-ups**: voluntary context switches summed over every thread of the process
  (`/proc/<pid>/task/*/status`), over 120 s with nobody touching anything, all instances side
  by side, counted from 40 s after docking (a bare Qt tray app has a one-shot timer about 30 s
  after start, then sleeps in `poll` with no timeout); reported per 60 s. Every timer expiry
  adds at least one. Peer apps measured on this machine: 270-435 per 60 s.
- **`posture-break stretch` -> window mapped**: from starting the command to the X server
  mapping the running instance's stretch window, seen as a MapNotify by `xev` (event-driven, no
  polling interval). The window is closed with Escape between runs."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run every benchmark and write the report")
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer, shorter runs")
    parser.add_argument("--output", type=Path, help=f"write the page here (default {OUTPUT})")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    texts: list[tuple[str, str]] = []
    for name, script_args in _scripts(args.quick):
        script_rows, text = run_script(name, script_args)
        rows.extend(script_rows)
        if text:
            texts.append((name, text))
    print(
        text_table(
            ("measure", "app", "bare", "ratio", "target", "result"), [_cells(r) for r in rows]
        )
    )
    for name, text in texts:
        print(f"\n{name}:\n{text}")
    output = args.output or (None if args.quick else OUTPUT)
    if output is not None:
        write_markdown(rows, texts, output)
        print(f"\nwrote {output}")
    return 0 if all(r.get("passed", True) is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
