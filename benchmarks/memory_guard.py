"""Fail when posture-break at rest grows against the floor of its stack (a regression guard).

Runs `memory_floor.py`'s start-up comparison (no idle period) and compares the app's anonymous
memory and RSS, as ratios to the floor (bare tray + APScheduler `QtScheduler`) measured in the
same run, with the ratios recorded in `benchmarks/memory_baseline.json`. Exits 1 when either
ratio is more than 10% above its recorded figure. Ratios, not MiB, are compared: both programs
run on the same machine with the same Qt, so the ratio carries over between machines better.
The PSS ratio is printed but not held to the baseline: PSS splits each shared page between the
processes mapping it at that moment, so on a shared machine it moves by 20% between runs of the
same code (see the samples in docs/performance.md) and would make the guard fail at random.

Run: `uv run python benchmarks/memory_guard.py` (check), or with `--record` after a deliberate
change to write the new baseline (commit it with the change that explains it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import REPO, median
from benchmarks.memory_floor import Samples, measure

BASELINE = REPO / "benchmarks" / "memory_baseline.json"
#: How much a ratio may grow over its baseline before the guard fails.
TOLERANCE = 1.10
#: The ratios held to the baseline (PSS is only reported: see the module's docstring).
GUARDED = ("anon", "rss")


@dataclass(frozen=True, slots=True)
class Ratios:
    """The app's memory at rest as multiples of the floor's, from one run."""

    pss: float
    anon: float
    rss: float


def ratios(samples: dict[str, Samples]) -> Ratios:
    """Return the app / floor ratios of the medians in `samples`."""
    app, floor = samples["app"], samples["floor"]
    return Ratios(
        median(app.pss) / median(floor.pss),
        median(app.anon) / median(floor.anon),
        median(app.rss) / median(floor.rss),
    )


def regressions(now: Ratios, baseline: Ratios, tolerance: float = TOLERANCE) -> list[str]:
    """Return a line for each ratio that grew more than `tolerance` over its baseline."""
    found = []
    for name in GUARDED:
        got, was = getattr(now, name), getattr(baseline, name)
        if got > was * tolerance:
            found.append(f"{name}: {got:.3f}x the floor, baseline {was:.3f}x (limit {tolerance}x)")
    return found


def _commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs of each program (median)")
    parser.add_argument("--record", action="store_true", help="write the baseline instead")
    args = parser.parse_args(argv)
    samples = measure(args.runs, seconds=0, settle=8, idle_settle=0)
    now = ratios(samples)
    print(
        f"app / floor at rest: anonymous {now.anon:.3f}x, RSS {now.rss:.3f}x"
        f" (PSS {now.pss:.3f}x, not guarded)"
    )
    if args.record:
        record = asdict(now) | {"commit": _commit(), "runs": args.runs}
        BASELINE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"baseline written to {BASELINE.relative_to(REPO)}")
        return 0
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    baseline = Ratios(float(recorded["pss"]), float(recorded["anon"]), float(recorded["rss"]))
    failed = regressions(now, baseline)
    for line in failed:
        print(f"REGRESSION {line}", file=sys.stderr)
    if not failed:
        print(
            f"ok: within {TOLERANCE}x of the baseline: anonymous {baseline.anon:.3f}x,"
            f" RSS {baseline.rss:.3f}x"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
