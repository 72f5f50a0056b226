"""How the stretch window's figure moves: with the breath, with the countdown, or smoothly.

By default the figure takes the end pose as the breath goes in and the start pose as it goes out
(`FigureMotion.BREATH`), held still during set-up and holds, on the countdown's own wake-ups; each
pose is drawn once and then copied from a cache (`FigureFrames`), the other side the same frame
flipped. Drawing a pose wakes Qt's paint threads many times, so this is the cheapest figure that
still moves with the breath: over a one-minute stretch the window wakes about 1.07 times as often
as a bare widget with a 1 s timer, against 1.24 times for a figure that moves every second
(`FigureMotion.COUNTDOWN`); see `benchmarks/stretch_window_wakeups.py`.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, QTimer

from posture_break.core.setting_values import MotionChoice
from posture_break.core.stretch_run import Stage, StretchRun
from posture_break.core.timeline import Part, ms_until
from posture_break.platform.motion import Motion, desktop_motion, effective_motion
from posture_break.ui.figure_frames import FigureFrames

MIN_FRAME_MS = 60  # figure frames at most ~16 per second: smooth for a slow breath, cheap


class FigureMotion(enum.Enum):
    """How often the figure is redrawn: smoothness against wake-ups (see the benchmark)."""

    BREATH = "breath"  # the pose being breathed into (or held), changing at each turn
    COUNTDOWN = "countdown"  # moves on the countdown's own wake-ups, about once a second
    SMOOTH = "smooth"  # its own frames: `steps` visible steps per half breath
    STILL = "still"  # reduced motion: still key poses (`still_phase`); the ring jumps too


def still_phase(run: StretchRun, elapsed: float) -> float:
    """Return the key pose for reduced motion: start pose while setting up, else the stretch.

    The figure never follows the breath: it changes pose (or side) only when what to do changes,
    and then at once, without frames in between.
    """
    if run.stage is Stage.READY or run.timeline.part(elapsed) in (Part.SET_UP, Part.SWITCH):
        return 0.0
    return 1.0


def figure_motion_for(setting: MotionChoice) -> FigureMotion:
    """Return `STILL` when the user wants less motion, else the default `BREATH`.

    The `[appearance] motion` setting decides; for "auto" the desktop is asked, each time a
    stretch window opens (a short D-Bus call and `gsettings`), so a change of the desktop's
    preference counts from the next stretch on.
    """
    if setting is MotionChoice.AUTO:
        reduced = effective_motion(setting, desktop_motion()) is Motion.REDUCED
    else:
        reduced = setting is MotionChoice.REDUCED
    return FigureMotion.STILL if reduced else FigureMotion.BREATH


class FigureAnimator(QObject):
    """Pose the figure for a run at a moment; with `SMOOTH`, wake for frames of its own."""

    def __init__(
        self,
        figure: FigureFrames,
        motion: FigureMotion,
        steps: int,
        parent: QObject | None = None,
    ) -> None:
        """Animate `figure`; `steps` visible steps per half breath for `FigureMotion.SMOOTH`."""
        super().__init__(parent)
        self._figure = figure
        self._motion = motion
        self._steps = max(1, steps)
        self._run: StretchRun | None = None
        self._is_watched = False
        self._mirrored: bool | None = None
        self._phase: float | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("figureTimer")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    def reset(self) -> None:
        """Forget the pose on show: a new stretch is loaded."""
        self._mirrored = None
        self._phase = None

    def show_at(self, run: StretchRun, elapsed: float) -> None:
        """Show the pose of `run` at `elapsed` (the start pose while it waits to start)."""
        self._run = run
        timeline = run.timeline
        mirrored = timeline.is_second_side(elapsed)
        if mirrored != self._mirrored:
            self._mirrored = mirrored
            self._figure.set_mirrored(mirrored)
        if run.stage is Stage.READY:
            phase = 0.0
        elif self._motion is FigureMotion.STILL:
            phase = still_phase(run, elapsed)
        elif self._motion is FigureMotion.BREATH:
            phase = timeline.pose_phase(elapsed)
        else:
            phase = FigureFrames.rounded(timeline.phase(elapsed))
        if phase != self._phase:
            self._phase = phase
            self._figure.set_phase(phase)

    def schedule(self, run: StretchRun, elapsed: float, *, is_watched: bool) -> None:
        """Wake when the figure has moved by one visible step, if anyone can see it."""
        self._run = run
        self._is_watched = is_watched
        if self._motion is not FigureMotion.SMOOTH or not is_watched:
            # Otherwise the figure moves only when the countdown looks anyway (each second and
            # at every breath turn), costing no wake-ups of its own.
            self._timer.stop()
            return
        due = run.timeline.next_frame(elapsed, self._steps)
        self._timer.start(ms_until(due - elapsed, floor_ms=MIN_FRAME_MS))

    def stop(self) -> None:
        """Draw no more frames until the next `schedule`."""
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        run = self._run
        if run is None or run.stage is not Stage.RUNNING:
            return
        elapsed = run.elapsed_s()
        self.show_at(run, elapsed)
        self.schedule(run, elapsed, is_watched=self._is_watched)
