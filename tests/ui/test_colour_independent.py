"""The week bars and the heat map say their values by more than colour alone."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from posture_break.core.history import BreakHistory
from posture_break.ui.week_chart import bar_label
from tests.ui.test_review import history, open_window

__all__ = ["history"]  # the review tests' history (a week with the goal met and missed)


def test_heatmap_levels_have_different_marks(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    heat = window.heatmap
    image = heat.grab().toImage()
    scale = image.devicePixelRatio()

    def centre_colour(week: int, weekday: int) -> str:
        centre = heat.cell_rect(week, weekday).center().toPoint()
        return image.pixelColor(QPoint(int(centre.x() * scale), int(centre.y() * scale))).name()

    levels = {
        (w, d): cell.level for w, week in enumerate(heat.cells()) for d, cell in enumerate(week)
    }
    half_way = next(key for key, level in levels.items() if level == 2)
    goal_met = next(key for key, level in levels.items() if level == 3)
    fill_half = heat.level_colour(2).name()
    # A dot of the text colour sits in the middle of a "half way" cell, not only a lighter green;
    # the goal-met cell keeps the accent in its middle (its mark is a ring).
    assert centre_colour(*half_way) != fill_half
    assert centre_colour(*goal_met) == heat.level_colour(3).name()


def test_goal_met_bar_has_a_check_mark(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    days = [day for day in window.bars.days() if not day.is_future]
    met = [day for day in days if day.goal_met]
    missed = [day for day in days if not day.goal_met]
    assert met
    assert missed
    assert all(bar_label(day) == f"{day.completed} ✓" for day in met)
    assert all(bar_label(day) == str(day.completed) for day in missed)
