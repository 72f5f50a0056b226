"""Time zones the C library accepts but Python's time zones cannot hold (a day or more from UTC)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC

import pytest

from posture_break.core.clock import SystemClock, local_zone, zone_problem


@pytest.fixture
def far_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC+24")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("far_zone")
def test_a_zone_a_day_from_utc_falls_back_to_utc_and_says_so() -> None:
    assert local_zone() is UTC
    assert SystemClock().now().tzinfo is UTC  # the app starts: its clock answers
    problem = zone_problem()
    assert problem is not None
    assert "UTC+24" in problem


def test_an_ordinary_zone_has_no_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    assert zone_problem() is None
