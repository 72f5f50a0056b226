"""The stretch window's running page: the stretch, its figure, the countdown and the buttons.

A screen reader hears the countdown at its milestones only (ready, started, paused, switch
sides, 10 seconds left), never each second: `milestone_text` says which one applies, and the
ring's accessible description changes (with an announcement) only when that text changes.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from posture_break.core.i18n import N_, _, pgettext
from posture_break.core.settings import Level
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
        # Translators: the accessible name of the stretch's title (a noun: the exercise).
        self._title.setAccessibleName(pgettext("noun", "Stretch"))
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
        self._milestone = ""
        self.reduced_motion = False  # the ring jumps in twelfths instead of sweeping
        side.addWidget(self._ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self._breath = label("", "breath", wrap=True)  # "Press Start when you are ready"
        self._breath.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._breath.setMaximumWidth(self._ring.sizeHint().width())  # wrap, never clip
        self._breath.setAccessibleName(_("Breathing pace"))
        side.addWidget(self._breath)
        side.addStretch(1)
        hero.addLayout(side)
        layout.addLayout(hero)
        layout.addSpacing(16)

        step_head = QHBoxLayout()
        self._step_count = label("", "stepCount", wrap=True)  # a long translation wraps
        # Translators: a small badge at half time of a stretch done on each side in turn.
        self._switch_cue = label("⇄  " + _("Switch sides"), "switchCue")
        self._switch_cue.setAccessibleName(_("Switch sides"))
        self._switch_cue.setAccessibleDescription(_("Half time: change to the other side now."))
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
        self._step.setAccessibleName(_("Current step"))
        self._step.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._step.setMinimumHeight(64)
        layout.addWidget(self._step)
        layout.addStretch(1)

        main_row = QHBoxLayout()
        main_row.setSpacing(10)
        self._pause_button = button(_("&Start"), "secondary", _("Space: start, pause or resume"))
        self._done_button = button(
            _("&Done"), "primary", _("Enter: finish (counts from half its time)")
        )
        main_row.addWidget(self._pause_button, 1)
        main_row.addWidget(self._done_button, 1)
        layout.addLayout(main_row)
        layout.addSpacing(8)
        link_row = QHBoxLayout()
        self._another_button = button(
            _("&Another stretch"), "link", _("N: show a different stretch")
        )
        self._skip_button = button(_("S&kip"), "link", _("Esc: skip this break"))
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
        self._figure.setAccessibleName(_("Figure showing {title}").format(title=stretch.title))
        self._figure.setAccessibleDescription(stretch.summary)
        self._another_button.setVisible(can_swap)

    def show_at(self, run: StretchRun, elapsed: float) -> None:
        """Bring every label to what it should say at `elapsed`; unchanged text is not redrawn."""
        timeline, stretch = run.timeline, run.stretch
        remaining = max(0.0, timeline.total_s - elapsed)
        index = timeline.step_index(elapsed)
        second_side = timeline.is_second_side(elapsed)
        # The small word under the time in the countdown ring (about 12 letters fit).
        if run.stage is Stage.READY:
            # Translators: under the time in the countdown ring: waiting for Start (short).
            caption = pgettext("countdown", "ready")
        elif run.stage is Stage.PAUSED:
            # Translators: under the time in the countdown ring: the countdown is paused (short).
            caption = pgettext("countdown", "paused")
        elif stretch.per_side:
            # Translators: under the time in the countdown ring: which side is stretched (short).
            caption = _("second side") if second_side else _("first side")
        else:
            # Translators: under the countdown ring's time: the time that is left (not a side).
            caption = pgettext("time remaining", "left")
        fraction = 1.0 - remaining / timeline.total_s
        if self.reduced_motion:
            # Like the hour marks of a clock: the ring moves seldom, and then by a clear step.
            fraction = math.floor(fraction * RING_STEPS) / RING_STEPS
        self._ring.set_state(fraction, clock_text(remaining), caption)
        self._announce(milestone_text(run, elapsed))
        set_text(self._step_count, _step_count(index + 1, len(stretch.steps), stretch, second_side))
        set_text(self._step, stretch.steps[index])
        cue = timeline.is_switch_cue(elapsed) and run.stage is not Stage.READY
        if self._switch_cue.isVisibleTo(self) != cue:
            self._switch_cue.setVisible(cue)
        if run.stage is Stage.READY:
            breath = _("Press Start when you are ready")
        elif run.stage is Stage.PAUSED:
            breath = _("Paused")
        else:
            breath = _(_CUES[timeline.part(elapsed)])
        set_text(self._breath, breath)
        self._breath.setAccessibleDescription(stretch.breathing)
        button = _(_PAUSE_LABELS.get(run.stage, _PAUSE_LABELS[Stage.RUNNING]))
        if self._pause_button.text() != button:
            self._pause_button.setText(button)
            self._pause_button.setAccessibleName(button.replace("&", ""))

    @property
    def milestone(self) -> str:
        """Return the countdown milestone a screen reader heard last."""
        return self._milestone

    def _announce(self, text: str) -> None:
        if text == self._milestone:
            return
        self._milestone = text
        # The description is what a screen reader reads on the ring; the announcement is what
        # it says unasked (Qt 6.8+: AT-SPI's Announcement signal), politely, at milestones only.
        self._ring.setAccessibleDescription(text)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self._ring, text))


RING_STEPS = 12  # reduced motion: the ring fills in twelve jumps
SOON_S = 10.0  # "10 seconds left": the last milestone before the end


def milestone_text(run: StretchRun, elapsed: float) -> str:
    """Return what a screen reader should say about the countdown at `elapsed`.

    It changes only at the milestones (ready, started, paused, switch sides, 10 seconds left),
    so the ring does not chatter once a second; the end is said by the end view.
    """
    timeline = run.timeline
    remaining = max(0.0, timeline.total_s - elapsed)
    if run.stage is Stage.READY:
        # Translators: said by a screen reader; {time} is a countdown such as "1:30" (m:ss).
        return _("{time} left. Press Start when you are ready.").format(
            time=clock_text(timeline.total_s)
        )
    if run.stage is Stage.PAUSED:
        return _("Paused with {time} left.").format(time=clock_text(remaining))
    if remaining <= SOON_S:
        return _("10 seconds left.")
    if run.stretch.per_side and timeline.is_second_side(elapsed):
        return _("Switch sides: the other side now.")
    return _("Started: {time} left.").format(time=clock_text(timeline.total_s))


def _step_count(number: int, count: int, stretch: Stretch, second_side: bool) -> str:
    if not stretch.per_side:
        # Translators: over the step line, in capitals as written (where your script has them).
        return _("STEP {number} OF {count}").format(number=number, count=count)
    side = 2 if second_side else 1
    # Translators: over the step line of a stretch done on each side in turn, in capitals.
    return _("STEP {number} OF {count} · SIDE {side}").format(number=number, count=count, side=side)


def _eyebrow(stretch: Stretch) -> str:
    # A list of short tags over the title ("SEATED · GENTLE · EACH SIDE"), not a sentence.
    parts = [_(_POSITIONS[stretch.position]), _(_LEVELS[stretch.level])]
    if stretch.per_side:
        parts.append(_("each side"))
    parts.extend(
        _(_EQUIPMENT[item])
        for item in stretch.equipment
        if not (item is Equipment.CHAIR and stretch.position is Position.SEATED)  # said already
    )
    return " · ".join(parts).upper()


# Tags over a stretch's title (shown in capitals): where it is done, how hard it is, what it uses.
_POSITIONS = {
    # Translators: a tag over a stretch's title, in capitals: done sitting on a chair.
    Position.SEATED: N_("seated"),
    Position.STANDING: N_("standing"),
    # Translators: a tag over a stretch's title, in capitals: done lying or kneeling on the floor.
    Position.FLOOR: N_("floor"),
}
_LEVELS = {
    # Translators: a tag over a stretch's title, in capitals: how demanding the stretch is.
    Level.GENTLE: N_("gentle"),
    Level.MODERATE: N_("moderate"),
    Level.ACTIVE: N_("active"),
}
_EQUIPMENT = {
    Equipment.CHAIR: N_("chair"),
    Equipment.DESK: N_("desk"),
    Equipment.WALL: N_("wall"),
    Equipment.DOORWAY: N_("doorway"),
    Equipment.TOWEL: N_("towel"),
    Equipment.FOAM_ROLLER: N_("foam roller"),
    # Translators: a tag over a stretch's title: an elastic exercise band.
    Equipment.BAND: N_("band"),
}

_CUES = {
    Part.SET_UP: N_("Get into position"),
    Part.SWITCH: N_("Change sides"),
    Part.BREATHE_IN: N_("Breathe in"),
    Part.BREATHE_OUT: N_("Breathe out"),
    Part.HOLD: N_("Hold, breathing easily"),
}
# Alt+S, P, R, D, A, K: no letter is shared (tests/ui/test_mnemonics.py).
_PAUSE_LABELS = {
    Stage.READY: N_("&Start"),
    Stage.RUNNING: N_("&Pause"),
    Stage.PAUSED: N_("&Resume"),
}
