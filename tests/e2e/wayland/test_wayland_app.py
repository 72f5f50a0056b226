"""posture-break itself on sway + waybar + mako: it docks (also when the panel comes later), the
panel's menu reaches it, idle comes from the compositor, and a due break is a notification."""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.wayland.session import WaylandSession, stop_group
from tests.e2e.wayland.test_wayland_notification import notifications, typing_window
from tests.harness.waiting import now, pause, wait_for

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
APP_ID = "org.posturebreak.PostureBreak"
LIBFAKETIME = next(iter(sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))), None)
ALL_DAY_SETTINGS = """\
[schedule]
interval_minutes = 45
work_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
work_start = "00:00"
work_end = "23:59"
"""


def app_item_pid(wayland: WaylandSession) -> int | None:
    """Return the pid behind posture-break's tray item, once it has registered."""
    for entry in wayland.registered_items():
        pid = entry["pid"]
        if pid and "posture-break" in Path(f"/proc/{pid}/cmdline").read_text():
            return int(pid)
    return None


@pytest.fixture
def panel(wayland: WaylandSession) -> WaylandSession:
    wayland.stop_waybar()
    wayland.start_waybar()
    return wayland


def test_app_docks_and_stretch_now_from_the_panel_menu_opens_the_stretch_window(
    panel: WaylandSession,
) -> None:
    wayland = panel
    app = wayland.start_app()
    try:
        pid = wait_for(lambda: app_item_pid(wayland), 20, 0.1, "posture-break in the tray")
        menu = wayland.agent("sni_menu", str(pid))
        labels = menu.next(10)["labels"]
        assert "_Stretch now" in labels  # dbusmenu writes the mnemonic with "_"
        clicked = wayland.agent("sni_menu", str(pid), "Stretch now")
        assert "clicked" in clicked.next(10)
        window = wait_for(
            lambda: next((w for w in wayland.windows() if w.get("app_id") == APP_ID), None),
            15,
            0.1,
            "the stretch window",
        )
        assert window["focused"]  # asked for from the menu: it may take the keyboard
        pause(0.5)
        wayland.screenshot(SCREENSHOTS / "wayland-stretch-now-sway.png")
    finally:
        wayland.run_app("quit")
        app.wait(10)
        wayland.stop_waybar()


def test_app_docks_within_seconds_when_the_panel_starts_6_s_after_it(
    wayland: WaylandSession,
) -> None:
    """The login race: the app docks when the panel's watcher appears, not at a 30 s look."""
    wayland.stop_waybar()
    app = wayland.start_app()
    try:
        pause(6.0)  # the autostart race, in real time
        status = wait_for(
            lambda: next((w for w in wayland.windows() if w.get("app_id") == APP_ID), None),
            15,
            0.1,
            "the no-tray status window",
        )
        # A fixed-size dialog: sway floats it instead of tiling it across the screen.
        assert status["type"] == "floating_con"
        assert status["rect"]["width"] <= 480
        pause(0.5)
        wayland.screenshot(SCREENSHOTS / "wayland-status-window-sway.png")
        panel_started = now()
        wayland.start_waybar()
        wait_for(lambda: app_item_pid(wayland), 15, 0.1, "posture-break to dock")
        docked_after = now() - panel_started
        assert docked_after <= 5.0, f"docked {docked_after:.1f} s after the panel"
        wait_for(
            lambda: all(w.get("app_id") != APP_ID for w in wayland.windows()),
            5,
            0.1,
            "the status window to go once docked",
        )
    finally:
        wayland.run_app("quit")
        app.wait(10)
        wayland.stop_waybar()
    assert app.returncode == 0, app.stderr.read() if app.stderr else ""  # no crash on quit


def tray_tooltip(wayland: WaylandSession, pid: int) -> str:
    """Return the app's tray tooltip, read as the panel reads it (which wakes the app)."""
    item = next(e["item"] for e in wayland.registered_items() if e["pid"] == pid)
    service, path = item.split("/", 1)
    out = wayland.run(
        [
            "dbus-send", "--session", "--print-reply", f"--dest={service}", f"/{path}",
            "org.freedesktop.DBus.Properties.Get",
            "string:org.kde.StatusNotifierItem", "string:ToolTip",
        ]
    )  # fmt: skip
    return out


