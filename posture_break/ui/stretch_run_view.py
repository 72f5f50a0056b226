"""The stretch window's running page: the stretch, its figure, the countdown and the buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from posture_break.core.stretch import Equipment, Position, Stretch
from posture_break.core.stretch_run import Stage, StretchRun
from posture_break.core.timeline import Part, clock_text
from posture_break.ui.countdown_ring import CountdownRing
from posture_break.ui.figure_frames import FigureFrames
from posture_break.ui.stretch_safety import SafetyStrip
from posture_break.ui.stretch_style import button, label, set_text
from posture_break.ui.theme import Theme


class RunView(QWidget):
    """Show a stretch run as it goes: what to do now, how to breathe, and the time left.

    Signals:
        pause_clicked: Start, Pause or Resume was clicked.
        done_clicked: Done was clicked.
        skip_clicked: Skip was clicked.
        another_clicked: Another stretch was clicked.
    """

    pause_clicked = Signal()
    done_clicked = Signal()
    skip_clicked = Signal()
    another_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the page; `load` a stretch before showing it."""
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.setSpacing(0)

        self._eyebrow = label("", "eyebrow", wrap=True)
        self._title = label("", "title", wrap=True)
        self._title.setAccessibleName("Stretch")
        self._summary = label("", "summary", wrap=True)
        layout.addWidget(self._eyebrow)
        layout.addSpacing(4)
        layout.addWidget(self._title)
        layout.addSpacing(4)
        layout.addWidget(self._summary)
        layout.addSpacing(8)
        self.safety = SafetyStrip()
        layout.addWidget(self.safety)
        layout.addSpacing(12)

        hero = QHBoxLayout()
        hero.setSpacing(12)
        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(6, 6, 6, 6)
        self._figure = FigureFrames()
        self._figure.setMinimumSize(196, 196)
        self._figure.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        card_layout.addWidget(self._figure)
        hero.addWidget(card, 1)

        side = QVBoxLayout()
        side.setSpacing(10)
        side.addStretch(1)
        self._ring = CountdownRing()
        side.addWidget(self._ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self._breath = label("", "breath", wrap=True)  # "Press Start when you are ready"
        self._breath.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._breath.setMaximumWidth(self._ring.sizeHint().width())  # wrap, never clip
        self._breath.setAccessibleName("Breathing pace")
        side.addWidget(self._breath)
        side.addStretch(1)
        hero.addLayout(side)
        layout.addLayout(hero)
        layout.addSpacing(16)

        step_head = QHBoxLayout()
        self._step_count = label("", "stepCount")
        self._switch_cue = label("⇄  Switch sides", "switchCue")
        self._switch_cue.setAccessibleName("Switch sides")
        self._switch_cue.setAccessibleDescription("Half time: change to the other side now.")
        # Keep its room while hidden: nothing below (or the figure above) shifts at half time.
        cue_policy = self._switch_cue.sizePolicy()
        cue_policy.setRetainSizeWhenHidden(True)
        self._switch_cue.setSizePolicy(cue_policy)
        self._switch_cue.setVisible(False)
        step_head.addWidget(self._step_count)
        step_head.addStretch(1)
        step_head.addWidget(self._switch_cue)
        layout.addLayout(step_head)
        layout.addSpacing(6)
        self._step = label("", "step", wrap=True)
        self._step.setAccessibleName("Current step")
        self._step.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._step.setMinimumHeight(64)
        layout.addWidget(self._step)
        layout.addStretch(1)

        main_row = QHBoxLayout()
        main_row.setSpacing(10)
        self._pause_button = button("Start", "secondary", "Space: start, pause or resume")
        self._done_button = button("Done", "primary", "Enter: finish (counts from half its time)")
        main_row.addWidget(self._pause_button, 1)
        main_row.addWidget(self._done_button, 1)
        layout.addLayout(main_row)
        layout.addSpacing(8)
        link_row = QHBoxLayout()
        self._another_button = button("Another stretch", "link", "N: show a different stretch")
        self._skip_button = button("Skip", "link", "Esc: skip this break")
        link_row.addWidget(self._another_button)
        link_row.addStretch(1)
        link_row.addWidget(self._skip_button)
        layout.addLayout(link_row)

        self._pause_button.clicked.connect(self.pause_clicked)
        self._done_button.clicked.connect(self.done_clicked)
        self._skip_button.clicked.connect(self.skip_clicked)
        self._another_button.clicked.connect(self.another_clicked)

    @property
    def figure(self) -> FigureFrames:
        """Return the figure view."""
        return self._figure

    @property
    def ring(self) -> CountdownRing:
        """Return the countdown ring."""
        return self._ring

    def set_theme(self, theme: Theme) -> None:
        """Draw the ring in `theme`'s colours (the labels follow the window's style sheet)."""
        self._ring.set_theme(theme)

    def load(self, stretch: Stretch, *, can_swap: bool, notice: str = "") -> None:
        """Show `stretch`'s title, care and figure; `can_swap` shows "Another stretch".

        `notice` is a line above the caution, e.g. that the filters matched nothing.
        """
        self._eyebrow.setText(_eyebrow(stretch))
        self._title.setText(stretch.title)
        self._summary.setText(stretch.summary)
        self.safety.load(stretch, notice=notice)
        self._figure.set_stretch(stretch)
        self._figure.setAccessibleName(f"Figure showing {stretch.title}")
        self._figure.setAccessibleDescription(stretch.summary)
        self._another_button.setVisible(can_swap)

    def show_at(self, run: StretchRun, elapsed: float) -> None:
        """Bring every label to what it should say at `elapsed`; unchanged text is not redrawn."""
        timeline, stretch = run.timeline, run.stretch
        remaining = max(0.0, timeline.total_s - elapsed)
        index = timeline.step_index(elapsed)
        second_side = timeline.is_second_side(elapsed)
        if run.stage is Stage.READY:
            caption = "ready"
        elif run.stage is Stage.PAUSED:
            caption = "paused"
        elif stretch.per_side:
            caption = "second side" if second_side else "first side"
        else:
            caption = "left"
        self._ring.set_state(1.0 - remaining / timeline.total_s, clock_text(remaining), caption)
        count = f"STEP {index + 1} OF {len(stretch.steps)}"
        if stretch.per_side:
            count += " · SIDE 2" if second_side else " · SIDE 1"
        set_text(self._step_count, count)
        set_text(self._step, stretch.steps[index])
        cue = timeline.is_switch_cue(elapsed) and run.stage is not Stage.READY
        if self._switch_cue.isVisibleTo(self) != cue:
            self._switch_cue.setVisible(cue)
        if run.stage is Stage.READY:
            breath = "Press Start when you are ready"
        elif run.stage is Stage.PAUSED:
            breath = "Paused"
        else:
            breath = _CUES[timeline.part(elapsed)]
        set_text(self._breath, breath)
        self._breath.setAccessibleDescription(stretch.breathing)
        button = {Stage.READY: "Start", Stage.RUNNING: "Pause", Stage.PAUSED: "Resume"}.get(
            run.stage, "Pause"
        )
        if self._pause_button.text() != button:
            self._pause_button.setText(button)
            self._pause_button.setAccessibleName(button)


def _eyebrow(stretch: Stretch) -> str:
    parts = [stretch.position.value, stretch.level.value]
    if stretch.per_side:
        parts.append("each side")
    parts.extend(
        item.value.replace("-", " ")
        for item in stretch.equipment
        if not (item is Equipment.CHAIR and stretch.position is Position.SEATED)  # said already
    )
    return " · ".join(parts).upper()


_CUES = {
    Part.SET_UP: "Get into position",
    Part.SWITCH: "Change sides",
    Part.BREATHE_IN: "Breathe in",
    Part.BREATHE_OUT: "Breathe out",
    Part.HOLD: "Hold, breathing easily",
}
