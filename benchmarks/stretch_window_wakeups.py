"""What an open stretch window costs: wake-ups per minute against a bare QWidget, and accuracy.

    uv run python benchmarks/stretch_window_wakeups.py            # 3 runs x 55 s each, Xvfb
    uv run python benchmarks/stretch_window_wakeups.py --quick    # 2 runs x 10 s
    uv run python benchmarks/stretch_window_wakeups.py --platform offscreen

In the same run, each in its own process and interleaved (bare, window, bare, window, ...):
(a) the real `StretchWindow` as shipped, counting down a per-side stretch on the real clock
    that lasts the whole measurement (so half time, the switch of sides and the first drawing
    of every pose are counted);
(b) a bare QWidget of the same size whose free-running 1 s QTimer repaints it;
(c) the window with the figure moving every second with the countdown
    (`FigureMotion.COUNTDOWN`), and
(d) with `--smooth`, its own frames, ten steps per half breath (`FigureMotion.SMOOTH`).
With the default 55 s the window's stretch lasts a minute, as the default setting does.
Each process is measured for N seconds once its event loop runs: voluntary context switches
(the times it went to sleep and was woken) from `/proc/<pid>/task/*/status`, all threads summed,
and the main thread alone (`/proc/<pid>/status`). Medians per minute and the ratio are printed.
As shipped (`FigureMotion.BREATH`), the figure takes the end pose on the in-breath and the
start pose on the out-breath, on the countdown's own wake-ups, so it needs no timer of its own;
each pose is drawn once and then copied from a cache. What remains above the bare widget is
mostly that first drawing of each pose: `FigureView` composites in a layer, and Qt runs those
composition passes on its paint thread pool, which wakes its threads every time.

Accuracy: five 3-second stretches on the real clock; how far after its nominal length each one
reported `finished` (target: within 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# Run as a script (`uv run python benchmarks/...`): put the checkout on sys.path, so the desktop
# harness imports as `tests.harness` here just as it does in the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import median
from tests.harness.desktop import DesktopSession, missing_tools
from tests.harness.process import switches_between, thread_switches

SIZE = (420, 580)


# --- the measured processes -------------------------------------------------------------------


def _child(kind: str, motion: str, length_s: float) -> int:
    """Run one measured GUI process until terminated; print "ready" once its loop runs."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([sys.argv[0]])
    keep: list[Any] = []
    if kind == "bare":
        widget = QWidget()
        widget.resize(*SIZE)
        widget.setWindowTitle("bare")
        tick = QTimer(widget)
        tick.setInterval(1000)
        tick.timeout.connect(widget.update)
        tick.start()
        widget.show()
        keep.append(widget)
    elif kind == "window":
        keep.append(_open_window(motion, length_s=length_s))
    else:
        raise SystemExit(f"unknown child {kind!r}")
    QTimer.singleShot(0, lambda: print("ready", flush=True))
    return app.exec()


def _open_window(motion: str, length_s: float, *, show: bool = True) -> Any:
    from posture_break.core.catalogue import load_catalogue
    from posture_break.core.clock import SystemClock
    from posture_break.core.history import BreakHistory
    from posture_break.core.record import Trigger
    from posture_break.core.settings import Settings
    from posture_break.ui.figure_motion import FigureMotion
    from posture_break.ui.stretch_window import StretchWindow

    stretch = next(s for s in load_catalogue() if s.per_side)
    window = StretchWindow(
        stretch,
        clock=SystemClock(),
        settings=Settings(),
        history=BreakHistory(sqlite3.connect(":memory:")),
        trigger=Trigger.ON_DEMAND,
        picker=None,
        chime=None,
        figure_motion=FigureMotion(motion),
        length_s=length_s,
    )
    if show:
        window.show_stretch()
    return window


def _accuracy_child(count: int, length_s: float) -> int:
    """Run `count` stretches of `length_s` on the real clock; print each lateness in ms."""
    from PySide6.QtWidgets import QApplication

    from posture_break.core.clock import SystemClock

    app = QApplication([sys.argv[0]])
    clock = SystemClock()
    late_ms: list[float] = []

    def run_next() -> None:
        if len(late_ms) == count:
            print(json.dumps(late_ms), flush=True)
            app.quit()
            return
        window = _open_window("breath", length_s, show=False)
        # Measured from before the window shows and starts: showing it counts as lateness.
        started = clock.monotonic()
        window.show_stretch()

        def on_finished() -> None:
            late_ms.append((clock.monotonic() - started - length_s) * 1000)
            window.close()
            window.deleteLater()
            run_next()

        window.finished.connect(on_finished)

    run_next()
    return app.exec()


# --- the measuring parent ---------------------------------------------------------------------