def next_at_minutes(tooltip: str) -> int | None:
    """Return the minute of the day of "Next stretch at HH:MM" in a tooltip, if it says one."""
    match = re.search(r"Next stretch at (\d\d):(\d\d)", tooltip)
    return None if match is None else int(match.group(1)) * 60 + int(match.group(2))


def app_notifications(wayland: WaylandSession) -> list[dict[str, Any]]:
    return [n for n in notifications(wayland) if n.get("app-name") == "posture-break"]


def offered(wayland: WaylandSession) -> dict[str, Any]:
    return wait_for(lambda: app_notifications(wayland), 40, 0.2, "the break as a notification")[0]


def back_at_the_keyboard(wayland: WaylandSession, pid: int, stamp: Path, offset_min: int) -> None:
    """Touch the pointer, then move every clock of the app on to `offset_min` minutes.

    The input first, so the time jumped counts as time at the keyboard, not away; reading the
    tooltip then wakes the app's event loop, so it looks at its clocks now.
    """
    wayland.run(["swaymsg", "seat", "seat0", "cursor", "move", "1", "1"])
    pause(0.3)  # the compositor's "resumed" reaches the app
    stamp.write_text(f"+{offset_min}m\n")
    tray_tooltip(wayland, pid)


def answer(wayland: WaylandSession, shown: dict[str, Any], action: str) -> None:
    wayland.run(["makoctl", "invoke", "-n", str(shown["id"]), action])
    wait_for(lambda: not app_notifications(wayland), 10, 0.1, "the answered notification to go")


@pytest.mark.skipif(
    LIBFAKETIME is None, reason="libfaketime not installed: apt-get install faketime"
)
def test_idle_from_the_compositor_and_due_breaks_as_notifications_answered_like_the_panel(
    panel: WaylandSession,
) -> None:
    wayland = panel
    assert LIBFAKETIME is not None
    # libfaketime moves every clock of the app (wall, monotonic, boot) on at once: to the app that
    # is time awake, as in tests/e2e/test_desktop.py. sway itself keeps real time.
    stamp = wayland.runtime_dir / "faketime"
    stamp.write_text("+0\n")
    stamp.chmod(0o644)
    faketime = {
        "LD_PRELOAD": LIBFAKETIME,
        "FAKETIME_TIMESTAMP_FILE": str(stamp),
        "FAKETIME_NO_CACHE": "1",
    }
    # No call detection: it asks PulseAudio, whose client threads crash under libfaketime (as
    # the stretch window's do, below); calls have their own tests (tests/e2e/test_call_pulse.py).
    settings = ALL_DAY_SETTINGS + "[calls]\nmicrophone = false\ncamera = false\n"
    app = wayland.start_app(settings=settings, env=faketime)
    window = None
    try:
        pid = wait_for(lambda: app_item_pid(wayland), 30, 0.1, "posture-break in the tray")
        window, node = typing_window(wayland)
        first = wait_for(lambda: next_at_minutes(tray_tooltip(wayland, pid)), 10, 0.2, "tooltip")

        # 1. Away: 46 minutes without input. The compositor said "idle" 3 s after the last input
        # (org_kde_kwin_idle on sway 1.7), so the app counts the time away as a natural break:
        # nothing is offered and the interval starts again. Without idle it would be due now.
        pause(4.0)
        stamp.write_text("+46m\n")
        again = wait_for(
            lambda: (m := next_at_minutes(tray_tooltip(wayland, pid))) != first and m,
            15,
            0.5,
            "the interval to restart after time away",
        )
        assert 44 <= (again - first) % (24 * 60) <= 48
        assert app_notifications(wayland) == []
        # Back a minute later: the app's next look sees the input; the interval runs from there.
        back_at_the_keyboard(wayland, pid, stamp, 47)

        # 2. Back at the keyboard: due at once, offered after a pause in typing, as a notification;
        # the keyboard stays in the user's window and the app opens no window.
        back_at_the_keyboard(wayland, pid, stamp, 47 + 46)
        shown = offered(wayland)
        assert shown["summary"] == "Time for a posture snack"
        assert shown["actions"] == {"start": "Start", "snooze": "Snooze (10 min)", "skip": "Skip"}
        focused = wayland.focused_window()
        assert focused is not None
        assert focused["id"] == node["id"]
        assert [w["app_id"] for w in wayland.windows()] == ["typing-target"]
        pause(0.5)
        wayland.screenshot(SCREENSHOTS / "wayland-notification-prompt.png")
        answer(wayland, shown, "snooze")

        # 3. Snoozed: back within its 10 minutes. Skip this one.
        back_at_the_keyboard(wayland, pid, stamp, 93 + 11)
        answer(wayland, offered(wayland), "skip")

        # 4. Skipped: the interval starts again. Dismiss this one unanswered: ignored.
        back_at_the_keyboard(wayland, pid, stamp, 104 + 46)
        shown = offered(wayland)
        wayland.run(["makoctl", "dismiss", "-n", str(shown["id"])])
        wait_for(lambda: not app_notifications(wayland), 10, 0.1, "the dismissed notification")
        # Start is in test_start_in_the_notification_opens_the_stretch_window (real time):
        # under libfaketime the stretch window's threads abort (a glibc robust-mutex assertion).
    finally:
        died = app.poll()
        if died is not None:  # say why, rather than only that `quit` found nobody
            pytest.fail(
                f"the app ended ({died}) mid-test: {app.stderr.read() if app.stderr else ''}"
            )
        wayland.run_app("quit")
        # Under libfaketime the exit can hang in a thread's timed wait; every answer was saved
        # when it came, so end it if it has not gone by then.
        with contextlib.suppress(subprocess.TimeoutExpired):
            app.wait(10)
        stop_group(app)
        if window is not None:
            window.stop()
    # The same records as the panel's buttons give (tests/ui/test_app_prompt.py): snoozed, skipped,
    # and unanswered counts as skipped; all scheduled. The time away recorded nothing.
    rows = list(csv.DictReader(io.StringIO(wayland.run_app("export", "-"))))
    assert [(r["outcome"], r["trigger"]) for r in rows] == [
        ("snoozed", "scheduled"),
        ("skipped", "scheduled"),
        ("skipped", "scheduled"),
    ]


