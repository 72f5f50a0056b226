"""Simulate 4,000 breaks of the stretch picker and report how varied the stretches are.

Each break asks the picker for a stretch with the history the app would pass (distinct ids,
newest first, at most `--recent` of them), then records the pick. Eight breaks make a day.

    uv run python benchmarks/picker_simulation.py                 # the picker in this checkout
    git show main:posture_break/core/picker.py > /tmp/old_picker.py
    uv run python benchmarks/picker_simulation.py --picker /tmp/old_picker.py --recent 5

Reported per filter set: the pool size, the gap before a repeat (breaks since the same stretch
was last offered: median and max), days with the same stretch twice, days without a twist (when
the pool has one), the longest run of one family, and early repeats: a stretch offered again
before every other stretch of the pool came since it last did (others / twists).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from posture_break.core.catalogue import load_catalogue
from posture_break.core.settings import StretchFilterSettings
from posture_break.core.stretch import Family, Stretch

BREAKS = 4000
PER_DAY = 8
SEED = 20261130
FILTERS = {
    "desk, no kit (new default)": StretchFilterSettings(desk_only=True, allow_equipment=False),
    "everything": StretchFilterSettings(desk_only=False, allow_floor=True, allow_equipment=True),
}


@dataclass(frozen=True, slots=True)
class Report:
    """What one simulation found."""

    pool: int
    median_gap: float
    max_gap: int
    min_gap: int
    same_move_days: int
    days_without_twist: int
    longest_family_run: int
    early_repeats: int  # repeats before every other pool stretch came since (not twists)
    early_twists: int  # the same for twists, which the twist rule brings round faster


def load_picker_module(path: Path | None) -> ModuleType:
    """Return the picker module: this checkout's, or the one in the file at `path`."""
    if path is None:
        from posture_break.core import picker

        return picker
    spec = importlib.util.spec_from_file_location("picker_under_test", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load a picker from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def simulate(
    module: ModuleType, catalogue: Sequence[Stretch], filters: StretchFilterSettings, recent: int
) -> Report:
    """Run `BREAKS` picks and measure them."""
    picker = module.StretchPicker(catalogue, filters, random.Random(SEED))
    picks: list[Stretch] = []
    for _ in range(BREAKS):
        newest_first = list(dict.fromkeys(s.id for s in reversed(picks)))[:recent]
        picks.append(picker.pick(newest_first))
    last_seen: dict[str, int] = {}
    gaps: list[int] = []
    for index, stretch in enumerate(picks):
        if stretch.id in last_seen:
            gaps.append(index - last_seen[stretch.id])
        last_seen[stretch.id] = index
    days = [picks[i : i + PER_DAY] for i in range(0, BREAKS, PER_DAY)]
    pool = {s.id for s in catalogue if module.matches_filters(s, filters)}
    has_twist = any(s.family is Family.TWIST for s in catalogue if s.id in pool)
    early = {True: 0, False: 0}  # keyed by "is a twist"
    last_at: dict[str, int] = {}
    for index, stretch in enumerate(picks):
        if stretch.id in last_at:
            since = {s.id for s in picks[last_at[stretch.id] + 1 : index]}
            if not pool - {stretch.id} <= since:
                early[stretch.family is Family.TWIST] += 1
        last_at[stretch.id] = index
    run = longest = 0
    for before, stretch in zip([None, *picks], picks, strict=False):
        run = run + 1 if before is not None and before.family is stretch.family else 1
        longest = max(longest, run)
    return Report(
        pool=len(pool),
        median_gap=statistics.median(gaps),
        max_gap=max(gaps),
        min_gap=min(gaps),
        same_move_days=sum(len({s.id for s in day}) < len(day) for day in days),
        days_without_twist=(
            sum(all(s.family is not Family.TWIST for s in day) for day in days) if has_twist else 0
        ),
        longest_family_run=longest,
        early_repeats=early[False],
        early_twists=early[True],
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--picker", type=Path, help="a picker.py to test (default: this one)")
    parser.add_argument(
        "--recent", type=int, default=None, help="distinct ids passed (default: HISTORY_WANTED)"
    )
    args = parser.parse_args(argv)
    module = load_picker_module(args.picker)
    recent = args.recent if args.recent is not None else module.HISTORY_WANTED
    catalogue = load_catalogue()
    print(f"{BREAKS} breaks, {PER_DAY} a day, seed {SEED}, history of {recent} distinct ids")
    print(
        "| filters | pool | median gap | max gap | min gap | same-move days "
        "| days without a twist | longest family run | early repeats (others / twists) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, filters in FILTERS.items():
        r = simulate(module, catalogue, filters, recent)
        print(
            f"| {name} | {r.pool} | {r.median_gap:g} | {r.max_gap} | {r.min_gap} "
            f"| {r.same_move_days} of {BREAKS // PER_DAY} | {r.days_without_twist} "
            f"| {r.longest_family_run} | {r.early_repeats} / {r.early_twists} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
