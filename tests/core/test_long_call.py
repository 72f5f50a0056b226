"""The long-call offer: once, after a call of 20 minutes or more, within 2 minutes of its end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_break.core.long_call import Call, CallWatch, offers_stretch_after

MINUTE = 60.0


@pytest.mark.parametrize(
    ("minutes", "since_end", "expected"),
    [
        (20, 0, True),
        (45, 2 * MINUTE, True),
        (19.99, 0, False),
        (20, 2 * MINUTE + 1, False),
        (60, -1, False),
    ],
)
def test_the_rule(minutes: float, since_end: float, expected: bool) -> None:
    call = Call(1000.0, 1000.0 + minutes * MINUTE)
    assert offers_stretch_after(call, call.ended_s + since_end) is expected


def test_a_call_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="cannot end"):
        Call(10.0, 5.0)


def test_a_long_call_is_offered_once_when_it_ends() -> None:
    watch = CallWatch()
    watch.observe(False, 0.0)
    watch.observe(True, 60.0)
    for minute in range(2, 25):
        watch.observe(True, minute * MINUTE)
        assert watch.is_in_call
        assert not watch.take_offer(minute * MINUTE)
    watch.observe(False, 25 * MINUTE)
    assert not watch.is_in_call
    assert watch.take_offer(25 * MINUTE + 30)
    assert not watch.take_offer(25 * MINUTE + 31)


def test_a_short_call_is_not_offered() -> None:
    watch = CallWatch()
    watch.observe(True, 0.0)
    watch.observe(False, 19 * MINUTE)
    assert not watch.take_offer(19 * MINUTE)


def test_an_offer_asked_too_late_is_dropped() -> None:
    watch = CallWatch()
    watch.observe(True, 0.0)
    watch.observe(False, 30 * MINUTE)
    assert not watch.take_offer(33 * MINUTE)


def test_unknown_samples_keep_the_call_going() -> None:
    watch = CallWatch()
    watch.observe(True, 0.0)
    watch.observe(None, 10 * MINUTE)  # the sound server restarted
    assert watch.is_in_call
    watch.observe(False, 21 * MINUTE)
    assert watch.take_offer(21 * MINUTE)


def test_a_new_call_replaces_the_pending_offer() -> None:
    watch = CallWatch()
    watch.observe(True, 0.0)
    watch.observe(False, 30 * MINUTE)
    watch.observe(True, 31 * MINUTE)
    watch.observe(False, 32 * MINUTE)
    assert not watch.take_offer(32 * MINUTE)


@settings(deadline=None)  # zoneinfo lookups on a loaded CI machine vary in time
@given(st.lists(st.sampled_from([True, False, None]), max_size=120))
def test_at_most_one_offer_per_call(samples: list[bool | None]) -> None:
    watch = CallWatch()
    calls_ended = offers = 0
    for minute, sample in enumerate(samples):
        was_in_call = watch.is_in_call
        watch.observe(sample, minute * MINUTE)
        calls_ended += was_in_call and not watch.is_in_call
        offers += watch.take_offer(minute * MINUTE)
    assert offers <= calls_ended
