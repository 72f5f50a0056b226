"""Screenshots of every window fitted to each screen: ``python -m tests.ui.fitted_shots DIR``.

Each screen runs in its own process with ``QT_SCALE_FACTOR`` set, so scale 2 is drawn at two
device pixels per logical pixel as on such a screen. Files: ``DIR/<window>-<w>x<h>@<scale>.png``,
each the whole free area with the window where it was placed (the rest grey).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def shoot(directory: Path, width: int, height: int, scale: int) -> None:
    """Draw every window fitted to one screen into `directory` (runs in this process)."""
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from tests.ui.fitted_windows import WINDOWS, available_area

    qapp = QApplication.instance() or QApplication([])
    area = available_area(width, height, scale)
    for name, build in WINDOWS.items():
        window = build(area)
        qapp.processEvents()
        ratio = window.devicePixelRatioF()
        canvas = QPixmap(round(area.width() * ratio), round(area.height() * ratio))
        canvas.setDevicePixelRatio(ratio)
        canvas.fill(QColor("#8a8f94"))
        painter = QPainter(canvas)
        painter.drawPixmap(window.geometry().topLeft() - area.topLeft(), window.grab())
        painter.end()
        canvas.save(str(directory / f"{name}-{width}x{height}@{scale}.png"))
        window.close()


def main(argv: list[str]) -> int:
    """Shoot every screen, each in a fresh process with its scale factor."""
    directory = Path(argv[1])
    directory.mkdir(parents=True, exist_ok=True)
    if len(argv) == 5:
        shoot(directory, int(argv[2]), int(argv[3]), int(argv[4]))
        return 0
    from tests.ui.fitted_windows import SCREENS

    for width, height, scale in SCREENS:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=str(scale))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.ui.fitted_shots",
                str(directory),
                str(width),
                str(height),
                str(scale),
            ],
            env=env,
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
