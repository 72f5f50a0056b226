"""The stretch figure: every stretch renders, moves, mirrors, and is visible in light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posture_break.core.catalogue import load_catalogue
from posture_break.core.stretch import Stretch
from posture_break.ui.figure import MARGIN_PX, FigureView

CATALOGUE = load_catalogue()
SIZE = 240

LIGHT = ("#f6f5f3", "#2a2a2e", "#2f7fc1")
DARK = ("#2b2d31", "#e8e6e3", "#5aa9e6")


def _palette(window: str, text: str, highlight: str) -> QPalette:
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Window, QColor(window))
        palette.setColor(group, QPalette.ColorRole.WindowText, QColor(text))
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(highlight))
    return palette


def _view(qtbot: QtBot, stretch: Stretch, colours: tuple[str, str, str] = LIGHT) -> FigureView:
    view = FigureView()
    qtbot.addWidget(view)
    view.setPalette(_palette(*colours))
    view.setAutoFillBackground(True)
    view.resize(SIZE, SIZE)
    view.set_stretch(stretch)
    return view


def _image(view: FigureView) -> QImage:
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _count(image: QImage, colour: QColor, tolerance: int = 12) -> int:
    target = (colour.red(), colour.green(), colour.blue())
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if all(
                abs(a - b) <= tolerance
                for a, b in zip((pixel.red(), pixel.green(), pixel.blue()), target, strict=True)
            ):
                hits += 1
    return hits


def _centre_x(image: QImage) -> float:
    body = QColor(LIGHT[1])
    xs = [
        x
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y) == body
    ]
    return sum(xs) / len(xs)


@pytest.mark.parametrize("stretch", CATALOGUE, ids=lambda s: s.id)
def test_every_stretch_renders_and_moves(qtbot: QtBot, stretch: Stretch) -> None:
    view = _view(qtbot, stretch)
    images = []
    for phase in (0.0, 0.5, 1.0):
        view.set_phase(phase)
        images.append(_image(view))
    assert images[0] != images[2], "start and end pose look the same"
    assert images[0] != images[1]
    body = QColor(LIGHT[1])
    assert all(_count(image, body) > 150 for image in images), (
        "the figure is drawn in the text colour"
    )


@pytest.mark.parametrize("stretch", CATALOGUE, ids=lambda s: s.id)
def test_nothing_is_painted_off_canvas(qtbot: QtBot, stretch: Stretch) -> None:
    view = _view(qtbot, stretch)
    body = QColor(LIGHT[1])
    edge = int(MARGIN_PX / 2)
    for phase in (0.0, 0.25, 0.5, 0.75, 1.0):
        view.set_phase(phase)
        image = _image(view)
        border = image.copy(0, 0, SIZE, edge), image.copy(0, SIZE - edge, SIZE, edge)
        sides = image.copy(0, 0, edge, SIZE), image.copy(SIZE - edge, 0, edge, SIZE)
        assert all(_count(strip, body, tolerance=60) == 0 for strip in (*border, *sides)), phase


def test_mirrored_shows_the_other_side(qtbot: QtBot) -> None:
    stretch = next(s for s in CATALOGUE if s.per_side)
    view = _view(qtbot, stretch)
    view.set_phase(stretch.key_phase)  # the stretched pose is lopsided; the other may not be
    one_side = _image(view)
    view.set_mirrored(True)
    other_side = _image(view)
    assert one_side != other_side
    # The figure's centre of mass lands on the other side of the middle.
    before, after = _centre_x(one_side), _centre_x(other_side)
    assert abs((SIZE - 1 - before) - after) < 2.0
    assert abs(before - after) > 3.0


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_figure_uses_the_palette_in_light_and_dark(
    qtbot: QtBot, colours: tuple[str, str, str]
) -> None:
    window, text, highlight = (QColor(c) for c in colours)
    for stretch in CATALOGUE[:4]:
        view = _view(qtbot, stretch, colours)
        image = _image(view)
        assert _count(image, text) > 150, stretch.id
        assert _count(image, highlight) > 5, "the mid back is marked in the highlight colour"
        assert _count(image, window) > _count(image, text), "the background stays the window colour"


class _PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_repaints_only_when_the_phase_changes(qtbot: QtBot) -> None:
    view = _view(qtbot, CATALOGUE[0])
    counter = _PaintCounter()
    view.installEventFilter(counter)
    view.show()
    qtbot.waitExposed(view)
    view.set_phase(0.4)
    qtbot.waitUntil(lambda: counter.paints >= 1)
    settled = counter.paints
    view.set_phase(0.4)
    view.set_mirrored(False)
    QApplication.processEvents()
    assert counter.paints == settled
    view.set_phase(0.6)
    qtbot.waitUntil(lambda: counter.paints > settled)


def test_an_empty_view_paints_nothing_and_clamps_the_phase(qtbot: QtBot) -> None:
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(SIZE, SIZE)
    assert view.stretch() is None
    view.grab()  # no stretch yet: must not fail
    view.set_stretch(CATALOGUE[0])
    view.set_phase(3.0)
    assert view.phase() == 1.0
    view.set_phase(-1.0)
    assert view.phase() == 0.0


def test_a_theme_change_repaints_in_the_new_colours(qtbot: QtBot) -> None:
    stretch = CATALOGUE[0]
    view = _view(qtbot, stretch, LIGHT)
    view.set_phase(0.5)  # the shadow of the key pose is on show too
    assert _count(_image(view), QColor(LIGHT[1])) > 150
    view.setPalette(_palette(*DARK))
    fresh = _view(qtbot, stretch, DARK)
    fresh.set_phase(0.5)
    assert _image(view) == _image(fresh), "something kept the light theme's colours"
