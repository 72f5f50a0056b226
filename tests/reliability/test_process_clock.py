"""Wall-clock jumps on the real app process, made with libfaketime.

Three instances run side by side, each in its own home, under libfaketime with a timestamp file
that is read on every clock call (`FAKETIME_NO_CACHE=1`) and a real monotonic clock
(`FAKETIME_DONT_FAKE_MONOTONIC=1`), which is what an NTP step or a user changing the time looks
like. Once all are docked, one jumps +3 h, one -1 h and one to the year 2200 at the same moment;
then the test waits one heartbeat (60 s, the longest the app goes without looking at the clocks)
plus a margin. Each must still run, answer a command, and have shown at most one prompt.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest

from tests.harness.app import RunningApp, make_home
from tests.harness.desktop import DesktopSession
from tests.harness.faketime import (
    ALL_DAY_SETTINGS,
    LIBFAKETIME,
    MISSING,
    faketime_env,
    write_settings,
)
from tests.harness.process import thread_switches
from tests.harness.waiting import now, wait_for
from tests.harness.xwindows import MapWatcher, visible_windows_of, window_name, window_pid

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(LIBFAKETIME is None, reason=MISSING),
]
PROMPT_TITLE = "posture-break: time for a stretch"
HEARTBEAT_S = 60.0
JUMPS = {"plus-3h": "+3h", "minus-1h": "-1h", "year-2200": "@2200-01-01 10:00:00"}


def _faked_app(desktop: DesktopSession, root: Path, name: str) -> tuple[RunningApp, Path]:
    home = make_home(root, name)
    stamp = home / "faketime"
    app = RunningApp(desktop, home, faketime_env(stamp, real_monotonic=True))
    write_settings(home, ALL_DAY_SETTINGS)
    return app, stamp


def _main_thread_switches(pid: int) -> int:
    return thread_switches(pid)[pid]


def _is_prompt_of(app: RunningApp, wid: int) -> bool:
    return window_pid(app.env, wid) == app.pid and window_name(app.env, wid) == PROMPT_TITLE


def test_wall_clock_jumps_leave_the_app_running_without_a_burst(
    desktop: DesktopSession, tmp_path: Path
) -> None:
    apps = {name: _faked_app(desktop, tmp_path, name) for name in JUMPS}
    watcher = MapWatcher(desktop.env)
    try:
        for app, _ in apps.values():
            app.start()
        for app, _ in apps.values():
            app.wait_ready()  # a jump during start-up would only move where the interval starts
        jumped = now()
        for name, (_, stamp) in apps.items():
            stamp.write_text(JUMPS[name] + "\n")
        woken = {name: _main_thread_switches(app.pid) for name, (app, _) in apps.items()}
        time.sleep(HEARTBEAT_S + 5)  # the app looks at the clocks once a heartbeat; wait for one
        for name, (app, _) in apps.items():
            assert app.proc is not None
            assert app.proc.poll() is None, f"{name}: the app died:\n{app.output()}"
            # Its GUI thread woke meanwhile (the heartbeat), so it has seen the new time.
            assert _main_thread_switches(app.pid) > woken[name], f"{name}: never woke up"
            prompts = [
                wid
                for stamp_, wid in watcher.maps_since(jumped)
                if _is_prompt_of(app, wid) and stamp_ >= jumped
            ]
            assert len(prompts) <= 1, f"{name}: {len(prompts)} prompts after the jump"
            result = app.cli("stretch")
            assert result.returncode == 0, f"{name}: {result.stderr}{app.output()}"
            windows = functools.partial(visible_windows_of, app.env, app.pid)
            wait_for(windows, 10, 0.05, f"{name}'s stretch window")
            assert "Traceback" not in app.output(), app.output()
    finally:
        watcher.close()
        for app, _ in apps.values():
            app.stop()
