from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from posture_break.core.clock import FakeClock, SystemClock, local_zone


def test_local_zone_follows_tz_with_dst_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    zone = local_zone()
    # A real zone, not a fixed offset: winter and summer offsets differ.
    assert datetime(2026, 1, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 7, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=2)


def test_system_clock_sees_a_zone_change_while_running(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = SystemClock()
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    in_kolkata = clock.now()
    monkeypatch.setenv("TZ", "America/New_York")
    in_new_york = clock.now()
    assert in_kolkata.utcoffset() == timedelta(hours=5, minutes=30)
    assert in_new_york.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))


def test_system_clock_monotonic_and_boottime_do_not_go_back() -> None:
    clock = SystemClock()
    first, first_boot = clock.monotonic(), clock.boottime()
    assert clock.monotonic() >= first
    assert clock.boottime() >= first_boot


def test_fake_clock_suspend_moves_wall_and_boot_but_not_monotonic() -> None:
    clock = FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC))
    mono, boot = clock.monotonic(), clock.boottime()
    clock.suspend(timedelta(hours=2))
    assert clock.now() == datetime(2026, 11, 24, 11, tzinfo=UTC)
    assert clock.monotonic() == mono
    assert clock.boottime() == boot + 7200


def test_fake_clock_wall_step_and_zone_change_keep_monotonic() -> None:
    clock = FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC))
    mono = clock.monotonic()
    clock.set_wall(datetime(2026, 11, 24, 6, tzinfo=UTC))
    clock.set_zone(ZoneInfo("Asia/Tokyo"))
    assert clock.now().hour == 15
    assert clock.monotonic() == mono
    with pytest.raises(ValueError, match="does not run backwards"):
        clock.advance(-1)


def test_fake_clock_advances_elapsed_time_across_dst() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    clock = FakeClock(datetime(2026, 10, 25, 1, 30, tzinfo=berlin))
    clock.advance(timedelta(hours=2))
    # 01:30 CEST + 2 h elapsed = 02:30 CET (the clocks went back at 03:00 CEST).
    assert clock.now().isoformat() == "2026-10-25T02:30:00+01:00"
