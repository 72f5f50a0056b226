"""How long `posture-break stretch` takes to put the stretch window on screen.

Measured on a real X server (Xvfb + trayer + session D-Bus) against a running, docked instance:
from starting the `posture-break stretch` process to the X server mapping the instance's stretch
window (a MapNotify seen by `xev`, so no polling interval is added). "Cold" is the first stretch
of a fresh instance; "warm" is a later one after the first window was closed.

For context the floor of any Qt-based command is measured too: starting this interpreter and
importing QtCore and QtNetwork, which the command needs to talk to the instance.

Run: `uv run python benchmarks/stretch_latency.py` (committed figures: `--runs 5`).
"""

from __future__ import annotations

import argparse
import functools
import json
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

# Run as a script (`uv run python benchmarks/...`): put the checkout on sys.path, so the desktop
# harness imports as `tests.harness` here just as it does in the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import compile_app, median, temp_root, text_table
from posture_break.ipc import encode_request, server_name
from tests.harness.app import RunningApp, make_home
from tests.harness.desktop import DesktopSession
from tests.harness.waiting import now, wait_for
from tests.harness.xwindows import MapWatcher, visible_windows_of, window_name, window_pid

TARGET_MS = 150.0


def _is_stretch_window(app: RunningApp, wid: int) -> bool:
    return window_pid(app.env, wid) == app.pid and bool(window_name(app.env, wid))


def _one_stretch(app: RunningApp, watcher: MapWatcher) -> tuple[float, float]:
    """Return (ms to window mapped, ms for the command to exit) for one `stretch` command."""
    start = now()
    result = app.cli("stretch")
    exited = now()
    if result.returncode != 0:
        raise RuntimeError(f"posture-break stretch failed: {result.stderr}{app.output()}")
    mapped, wid = watcher.wait_map(start, functools.partial(_is_stretch_window, app))
    _close(app, wid)
    return (mapped - start) * 1000, (exited - start) * 1000


def _socket_stretch(app: RunningApp, watcher: MapWatcher) -> float:
    """Return ms from handing `stretch` straight to the instance's socket to the window mapped.

    This is the instance's share of the latency: no new process, no interpreter start-up.
    """
    runtime = Path(app.env["XDG_RUNTIME_DIR"]) / "posture-break"
    start = now()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(server_name(runtime))
        sock.sendall(encode_request("stretch", None))
        reply = sock.recv(4096)
    if b'"ok": true' not in reply and b'"ok":true' not in reply:
        raise RuntimeError(f"the instance refused: {reply!r}")
    mapped, wid = watcher.wait_map(start, functools.partial(_is_stretch_window, app))
    _close(app, wid)
    return (mapped - start) * 1000


def _close(app: RunningApp, wid: int) -> None:
    """Close the stretch window the way a user would, with Escape, and wait until it is gone."""
    subprocess.run(
        ["xdotool", "windowfocus", "--sync", str(wid), "key", "Escape"],
        env=app.env,
        check=False,
        capture_output=True,
    )
    wait_for(
        lambda: wid not in visible_windows_of(app.env, app.pid), 10, 0.02, "the window to close"
    )


def floor_ms(runs: int) -> float:
    """Return the median ms to start this Python and import json and socket (any client's floor)."""
    code = "import json, socket"
    samples = []
    for _ in range(runs):
        start = now()
        subprocess.run([sys.executable, "-c", code], check=True)
        samples.append((now() - start) * 1000)
    return median(samples)


def measure(runs: int) -> dict[str, list[float]]:
    """Return cold, warm and command-exit samples in ms."""
    samples: dict[str, list[float]] = {"cold": [], "warm": [], "socket": [], "exit": []}
    with DesktopSession() as desk, temp_root() as tmp:
        watcher = MapWatcher(desk.env)
        try:
            for index in range(runs):
                app = RunningApp(desk, make_home(Path(tmp), f"run-{index}"))
                app.start()
                try:
                    app.wait_ready()
                    cold, cold_exit = _one_stretch(app, watcher)
                    warm, warm_exit = _one_stretch(app, watcher)
                    direct = _socket_stretch(app, watcher)
                finally:
                    app.stop()
                samples["cold"].append(cold)
                samples["warm"].append(warm)
                samples["socket"].append(direct)
                samples["exit"].extend((cold_exit, warm_exit))
        finally:
            watcher.close()
    return samples


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="posture-break stretch -> window mapped")
    parser.add_argument("--runs", type=int, default=5, help="fresh instances (median taken)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    compile_app()  # the command and the instance run from bytecode, as installed
    samples = measure(args.runs)
    floor = floor_ms(args.runs)
    command = f"uv run python benchmarks/stretch_latency.py --runs {args.runs}"

    def result(
        measure: str, key: str, *, timed: bool, bare: float | None = None, target: str = ""
    ) -> dict[str, object]:
        """One row: the median of `samples[key]`, held to TARGET_MS when `timed`."""
        app = median(samples[key])
        return {
            "measure": measure,
            "unit": "ms",
            "app": app,
            "bare": bare,
            "target": f"<= {TARGET_MS:g} ms" if timed else target,
            "passed": app <= TARGET_MS if timed else None,
            "command": command,
            "samples_app": [round(v, 1) for v in samples[key]],
        }

    results = [
        result(
            "`posture-break stretch` -> window mapped (first of a fresh instance)",
            "cold",
            timed=True,
        ),
        result("`posture-break stretch` -> window mapped (later stretch)", "warm", timed=True),
        result(
            "instance's share: command on its socket -> window mapped",
            "socket",
            timed=False,
            target="(context)",
        ),
        result(
            "`posture-break stretch` process, start to exit",
            "exit",
            timed=False,
            bare=floor,
            target="(bare: `python -c 'import json, socket'`)",
        ),
    ]
    if args.json:
        print(json.dumps(results))
        return 0
    rows = [
        (
            str(r["measure"]),
            f"{r['app']:.0f} ms",
            "-" if r["bare"] is None else f"{r['bare']:.0f} ms",
            str(r["target"]),
            {True: "ok", False: "MISSED", None: ""}[r["passed"]],  # type: ignore[index]
        )
        for r in results
    ]
    print(text_table(("measure", "app", "bare", "target", ""), rows))
    for r in results:
        print(f"{r['measure']}: {r['samples_app']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
