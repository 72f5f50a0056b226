"""A small, valid stretch for tests that should not depend on the shipped catalogue (no Qt)."""

from __future__ import annotations

from posture_break.core.pose import Pose
from posture_break.core.settings import Level
from posture_break.core.stretch import DEFAULT_SETUP_S, Family, KeyPose, Position, Prop, Stretch


def make_stretch(
    stretch_id: str = "seated-twist",
    *,
    per_side: bool = True,
    hold_s: int = 15,
    reps: int = 1,
    key_pose: KeyPose = KeyPose.LAST,
    setup_s: float = DEFAULT_SETUP_S,
) -> Stretch:
    """Return a gentle seated stretch with two poses and a chair.

    By default its dose is one minute: per side, 5 s to set up and one rep of a 4 s breath in,
    a 15 s hold and a 6 s breath out. It has three steps.
    """
    return Stretch(
        id=stretch_id,
        title="Seated twist",
        summary="A slow twist in your chair where your eyes lead and the mid back follows.",
        steps=("Sit tall, feet flat.", "Turn your chest to one side.", "Breathe and soften."),
        position=Position.SEATED,
        equipment=(),
        level=Level.GENTLE,
        per_side=per_side,
        hold_s=hold_s,
        reps=reps,
        breathing="Breathe out as you turn.",
        inhale_s=4.0,
        exhale_s=6.0,
        cautions=(),
        desk_friendly=True,
        poses=(Pose(), Pose(spine=(90.0, 95.0, 100.0), arm=(-60.0, -20.0))),
        family=Family.TWIST,
        bone_friendly=True,
        why="Turning often keeps the mid back moving.",
        props=(Prop.CHAIR,),
        key_pose=key_pose,
        setup_s=setup_s,
    )
