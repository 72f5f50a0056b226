"""Run a tray program and, once it has settled, write what it holds to a JSON file.

Used by `memory_breakdown.py` only: `python benchmarks/at_rest_report.py OUT SECONDS PROGRAM...`
runs PROGRAM (a script path with its arguments, or `--app` for posture-break as its
`posture-break` command runs it) in this process, and after SECONDS writes to OUT the names in
`sys.modules` and how many characters of source each file in `linecache` holds, with the
process's `smaps_rollup`. A one-shot timer thread does the writing, so the program's own event
loop and imports are untouched; the thread ends once it has written.
"""

from __future__ import annotations

import json
import linecache
import runpy
import sys
import threading
from pathlib import Path


def _rollup_kib() -> dict[str, int]:
    fields: dict[str, int] = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                fields[parts[0].rstrip(":")] = int(parts[1])
    return fields


def _report(out: Path) -> None:
    source_chars = {
        name: sum(len(line) for line in entry[2])
        for name, entry in list(linecache.cache.items())
        if len(entry) == 4  # a file read from disk (lazy entries have one field)
    }
    report = {"modules": sorted(sys.modules), "linecache": source_chars, "rollup": _rollup_kib()}
    out.write_text(json.dumps(report), encoding="utf-8")


def main() -> None:
    out, seconds, *program = sys.argv[1:]
    timer = threading.Timer(float(seconds), _report, (Path(out),))
    timer.daemon = True
    timer.start()
    if program[0] == "--app":
        from posture_break.cli import main as posture_break

        sys.argv = ["posture-break", *program[1:]]
        sys.exit(posture_break())
    else:
        sys.argv = program
        runpy.run_path(program[0], run_name="__main__")


if __name__ == "__main__":
    main()
