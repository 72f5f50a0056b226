"""Keyboard and screen-reader behaviour of the windows, checked on the real widgets.

- The countdown is described (and announced) at its milestones only: ready, started, switch
  sides, 10 seconds left, done; never once a second.
- Tab walks each window's controls in reading order (top to bottom, left to right), and every
  control of the stretch window can be reached with it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QGroupBox, QWidget
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.record import Trigger
from posture_break.core.settings import Settings
from posture_break.platform.autostart import XdgAutostart
from posture_break.ui.review import ReviewWindow
from posture_break.ui.settings_dialog import SettingsDialog
from posture_break.ui.stretch_window import StretchWindow
from posture_break.ui.theme import current_theme
from tests.ui.test_stretch_window import (  # fixtures and helpers, not tests
    START,
    WindowFactory,
    advance,
    chime,
    clock,
    make_window,
)

__all__ = ["chime", "clock", "make_window"]  # fixtures used by name below

ROW_SLACK_PX = 8  # widgets whose tops differ by less are on one row


def milestones(window: StretchWindow, clock: FakeClock, seconds: int) -> list[str]:
    """Return each different ring description over `seconds`, one look per second."""
    said = [window.ring.accessibleDescription()]
    for _ in range(seconds):
        advance(clock, window, 1.0)
        text = window.ring.accessibleDescription()
        if text != said[-1]:
            said.append(text)
    return said


def test_countdown_is_described_at_milestones_not_every_second(
    make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(Trigger.SCHEDULED)  # waits for Start
    assert window.ring.accessibleDescription() == "1:00 left. Press Start when you are ready."
    window.start()
    said = milestones(window, clock, 59)
    assert said == [
        "Started: 1:00 left.",
        "Switch sides: the other side now.",
        "10 seconds left.",
    ]
    advance(clock, window, 1.0)
    done = [w for w in window.findChildren(QWidget) if w.accessibleName() == "Stretch complete"]
    assert done[0].accessibleDescription().startswith("Done. ")


def test_pause_is_a_milestone(make_window: WindowFactory, clock: FakeClock) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 12.0)
    window.pause()
    assert window.ring.accessibleDescription() == "Paused with 0:48 left."
    window.resume()
    assert window.ring.accessibleDescription() == "Started: 1:00 left."


def focus_chain(window: QWidget) -> list[QWidget]:
    """Return the visible widgets Tab reaches in `window`, in order, from the first."""
    candidates = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]
    chain: list[QWidget] = []
    widget: QWidget | None = window.nextInFocusChain()
    while widget is not None and widget is not window:
        if widget in candidates and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def out_of_reading_order(window: QWidget, chain: list[QWidget]) -> list[tuple[str, str]]:
    """Return the pairs of consecutive stops where Tab goes up, or left on one row."""
    wrong = []
    for before, after in itertools.pairwise(chain):
        a, b = before.mapTo(window, QPoint(0, 0)), after.mapTo(window, QPoint(0, 0))
        same_row = abs(a.y() - b.y()) < ROW_SLACK_PX
        if (same_row and b.x() < a.x()) or (not same_row and b.y() < a.y()):
            wrong.append((_name(before), _name(after)))
    return wrong


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return widget.accessibleName() or text or type(widget).__name__


def test_stretch_window_tab_order(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Trigger.ON_DEMAND)
    chain = focus_chain(window)
    assert [_name(w) for w in chain] == ["Safety…", "Pause", "Done", "Skip"]
    assert out_of_reading_order(window, chain) == []


def test_end_view_tab_order_enters_the_scale_once(
    make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 31.0)  # Done counts (and asks the check-in) from half the time
    window.done()
    names = [_name(w) for w in focus_chain(window)]
    # Tab enters the 0-10 radio group once (arrows move inside it), then Close.
    assert names[-1] == "Close"
    assert "0 out of 10" in names
    # Close has the focus at first: a ring on a score would look like an answer given.
    focused = QApplication.focusWidget()
    assert focused is not None
    assert _name(focused) == "Close"


def test_review_tab_order(qtbot: QtBot, history: BreakHistory) -> None:
    window = ReviewWindow(history, Settings(), FakeClock(START), titles={})
    qtbot.addWidget(window)
    window.show()
    chain = focus_chain(window)
    # An empty history: the week buttons are disabled, so Tab skips them.
    assert [_name(w) for w in chain] == ["Rest days of the week shown", "&Export CSV…", "&Close"]
    assert out_of_reading_order(window, chain) == []


def test_settings_tab_order(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), (), tmp_path / "settings.toml", starter=XdgAutostart())
    qtbot.addWidget(dialog)
    dialog.show()
    chain = focus_chain(dialog)
    # Two columns of groups: Tab goes down the left column, then the right one, then to the
    # buttons, whose order inside the button box is the platform's.
    groups = [_group(w) for w in chain]
    assert list(dict.fromkeys(groups)) == [
        "Schedule",
        "Breaks",
        "Away and do not disturb",
        "Stretches",
        "Desktop",
        "",
    ]
    for group in dict.fromkeys(groups):
        if group:
            inside = [w for w, g in zip(chain, groups, strict=True) if g == group]
            assert out_of_reading_order(dialog, inside) == [], group


def _group(widget: QWidget) -> str:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QGroupBox):
        parent = parent.parentWidget()
    return parent.title() if isinstance(parent, QGroupBox) else ""


def test_focused_stretch_button_draws_a_focus_ring(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    done = next(w for w in focus_chain(window) if _name(w) == "Done")
    done.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(done.hasFocus)
    assert f"QPushButton#primary:focus {{ border: 2px solid {current_theme().focus}" in (
        window.styleSheet()
    )
    # The ring is drawn: a focused button looks different from an unfocused one.
    focused = done.grab().toImage()
    pause = window.findChild(QAbstractButton, "secondary")  # Start, Pause, Resume
    assert pause is not None
    pause.setFocus()
    QApplication.processEvents()
    assert done.grab().toImage() != focused


def test_checkin_arrows_move_without_answering_and_space_answers(
    make_window: WindowFactory, qtbot: QtBot, history: BreakHistory, clock: FakeClock
) -> None:
    window = make_window(Trigger.ON_DEMAND)
    advance(clock, window, 31.0)  # Done counts (and asks the check-in) from half the time
    window.done()
    scores = [w for w in focus_chain(window) if _name(w).endswith("out of 10")]
    first = scores[0]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    for score in scores[:3]:
        assert score.hasFocus()
        QTest.keyClick(score, Qt.Key.Key_Right)
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused.accessibleName() == "3 out of 10"
    assert [r.checkin for r in history.records()] == [None]  # nothing answered yet
    QTest.keyClick(focused, Qt.Key.Key_Space)
    assert [r.checkin for r in history.records()] == [3]


def test_settings_combo_boxes_are_labelled_by_their_form_label(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # On Linux Qt names a combo box by its current item; the form label reaches a screen reader
    # as the combo's "labelled by" relation (the label's buddy), which Orca reads first.
    dialog = SettingsDialog(Settings(), (), tmp_path / "settings.toml", starter=XdgAutostart())
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {}
    for combo in dialog.findChildren(QComboBox):
        interface = QAccessible.queryAccessibleInterface(combo)
        assert interface is not None
        relations = interface.relations(QAccessible.RelationFlag.Label)
        labels[combo.objectName()] = [r[0].text(QAccessible.Text.Name) for r in relations]
    # The form label first, then the group box around it.
    assert labels == {
        "stretches.max_level": ["Most demanding", "Stretches"],
        "appearance.motion": ["Screen movement", "Desktop"],
        "prompt.style": ["Show the next break as", "Desktop"],
        "appearance.language": ["Language", "Desktop"],
    }
