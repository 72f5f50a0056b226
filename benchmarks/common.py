"""Helpers only the benchmarks use: the bare tray app to compare with, medians and tables.

The desktop, the app launcher and the `/proc` readers they share with the end-to-end tests live
in `tests/harness`.
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.harness.process import switches_between, thread_switches
from tests.harness.waiting import wait_for
from tests.harness.xwindows import docked_icons

REPO = Path(__file__).resolve().parent.parent
BARE_TRAY = REPO / "benchmarks" / "bare_tray.py"


def bare_command() -> list[str]:
    """Return the command line that runs the bare PySide6 tray app."""
    return [sys.executable, str(BARE_TRAY)]


def compile_app() -> None:
    """Compile posture-break's modules to bytecode, as every install has them.

    pip and uv compile a wheel when they install it and the bundle carries bytecode only; a
    checkout run with `PYTHONDONTWRITEBYTECODE` (or never run before) would instead compile every
    module at each start, which costs start-up time and memory no user pays. Writes only the
    `__pycache__` directories (ignored by git).
    """
    compileall.compile_dir(REPO / "posture_break", quiet=1)


def median(values: Sequence[float]) -> float:
    """Return the median of `values`."""
    return statistics.median(values)


# --- tables ----------------------------------------------------------------------------------


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return `rows` as a GitHub markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return `rows` as a plain aligned table for a terminal."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    out = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in (header, *rows)
    ]
    out.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(out)


def temp_root(prefix: str = "pb-bench-") -> tempfile.TemporaryDirectory[str]:
    """Return a temporary directory that cleans itself up."""
    return tempfile.TemporaryDirectory(prefix=prefix)


def idle_switches_per_minute(
    procs: Sequence[tuple[str, subprocess.Popen[bytes]]],
    env: Mapping[str, str],
    seconds: float,
    settle: float,
) -> dict[str, list[float]]:
    """Count the thread switches of tray processes running side by side while nothing happens.

    Waits until every process (`(kind, process)` pairs) has docked its icon and `settle` seconds
    more, past start-up's one-shot timers; returns each one's switches per 60 s over the next
    `seconds`, by kind. The caller starts and stops the processes.
    """
    wanted = len(procs)
    wait_for(lambda: len(docked_icons(env)) >= wanted, 60, 0.1, "every icon to dock")
    time.sleep(settle)
    before = {p.pid: thread_switches(p.pid) for _, p in procs}
    time.sleep(seconds)  # the measurement is "what happens while nothing happens"
    after = {p.pid: thread_switches(p.pid) for _, p in procs}
    per_minute = 60.0 / seconds
    result: dict[str, list[float]] = {}
    for kind, proc in procs:
        result.setdefault(kind, []).append(
            switches_between(before[proc.pid], after[proc.pid]) * per_minute
        )
    return result
