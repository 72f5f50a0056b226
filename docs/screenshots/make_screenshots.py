"""Render screenshots offscreen, light and dark, into this folder.

Run from the repository root (no display needed)::

    uv run python docs/screenshots/make_screenshots.py            # every shot
    uv run python docs/screenshots/make_screenshots.py stretch-end  # only some
    uv run python docs/screenshots/make_screenshots.py --list

Each shot is a function registered with `@shot("name")` that builds a widget for the palette
it is given; the runner saves it as ``<name>-light.png`` and ``<name>-dark.png``. Add new shots
the same way. Time is a `FakeClock`, so every run draws the same pictures.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtGui import QColor, QGuiApplication, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget  # noqa: E402

from posture_break.core.catalogue import load_catalogue  # noqa: E402
from posture_break.core.clock import FakeClock  # noqa: E402
from posture_break.core.history import BreakHistory  # noqa: E402
from posture_break.core.picker import StretchPicker  # noqa: E402
from posture_break.core.record import BreakRecord, Outcome, Trigger  # noqa: E402
from posture_break.core.settings import Settings, StretchFilterSettings  # noqa: E402
from posture_break.ui.stretch_window import StretchWindow  # noqa: E402

OUT = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # a Wednesday morning

# (role, light, dark): what a typical light or dark desktop theme hands a Qt app.
_ROLES = (
    (QPalette.ColorRole.Window, "#f3f3f1", "#26292c"),
    (QPalette.ColorRole.WindowText, "#1f2326", "#e6e6e3"),
    (QPalette.ColorRole.Base, "#ffffff", "#1d1f22"),
    (QPalette.ColorRole.AlternateBase, "#ebebe8", "#2c3034"),
    (QPalette.ColorRole.Text, "#1f2326", "#e6e6e3"),
    (QPalette.ColorRole.PlaceholderText, "#6b7176", "#9aa1a6"),
    (QPalette.ColorRole.Button, "#ebebe8", "#33373b"),
    (QPalette.ColorRole.ButtonText, "#1f2326", "#e6e6e3"),
    (QPalette.ColorRole.Highlight, "#2b8c86", "#4fb3aa"),
    (QPalette.ColorRole.HighlightedText, "#ffffff", "#10201f"),
    (QPalette.ColorRole.Light, "#ffffff", "#4a4f54"),
    (QPalette.ColorRole.Midlight, "#dcdcd8", "#3a3e42"),
    (QPalette.ColorRole.Mid, "#b9bab6", "#2f3236"),
    (QPalette.ColorRole.Dark, "#9c9d99", "#16181a"),
    (QPalette.ColorRole.Shadow, "#707070", "#0b0c0d"),
    (QPalette.ColorRole.ToolTipBase, "#ffffdc", "#33373b"),
    (QPalette.ColorRole.ToolTipText, "#1f2326", "#e6e6e3"),
    (QPalette.ColorRole.Link, "#1f6fb2", "#6cb4ff"),
)


def palette(dark: bool) -> QPalette:
    """Return the complete palette a light or dark desktop would give, disabled text dimmed."""
    result = QPalette()
    for role, light, dark_colour in _ROLES:
        result.setColor(role, QColor(dark_colour if dark else light))
    disabled = QColor("#7a7f84" if dark else "#9a9d9f")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        result.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return result


@dataclass(frozen=True, slots=True)
class Shot:
    """One named screenshot: a function that builds the widget to photograph."""

    name: str
    build: Callable[[], QWidget]


SHOTS: dict[str, Shot] = {}


def shot(name: str) -> Callable[[Callable[[], QWidget]], Callable[[], QWidget]]:
    """Register a screenshot under `name` (saved as ``<name>-light.png`` / ``-dark.png``)."""

    def register(build: Callable[[], QWidget]) -> Callable[[], QWidget]:
        if name in SHOTS:
            raise ValueError(f"two screenshots are called {name!r}")
        SHOTS[name] = Shot(name, build)
        return build

    return register


# --- the stretch window ------------------------------------------------------------------------


def _history_with_a_streak() -> BreakHistory:
    """Return a history where the last six work days met the goal and today has two so far."""
    history = BreakHistory(sqlite3.connect(":memory:"))
    day = NOW.date()
    met = 0
    while met < 6:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            _completed(history, day, 4)
            met += 1
    _completed(history, NOW.date(), 2)
    return history


def _completed(history: BreakHistory, day: date, count: int) -> None:
    for i in range(count):
        started = datetime(day.year, day.month, day.day, 9 + 2 * i, 15, tzinfo=UTC)
        history.record(
            BreakRecord.at(started, "open-book", Outcome.COMPLETED, 60, Trigger.SCHEDULED)
        )


# The screenshots show every kind of stretch, so they use filters that allow them all.
EVERYTHING = StretchFilterSettings(desk_only=False, allow_floor=True, allow_equipment=True)


def _stretch_window(
    stretch_id: str,
    elapsed_s: float,
    *,
    is_paused: bool = False,
    trigger: Trigger = Trigger.ON_DEMAND,
) -> QWidget:
    catalogue = load_catalogue()
    stretch = next(s for s in catalogue if s.id == stretch_id)
    clock = FakeClock(NOW)
    window = StretchWindow(
        stretch,
        clock=clock,
        settings=Settings(stretches=EVERYTHING),
        history=_history_with_a_streak(),
        trigger=trigger,
        picker=StretchPicker(catalogue),
        chime=None,
    )
    window.show_stretch()
    clock.advance(elapsed_s)
    window.refresh()
    if is_paused:
        window.pause()
    window.setFocus()  # no button shows a focus ring in the picture
    return window


# (stretch id, seconds into a one-minute stretch): moments that show the window at its best,
# including a per-side stretch just after "Switch sides".
STRETCH_SHOTS = (
    ("seated-twist-eyes-first", 31.0),
    ("desk-hug-and-round", 14.0),
    ("half-dog-at-the-wall", 22.0),
    ("wall-snow-angel", 8.0),
    ("thread-the-needle", 12.0),
)


def _register_stretch_shot(stretch_id: str, elapsed_s: float) -> None:
    def build() -> QWidget:
        return _stretch_window(stretch_id, elapsed_s)

    shot(f"stretch-{stretch_id}")(build)


for _id, _elapsed in STRETCH_SHOTS:
    _register_stretch_shot(_id, _elapsed)


@shot("stretch-first-screen")
def _stretch_first_screen() -> QWidget:
    # A scheduled stretch waits for Start: its caution and the stop signs are on show.
    return _stretch_window("seated-twist-eyes-first", 0.0, trigger=Trigger.SCHEDULED)


@shot("stretch-end")
def _stretch_end() -> QWidget:
    return _stretch_window("seated-twist-eyes-first", 60.0)  # the countdown has just ended


# --- the runner --------------------------------------------------------------------------------


def render(names: list[str]) -> list[Path]:
    """Render the named shots (all when empty) in light and dark; return the files written."""
    app = QApplication.instance() or QApplication(["make_screenshots"])
    assert isinstance(app, QApplication)
    app.setStyle(QStyleFactory.create("Fusion"))
    written = []
    for name in names or list(SHOTS):
        for theme, is_dark in (("light", False), ("dark", True)):
            app.setPalette(palette(is_dark))
            widget = SHOTS[name].build()
            QGuiApplication.processEvents()
            path = OUT / f"{name}-{theme}.png"
            if not widget.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
            widget.close()
            widget.deleteLater()
            QGuiApplication.processEvents()
    return written


def main() -> int:
    """Render the screenshots asked for on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="shots to render (default: all)")
    parser.add_argument("--list", action="store_true", help="list the shots and exit")
    args = parser.parse_args()
    if args.list:
        print("\n".join(SHOTS))
        return 0
    unknown = [n for n in args.names if n not in SHOTS]
    if unknown:
        parser.error(f"unknown shot(s): {', '.join(unknown)}; try --list")
    for path in render(args.names):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
