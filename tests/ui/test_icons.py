"""The app icon: one SVG, shipped with the app and installed by the packages, that renders."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from posture_break.core.resources import resource_path
from posture_break.ui.theme import LIGHT
from posture_break.ui.tray_icon import ICON_SIZES, IconState, icon_file, png_name, render_svg

REPO = Path(__file__).resolve().parents[2]


def test_there_is_one_app_icon_svg_in_the_repository() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "*posture-break.svg"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tracked == ["resources/icons/posture-break.svg"]
    build_deb = (REPO / "packaging/linux/build-deb.sh").read_text(encoding="utf-8")
    assert "resources/icons/posture-break.svg" in build_deb


def test_the_app_icon_renders_at_tray_and_menu_sizes() -> None:
    for size in (16, 48, 256):
        image = render_svg(resource_path("icons/posture-break.svg"), size)
        centre = image.pixelColor(size // 2, size // 2)
        assert image.width() == size
        assert centre.alpha() > 0


def test_the_counting_tray_icon_uses_the_theme_accent() -> None:
    image = render_svg(icon_file(IconState.COUNTING), 64)
    corner = image.pixelColor(8, 32)  # inside the rounded square, left of the figure
    assert corner.name() == QColor(LIGHT.accent).name()


def test_the_shipped_tray_pngs_are_the_svgs_rendered() -> None:
    # The app loads the PNGs (no QtSvg at run time); after editing an SVG, run
    # packaging/linux/icons/render_pngs.py, or this fails.
    for state in IconState:
        for size in ICON_SIZES:
            shipped = QImage(str(resource_path(png_name(state, size))))
            rendered = render_svg(icon_file(state), size)
            assert shipped.size() == rendered.size(), (state, size)
            fmt = QImage.Format.Format_ARGB32
            assert shipped.convertToFormat(fmt) == rendered.convertToFormat(fmt), (state, size)