def _measure(command: list[str], env: Mapping[str, str], seconds: float) -> tuple[int, int]:
    """Start `command`, wait for "ready" and a settle second, count wake-ups over `seconds`."""
    proc = subprocess.Popen(
        command, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError(f"{command} did not start")
        time.sleep(1.0)  # let the first paint and window-manager chatter pass
        before_all, before_main = thread_switches(proc.pid), _main_switches(proc.pid)
        time.sleep(seconds)
        after_all, after_main = thread_switches(proc.pid), _main_switches(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    return switches_between(before_all, after_all), after_main - before_main


def _main_switches(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            return int(line.split()[1])
    raise RuntimeError(f"no voluntary_ctxt_switches for {pid}")


def main() -> int:
    """Measure and print the table (or JSON rows for run_all.py)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=55.0)
    parser.add_argument("--quick", action="store_true", help="2 runs of 10 s")
    parser.add_argument("--platform", choices=("xcb", "offscreen"), default=None)
    parser.add_argument("--json", action="store_true", help="print rows for run_all.py")
    parser.add_argument(
        "--smooth", action="store_true", help="also measure the figure in smooth frames"
    )
    parser.add_argument("--child", choices=("bare", "window", "accuracy"), help=argparse.SUPPRESS)
    parser.add_argument("--motion", default="breath", help=argparse.SUPPRESS)
    parser.add_argument("--length", type=float, default=60.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "accuracy":
        return _accuracy_child(5, 3.0)
    if args.child:
        return _child(args.child, args.motion, args.length)
    if args.quick:
        args.runs, args.seconds = 2, 10.0

    platform = args.platform or ("offscreen" if missing_tools(("Xvfb",)) else "xcb")
    desktop = DesktopSession(tray=False) if platform == "xcb" else None
    env = dict(os.environ)
    if desktop is not None:
        desktop.start()
        env = desktop.env
    env["QT_QPA_PLATFORM"] = platform
    # The stretch lasts the whole measurement (plus the settle second and a margin), so its
    # half-time switch and the first drawing of both sides' poses are inside what is counted.
    me = [sys.executable, str(Path(__file__).resolve())]
    length = ["--length", str(args.seconds + 5)]
    variants = {
        "bare": [*me, "--child", "bare"],
        "window": [*me, "--child", "window", *length],
        "window-countdown": [*me, "--child", "window", "--motion", "countdown", *length],
    }
    if args.smooth:
        variants["window-smooth"] = [*me, "--child", "window", "--motion", "smooth", *length]
    per_minute: dict[str, list[float]] = {name: [] for name in variants}
    main_per_minute: dict[str, list[float]] = {name: [] for name in variants}
    try:
        for _ in range(args.runs):
            for name, command in variants.items():
                total, main_thread = _measure(command, env, args.seconds)
                per_minute[name].append(total * 60 / args.seconds)
                main_per_minute[name].append(main_thread * 60 / args.seconds)
        accuracy = subprocess.run(
            [*me, "--child", "accuracy"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        late = json.loads(accuracy.stdout.strip().splitlines()[-1])
    finally:
        if desktop is not None:
            desktop.stop()

    bare = median(per_minute["bare"])
    worst = max(abs(v) for v in late)
    labels = {
        "window": "as shipped: figure moves when the breath turns",
        "window-countdown": "figure moves every second",
    }
    if args.smooth:
        labels["window-smooth"] = "figure in 10 steps per half breath"
    rows: list[dict[str, Any]] = [
        {
            "measure": f"stretch window wake-ups per minute ({label})",
            "unit": "/min",
            "app": round(median(per_minute[name])),
            "bare": round(bare),
            "target": "<= bare QWidget with a 1 s timer" if name == "window" else "comparison",
            "passed": median(per_minute[name]) <= bare if name == "window" else None,
        }
        for name, label in labels.items()
    ]
    rows.append(
        {
            "measure": "countdown end, worst lateness of 5 x 3 s on the real clock",
            "unit": "ms",
            "app": round(worst, 1),
            "bare": None,
            "target": "<= 50 ms",
            "passed": worst <= 50,
        }
    )
    if args.json:
        print(json.dumps(rows))
        return 0
    print(f"platform {platform}, {args.runs} runs x {args.seconds:g} s each, interleaved")
    print("voluntary context switches per minute (all threads | main thread), each run:")
    for name in variants:
        runs = ", ".join(f"{v:.0f}" for v in per_minute[name])
        mains = ", ".join(f"{v:.0f}" for v in main_per_minute[name])
        print(
            f"  {name:17} median {median(per_minute[name]):6.0f} | "
            f"{median(main_per_minute[name]):6.0f}   runs: {runs} | {mains}"
        )
    for name, label in labels.items():
        print(f"ratio {name} / bare: {median(per_minute[name]) / bare:.2f} ({label})")
    print(f"countdown lateness (ms): {', '.join(f'{v:.1f}' for v in late)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
