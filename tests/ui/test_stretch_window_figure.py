"""The stretch window's figure: following the breath, drawing few frames, stopping when hidden."""

from __future__ import annotations

import pytest

from posture_break.core.clock import FakeClock
from posture_break.core.record import Trigger
from posture_break.core.timeline import build_timeline
from posture_break.ui.figure_motion import FigureMotion
from tests.ui.stretch_factory import make_stretch
from tests.ui.test_stretch_window import (  # fixtures and helpers, not tests
    WindowFactory,
    advance,
    chime,
    clock,
    make_window,
    timer,
)

__all__ = ["chime", "clock", "make_window"]  # fixtures used by name below


def test_countdown_motion_moves_the_figure_without_a_timer_of_its_own(
    make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(Trigger.ON_DEMAND, figure_motion=FigureMotion.COUNTDOWN)
    advance(clock, window, 7.0)  # 5 s set-up, then half way through the in-breath
    assert not timer(window, "figureTimer").isActive()
    assert 0.0 < window.figure.phase() < 1.0


def test_smooth_figure_frames_are_few_and_stop_when_hidden(
    make_window: WindowFactory, clock: FakeClock
) -> None:
    timeline = build_timeline(make_stretch(hold_s=0, reps=3), 60.0)
    frames = 0
    elapsed = 5.0  # after the set-up
    while elapsed < 15.0:  # one whole breath
        elapsed = timeline.next_frame(elapsed, 10)
        frames += 1
    assert frames <= 20  # ten steps in, ten steps out

    window = make_window(Trigger.ON_DEMAND, figure_motion=FigureMotion.SMOOTH)
    frame_timer = timer(window, "figureTimer")
    assert frame_timer.isActive()
    assert frame_timer.interval() == 5000  # still while setting up: no frame until it ends
    advance(clock, window, 7.0)  # the middle of the in-breath: the quickest movement
    assert 60 <= frame_timer.interval() <= 400  # a tenth of the sweep: about a quarter second
    window.hide()
    assert not frame_timer.isActive()


def test_figure_poses_are_drawn_once_then_reused(
    make_window: WindowFactory, clock: FakeClock
) -> None:
    flowing = make_stretch(hold_s=0, reps=3)  # 5 s set-up, then breaths of 10 s
    window = make_window(Trigger.ON_DEMAND, stretch=flowing, figure_motion=FigureMotion.COUNTDOWN)
    advance(clock, window, 5.0)
    for _ in range(10):  # the first breath: each new pose is drawn
        advance(clock, window, 1.0)
    first_breath = window.figure.frames_drawn
    assert first_breath >= 4
    for _ in range(10):  # the second breath shows the same poses again, from the cache
        advance(clock, window, 1.0)
    assert window.figure.frames_drawn == first_breath
    grabbed = window.figure.grab().toImage()
    assert grabbed.pixelColor(grabbed.width() // 2, grabbed.height() // 2).alpha() > 0


def test_by_default_the_figure_holds_each_pose_for_half_a_breath(
    make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(Trigger.ON_DEMAND, stretch=make_stretch(hold_s=0, reps=3))
    assert window.figure.phase() == 0.0  # setting up: the start pose
    advance(clock, window, 6.0)
    assert window.figure.phase() == 1.0  # breathing in: the pose being moved into
    advance(clock, window, 2.0)
    assert window.figure.phase() == 1.0
    advance(clock, window, 1.0)
    assert window.figure.phase() == 0.0  # breathing out: back to the start
    assert not timer(window, "figureTimer").isActive()


def test_figure_follows_the_breath(make_window: WindowFactory, clock: FakeClock) -> None:
    flowing = make_stretch(hold_s=0, reps=3)
    window = make_window(Trigger.ON_DEMAND, stretch=flowing, figure_motion=FigureMotion.COUNTDOWN)
    assert window.figure.phase() == pytest.approx(0.0)
    advance(clock, window, 9.0)  # set-up, then the end of the in-breath: the end pose
    assert window.figure.phase() == pytest.approx(1.0)
    advance(clock, window, 6.0)  # and back to the start on the out-breath
    assert window.figure.phase() == pytest.approx(0.0)
