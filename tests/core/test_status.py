"""`AppStatus`: the exact `status --json` object, read back strictly, and said in words."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from posture_break.core.hold import HoldReason
from posture_break.core.status import AppState, AppStatus

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 13, 0, tzinfo=BERLIN)  # a Wednesday
NAIVE = "2026-11-25T13:00"  # no offset: which 13:00?


@pytest.mark.parametrize(
    "status",
    [
        AppStatus(AppState.COUNTING, NOW + timedelta(minutes=20)),
        AppStatus(AppState.DUE),
        AppStatus(AppState.HELD, None, (HoldReason.CALL, HoldReason.TYPING)),
        AppStatus(AppState.HELD, NOW + timedelta(hours=1), (HoldReason.QUIET_TIME,)),
        AppStatus(AppState.PAUSED, None, (), NOW + timedelta(minutes=30)),
        AppStatus(AppState.PAUSED),
        AppStatus(AppState.OFF_HOURS, NOW + timedelta(days=1)),
    ],
)
def test_the_json_object_reads_back_as_it_was(status: AppStatus) -> None:
    data = status.to_json_dict()
    assert list(data) == ["state", "next_prompt", "held_because", "paused_until"]
    assert AppStatus.from_json_dict(data) == status


def test_held_because_is_in_the_fixed_order_without_repeats() -> None:
    status = AppStatus(AppState.HELD, None, (HoldReason.TYPING, HoldReason.CALL, HoldReason.CALL))
    assert status.to_json_dict()["held_because"] == ["call", "typing"]


def test_the_machine_names_are_the_documented_ones() -> None:
    assert [state.value for state in AppState] == [
        "counting",
        "due",
        "held",
        "paused",
        "off-hours",
    ]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (AppStatus(AppState.DUE), "A stretch is due now."),
        (
            AppStatus(AppState.HELD, None, (HoldReason.CALL,)),
            "Held: you are on a call.\nThe stretch comes when that ends.",
        ),
        (
            AppStatus(AppState.HELD, NOW + timedelta(hours=1), (HoldReason.QUIET_TIME,)),
            "Held: it is a quiet time.\nThe stretch comes at 14:00.",
        ),
        (AppStatus(AppState.PAUSED), "Paused until you resume."),
        (AppStatus(AppState.PAUSED, None, (), NOW + timedelta(minutes=30)), "Paused until 13:30."),
        (
            AppStatus(AppState.OFF_HOURS, NOW + timedelta(days=1)),
            "Outside working hours; the next stretch is at Thu 13:00.",
        ),
        (
            AppStatus(AppState.COUNTING, NOW + timedelta(minutes=20)),
            "Counting down; the next stretch is at 13:20.",
        ),
    ],
)
def test_the_status_in_words(status: AppStatus, words: str) -> None:
    assert status.words(NOW) == words


@pytest.mark.parametrize(
    "data",
    [
        {"state": "held", "next_prompt": None, "held_because": ["call"]},
        {"state": "held", "next_prompt": None, "held_because": "call", "paused_until": None},
        {"state": "due", "next_prompt": None, "held_because": ["call"], "paused_until": None},
        {
            "state": "due",
            "next_prompt": "2026-11-25T13:00",
            "held_because": [],
            "paused_until": None,
        },
        {"state": "due", "next_prompt": 5, "held_because": [], "paused_until": None},
        {"state": "counting", "held_because": [], "paused_until": None, "next_prompt": NAIVE},
    ],
)
def test_anything_else_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="status"):
        AppStatus.from_json_dict(data)
