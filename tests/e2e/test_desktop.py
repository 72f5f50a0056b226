"""posture-break on a real X server, with Debian's trayer as the tray and a session D-Bus.

Each test starts the real app as a separate process (as a user would) and looks only at what a
user could see: the X window tree, mapped windows, exit codes, the process list.
"""

from __future__ import annotations

import functools
import subprocess
import time
from pathlib import Path

import pytest

from tests.harness.app import RunningApp, app_command, home_env, make_home, new_window
from tests.harness.desktop import DesktopSession
from tests.harness.faketime import (
    ALL_DAY_SETTINGS,
    LIBFAKETIME,
    MISSING,
    faketime_env,
    write_settings,
)
from tests.harness.process import spawn, stop_process
from tests.harness.waiting import now, wait_for
from tests.harness.xwindows import (
    MapWatcher,
    docked_icons,
    mapped_windows_of,
    screenshot,
    visible_windows_of,
    window_name,
    window_pid,
)

REPO = Path(__file__).resolve().parents[2]
PROMPT_SHOT = REPO / "docs" / "screenshots" / "prompt-xvfb.png"
STRETCH_SHOT = REPO / "docs" / "screenshots" / "stretch-xvfb.png"
PROMPT_TITLE = "posture-break: time for a stretch"
STRETCH_TITLE = "Stretch break"


def test_tray_icon_docks_in_trayer(docked_app: RunningApp) -> None:
    icons = [i for i in docked_icons(docked_app.env) if window_pid(docked_app.env, i.wid)]
    mine = [i for i in icons if window_pid(docked_app.env, i.wid) == docked_app.pid]
    assert len(mine) == 1, f"expected one docked icon of pid {docked_app.pid}, got {icons}"
    icon = mine[0]
    # A real icon: inside trayer's 24 px panel, with a visible size.
    assert 16 <= icon.width <= 24
    assert 16 <= icon.height <= 24


def test_menu_stretch_now_opens_the_stretch_window(docked_app: RunningApp) -> None:
    env = docked_app.env
    icon = docked_app.wait_docked()
    before = set(visible_windows_of(env, docked_app.pid))
    x, y = icon.center
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "3"], env=env, check=True)
    menu = _new_window_untitled(docked_app, before)
    # The keyboard picks the first entry, "Stretch now" (the menu works without a mouse).
    subprocess.run(["xdotool", "key", "Down", "Return"], env=env, check=True)
    wait_for(
        lambda: menu not in mapped_windows_of(env, docked_app.pid), 5, 0.02, "the menu to close"
    )
    window = new_window(docked_app, before)
    title = window_name(env, window)
    assert STRETCH_TITLE in title, title


def _new_window_untitled(app: RunningApp, before: set[int]) -> int:
    return wait_for(
        lambda: next((w for w in mapped_windows_of(app.env, app.pid) if w not in before), None),
        10,
        0.02,
        "the tray menu to open",
    )


def test_second_launch_hands_stretch_to_the_running_instance(docked_app: RunningApp) -> None:
    before = set(visible_windows_of(docked_app.env, docked_app.pid))
    started = now()
    result = docked_app.cli("stretch")
    took = now() - started
    assert result.returncode == 0, result.stderr
    assert took < 2.0, f"the second launch took {took:.2f} s"
    # The window belongs to the instance that was already running, not to the second launch.
    window = new_window(docked_app, before)
    assert window_pid(docked_app.env, window) == docked_app.pid
    title = window_name(docked_app.env, window)
    assert STRETCH_TITLE in title, title
    assert docked_app.proc is not None
    assert docked_app.proc.poll() is None


def test_screenshot_of_the_stretch_window(docked_app: RunningApp, tmp_path: Path) -> None:
    before = set(visible_windows_of(docked_app.env, docked_app.pid))
    assert docked_app.cli("stretch").returncode == 0
    window = new_window(docked_app, before)
    wait_for(lambda: _has_size(docked_app, window), 5, 0.02, "the window to get a size")
    screenshot(docked_app.env, tmp_path / "stretch-xvfb.png", STRETCH_SHOT)


