"""Idle, do-not-disturb and sleep backends: each answers, or says "unknown", and never raises.

The desktop is never the user's: commands are faked, and the X11 and D-Bus checks run against a
private Xvfb and a private dbus-daemon started here (skipped when those are not installed).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.platform.disturb import (
    LinuxDisturbSource,
    NoDisturbSource,
    Runner,
    WindowsDisturbSource,
    detect_disturb_source,
    gnome_do_not_disturb,
    run_command,
    x11_active_window_fullscreen,
)
from posture_break.platform.idle import (
    DBusIdleSource,
    MacIdleSource,
    NoIdleSource,
    WindowsIdleSource,
    X11IdleSource,
    idle_candidates,
)
from posture_break.platform.sleep import SleepWatcher


def fake_runner(outputs: dict[tuple[str, ...], str | None]) -> Runner:
    def run(argv: Sequence[str]) -> str | None:
        return outputs.get(tuple(argv))

    return run


ROOT = ("xprop", "-root", "_NET_ACTIVE_WINDOW")
GNOME = ("gsettings", "get", "org.gnome.desktop.notifications", "show-banners")


def test_no_sources_answer_unknown() -> None:
    assert NoIdleSource().idle_seconds() is None
    assert NoDisturbSource().is_do_not_disturb() is None
    assert NoDisturbSource().is_fullscreen_active() is None


@pytest.mark.skipif(os.name == "nt", reason="checks the non-Windows answer")
def test_other_platforms_backends_answer_unknown_here() -> None:
    assert WindowsIdleSource().idle_seconds() is None
    assert WindowsDisturbSource().is_do_not_disturb() is None
    assert WindowsDisturbSource().is_fullscreen_active() is None
    assert MacIdleSource().idle_seconds() is None


def test_x11_without_a_server_is_unknown() -> None:
    assert X11IdleSource(":9999").idle_seconds() is None


def test_wayland_asks_dbus_before_x11() -> None:
    wayland = idle_candidates("linux", {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"})
    assert [type(c).__name__ for c in wayland] == [
        "DBusIdleSource",
        "DBusIdleSource",
        "X11IdleSource",
    ]
    x11 = idle_candidates("linux", {"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"})
    assert type(x11[0]).__name__ == "X11IdleSource"
    assert [type(c).__name__ for c in idle_candidates("win32", {})] == ["WindowsIdleSource"]
    assert [type(c).__name__ for c in idle_candidates("darwin", {})] == ["MacIdleSource"]


def test_dbus_idle_without_the_service_is_unknown(private_bus: str) -> None:
    QDBusConnection.connectToBus(private_bus, "posture-break-test-idle")
    try:
        source = DBusIdleSource(
            "org.gnome.Mutter.IdleMonitor",
            "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor",
            "GetIdletime",
            unit_seconds=0.001,
            bus_name="posture-break-test-idle",
        )
        assert source.idle_seconds() is None
    finally:
        QDBusConnection.disconnectFromBus("posture-break-test-idle")


def test_dbus_idle_on_a_dead_bus_is_unknown() -> None:
    QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "posture-break-test-dead-idle")
    try:
        source = DBusIdleSource(
            "a.b", "/", "a.b", "C", unit_seconds=1, bus_name="posture-break-test-dead-idle"
        )
        assert source.idle_seconds() is None
    finally:
        QDBusConnection.disconnectFromBus("posture-break-test-dead-idle")


@pytest.mark.parametrize(
    ("output", "expected"), [("false\n", True), ("true\n", False), ("'x'\n", None), (None, None)]
)
def test_gnome_do_not_disturb_is_banners_off(output: str | None, expected: bool | None) -> None:
    assert gnome_do_not_disturb(fake_runner({GNOME: output})) is expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("_NET_WM_STATE(ATOM) = _NET_WM_STATE_FULLSCREEN, _NET_WM_STATE_FOCUSED\n", True),
        ("_NET_WM_STATE(ATOM) = _NET_WM_STATE_MAXIMIZED_VERT\n", False),
        ("_NET_WM_STATE:  not found.\n", False),
        (None, None),
    ],
)
def test_fullscreen_reads_the_active_window_state(state: str | None, expected: bool | None) -> None:
    run = fake_runner(
        {
            ROOT: "_NET_ACTIVE_WINDOW(WINDOW): window id # 0x3a00007\n",
            ("xprop", "-id", "0x3a00007", "_NET_WM_STATE"): state,
        }
    )
    assert x11_active_window_fullscreen(run) is expected


def test_fullscreen_without_window_manager_or_active_window() -> None:
    no_wm = fake_runner({ROOT: "_NET_ACTIVE_WINDOW:  not found.\n"})
    assert x11_active_window_fullscreen(no_wm) is None
    desktop = fake_runner({ROOT: "_NET_ACTIVE_WINDOW(WINDOW): window id # 0x0\n"})
    assert x11_active_window_fullscreen(desktop) is False
    assert x11_active_window_fullscreen(fake_runner({})) is None


def test_linux_source_without_x11_has_no_fullscreen_answer() -> None:
    source = LinuxDisturbSource(
        run=fake_runner({GNOME: "false\n"}),
        inhibited=lambda: None,
        has_x11=False,
    )
    assert source.is_fullscreen_active() is None
    assert source.is_do_not_disturb() is True


@pytest.mark.parametrize(
    ("banners", "inhibited", "expected"),
    [
        ("true\n", True, True),  # KDE inhibited, GNOME schema default says banners on
        ("true\n", None, False),
        (None, False, False),
        (None, None, None),
    ],
)
def test_either_do_not_disturb_answer_holds(
    banners: str | None, inhibited: bool | None, expected: bool | None
) -> None:
    source = LinuxDisturbSource(
        run=fake_runner({GNOME: banners}),
        inhibited=lambda: inhibited,
    )
    assert source.is_do_not_disturb() is expected


def test_macos_do_not_disturb_is_unknown() -> None:
    assert isinstance(detect_disturb_source("darwin", {}), NoDisturbSource)


def test_fullscreen_is_not_read_through_xwayland() -> None:
    wayland = detect_disturb_source("linux", {"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"})
    assert wayland.is_fullscreen_active() is None
    assert isinstance(detect_disturb_source("linux", {"DISPLAY": ":0"}), LinuxDisturbSource)
    assert detect_disturb_source("linux", {}).is_fullscreen_active() is None


def test_run_command_reports_failure_as_none() -> None:
    assert run_command(("posture-break-no-such-program",)) is None
    if shutil.which("false"):
        assert run_command(("false",)) is None


# --- against a private X server and a private D-Bus -------------------------------------------


@pytest.fixture
def xvfb() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian package xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-screen", "0", "640x480x24"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as ready:
        number = ready.readline().strip()  # written once the server accepts connections
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _has_libxss() -> bool:
    try:
        ctypes.CDLL("libXss.so.1")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_libxss(), reason="libXss is not installed (Debian package libxss1)")
def test_x11_idle_counts_from_the_last_input(xvfb: str) -> None:
    source = X11IdleSource(xvfb)
    try:
        first = source.idle_seconds()
        assert first is not None
        if shutil.which("xdotool"):
            subprocess.run(
                ["xdotool", "mousemove", "5", "5"], env={**os.environ, "DISPLAY": xvfb}, check=True
            )
            after = source.idle_seconds()
            assert after is not None
            assert after < 1.0
    finally:
        source.close()


@pytest.fixture
def private_bus() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (Debian package dbus)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        daemon.stdout.close()


def test_sleep_watcher_says_resumed_on_prepare_for_sleep_false(
    qtbot: QtBot, private_bus: str
) -> None:
    bus = QDBusConnection.connectToBus(private_bus, "posture-break-test-sleep")
    try:
        watcher = SleepWatcher(bus=bus, service="")
        assert watcher.is_available
        with qtbot.waitSignal(watcher.resumed, timeout=5000):
            subprocess.run(
                [
                    "dbus-send",
                    f"--bus={private_bus}",
                    "--type=signal",
                    "/org/freedesktop/login1",
                    "org.freedesktop.login1.Manager.PrepareForSleep",
                    "boolean:false",
                ],
                check=True,
            )
    finally:
        QDBusConnection.disconnectFromBus("posture-break-test-sleep")


def test_sleep_watcher_on_a_dead_bus_is_not_available() -> None:
    bus = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "posture-break-test-dead")
    try:
        assert not SleepWatcher(bus=bus).is_available
    finally:
        QDBusConnection.disconnectFromBus("posture-break-test-dead")


def test_wayland_fullscreen_comes_from_the_compositor_where_x11_cannot_see() -> None:
    # The compositor's answer stands in for xprop's; without it, unknown as before.
    assert LinuxDisturbSource(has_x11=False, fullscreen=lambda: True).is_fullscreen_active()
    assert LinuxDisturbSource(has_x11=False, fullscreen=lambda: False).is_fullscreen_active() is (
        False
    )
    assert LinuxDisturbSource(has_x11=False).is_fullscreen_active() is None
    # A Wayland display that is not there: the compositor cannot say, so unknown, no error.
    gone = detect_disturb_source("linux", {"WAYLAND_DISPLAY": "posture-break-no-such-display"})
    assert gone.is_fullscreen_active() is None


def test_a_wayland_session_tries_the_compositor_idle_protocol_only_where_it_answers() -> None:
    env = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "posture-break-no-such-display"}
    clock = FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    names = [type(c).__name__ for c in idle_candidates("linux", env, clock=clock)]
    assert names == ["DBusIdleSource", "DBusIdleSource"]  # no compositor there: D-Bus next
