"""Tray icons: one SVG per break state, shipped pre-rendered as PNGs at the sizes panels use.

The SVGs in ``resources/icons`` are the one source; ``packaging/linux/icons/render_pngs.py``
renders them to ``resources/icons/tray/<state>-<size>.png`` (a test checks they match). The app
loads the PNGs, so it never loads QtSvg: a `QIcon` with a pixmap per size picks the nearest
one at any panel size and scale, exactly as it did with pixmaps rendered at start-up.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap

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
    """Return the SVG drawn for `state` (the source of its PNGs)."""
    return resource_path(f"icons/{state.value}.svg")


def png_name(state: IconState, size: int) -> str:
    """Return the resource name of `state`'s icon pre-rendered at `size` pixels."""
    return f"icons/tray/{state.value}-{size}.png"


def render_svg(path: Path, size: int) -> QImage:
    """Render the SVG at `path` into a transparent square image of `size` pixels.

    Used to make the PNGs (and by the tests), never by the running app: QtSvg loads only here.

    Raises:
        ValueError: The file is not a valid SVG.
    """
    from PySide6.QtSvg import QSvgRenderer

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
    """Load each state's icon once, on first use, and hand out the cached `QIcon`."""

    def __init__(self) -> None:
        self._icons: dict[IconState, QIcon] = {}

    def icon(self, state: IconState) -> QIcon:
        """Return the icon for `state`, with a pixmap for each of `ICON_SIZES`.

        Raises:
            FileNotFoundError: A PNG is missing from the installation.
        """
        cached = self._icons.get(state)
        if cached is None:
            cached = QIcon()
            for size in ICON_SIZES:
                # Read as a QImage: `QPixmap(path)` would also file the pixmap in QPixmapCache,
                # whose clean-up timer then wakes the idle app every 10 s.
                image = QImage(str(resource_path(png_name(state, size))))
                if image.isNull():
                    raise FileNotFoundError(f"{png_name(state, size)} is not a readable PNG")
                cached.addPixmap(QPixmap.fromImage(image))
            self._icons[state] = cached
        return cached