@pytest.mark.skipif(LIBFAKETIME is None, reason=MISSING)
def test_break_prompt_comes_when_due_without_focus(desktop: DesktopSession, tmp_path: Path) -> None:
    # libfaketime moves every clock of the app (wall, monotonic, boot) 46 minutes on at once:
    # to the app that is 46 minutes of awake time, so the 45-minute interval has run out.
    home = make_home(tmp_path)
    stamp = home / "faketime"
    app = RunningApp(desktop, home, faketime_env(stamp))
    write_settings(home, ALL_DAY_SETTINGS)
    watcher = MapWatcher(desktop.env)
    try:
        app.start()
        # Jump only once start-up is over: a jump in the middle of it is a different case.
        icon = app.wait_ready()
        jumped = now()
        stamp.write_text("+46m\n")
        # The app looks at the clocks at its next heartbeat (<= 60 s); moving the pointer over
        # the icon wakes its event loop now, so the test need not wait for the heartbeat.
        x, y = icon.center
        # It moves on at once, so no tooltip opens over the picture.
        pointer = [
            "xdotool",
            "mousemove",
            str(x),
            str(y),
            "sleep",
            "0.05",
            "mousemove",
            "640",
            "700",
        ]
        subprocess.run(pointer, env=app.env, check=True)
        _, prompt = watcher.wait_map(jumped, functools.partial(_is_prompt, app), timeout=70)
        focus = subprocess.run(
            ["xdotool", "getwindowfocus"], env=app.env, capture_output=True, text=True, check=False
        ).stdout.strip()
        assert focus != str(prompt), "the prompt took the keyboard focus"
        # One prompt, not a burst: a second one would have shown within this second.
        time.sleep(1)
        maps = [w for _, w in watcher.maps_since(jumped) if _is_prompt(app, w)]
        assert maps == [prompt]
        screenshot(app.env, tmp_path / "prompt-xvfb.png", PROMPT_SHOT)
    finally:
        watcher.close()
        app.stop()


def _is_prompt(app: RunningApp, wid: int) -> bool:
    return window_pid(app.env, wid) == app.pid and PROMPT_TITLE in window_name(app.env, wid)


def _has_size(app: RunningApp, window: int) -> bool:
    out = subprocess.run(
        ["xdotool", "getwindowgeometry", str(window)],
        env=app.env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return "Geometry:" in out and "Geometry: 1x1" not in out


def test_five_launches_at_once_leave_one_instance(desktop: DesktopSession, tmp_path: Path) -> None:
    home = make_home(tmp_path)
    env = home_env(home, desktop.env)
    procs = [spawn(app_command(), env, home / f"launch-{n}.log") for n in range(5)]
    try:
        # The four extra launches hand over (activate) and end; exactly one stays.
        wait_for(lambda: sum(p.poll() is None for p in procs) <= 1, 20, 0.05, "four to exit")
        alive = [p for p in procs if p.poll() is None]
        assert len(alive) == 1, _logs(home)
        codes = [p.returncode for p in procs if p not in alive]
        assert codes == [0, 0, 0, 0], _logs(home)
        icons = wait_for(
            lambda: [i for i in docked_icons(env) if window_pid(env, i.wid) == alive[0].pid],
            20,
            0.05,
            "the survivor's icon",
        )
        assert len(icons) == 1
        others = {p.pid for p in procs if p is not alive[0]}
        assert not {window_pid(env, i.wid) for i in docked_icons(env)} & others
    finally:
        for proc in procs:
            stop_process(proc)


def _logs(home: Path) -> str:
    return "\n".join(f"{p.name}: {p.read_text(errors='replace')}" for p in home.glob("*.log"))


def test_quit_ends_the_instance_cleanly(docked_app: RunningApp) -> None:
    result = docked_app.cli("quit")
    assert result.returncode == 0, result.stderr
    assert docked_app.proc is not None
    assert docked_app.proc.wait(5) == 0, docked_app.output()
    assert all(
        window_pid(docked_app.env, i.wid) != docked_app.pid for i in docked_icons(docked_app.env)
    )
