"""Import groups of modules one after another and print how much anonymous memory each added.

Used by `memory_breakdown.py` only, in a fresh interpreter that has imported nothing else of the
project: `python benchmarks/import_steps.py PLAN.json`, where the plan is a JSON list of
`[step name, [module, ...]]`. Prints one JSON list of `{"step", "mib", "hook_chars"}`: each step's
growth of `RssAnon` and of the source text in `linecache` (what PySide6's feature hook read,
once PySide6 is imported), and a last row with the totals.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import linecache
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: The benchmark's own modules and PySide6's internals that load with PySide6: not steps.
_NOT_STEPS = ("__main__", "benchmarks", "tests", "__feature__", "signature", "shibokensupport")


def _anon_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no RssAnon in /proc/self/status")


def _import_all(names: Iterable[str]) -> None:
    for name in names:
        if name in sys.modules or name.startswith(_NOT_STEPS):
            continue
        # A module of another platform (Windows, macOS) can be named and fail here: skipped.
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def run_steps(plan: list[tuple[str, list[str]]]) -> list[dict[str, Any]]:
    """Import each step's modules in this interpreter; return each step's growth."""
    rows = []
    before = _anon_mib()
    for name, modules in plan:
        chars_before = _linecache_chars()
        _import_all(modules)
        after = _anon_mib()
        rows.append(
            {
                "step": name,
                "mib": round(after - before, 2),
                "hook_chars": _linecache_chars() - chars_before,
            }
        )
        before = after
    rows.append({"step": "total", "mib": round(before, 2), "hook_chars": _linecache_chars()})
    return rows


def _linecache_chars() -> int:
    return sum(
        sum(map(len, entry[2])) for entry in list(linecache.cache.values()) if len(entry) == 4
    )


def main() -> None:
    plan = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    print(json.dumps(run_steps([(name, modules) for name, modules in plan])))


if __name__ == "__main__":
    main()
