"""Render every stretch's start and end pose to figures-light.png and figures-dark.png.

Run from the repository root: ``uv run python docs/screenshots/render_figures.py``
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QVBoxLayout, QWidget

from posture_break.core.catalogue import load_catalogue
from posture_break.ui.figure import FigureView

CELL_PX = 210
COLUMNS = 3


def palette(dark: bool) -> QPalette:
    """Return a plain light or dark palette like a desktop theme would give."""
    pal = QPalette()
    window, text, highlight = (
        ("#2b2d31", "#e8e6e3", "#5aa9e6") if dark else ("#f6f5f3", "#2a2a2e", "#2f7fc1")
    )
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, QPalette.ColorRole.Window, QColor(window))
        pal.setColor(group, QPalette.ColorRole.WindowText, QColor(text))
        pal.setColor(group, QPalette.ColorRole.Highlight, QColor(highlight))
        pal.setColor(group, QPalette.ColorRole.Text, QColor(text))
        pal.setColor(group, QPalette.ColorRole.Base, QColor(window))
    return pal


def sheet(dark: bool) -> QWidget:
    """Build a grid of every stretch: title, start pose, end pose."""
    root = QWidget()
    root.setPalette(palette(dark))
    root.setAutoFillBackground(True)
    grid = QGridLayout(root)
    grid.setHorizontalSpacing(28)
    grid.setVerticalSpacing(14)
    for index, stretch in enumerate(load_catalogue()):
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        title = QLabel(f"{stretch.title}  ·  {stretch.position}")
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        box.addWidget(title)
        row = QGridLayout()
        for col, phase in enumerate((0.0, 1.0)):
            view = FigureView()
            view.setFixedSize(CELL_PX, CELL_PX)
            view.set_stretch(stretch)
            view.set_phase(phase)
            row.addWidget(view, 0, col)
        box.addLayout(row)
        grid.addWidget(cell, index // COLUMNS, index % COLUMNS)
    return root


def main() -> int:
    """Write both sheets next to this script."""
    app = QApplication(sys.argv)
    out = Path(__file__).resolve().parent
    sheets = []
    for name, dark in (("figures-light.png", False), ("figures-dark.png", True)):
        widget = sheet(dark)
        widget.adjustSize()
        widget.grab().save(str(out / name))
        sheets.append(widget)
        print(out / name)
    del sheets
    app.shutdown()  # tear Qt down before Python's finalizer collects the wrappers
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
