"""Each step shows while the body does it: set-up steps in the set-up, the rest in the reps.

Driven on a fake clock through a real stretch run of shipped stretches, with a two-minute length
setting so the catalogue's whole dose runs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from posture_break.core.catalogue import load_catalogue
from posture_break.core.clock import FakeClock
from posture_break.core.pose import FieldError
from posture_break.core.record import Trigger
from posture_break.core.stretch_run import StretchRun
from posture_break.core.timeline import Part, Timeline, build_timeline
from tests.ui.stretch_factory import make_stretch

CATALOGUE = {stretch.id: stretch for stretch in load_catalogue()}
OPENED = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def shown_steps(stretch_id: str, moments: list[float]) -> list[tuple[str, Part]]:
    """Return the step text (its first words) and the body's part at each elapsed moment."""
    stretch = CATALOGUE[stretch_id]
    clock = FakeClock(OPENED)
    run = StretchRun(
        stretch,
        build_timeline(stretch, 120.0),
        clock=clock,
        trigger=Trigger.ON_DEMAND,
        opened_at=clock.now(),
    )
    assert run.start()
    shown: list[tuple[str, Part]] = []
    for moment in moments:
        clock.advance(moment - run.elapsed_s())
        elapsed = run.elapsed_s()
        step = stretch.steps[run.timeline.step_index(elapsed)]
        shown.append((" ".join(step.split()[:3]), run.timeline.part(elapsed)))
    return shown


def test_the_hug_is_set_up_before_the_rounding_starts() -> None:
    # Set-up 8 s: two steps of 4 s; then 5 reps of 14 s share the last two steps.
    assert shown_steps("desk-hug-and-round", [1.0, 5.0, 9.0, 44.0]) == [
        ("Sit tall near", Part.SET_UP),
        ("Cross your arms", Part.SET_UP),
        ("Breathe out, let", Part.BREATHE_OUT),
        ("Feel your shoulder", Part.HOLD),
    ]


def test_a_per_side_twist_sets_up_again_on_the_second_side() -> None:
    # Per side: 8 s set-up (two steps), then 3 reps of 15 s share the last three steps.
    moments = [2.0, 6.0, 10.0, 54.0, 58.0, 62.0, 100.0]
    assert shown_steps("seated-crossed-arm-twist", moments) == [
        ("Sit tall near", Part.SET_UP),
        ("Cross your arms", Part.SET_UP),
        ("Breathe out and", Part.BREATHE_OUT),
        ("Sit tall near", Part.SWITCH),
        ("Cross your arms", Part.SWITCH),
        ("Breathe out and", Part.BREATHE_OUT),
        ("Breathe in and", Part.HOLD),
    ]


def test_no_preparation_step_shows_once_the_body_moves() -> None:
    for stretch in load_catalogue():
        timeline = build_timeline(stretch, 120.0)
        for segment in timeline.segments:
            if segment.part in (Part.SET_UP, Part.SWITCH):
                continue
            middle = segment.start_s + segment.length_s / 2
            assert timeline.step_index(middle) >= stretch.setup_steps, stretch.id


def test_the_open_book_reads_its_set_up_lying_down() -> None:
    assert shown_steps("open-book", [3.0, 10.0, 16.0]) == [
        ("Lie on your", Part.SET_UP),
        ("Stretch both arms", Part.SET_UP),
        ("Breathe out and", Part.BREATHE_OUT),
    ]


def test_a_one_step_set_up_keeps_the_old_split() -> None:
    timeline = build_timeline(CATALOGUE["seated-arm-sweep-twist"], 120.0)
    assert [timeline.step_index(t) for t in (4.9, 5.0, 20.9, 21.0, 53.0, 58.0)] == [
        0,
        1,
        1,
        2,
        0,
        1,
    ]


def test_set_up_steps_must_leave_a_step_for_the_reps() -> None:
    with pytest.raises(FieldError, match="setup_steps"):
        replace(make_stretch(), setup_steps=3)
    with pytest.raises(FieldError, match="setup_steps"):
        replace(make_stretch(), setup_steps=0)
    with pytest.raises(ValueError, match="setup_steps"):
        Timeline(build_timeline(make_stretch(), 60.0).segments, step_count=3, reps=1, setup_steps=3)


def test_boundaries_include_where_each_set_up_step_begins() -> None:
    timeline = build_timeline(CATALOGUE["open-book"], 120.0)
    assert {7.5, 64.5} <= set(timeline.boundaries())
