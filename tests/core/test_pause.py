"""The one pause grammar and its default, and when a pause ends."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from posture_break.core.pause import (
    DEFAULT_PAUSE,
    PauseError,
    PauseFor,
    PauseUntil,
    parse_pause,
    pause_end,
)
from posture_break.core.settings import ScheduleSettings

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30m", 30),
        ("45m", 45),
        ("45min", 45),
        ("45 min", 45),
        ("45 MIN", 45),
        ("  1h ", 60),
        ("2h", 120),
        ("2 h", 120),
        ("1m", 1),
        ("24h", 1440),
        ("1440m", 1440),
    ],
)
def test_lengths(text: str, minutes: int) -> None:
    assert parse_pause(text) == PauseFor(timedelta(minutes=minutes))


@pytest.mark.parametrize("text", [None, "", "   "])
def test_no_length_is_thirty_minutes(text: str | None) -> None:
    assert parse_pause(text) == DEFAULT_PAUSE == PauseFor(timedelta(minutes=30))


def test_tomorrow_in_any_case() -> None:
    assert parse_pause("tomorrow") is PauseUntil.TOMORROW
    assert parse_pause(" Tomorrow ") is PauseUntil.TOMORROW


@pytest.mark.parametrize(
    "text",
    [
        "0m",
        "25h",
        "1441m",
        "forever",
        "45",
        "m",
        "-5m",
        "1.5h",
        "45 mins",
        "\u0661\u0662m",
        "12345m",
    ],
)
def test_refused(text: str) -> None:
    with pytest.raises(PauseError):
        parse_pause(text)


def test_pause_end_for_a_length_is_elapsed_time() -> None:
    now = datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)
    assert pause_end(PauseFor(timedelta(hours=1)), now, ScheduleSettings()) == now + timedelta(
        hours=1
    )
    assert pause_end(PauseUntil.RESUMED, now, ScheduleSettings()) is None


def test_tomorrow_on_a_friday_ends_when_monday_work_starts() -> None:
    friday = datetime(2026, 11, 27, 15, 0, tzinfo=BERLIN)
    end = pause_end(PauseUntil.TOMORROW, friday, ScheduleSettings())
    assert end is not None
    assert end.isoformat() == "2026-11-30T09:00:00+01:00"
