"""Render the PNGs made from the SVGs: the app icon's hicolor sizes and the tray icons' sizes.

The SVGs in resources/icons are the one source of every icon; run this after editing one. The
app icon goes to packaging/linux/icons/hicolor/<size>x<size>/apps/posture-break.png, each tray
state to resources/icons/tray/<state>-<size>.png (the app loads those, so it needs no QtSvg).
"""

from __future__ import annotations

import os
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent
APP_ICON = HERE.parents[2] / "resources" / "icons" / "posture-break.svg"


def main() -> None:
    """Write hicolor/<size>x<size>/apps/posture-break.png for every size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication([])
    renderer = QSvgRenderer(str(APP_ICON))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = HERE / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        image.save(str(target / "posture-break.png"))
    _render_tray_icons()
    del app


def _render_tray_icons() -> None:
    from posture_break.core.resources import resource_path
    from posture_break.ui.tray_icon import ICON_SIZES, IconState, icon_file, png_name, render_svg

    for state in IconState:
        for size in ICON_SIZES:
            target = resource_path("icons") / png_name(state, size).removeprefix("icons/")
            target.parent.mkdir(parents=True, exist_ok=True)
            render_svg(icon_file(state), size).save(str(target))


if __name__ == "__main__":
    main()
