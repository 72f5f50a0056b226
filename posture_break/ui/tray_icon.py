"""Tray icons: one SVG per break state, rendered at several sizes for crisp panels."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from posture_break.core.resources import resource_path

#: Pixel sizes panels ask for (16-64 px at 1x, up to 128 px on high-DPI screens).
ICON_SIZES = (16, 22, 24, 32, 48, 64, 96, 128)


class IconState(enum.Enum):
    """What the tray icon shows; each value names an SVG in ``resources/icons``."""

    COUNTING = "tray-counting"
    DUE = "tray-due"
    PAUSED = "tray-paused"
    OFF_HOURS = "tray-off-hours"


def icon_file(state: IconState) -> Path:
    """Return the SVG drawn for `state`."""
    return resource_path(f"icons/{state.value}.svg")


def render_svg(path: Path, size: int) -> QImage:
    """Render the SVG at `path` into a transparent square image of `size` pixels.

    Raises:
        ValueError: The file is not a valid SVG.
    """
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        raise ValueError(f"{path} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


class TrayIcons:
    """Render each state's icon once, on first use, and hand out the cached `QIcon`."""

    def __init__(self) -> None:
        self._icons: dict[IconState, QIcon] = {}

    def icon(self, state: IconState) -> QIcon:
        """Return the icon for `state`, with a pixmap for each of `ICON_SIZES`."""
        cached = self._icons.get(state)
        if cached is None:
            cached = QIcon()
            path = icon_file(state)
            for size in ICON_SIZES:
                cached.addPixmap(QPixmap.fromImage(render_svg(path, size)))
            self._icons[state] = cached
        return cached
