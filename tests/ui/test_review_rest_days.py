"""The week review's rest days and freezes: the Rest days… menu, the snowflake, freezes off."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from posture_break.core.history import BreakHistory
from posture_break.core.settings import GoalSettings, Settings
from posture_break.ui.week_chart import ice_colour
from tests.ui.test_review import THIS_MONDAY, history, open_window

__all__ = ["history"]  # the review tests' history (a week with the goal met and missed)


def test_a_rest_day_marked_from_the_menu_is_saved_and_mends_the_streak(
    qtbot: QtBot, history: BreakHistory
) -> None:
    window = open_window(qtbot, history)
    assert window.report().current_streak == 1  # Tuesday 24th was missed
    actions = window.rest_button.day_actions()
    assert [action.text() for action in actions][:2] == [
        "Monday 23 November",
        "Tuesday 24 November",
    ]
    assert not any(action.isChecked() for action in actions)
    actions[1].trigger()
    assert history.rest_days() == (date(2026, 11, 24),)
    # 9-13 Nov, 16-19 with Friday frozen, Sat 21, Mon 23, (Tuesday rests), Wed 25.
    assert window.report().current_streak == 12
    assert window.current_card.value.text() == "12"
    assert window.status.text() == "Tuesday 24 November is a rest day now."
    assert window.rest_button.day_actions()[1].isChecked()
    assert "a rest day" in window.bars.day_descriptions()[1]
    assert window.bars.is_rest_shown(1)
    assert "1 rest day" in window.week_summary.text()
    window.rest_button.day_actions()[1].trigger()  # and unmarked again
    assert history.rest_days() == ()
    assert window.report().current_streak == 1
    assert window.status.text() == "Tuesday 24 November is no longer a rest day."


@pytest.mark.qt_log_ignore(
    "^This plugin does not support grabbing the keyboard"
)  # a menu, offscreen
def test_the_rest_menu_opens_with_r_and_works_from_the_keyboard(
    qtbot: QtBot, history: BreakHistory
) -> None:
    window = open_window(qtbot, history)
    menu = window.rest_button.menu_of_days
    seen: list[bool] = []

    def pick_monday() -> None:
        seen.append(QApplication.activePopupWidget() is menu)
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(100, pick_monday)
    QTest.keyClick(window, Qt.Key.Key_R)  # the menu runs until an item is picked
    qtbot.waitUntil(lambda: history.rest_days() == (THIS_MONDAY,))
    assert seen == [True]
    # A rest day that meets the goal still counts: the numbers are unchanged.
    assert window.report().current_streak == 1


def test_a_planned_rest_day_shows_on_a_day_still_to_come(
    qtbot: QtBot, history: BreakHistory
) -> None:
    saturday = date(2026, 11, 28)
    history.add_rest_days([saturday])
    window = open_window(qtbot, history)
    assert window.bars.day_descriptions()[5] == "Saturday 28 November: still to come, a rest day"
    assert window.bars.is_rest_shown(5)
    assert window.rest_button.day_actions()[5].isChecked()
    assert not window.week().days[5].rest  # as in `stats --json`: days after today are not


def test_the_frozen_day_is_drawn_with_a_snowflake(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    window.show_previous_week()
    assert [day.frozen for day in window.week().days] == [False] * 4 + [True] + [False] * 2
    assert "1 frozen" in window.week_summary.text()
    image = window.bars.grab().toImage()
    ice = ice_colour(window.bars.palette())

    def icy_pixels(index: int) -> int:
        bar = window.bars.bar_rect(index)
        return sum(
            1
            for x in range(round(bar.left()), round(bar.right()))
            for y in range(round(bar.top()))
            if _close(image.pixelColor(x, y), ice)
        )

    assert icy_pixels(4) > 20  # the snowflake above Friday's short bar
    assert icy_pixels(3) == 0  # none above Thursday


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def test_freezes_off_hides_the_bank_and_keeps_the_old_rules(
    qtbot: QtBot, history: BreakHistory
) -> None:
    settings = Settings(goal=GoalSettings(daily=4, freezes=False))
    window = open_window(qtbot, history, settings)
    assert window.current_card.note.isHidden()
    assert window.report().best_streak == 9  # 9-13 and 16-19 Nov (the weekend passed over)
    window.show_previous_week()
    assert not any(day.frozen for day in window.week().days)


def test_a_rest_day_that_cannot_be_saved_is_told_in_words(
    qtbot: QtBot, history: BreakHistory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posture_break.core.history import HistoryWriteError

    def refuse(days: object) -> int:
        raise HistoryWriteError("The break could not be saved: the disk is full.")

    window = open_window(qtbot, history)
    monkeypatch.setattr(history, "add_rest_days", refuse)
    window.rest_button.day_actions()[1].trigger()
    assert window.status.text() == "The break could not be saved: the disk is full."
    assert not window.rest_button.day_actions()[1].isChecked()
    assert window.report().current_streak == 1
