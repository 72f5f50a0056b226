"""Render the hicolor PNG sizes from the app icon, resources/icons/posture-break.svg.

The SVG there is the one source of the app icon; run this after editing it.
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
    del app


if __name__ == "__main__":
    main()
