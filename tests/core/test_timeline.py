"""The stretch timeline built from the dose, and how the length setting trims it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_break.core.catalogue import load_catalogue
from posture_break.core.stretch import KeyPose
from posture_break.core.timeline import (
    Part,
    build_timeline,
    clock_text,
    dose_s,
    reps_within,
)
from tests.ui.stretch_factory import make_stretch


def test_a_per_side_hold_runs_set_up_breath_hold_breath_then_switches() -> None:
    timeline = build_timeline(make_stretch(), 60.0)
    parts = [(s.part, s.start_s, s.length_s, s.side) for s in timeline.segments]
    assert parts == [
        (Part.SET_UP, 0.0, 5.0, 0),
        (Part.BREATHE_IN, 5.0, 4.0, 0),
        (Part.HOLD, 9.0, 15.0, 0),
        (Part.BREATHE_OUT, 24.0, 6.0, 0),
        (Part.SWITCH, 30.0, 5.0, 1),
        (Part.BREATHE_IN, 35.0, 4.0, 1),
        (Part.HOLD, 39.0, 15.0, 1),
        (Part.BREATHE_OUT, 54.0, 6.0, 1),
    ]
    assert timeline.total_s == 60.0
    assert timeline.per_side


def test_the_figure_is_still_while_setting_up_and_holding() -> None:
    timeline = build_timeline(make_stretch(), 60.0)
    assert {timeline.phase(t) for t in (0.0, 2.5, 4.9)} == {0.0}
    assert {timeline.phase(t) for t in (9.0, 15.0, 23.9)} == {1.0}
    assert 0.0 < timeline.phase(7.0) < 1.0
    assert timeline.next_frame(10.0, 10) == 24.0  # no frame needed until the hold ends


def test_a_key_pose_first_waits_in_the_end_pose_and_holds_after_the_out_breath() -> None:
    timeline = build_timeline(make_stretch(key_pose=KeyPose.FIRST, per_side=False), 60.0)
    assert [(s.part, s.from_phase, s.to_phase) for s in timeline.segments] == [
        (Part.SET_UP, 1.0, 1.0),
        (Part.BREATHE_OUT, 1.0, 0.0),
        (Part.HOLD, 0.0, 0.0),
        (Part.BREATHE_IN, 0.0, 1.0),
    ]
    assert timeline.phase(2.0) == 1.0  # setting up: upright, not already in the stretch
    assert timeline.phase(20.0) == 0.0  # holding the stretch


def test_a_flowing_move_is_breaths_only() -> None:
    timeline = build_timeline(make_stretch(hold_s=0, reps=3, per_side=False), 120.0)
    assert [s.part for s in timeline.segments][1:] == [Part.BREATHE_IN, Part.BREATHE_OUT] * 3
    assert timeline.total_s == 5.0 + 3 * 10.0


def test_steps_first_while_setting_up_then_share_each_side() -> None:
    timeline = build_timeline(make_stretch(), 60.0)  # reps of side 1 run 5..30: 12.5 s per step
    assert [timeline.step_index(t) for t in (0.0, 4.9, 5.0, 17.4, 17.5, 29.9)] == [
        0,
        0,
        1,
        1,
        2,
        2,
    ]
    assert [timeline.step_index(t) for t in (30.0, 35.0, 59.9)] == [0, 1, 2]
    assert timeline.is_switch_cue(31.0)
    assert not timeline.is_switch_cue(35.0)
    assert timeline.is_second_side(30.0)
    assert not timeline.is_second_side(29.9)


def test_the_length_setting_drops_reps_but_never_pads_the_dose() -> None:
    # Rep: 4 + 15 + 6 = 25 s; per side 5 s set-up: the whole dose of 3 reps is 160 s.
    move = make_stretch(reps=3)
    assert dose_s(move) == 160.0
    assert reps_within(move, 600.0) == 3  # a long setting: the dose, not padded
    assert build_timeline(move, 600.0).total_s == 160.0
    assert reps_within(move, 110.0) == 2  # 10 + 2 * 2 * 25 = 110 fits exactly
    assert reps_within(move, 109.0) == 1
    assert reps_within(move, 20.0) == 1  # too short for one rep a side: one rep it is
    assert build_timeline(move, 20.0).total_s == 60.0


@given(
    hold=st.integers(0, 60),
    reps=st.integers(1, 10),
    per_side=st.booleans(),
    budget=st.floats(10.0, 900.0),
)
def test_a_timeline_is_back_to_back_and_fits_when_one_rep_fits(
    hold: int, reps: int, per_side: bool, budget: float
) -> None:
    move = make_stretch(hold_s=hold, reps=reps, per_side=per_side)
    timeline = build_timeline(move, budget)
    for before, after in zip(timeline.segments, timeline.segments[1:], strict=False):
        assert after.start_s == pytest.approx(before.end_s)
    one_rep = build_timeline(move, 0.0).total_s
    assert timeline.total_s <= max(budget, one_rep) + 1e-9
    assert timeline.total_s <= dose_s(move) + 1e-9
    moments = timeline.boundaries()
    assert list(moments) == sorted(set(moments))
    assert moments[-1] == timeline.total_s


def test_boundaries_cover_seconds_parts_and_steps() -> None:
    timeline = build_timeline(make_stretch(), 60.0)
    moments = timeline.boundaries()
    assert {1.0, 5.0, 9.0, 17.5, 24.0, 30.0, 35.0, 59.0} <= set(moments)
    assert moments[-1] == 60.0


def test_scaled_to_keeps_the_shape() -> None:
    timeline = build_timeline(make_stretch(), 60.0).scaled_to(2.0)
    assert timeline.total_s == pytest.approx(2.0)
    assert [s.part for s in timeline.segments] == [
        s.part for s in build_timeline(make_stretch(), 60.0).segments
    ]
    with pytest.raises(ValueError, match="total_s"):
        timeline.scaled_to(0.0)


def test_every_shipped_stretch_builds_a_timeline_within_the_default_length() -> None:
    for move in load_catalogue():
        timeline = build_timeline(move, 60.0)
        assert timeline.reps >= 1, move.id
        assert timeline.total_s <= max(60.0, build_timeline(move, 0.0).total_s), move.id


def test_clock_text_counts_whole_seconds_up() -> None:
    assert [clock_text(s) for s in (60.0, 59.2, 59.0, 0.4, 0.0, 125.0)] == [
        "1:00",
        "1:00",
        "0:59",
        "0:01",
        "0:00",
        "2:05",
    ]
