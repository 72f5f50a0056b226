"""Every window the app shows, built and fitted to a given free screen area.

Shared by the geometry tests and by the screenshot script (`python -m tests.ui.fitted_shots`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from posture_break.core.catalogue import load_catalogue
from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.safety import load_safety_note
from posture_break.core.settings import Settings
from posture_break.ui.prompt import BreakPrompt, corner_position
from posture_break.ui.review import ReviewWindow
from posture_break.ui.safety_dialog import SafetyDialog
from posture_break.ui.settings_dialog import SettingsDialog
from posture_break.ui.status_window import StatusWindow
from posture_break.ui.stretch_window import StretchWindow
from posture_break.ui.tray import Tray
from posture_break.ui.tray_icon import TrayIcons
from posture_break.ui.window_fit import fit_window

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
PANEL_PX = 32  # a desktop panel along the top, in device pixels

#: (width, height, scale): the screens every window must fit.
SCREENS = ((1024, 600, 1), (1366, 768, 1), (1024, 600, 2), (1366, 768, 2))


def available_area(width: int, height: int, scale: int) -> QRect:
    """Return the free area of such a screen in logical pixels, below a top panel."""
    panel = PANEL_PX // scale
    return QRect(0, panel, width // scale, height // scale - panel)


def _history() -> BreakHistory:
    history = BreakHistory(sqlite3.connect(":memory:"))
    for day in range(1, 25):
        started = NOW.replace(day=day)
        history.record(
            BreakRecord.at(started, "open-book", Outcome.COMPLETED, 60, Trigger.SCHEDULED)
        )
    return history


def stretch(area: QRect) -> QWidget:
    window = StretchWindow(
        load_catalogue()[0],
        clock=FakeClock(NOW),
        settings=Settings(),
        history=_history(),
        trigger=Trigger.SCHEDULED,
        picker=None,
        chime=None,
    )
    window.show_stretch(available=area)
    return window


def review(area: QRect) -> QWidget:
    window = ReviewWindow(clock=FakeClock(NOW), settings=Settings(), history=_history())
    window.fit_to(area)
    window.show()
    return window


def settings(area: QRect) -> QWidget:
    dialog = SettingsDialog(Settings(), ("settings.toml: goal.daily = 0 is too small; using 4",))
    dialog.fit_to(area)
    dialog.show()
    return dialog


def safety(area: QRect) -> QWidget:
    dialog = SafetyDialog(load_safety_note())
    fit_window(dialog, QSize(460, 520), available=area)
    dialog.show()
    return dialog


def status(area: QRect) -> QWidget:
    window = StatusWindow(Tray(FakeClock(NOW), TrayIcons()))
    window.fit_to(area)
    window.show()
    return window


def prompt(area: QRect) -> QWidget:
    window = BreakPrompt("Open book", 60, 10, clock=FakeClock(NOW))
    window.adjustSize()
    size = window.sizeHint()
    window.move(corner_position(area, (size.width(), size.height()), None))
    window.show()
    return window


WINDOWS: dict[str, Callable[[QRect], QWidget]] = {
    "stretch": stretch,
    "review": review,
    "settings": settings,
    "safety": safety,
    "status": status,
    "prompt": prompt,
}
