"""The figure's geometry, without Qt: joints, floor and seat contact, the scene's extent."""

from __future__ import annotations

import itertools
import math

import pytest

from posture_break.core.catalogue import load_catalogue
from posture_break.core.figure import (
    FOREARM,
    HEAD_R,
    PELVIS_ON_SEAT,
    SEAT_Y,
    UPPER_ARM,
    W_FOREARM,
    W_PROP,
    W_TORSO,
    figure_layout,
    figure_scene,
    wall_contact,
)
from posture_break.core.pose import View
from posture_break.core.stretch import Position, Prop, Stretch
from posture_break.core.timeline import Part, build_timeline

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


# The figure matches the text -------------------------------------------------------------------

LYING_ON_THE_BACK_OR_FRONT = ("foam-roller-extension", "prone-cobra", "crocodile-breathing")
HEAD_IN_THE_HANDS = ("foam-roller-extension",)  # "let your hands carry its weight"
SILHOUETTE_MIN_DISTANCE = 2.5  # mean distance of the joints of two stretches' key poses


def _by_id(stretch_id: str) -> Stretch:
    return next(s for s in CATALOGUE if s.id == stretch_id)


@pytest.mark.parametrize(
    "stretch",
    [s for s in CATALOGUE if s.view is View.SIDE and {Prop.WALL, Prop.DOORWAY} & set(s.props)],
    ids=lambda s: s.id,
)
def test_hands_stay_on_the_wall_or_door_frame_the_whole_time(stretch: Stretch) -> None:
    scene = figure_scene(stretch)
    contact = wall_contact(stretch)
    assert scene.wall_x is not None
    assert contact is not None
    on_wall = scene.wall_x - W_PROP / 2 if Prop.WALL in stretch.props else scene.wall_x + W_PROP / 2
    assert contact.x == pytest.approx(on_wall)  # the wall is drawn where the hands are
    for step in range(21):
        layout = figure_layout(stretch, step / 20)
        arms = [limb for limb in layout.limbs if len(limb.points) == 3]
        touching = [arm for arm in arms if arm.is_far in contact.arms_far]
        assert touching
        for arm in touching:
            hand_x = arm.points[-1][0]
            assert abs(hand_x - contact.x) == pytest.approx(W_FOREARM / 2), (stretch.id, step)
            upper = math.dist(arm.points[0], arm.points[1])
            fore = math.dist(arm.points[1], arm.points[2])
            assert upper == pytest.approx(UPPER_ARM, abs=0.01)  # the arm bends, never stretches
            assert fore == pytest.approx(FOREARM, abs=0.01)


def test_the_doorway_stretch_puts_one_hand_on_the_frame_not_both() -> None:
    contact = wall_contact(_by_id("doorway-chest-opener"))
    assert contact is not None
    assert len(contact.arms_far) == 1


@pytest.mark.parametrize("stretch_id", LYING_ON_THE_BACK_OR_FRONT)
def test_the_pelvis_rests_on_the_floor_when_lying(stretch_id: str) -> None:
    stretch = _by_id(stretch_id)
    for step in range(11):
        pelvis = figure_layout(stretch, step / 10).spine[0]
        assert pelvis[1] - W_TORSO / 2 <= 2.0, (stretch_id, step)  # on the floor, hips down


@pytest.mark.parametrize("stretch_id", HEAD_IN_THE_HANDS)
def test_the_head_rests_in_the_hands_where_the_text_says_so(stretch_id: str) -> None:
    stretch = _by_id(stretch_id)
    assert any("head" in step for step in stretch.steps)
    for step in range(11):
        layout = figure_layout(stretch, step / 10)
        nearest = min(math.dist(hand, layout.head) for hand in layout.hands)
        assert nearest <= HEAD_R + W_FOREARM / 2, (stretch_id, step)


@pytest.mark.parametrize("stretch", CATALOGUE, ids=lambda s: s.id)
def test_the_figure_holds_still_during_every_hold(stretch: Stretch) -> None:
    timeline = build_timeline(stretch, 600.0)
    holds = [s for s in timeline.segments if s.part is Part.HOLD]
    assert bool(holds) == (stretch.hold_s > 0)
    for hold in holds:
        first = figure_layout(stretch, timeline.phase(hold.start_s + 0.01))
        for fraction in (0.25, 0.5, 0.75, 0.99):
            later = figure_layout(stretch, timeline.phase(hold.start_s + fraction * hold.length_s))
            assert later == first, (stretch.id, fraction)
        assert timeline.phase(hold.start_s + 0.01) == stretch.key_phase


def test_similar_moves_have_silhouettes_that_tell_them_apart() -> None:
    def joints(stretch: Stretch) -> list[tuple[float, float]]:
        layout = figure_layout(stretch, stretch.key_phase)
        return [*layout.spine, layout.head, *(p for lb in layout.limbs for p in lb.points)]

    for a, b in itertools.combinations(CATALOGUE, 2):
        if (a.view, a.position) != (b.view, b.position):
            continue
        ja, jb = joints(a), joints(b)
        if len(ja) != len(jb):
            continue
        mean = sum(math.dist(p, q) for p, q in zip(ja, jb, strict=True)) / len(ja)
        assert mean >= SILHOUETTE_MIN_DISTANCE, (a.id, b.id, mean)


FLOOR_TOUCH = 2.0  # figure units: a lying body's pelvis and torso rest within this of the floor


@pytest.mark.parametrize(
    "stretch",
    [s for s in CATALOGUE if s.steps[0].startswith("Lie")],  # the lying moves,
    ids=lambda s: s.id,
)
def test_a_lying_figure_rests_its_pelvis_and_torso_on_the_floor(stretch: Stretch) -> None:
    # The side-lying open book once hovered 10-17 units up, resting on its knees only.
    for phase in (0.0, 0.5, 1.0):
        layout = figure_layout(stretch, phase)
        pelvis = [layout.spine[0], *layout.hips]
        torso = [*layout.spine, *layout.shoulders, *layout.hips]
        assert min(y for _, y in pelvis) - W_TORSO / 2 <= FLOOR_TOUCH, (stretch.id, phase)
        assert min(y for _, y in torso) - W_TORSO / 2 <= FLOOR_TOUCH, (stretch.id, phase)
