"""How long the week review takes to open on ten years of history.

Builds a history of about 180,000 breaks (ten years, every day) in a temporary SQLite file, then
times constructing `ReviewWindow`, showing it and its first paint, five times; prints the median
and fails (exit 1) over the budget. Offscreen; no display needed.

    uv run python benchmarks/review_open.py [--records 180000] [--runs 5] [--budget-ms 200]

`realistic_records` is also what the review screenshots draw (docs/screenshots).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from posture_break.core.record import BreakRecord, Outcome, Trigger

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

ZONE = timezone(timedelta(hours=1), "CET")
FALLBACK_STRETCHES = (
    "desk-hug-and-round",
    "seated-twist-eyes-first",
    "chair-back-extension",
    "doorway-chest-opener",
    "wall-snow-angel",
    "thread-the-needle",
)


def _stretch_ids() -> tuple[str, ...]:
    try:
        from posture_break.core.catalogue import load_catalogue

        return tuple(stretch.id for stretch in load_catalogue())
    except (ImportError, ValueError, OSError):
        return FALLBACK_STRETCHES


def realistic_records(
    last: date,
    days: int,
    seed: int = 7,
    per_work_day: int = 9,
    weekends: bool = False,
    stretch_ids: Sequence[str] | None = None,
) -> list[BreakRecord]:
    """Return a believable history of `days` days ending on `last`.

    On a work day about `per_work_day` prompts come between 9:00 and 17:30; the user completes
    more of them as the weeks go on (a habit forming), skips or snoozes some, and answers the
    mid-back check-in after about a third of completed stretches, feeling a little better over
    time. A few days are off (holidays, sick days). Weekends hold an occasional on-demand
    stretch, or prompts like a work day when `weekends` is True (the dense benchmark history).
    """
    rng = random.Random(seed)
    ids = tuple(stretch_ids) if stretch_ids is not None else _stretch_ids()
    # A few favourites, as real users have: weight the first picks heavily.
    favourites = rng.sample(ids, k=min(len(ids), 5))
    weights = [
        6 if stretch in favourites[:3] else 2 if stretch in favourites else 1 for stretch in ids
    ]
    records: list[BreakRecord] = []
    first = last - timedelta(days=days - 1)
    for offset in range(days):
        day = first + timedelta(days=offset)
        progress = offset / max(1, days - 1)
        is_work_day = day.weekday() < 5 or weekends
        if is_work_day and rng.random() < 0.05:
            continue  # a day off
        if is_work_day:
            prompts = max(1, per_work_day + rng.randint(-2, 2))
            base = datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZONE)
            step = (8.5 * 3600) / prompts
            # Some weeks go better than others; the trend goes up.
            keen = 0.35 + 0.3 * progress + rng.uniform(-0.12, 0.12)
            for index in range(prompts):
                started = base + timedelta(seconds=int(step * index + rng.uniform(0, step * 0.6)))
                roll = rng.random()
                if roll < keen:
                    outcome, duration = Outcome.COMPLETED, rng.choice((45, 60, 60, 75, 90))
                elif roll < keen + 0.15:
                    outcome, duration = Outcome.SNOOZED, 0
                elif roll < max(keen + 0.22, 0.95):
                    outcome, duration = Outcome.SKIPPED, 0
                else:
                    outcome, duration = Outcome.ABANDONED, rng.randint(5, 30)
                records.append(_record(rng, started, ids, weights, outcome, duration, progress))
        elif rng.random() < 0.3:
            started = datetime(day.year, day.month, day.day, 11, 30, tzinfo=ZONE)
            started += timedelta(minutes=rng.randint(0, 300))
            records.append(
                _record(rng, started, ids, weights, Outcome.COMPLETED, 60, progress, on_demand=True)
            )
    return records


def _record(
    rng: random.Random,
    started: datetime,
    ids: Sequence[str],
    weights: Sequence[int],
    outcome: Outcome,
    duration: int,
    progress: float,
    on_demand: bool = False,
) -> BreakRecord:
    checkin = None
    if outcome is Outcome.COMPLETED and rng.random() < 0.35:
        checkin = max(0, min(10, round(4 + 3 * progress + rng.gauss(0, 1.1))))
    return BreakRecord.at(
        started,
        rng.choices(ids, weights)[0],
        outcome,
        duration,
        Trigger.ON_DEMAND if on_demand else Trigger.SCHEDULED,
        checkin,
    )


def build_history_file(path: Path, records: Sequence[BreakRecord]) -> None:
    """Write `records` into a new history database at `path`."""
    from posture_break.core.history import BreakHistory

    history = BreakHistory(sqlite3.connect(path))
    try:
        history.record_many(records)
    finally:
        history.close()


def bare_window() -> QWidget:
    """Return a plain window of 30 labels: the baseline a Qt window costs on this machine."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    window = QWidget()
    layout = QVBoxLayout(window)
    for index in range(30):
        layout.addWidget(QLabel(f"label {index}"))
    return window


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=180_000, help="about this many breaks")
    parser.add_argument("--years", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget-ms", type=float, default=200.0)
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from posture_break.core.clock import FakeClock
    from posture_break.core.history import BreakHistory
    from posture_break.core.settings import Settings
    from posture_break.ui.review import ReviewWindow

    days = int(args.years * 365.25)
    today = date(2026, 11, 25)
    per_day = max(1, round(args.records / (days * 0.95)))
    records = realistic_records(today, days, per_work_day=per_day, weekends=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "history.sqlite3"
        started = time.perf_counter()
        build_history_file(db_path, records)
        print(
            f"history: {len(records):,} breaks over {days:,} days "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        clock = FakeClock(datetime(2026, 11, 25, 15, 0, tzinfo=ZONE))
        timings: list[float] = []
        cpu: list[float] = []
        bare: list[float] = []
        for _ in range(args.runs):
            # A bare window of plain labels, in the same run: how fast this machine is right now.
            begin = time.perf_counter()
            plain = bare_window()
            plain.show()
            plain.repaint()
            app.processEvents()
            bare.append((time.perf_counter() - begin) * 1000)
            plain.close()
            plain.deleteLater()
            # A fresh connection each run, as the app opens the window on a running history.
            history = BreakHistory(sqlite3.connect(db_path))
            begin, begin_cpu = time.perf_counter(), time.process_time()
            window = ReviewWindow(history, Settings(), clock)
            window.show()
            window.repaint()  # the first paint, synchronously: every figure drawn once
            app.processEvents()
            timings.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.process_time() - begin_cpu) * 1000)
            window.close()
            window.deleteLater()
            app.processEvents()
            history.close()
    median = statistics.median(timings)
    shown = ", ".join(f"{t:.0f}" for t in timings)
    print(f"review open (construct + show + first paint): median {median:.0f} ms [{shown}]")
    print(f"  CPU time of the same: median {statistics.median(cpu):.0f} ms")
    print(f"  first open, which also reads the stretch catalogue: {timings[0]:.0f} ms")
    print(f"bare window of 30 labels, same run: median {statistics.median(bare):.0f} ms")
    print(f"budget {args.budget_ms:.0f} ms: {'ok' if median <= args.budget_ms else 'OVER'}")
    return 0 if median <= args.budget_ms else 1


if __name__ == "__main__":
    sys.exit(main())
