"""Reduced motion: still key poses that change at once, and a ring that jumps in twelfths."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.settings import AppearanceSettings, MotionChoice, Settings
from posture_break.core.settings_file import load_settings, settings_to_toml
from posture_break.ui.figure_motion import FigureMotion, figure_motion_for
from posture_break.ui.stretch_run_view import RING_STEPS
from posture_break.ui.stretch_window import StretchWindow
from tests.ui.test_stretch_window import START, FakeChime, advance, on_demand_window, timer


def _window(
    qtbot: QtBot, history: BreakHistory, clock: FakeClock, *, reduced: bool
) -> StretchWindow:
    motion = FigureMotion.STILL if reduced else FigureMotion.SMOOTH
    window = on_demand_window(clock, history, FakeChime(), motion)
    qtbot.addWidget(window)
    window.show_stretch()
    return window


def test_reduced_motion_shows_still_poses_and_a_jumping_ring(
    qtbot: QtBot, history: BreakHistory
) -> None:
    clock = FakeClock(START)
    window = _window(qtbot, history, clock, reduced=True)
    poses: list[tuple[float, bool]] = [(window.figure.phase(), window.figure.is_mirrored())]
    fractions = {window.ring.fraction()}
    for _ in range(59):
        advance(clock, window, 1.0)
        assert not timer(window, "figureTimer").isActive()  # no frames of its own
        pose = (window.figure.phase(), window.figure.is_mirrored())
        if pose != poses[-1]:
            poses.append(pose)
        fractions.add(window.ring.fraction())
    # Set up in the start pose, the stretch held; the other side the same: four still pictures.
    assert poses == [(0.0, False), (1.0, False), (0.0, True), (1.0, True)]
    assert all(round(f * RING_STEPS, 9).is_integer() for f in fractions), sorted(fractions)
    assert len(fractions) <= RING_STEPS


def test_full_motion_moves_with_the_breath(qtbot: QtBot, history: BreakHistory) -> None:
    clock = FakeClock(START)
    window = _window(qtbot, history, clock, reduced=False)
    phases = set()
    fractions = set()
    for _ in range(30):
        advance(clock, window, 1.0)
        phases.add(window.figure.phase())
        fractions.add(window.ring.fraction())
    assert len(phases) > 2  # in between poses: the figure moves
    assert len(fractions) == 30  # the ring sweeps a little every second


@pytest.mark.parametrize(
    ("choice", "reduced"), [(MotionChoice.REDUCED, True), (MotionChoice.FULL, False)]
)
def test_an_explicit_setting_wins_over_the_desktop(choice: MotionChoice, reduced: bool) -> None:
    assert (figure_motion_for(choice) is FigureMotion.STILL) is reduced


def test_the_motion_setting_round_trips_through_the_file(tmp_path: Path) -> None:
    settings = Settings(appearance=AppearanceSettings(motion=MotionChoice.REDUCED))
    path = tmp_path / "settings.toml"
    path.write_text(settings_to_toml(settings))
    assert 'motion = "reduced"' in path.read_text().split("[appearance]")[1]
    assert load_settings(path).settings.appearance.motion is MotionChoice.REDUCED


def test_a_bad_motion_value_warns_and_keeps_auto(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[appearance]\nmotion = "wobbly"\n')
    loaded = load_settings(path)
    assert loaded.settings.appearance.motion is MotionChoice.AUTO
    assert any("appearance.motion" in w for w in loaded.warnings), loaded.warnings
