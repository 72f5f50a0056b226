"""The stretch window's calm end page: a full ring, today's tally and the optional check-in."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QCursor, QShowEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QVBoxLayout, QWidget
from typing_extensions import override

from posture_break.core.history import HistoryError
from posture_break.core.i18n import _, ngettext
from posture_break.core.settings import Settings
from posture_break.core.stats import DayTotals, StatsService
from posture_break.ui.checkin_scale import ScoreButton
from posture_break.ui.countdown_ring import CountdownRing
from posture_break.ui.stretch_style import button, label
from posture_break.ui.theme import Theme

END_VIEW_S = 8.0  # the calm end view, then the window closes itself
# Long enough to get up from the floor and answer; and never while the pointer or the keyboard
# focus is on the window (the user is reading or about to answer): see `_close_if_unwatched`.
END_VIEW_CHECKIN_S = 30.0
THANKS_S = 1.5  # after a check-in answer
WATCHED_RETRY_S = 2.0  # while watched, look again this often

_log = logging.getLogger(__name__)


def today_tally(history: DayTotals, settings: Settings, today: date) -> tuple[int, int]:
    """Return (completed today, current streak), or (0, 0) when the history cannot be read."""
    goal = settings.goal
    work_days = [day.index for day in settings.schedule.work_days]
    service = StatsService(history, goal.daily, work_days, freezes=goal.freezes)
    try:
        summary = service.today_summary(today)
    except HistoryError:
        _log.exception("could not read today's breaks")
        return 0, 0
    return summary.completed, summary.current_streak


class EndView(QWidget):
    """Say the stretch is done, how today goes, and ask (optionally) how the mid back feels.

    Signals:
        answered: A check-in score (0-10) was clicked.
        close_requested: Close was clicked, or the moment passed (the view closes itself).
    """

    answered = Signal(int)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the page; `show_result` fills it in."""
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 36, 28, 24)
        layout.setSpacing(0)
        layout.addStretch(2)
        self._end_ring = CountdownRing()
        self._end_ring.setAccessibleName(_("Stretch complete"))
        self._end_ring.setFixedSize(112, 112)
        self._end_ring.set_state(1.0, "", "", is_done=True)
        layout.addWidget(self._end_ring, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(20)
        self._headline = label(_("Nicely done"), "headline")
        self._headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._headline)
        layout.addSpacing(8)
        self._tally = label("", "tally", wrap=True)  # translations run longer
        self._tally.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._tally.setAccessibleName(_("Today and streak"))
        layout.addWidget(self._tally)
        layout.addSpacing(4)
        self._what = label("", "muted", wrap=True)
        self._what.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._what.setAccessibleName(_("Stretch done"))
        layout.addWidget(self._what)
        layout.addSpacing(14)
        self._why = label("", "summary", wrap=True)
        self._why.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._why.setAccessibleName(_("Why it helps"))
        layout.addWidget(self._why)
        layout.addStretch(2)

        self._checkin_box = QFrame()
        self._checkin_box.setObjectName("card")
        box = QVBoxLayout(self._checkin_box)
        box.setContentsMargins(14, 14, 14, 12)
        box.setSpacing(10)
        question = label(_("How does your mid back feel?"), "step", wrap=True)
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(question)
        scores = QHBoxLayout()
        scores.setSpacing(2)
        self._score_group = QButtonGroup(self)
        self._score_group.setExclusive(True)
        self._scores: list[ScoreButton] = []
        for value in range(11):
            score = ScoreButton(value, _score_words(value))
            self._scores.append(score)
            self._score_group.addButton(score, value)
            scores.addWidget(score)
        box.addLayout(scores)
        ends = QHBoxLayout()
        # Translators: under score 0 of the check-in scale (the mid back feels fine).
        ends.addWidget(label(_("Feels fine"), "muted"))
        ends.addStretch(1)
        # Translators: under score 10 of the check-in scale (the mid back is very sore).
        ends.addWidget(label(_("Very sore"), "muted"))
        box.addLayout(ends)
        self._checkin_hint = label(_("Optional: one tap, or Esc to close."), "hint", wrap=True)
        self._checkin_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self._checkin_hint)
        layout.addWidget(self._checkin_box)
        layout.addSpacing(12)
        self._close_button = button(_("&Close"), "link", _("Enter or Esc: close this window"))
        layout.addWidget(self._close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        # Toggled, not clicked: a screen reader's "Toggle" action checks the radio without a
        # click, and a click checks it too. The window takes the first answer only.
        self._score_group.idToggled.connect(self._on_score_toggled)
        self._close_button.clicked.connect(self.close_requested)
        self._close_timer = QTimer(self)
        self._close_timer.setObjectName("closeTimer")
        self._close_timer.setSingleShot(True)
        self._close_timer.timeout.connect(self._close_if_unwatched)
        self._is_answered = False  # after an answer there is nothing left to lose: just close

    def set_theme(self, theme: Theme) -> None:
        """Draw the ring and the check-in scale in `theme`'s colours."""
        self._end_ring.set_theme(theme)
        for score in self._scores:
            score.set_theme(theme)

    def show_result(
        self, what: str, *, why: str = "", done: int, goal: int, streak: int, ask: bool
    ) -> None:
        """Show what was done, why it helps, today's tally; `ask` shows the check-in."""
        self._end_ring.show()
        headline = _("Goal met for today") if done >= goal else _("Nicely done")
        self._headline.setText(headline)
        if streak:
            # Translators: the end page's tally, e.g. "3 of 4 today · 5-day streak".
            tally = ngettext(
                "{done} of {goal} today · {count}-day streak",
                "{done} of {goal} today · {count}-day streak",
                streak,
            ).format(done=done, goal=goal, count=streak)
        else:
            tally = _("{done} of {goal} today").format(done=done, goal=goal)
        # The countdown's last milestone, said once (see `stretch_run_view.milestone_text`).
        # Translators: said by a screen reader at the end, e.g. "Done. Nicely done: 3 of 4 today."
        said = _("Done. {headline}: {tally}.").format(headline=headline, tally=tally)
        self._end_ring.setAccessibleDescription(said)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self._end_ring, said))
        self._tally.setText(tally)
        self._what.setText(what)
        self._why.setText(why)
        self._why.setVisible(bool(why))
        self._checkin_box.setVisible(ask)
        self._close_button.setFocus()  # not a score button: no answer looks chosen already
        self._close_timer.start(round((END_VIEW_CHECKIN_S if ask else END_VIEW_S) * 1000))

    def show_stopped_early(self, what: str, *, planned: str) -> None:
        """Say, kindly, that a stretch ended before half its time was not counted."""
        self._end_ring.hide()  # a full ring would say "done"
        self._headline.setText(_("Stopped early"))
        # Translators: {time} is the stretch's planned length, e.g. "1:30" (minutes:seconds).
        not_counted = _("Not counted: a stretch counts from half of its {time}.")
        self._tally.setText(not_counted.format(time=planned))
        self._what.setText(what)
        self._why.setVisible(False)
        self._checkin_box.setVisible(False)
        self._close_button.setFocus()
        self._close_timer.start(round(END_VIEW_S * 1000))

    def is_watched(self) -> bool:
        """Return whether the user is on the window: the pointer over it, or it has focus."""
        window = self.window()
        # The cursor against the frame, not `underMouse`: enter and leave events get lost when
        # windows open and close over each other.
        return window.isActiveWindow() or window.frameGeometry().contains(QCursor.pos())

    def _close_if_unwatched(self) -> None:
        if not self._is_answered and self.is_watched():
            self._close_timer.start(round(WATCHED_RETRY_S * 1000))
            return
        self.close_requested.emit()

    @property
    def why_text(self) -> str:
        """Return the "why" line on show (for tests and screenshots)."""
        return self._why.text()

    def thank(self) -> None:
        """Take the answer: the scores are done with; close in a moment."""
        for score in self._score_group.buttons():
            score.setEnabled(False)
        self._checkin_hint.setText(_("Thanks, noted."))
        self._is_answered = True
        self._close_timer.start(round(THANKS_S * 1000))

    @override
    def showEvent(self, event: QShowEvent) -> None:
        """Give the focus to Close: a focus ring on a score would look like a chosen answer."""
        super().showEvent(event)
        self._close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_score_toggled(self, value: int, checked: bool) -> None:
        if checked:
            self.answered.emit(value)

    def stop(self) -> None:
        """Do not close by itself (the window is closing anyway)."""
        self._close_timer.stop()


def _score_words(value: int) -> str:
    if value <= 2:
        return _("Feels fine")
    if value <= 5:
        return _("A little stiff or sore")
    if value <= 7:
        return _("Quite sore")
    return _("Very sore")
