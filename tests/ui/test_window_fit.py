"""Every window fits the free screen area at 1024x600 and 1366x768, at scale 1 and 2."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from posture_break.ui.window_fit import GUESSED_FRAME, fitted_size, placed
from tests.ui.fitted_windows import SCREENS, WINDOWS, available_area


def test_a_window_too_big_shrinks_to_the_free_area_minus_its_frame() -> None:
    area = QRect(0, 16, 512, 284)
    assert fitted_size(QSize(420, 580), area, GUESSED_FRAME) == QSize(420, 284 - 36)
    assert fitted_size(QSize(300, 200), area, GUESSED_FRAME) == QSize(300, 200)


def test_a_window_is_placed_fully_on_the_area_title_bar_first() -> None:
    area = QRect(0, 16, 512, 284)
    frame = QMargins(4, 32, 4, 4)
    top_left = placed(QSize(420, 248), area, frame, None)
    outer = QRect(top_left - QPoint(4, 32), QSize(428, 284))
    assert area.contains(outer)
    # Centred on a point near the edge: moved in, never off the screen.
    corner = placed(QSize(200, 100), area, frame, QPoint(510, 298))
    assert area.contains(QRect(corner - QPoint(4, 32), QSize(208, 136)))
    # Too big even so: the title bar (top-left) stays on screen.
    huge = placed(QSize(900, 900), area, frame, None)
    assert (huge.x() - 4, huge.y() - 32) == (0, 16)


def reachable(window: QWidget, button: QAbstractButton) -> bool:
    """Return whether `button` can be seen in `window`, scrolling its scroll area if it has one."""
    for area in window.findChildren(QScrollArea):
        contents = area.widget()
        if contents is not None and contents.isAncestorOf(button):
            area.ensureWidgetVisible(button, 0, 0)
    top_left = button.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, button.size()))


@pytest.mark.parametrize(("width", "height", "scale"), SCREENS)
@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_every_window_fits_and_every_button_can_be_reached(
    qtbot: QtBot, name: str, width: int, height: int, scale: int
) -> None:
    area = available_area(width, height, scale)
    window = WINDOWS[name](area)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    frame = window.frameGeometry()
    assert area.contains(frame), f"{name}: {frame} is not inside {area}"
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    assert buttons
    cut = [b.text() or b.accessibleName() for b in buttons if not reachable(window, b)]
    assert cut == [], f"{name} at {width}x{height}@{scale}: cannot reach {cut}"


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_window_titles_are_short_and_name_the_app_once(qtbot: QtBot, name: str) -> None:
    # Qt appends " — posture-break" (the display name) itself: a title that also says it
    # would read "posture-break settings — posture-break" and be cut in the middle.
    window = WINDOWS[name](available_area(1366, 768, 1))
    qtbot.addWidget(window)
    title = window.windowTitle()
    assert len(title) <= 34, title
    if name != "prompt":  # a frameless tool window, never in a task bar; its title is for tests
        assert title == "posture-break" or "posture-break" not in title, title
