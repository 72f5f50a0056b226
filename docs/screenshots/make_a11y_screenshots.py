"""Render the accessibility screenshots offscreen: reduced motion, high contrast, 200 %, big font.

Run from the repository root (no display needed); each mode is its own process because the
scale factor must be set before Qt starts::

    uv run python docs/screenshots/make_a11y_screenshots.py reduced-motion
    uv run python docs/screenshots/make_a11y_screenshots.py high-contrast
    QT_SCALE_FACTOR=2 uv run python docs/screenshots/make_a11y_screenshots.py scale-200
    uv run python docs/screenshots/make_a11y_screenshots.py large-font

High contrast is what Qt reports as the desktop's contrast preference; offscreen there is no
desktop, so this script answers for it (`theme.wants_high_contrast`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtGui import QFont, QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget  # noqa: E402

from docs.screenshots.make_screenshots import (  # noqa: E402
    EVERYTHING,
    NOW,
    _history_with_a_streak,
    palette,
)
from posture_break.core.catalogue import load_catalogue  # noqa: E402
from posture_break.core.clock import FakeClock  # noqa: E402
from posture_break.core.record import Trigger  # noqa: E402
from posture_break.core.safety import load_safety_note  # noqa: E402
from posture_break.core.settings import Settings  # noqa: E402
from posture_break.ui import theme  # noqa: E402
from posture_break.ui.figure_motion import FigureMotion  # noqa: E402
from posture_break.ui.prompt import BreakPrompt  # noqa: E402
from posture_break.ui.review import ReviewWindow  # noqa: E402
from posture_break.ui.safety_dialog import SafetyDialog  # noqa: E402
from posture_break.ui.stretch_window import StretchWindow  # noqa: E402

OUT = Path(__file__).resolve().parent


def stretch(elapsed_s: float, *, reduced: bool = False, end: bool = False) -> QWidget:
    """Return the stretch window `elapsed_s` into a stretch (or on its end view)."""
    catalogue = load_catalogue()
    clock = FakeClock(NOW)
    window = StretchWindow(
        next(s for s in catalogue if s.id == "seated-twist-eyes-first"),
        clock=clock,
        settings=Settings(stretches=EVERYTHING),
        history=_history_with_a_streak(),
        trigger=Trigger.ON_DEMAND,
        picker=None,
        chime=None,
        figure_motion=FigureMotion.STILL if reduced else FigureMotion.BREATH,
    )
    window.show_stretch()
    clock.advance(elapsed_s)
    window.refresh()
    if end:
        window.done()
    return window


def prompt() -> QWidget:
    """Return the break prompt."""
    widget = BreakPrompt("Seated open book", 60, 10, clock=FakeClock(NOW))
    widget.show()
    return widget


def review() -> QWidget:
    """Return "This week" with a six-day streak."""
    window = ReviewWindow(_history_with_a_streak(), Settings(), FakeClock(NOW), titles={})
    window.show()
    return window


def safety() -> QWidget:
    """Return the first-run safety note."""
    dialog = SafetyDialog(load_safety_note())
    dialog.show()
    return dialog


def save(widget: QWidget, name: str) -> None:
    """Save `widget` as ``a11y-<name>.png`` and close it."""
    QGuiApplication.processEvents()
    path = OUT / f"a11y-{name}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path.relative_to(REPO))
    widget.close()
    widget.deleteLater()
    QGuiApplication.processEvents()


def main() -> int:
    """Render one mode's screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "mode", choices=["reduced-motion", "high-contrast", "scale-200", "large-font"]
    )
    args = parser.parse_args()
    app = QApplication(["make_a11y_screenshots"])
    app.setStyle(QStyleFactory.create("Fusion"))
    if args.mode == "reduced-motion":
        app.setPalette(palette(False))
        save(stretch(31.0, reduced=True), "reduced-motion")
    elif args.mode == "high-contrast":
        theme.wants_high_contrast = lambda: True  # offscreen has no desktop to ask
        for name, is_dark in (("light", False), ("dark", True)):
            app.setPalette(palette(is_dark))
            save(stretch(31.0), f"high-contrast-{name}")
            save(stretch(60.0, end=True), f"high-contrast-end-{name}")
    else:
        app.setPalette(palette(False))
        if args.mode == "large-font":
            font = QFont(app.font())
            font.setPointSizeF(font.pointSizeF() * 1.6)
            app.setFont(font)
        prefix = "200" if args.mode == "scale-200" else "large-font"
        save(stretch(31.0), f"{prefix}-stretch")
        save(stretch(60.0, end=True), f"{prefix}-end")
        save(prompt(), f"{prefix}-prompt")
        save(review(), f"{prefix}-review")
        save(safety(), f"{prefix}-safety")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
