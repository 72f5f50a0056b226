"""The layout check (`tests/ui/text_fit.py`) finds what it should: a test that cannot fail is none.

Each test cuts, elides or hides a text on purpose and expects the line that names it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from typing_extensions import override

from posture_break.core import i18n
from posture_break.core.clock import FakeClock
from posture_break.ui.prompt import BreakPrompt
from tests.harness.pseudo_locale import PseudoTranslations
from tests.ui.fitted_windows import NOW
from tests.ui.text_fit import cut_painted, cut_texts, painted_texts, settle


def _box(qtbot: QtBot, *widgets: QWidget) -> QWidget:
    window = QWidget()
    window.setObjectName("testBox")
    layout = QVBoxLayout(window)
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def test_the_check_finds_a_clipped_label_and_button(qtbot: QtBot) -> None:
    label = QLabel("Streak of twelve days")
    label.setObjectName("streak")
    label.setFixedWidth(40)  # far too narrow for its text on one line
    wrapped = QLabel("A long sentence that wraps over several lines in a narrow label")
    wrapped.setObjectName("wrapped")
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(120, 20)  # one line high: the rest is cut at the bottom
    button = QPushButton("Another stretch")
    button.setFixedWidth(30)
    window = _box(qtbot, label, wrapped, button)
    found = "\n".join(cut_texts(window))
    assert "QLabel 'streak' is 40 px wide" in found
    assert "QLabel 'wrapped' is 20 px high" in found
    assert "QPushButton 'in testBox' is 30x22 px, its text needs" in found


def test_the_check_finds_elided_text_and_accepts_it_with_a_tooltip(qtbot: QtBot) -> None:
    source = "Chair extension over a towel roll"
    elided = QLabel("Chair extens…")
    elided.setObjectName("elided")
    with_tooltip = QLabel("Chair extens…")
    with_tooltip.setObjectName("withTooltip")
    with_tooltip.setToolTip(source)  # eliding as a design: the whole text on hover
    menu_entry = QLabel("Settings…")  # an ellipsis the source has
    menu_entry.setObjectName("settings")
    window = _box(qtbot, elided, with_tooltip, menu_entry)
    found = cut_texts(window, {source, "Settings…"})
    assert found == ["QLabel 'elided' is elided: 'Chair extens…'"]


def test_the_check_finds_text_cut_by_a_parent_that_does_not_scroll(qtbot: QtBot) -> None:
    wide = QLabel("A label that is much wider than the frame that holds it")
    wide.setObjectName("wide")
    frame = QFrame()
    frame.setObjectName("narrowFrame")
    frame.setFixedWidth(80)
    wide.setParent(frame)
    wide.adjustSize()
    window = _box(qtbot, frame)
    assert cut_texts(window) == [
        "QLabel 'wide' is cut by the edge of QFrame 'narrowFrame': "
        "'A label that is much wider than the frame that holds it'"
    ]


class _Caption(QWidget):
    """Paints its text into a rectangle far too narrow for it, as a chart label might."""

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.drawText(QRectF(0, 0, 20, 20), Qt.AlignmentFlag.AlignCenter, "Switch sides")
        painter.end()


def test_the_check_finds_painted_text_cut_by_its_rectangle(qtbot: QtBot) -> None:
    caption = _Caption()
    caption.setObjectName("caption")
    caption.setFixedSize(100, 20)
    window = _box(qtbot, caption)
    with painted_texts() as painted:
        window.grab()
    found = cut_painted(painted)
    assert len(found) == 1
    assert found[0].startswith("_Caption 'caption' paints 'Switch sides' in 20x20 px")


def test_the_check_finds_a_clipped_button_of_a_real_window_in_the_pseudo_locale(
    qtbot: QtBot,
) -> None:
    previous = i18n.use_translations(PseudoTranslations(), "pseudo")
    try:
        window = BreakPrompt("Open book", 60, 10, clock=FakeClock(NOW))
        qtbot.addWidget(window)
        window.show_near(None)
        qtbot.waitExposed(window)
        window.start_button.setFixedWidth(window.start_button.sizeHint().width() - 20)
        settle()
        found = cut_texts(window, {window.start_button.text()})
    finally:
        i18n.use_translations(*previous)
    assert found == [
        f"QPushButton 'primary' is {window.start_button.width()}x{window.start_button.height()} "
        f"px, its text needs {window.start_button.sizeHint().width()}x"
        f"{window.start_button.sizeHint().height()}: 'Sţåŕţ ~~'"  # &S kept: the shortcut
    ]
