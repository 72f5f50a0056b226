"""The hold policy: a due prompt waits for a pause in typing and for do-not-disturb, not forever."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from posture_break.core.hold import (
    DISTURB_RECHECK_SECONDS,
    TYPING_IDLE_SECONDS,
    TYPING_RECHECK_SECONDS,
    Hold,
    HoldLimits,
    HoldReason,
)
from posture_break.core.settings import BreakSettings, DisturbSettings, Settings

LIMITS = HoldLimits(typing_wait_s=120.0, disturb_wait_s=3600.0)


def test_limits_come_from_the_settings() -> None:
    settings = Settings(
        breaks=replace(BreakSettings(), typing_wait_minutes=3),
        disturb=replace(DisturbSettings(), max_hold_minutes=45),
    )
    assert HoldLimits.from_settings(settings) == HoldLimits(180.0, 2700.0)


def test_nobody_typing_and_no_do_not_disturb_prompts_at_once() -> None:
    hold, recheck = Hold().decide(100.0, is_disturbed=False, idle_s=30.0, limits=LIMITS)
    assert recheck is None
    assert hold == Hold()


def test_typing_waits_for_a_pause_then_gives_up_at_the_limit() -> None:
    hold, recheck = Hold().decide(100.0, is_disturbed=False, idle_s=0.5, limits=LIMITS)
    assert recheck == TYPING_RECHECK_SECONDS
    assert hold.typing_since == 100.0
    hold, recheck = hold.decide(218.0, is_disturbed=False, idle_s=0.5, limits=LIMITS)
    assert recheck == 2.0  # only what is left of the two minutes
    hold, recheck = hold.decide(220.0, is_disturbed=False, idle_s=0.5, limits=LIMITS)
    assert recheck is None  # two minutes of typing: prompt anyway


def test_a_pause_in_typing_lets_the_prompt_through() -> None:
    hold, _ = Hold().decide(100.0, is_disturbed=False, idle_s=0.5, limits=LIMITS)
    _, recheck = hold.decide(105.0, is_disturbed=False, idle_s=TYPING_IDLE_SECONDS, limits=LIMITS)
    assert recheck is None


def test_an_unknown_idle_time_never_holds_for_typing() -> None:
    _, recheck = Hold().decide(100.0, is_disturbed=False, idle_s=None, limits=LIMITS)
    assert recheck is None


def test_do_not_disturb_holds_up_to_its_limit_and_comes_first() -> None:
    hold, recheck = Hold().decide(0.0, is_disturbed=True, idle_s=0.1, limits=LIMITS)
    assert recheck == DISTURB_RECHECK_SECONDS
    assert hold == Hold(
        None, 0.0, HoldReason.DO_NOT_DISTURB
    )  # typing does not start its own wait meanwhile
    hold, recheck = hold.decide(3590.0, is_disturbed=True, idle_s=30.0, limits=LIMITS)
    assert recheck == 10.0
    hold, recheck = hold.decide(3600.0, is_disturbed=True, idle_s=30.0, limits=LIMITS)
    assert recheck is None  # an hour of do-not-disturb: prompt anyway


def test_do_not_disturb_ending_forgets_its_wait() -> None:
    hold, _ = Hold().decide(0.0, is_disturbed=True, idle_s=30.0, limits=LIMITS)
    hold, recheck = hold.decide(60.0, is_disturbed=False, idle_s=30.0, limits=LIMITS)
    assert recheck is None
    assert hold.disturb_since is None


@given(
    steps=st.lists(
        st.tuples(st.floats(0.0, 100.0), st.booleans(), st.none() | st.floats(0.0, 60.0)),
        max_size=200,
    )
)
def test_a_prompt_is_never_held_longer_than_both_limits(
    steps: list[tuple[float, bool, float | None]],
) -> None:
    hold, mono, held_since = Hold(), 0.0, None
    for gap, disturbed, idle in steps:
        mono += gap
        hold, recheck = hold.decide(mono, is_disturbed=disturbed, idle_s=idle, limits=LIMITS)
        if recheck is None:
            held_since = None
            hold = Hold()  # the prompt was shown: the scheduler clears the hold
            continue
        held_since = mono if held_since is None else held_since
        assert recheck > 0
        assert mono - held_since < LIMITS.typing_wait_s + LIMITS.disturb_wait_s


def test_the_hold_says_why_it_holds() -> None:
    hold, _ = Hold().decide(
        0.0,
        is_disturbed=True,
        idle_s=30.0,
        limits=LIMITS,
        disturbed_by=HoldReason.FULL_SCREEN,
    )
    assert hold.reason is HoldReason.FULL_SCREEN
    hold, _ = Hold().decide(0.0, is_disturbed=False, idle_s=0.5, limits=LIMITS)
    assert hold.reason is HoldReason.TYPING
    hold, recheck = Hold().decide(0.0, is_disturbed=False, idle_s=30.0, limits=LIMITS)
    assert (hold.reason, recheck) == (None, None)