@pytest.mark.slow
@pytest.mark.timeout(600)  # a real 5-minute interval (up to 7 allowed) plus the desktop's start
def test_start_in_the_notification_opens_the_stretch_window(panel: WaylandSession) -> None:
    """Start, in real time (no libfaketime): the shortest interval, 5 minutes, really passes."""
    wayland = panel
    settings = ALL_DAY_SETTINGS.replace("interval_minutes = 45", "interval_minutes = 5")
    app = wayland.start_app(settings=settings)
    window = None
    try:
        wait_for(lambda: app_item_pid(wayland), 30, 0.1, "posture-break in the tray")
        window, node = typing_window(wayland)
        started = now()
        shown: list[dict[str, Any]] = []
        while not shown and now() - started < 7 * 60:
            # At the keyboard now and then, so the 5 minutes are not taken for a natural break.
            wayland.run(["swaymsg", "seat", "seat0", "cursor", "move", "1", "1"])
            pause(30.0)
            shown = app_notifications(wayland)
        assert shown, "no break offered within 7 minutes of a 5-minute interval"
        focused = wayland.focused_window()
        assert focused is not None
        assert focused["id"] == node["id"]
        answer(wayland, shown[0], "start")
        wait_for(
            lambda: any(w.get("app_id") == APP_ID for w in wayland.windows()),
            15,
            0.1,
            "the stretch window",
        )
    finally:
        wayland.run_app("quit")
        app.wait(10)
        if window is not None:
            window.stop()
    # A clean exit: closing the Wayland connection used to crash it here (exit 139).
    assert app.returncode == 0, app.stderr.read() if app.stderr else ""
    # Quit during the stretch: recorded as the panel's Start would be, a scheduled stretch that
    # was not finished.
    rows = list(csv.DictReader(io.StringIO(wayland.run_app("export", "-"))))
    assert [(r["outcome"], r["trigger"]) for r in rows] == [("abandoned", "scheduled")]
