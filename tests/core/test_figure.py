"""The figure's geometry, without Qt: joints, floor and seat contact, the scene's extent."""

from __future__ import annotations

import math

import pytest

from posture_break.core.catalogue import load_catalogue
from posture_break.core.figure import PELVIS_ON_SEAT, SEAT_Y, figure_layout, figure_scene
from posture_break.core.pose import View
from posture_break.core.stretch import Position, Prop, Stretch

CATALOGUE = load_catalogue()


def test_every_phase_stays_inside_the_fitted_scene() -> None:
    for stretch in CATALOGUE:
        scene = figure_scene(stretch)
        for step in range(41):
            for x, y, r in figure_layout(stretch, step / 40).outline_points():
                assert scene.left <= x - r, stretch.id
                assert x + r <= scene.right, stretch.id
                assert scene.bottom <= y - r, stretch.id
                assert y + r <= scene.top, stretch.id


def test_every_move_takes_the_short_way() -> None:
    # Each joint travels not much further than the straight line between its two ends: a limb
    # swinging the long way round (through the head, say) travels several times that.
    steps = 60
    for stretch in CATALOGUE:
        frames = [
            list(figure_layout(stretch, i / steps).outline_points()) for i in range(steps + 1)
        ]
        for joint in range(len(frames[0])):
            path = sum(
                math.dist(frames[i][joint][:2], frames[i + 1][joint][:2]) for i in range(steps)
            )
            chord = math.dist(frames[0][joint][:2], frames[-1][joint][:2])
            assert path <= 1.8 * chord + 10.0, (stretch.id, joint, path, chord)


@pytest.mark.parametrize(
    "stretch", [s for s in CATALOGUE if s.position is not Position.SEATED], ids=lambda s: s.id
)
def test_a_standing_or_floor_figure_rests_on_the_floor(stretch: Stretch) -> None:
    for step in range(11):
        layout = figure_layout(stretch, step / 10)
        lowest = min(y - r for _, y, r in layout.outline_points())
        shift = stretch.pose_at(step / 10).shift[1]
        assert lowest == pytest.approx(shift), (stretch.id, step)


@pytest.mark.parametrize(
    "stretch", [s for s in CATALOGUE if s.position is Position.SEATED], ids=lambda s: s.id
)
def test_a_seated_figure_sits_on_the_seat(stretch: Stretch) -> None:
    for step in range(11):
        layout = figure_layout(stretch, step / 10)
        pelvis = layout.spine[0]
        shift = stretch.pose_at(step / 10).shift
        assert pelvis[1] == pytest.approx(SEAT_Y + PELVIS_ON_SEAT + shift[1]), stretch.id


def test_a_side_view_wall_stands_in_front_of_the_figure() -> None:
    walled = [s for s in CATALOGUE if s.view is View.SIDE and Prop.WALL in s.props]
    assert walled, "the catalogue has a stretch against a wall"
    for stretch in walled:
        scene = figure_scene(stretch)
        assert scene.wall_x is not None
        for step in range(11):
            for x, _, r in figure_layout(stretch, step / 10).outline_points():
                assert x + r <= scene.wall_x + 1e-9, stretch.id


def test_a_front_view_has_two_shoulders_and_two_eyes() -> None:
    stretch = next(s for s in CATALOGUE if s.view is View.FRONT)
    layout = figure_layout(stretch, 0.0)
    assert len(layout.shoulders) == 2
    assert len(layout.eyes) == 2
    assert math.dist(*layout.shoulders) > 0
