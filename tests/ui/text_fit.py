"""Find text a window cuts off: labels, buttons, group titles, tabs, combo items and menus.

Used by the layout test in every language (`test_layout_languages.py`). Each finding is one line
that names the widget and quotes its text, so a failure says what to fix without a screenshot.

What counts as cut:
- a label narrower than its text on one line, or (word-wrapped) shorter than its text needs at
  its width, or with a word wider than itself (word wrap cannot break it);
- a button, spin box, combo box or group box smaller than its size hint (its text is clipped);
- a tab narrower than its text, a menu wider than the screen;
- text shown with an ellipsis "…" the source text does not have, unless the tooltip has the
  whole text (eliding with a tooltip is a deliberate design);
- a widget reaching past the edge of what holds it where nothing scrolls to it;
- text a widget paints itself (charts, the countdown ring) larger than the rectangle it is
  painted in, which clips it (`painted_texts` records it while the window is drawn).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QMenu,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK_PX = 1  # rounding between font metrics and layout


def settle() -> None:
    """Let the layouts settle: a new text asks for a new layout, a scroll area follows it."""
    for _ in range(3):
        QApplication.processEvents()


def cut_texts(window: QWidget, sources: Collection[str] = ()) -> list[str]:
    """Return a line for each visible text in `window` that is cut off or elided.

    Args:
        window: A shown top-level window (its layout done: events processed).
        sources: The texts the window was given (translations, catalogue text): an ellipsis
            found in none of them was added by eliding.
    """
    found: list[str] = []
    sources = {*sources, *map(_without_mnemonic, sources)}  # as shown: "安全(&E)…" is "安全(E)…"
    for widget in (window, *window.findChildren(QWidget)):
        if not widget.isVisibleTo(window) and widget is not window:
            continue
        for problem in _cut(widget):
            found.append(f"{describe(widget)} {problem}")
        text = shown_text(widget)
        if text and _is_elided(text, sources, widget.toolTip()):
            found.append(f"{describe(widget)} is elided: {text!r}")
        if text and widget is not window and (edge := _cut_by_parent(widget, window)):
            found.append(f"{describe(widget)} is cut by the edge of {edge}: {text!r}")
    return found


def menu_cut_texts(menu: QMenu, area: QRect) -> list[str]:
    """Return a line for each action of `menu` (and its submenus) cut off on `area`."""
    found: list[str] = []
    menu.ensurePolished()
    menu.adjustSize()  # lays out the action rectangles
    width = menu.sizeHint().width()
    metrics = menu.fontMetrics()
    for action in menu.actions():
        if not action.isVisible() or action.isSeparator():
            continue
        text = _without_mnemonic(action.text())
        if width > area.width():
            found.append(f"menu {menu.title()!r} is {width} px, wider than the screen: {text!r}")
        elif metrics.horizontalAdvance(text) > menu.actionGeometry(action).width():
            found.append(f"menu item is narrower than its text: {text!r}")
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found.extend(menu_cut_texts(submenu, area))
    return found


@dataclass(frozen=True, slots=True)
class Painted:
    """One text painted into a rectangle (`QPainter.drawText(rect, flags, text)`)."""

    where: str
    rect: QRectF
    flags: int
    text: str
    font: QFont


@contextmanager
def painted_texts() -> Iterator[list[Painted]]:
    """Record the text painted into a rectangle while the block runs (e.g. `window.grab()`).

    Our widgets paint from Python, so wrapping `QPainter.drawText` sees every call they make;
    Qt's own widgets paint in C++ and are measured by `cut_texts` instead.
    """
    found: list[Painted] = []
    original = QPainter.drawText

    def recording(painter: QPainter, *args: object) -> object:
        first = args[0] if args else None
        text = next((arg for arg in args if isinstance(arg, str)), None)
        if isinstance(first, QRect | QRectF) and text is not None:
            flags = args[1] if len(args) > 1 and not isinstance(args[1], str) else 0
            device = painter.device()
            where = describe(device) if isinstance(device, QWidget) else type(device).__name__
            flags = int(flags)  # type: ignore[call-overload]
            found.append(Painted(where, QRectF(first), flags, text, QFont(painter.font())))
        return original(painter, *args)  # type: ignore[call-overload]

    setattr(QPainter, "drawText", recording)  # noqa: B010 - a method replaced for the block
    try:
        yield found
    finally:
        setattr(QPainter, "drawText", original)  # noqa: B010


def cut_painted(painted: Collection[Painted], sources: Collection[str] = ()) -> list[str]:
    """Return a line for each painted text larger than its rectangle, or elided."""
    found = []
    for item in painted:
        if not item.text.strip():
            continue
        need = QFontMetricsF(item.font).boundingRect(item.rect, item.flags, item.text)
        width, height = item.rect.width(), item.rect.height()
        # A line a pixel or two taller than its rectangle loses only the space under the
        # letters (charts size their rows by another font); a whole line more is cut text.
        if need.width() > width + SLACK_PX or need.height() > height * 1.5:
            found.append(
                f"{item.where} paints {item.text!r} in {width:.0f}x{height:.0f} px, "
                f"it needs {need.width():.0f}x{need.height():.0f}"
            )
        elif _is_elided(item.text, sources, ""):
            found.append(f"{item.where} paints it elided: {item.text!r}")
    return found


def describe(widget: QWidget) -> str:
    """Return how a failure names `widget`: its class and its object or accessible name."""
    name = widget.objectName() or widget.accessibleName()
    if not name:
        owner = widget.parentWidget()
        while owner is not None and not owner.objectName():
            owner = owner.parentWidget()
        name = f"in {owner.objectName()}" if owner is not None else ""
    return f"{type(widget).__name__} {name!r}"


def shown_text(widget: QWidget) -> str:
    """Return the text `widget` shows as a person reads it (no mnemonic &, no markup)."""
    if isinstance(widget, QLabel):
        text = widget.text()
        rich = widget.textFormat() is Qt.TextFormat.RichText or (
            widget.textFormat() is Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
        )
        if rich:
            return QTextDocumentFragment.fromHtml(text).toPlainText()
        return _without_mnemonic(text) if widget.buddy() is not None else text
    if isinstance(widget, QAbstractButton):
        return _without_mnemonic(widget.text())
    if isinstance(widget, QGroupBox):
        return _without_mnemonic(widget.title())
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _cut(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return _cut_label(widget)
    if isinstance(widget, QAbstractButton | QAbstractSpinBox | QComboBox):
        return _cut_by_size_hint(widget)
    if isinstance(widget, QGroupBox):
        need = widget.minimumSizeHint().width()
        if widget.title() and need > widget.width() + SLACK_PX:
            return [f"is {widget.width()} px wide, its title needs {need}: {widget.title()!r}"]
    if isinstance(widget, QTabBar):
        return _cut_tabs(widget)
    return []


def _cut_label(label: QLabel) -> list[str]:
    text = shown_text(label)
    if not text.strip():
        return []
    margin = label.margin()
    room = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    metrics = label.fontMetrics()
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        problems = []
        if need > label.height() + SLACK_PX:
            problems.append(f"is {label.height()} px high, its text needs {need}: {text!r}")
        flags = Qt.TextFlag.TextWordWrap | label.alignment()
        wrapped = metrics.boundingRect(QRect(0, 0, room.width(), 1 << 20), flags, text)
        if wrapped.width() > room.width() + SLACK_PX:
            problems.append(
                f"has a word wider than its {room.width()} px ({wrapped.width()}): {text!r}"
            )
        return problems
    size = metrics.size(0, text)
    if size.width() > room.width() + SLACK_PX:
        return [f"is {room.width()} px wide, its text needs {size.width()}: {text!r}"]
    if size.height() > room.height() + SLACK_PX:
        return [f"is {room.height()} px high, its text needs {size.height()}: {text!r}"]
    return []


def _cut_by_size_hint(widget: QWidget) -> list[str]:
    text = shown_text(widget)
    if isinstance(widget, QAbstractButton | QGroupBox) and not text.strip():
        return []  # an icon or a drawn number: no text to cut
    hint, size = widget.sizeHint(), widget.size()
    if isinstance(widget, QToolButton):
        # QToolButton's hint has a space's width of air on each side of its text, and a style
        # sheet adds 3 px more (QStyleSheetStyle: "broken QToolButton"): room, not text.
        hint.setWidth(hint.width() - 2 * widget.fontMetrics().horizontalAdvance(" ") - 3)
    if hint.width() > size.width() + SLACK_PX or hint.height() > size.height() + SLACK_PX:
        what = text or getattr(widget, "suffix", lambda: "")()
        longest = _longest_item(widget) if isinstance(widget, QComboBox) else what
        return [
            f"is {size.width()}x{size.height()} px, its text needs "
            f"{hint.width()}x{hint.height()}: {longest!r}"
        ]
    return []


def _longest_item(combo: QComboBox) -> str:
    items = [combo.itemText(index) for index in range(combo.count())]
    return max(items, key=combo.fontMetrics().horizontalAdvance, default="")


def _cut_tabs(bar: QTabBar) -> list[str]:
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    problems = []
    for index in range(bar.count()):
        text = _without_mnemonic(bar.tabText(index))
        need = bar.fontMetrics().horizontalAdvance(text) + space
        width = bar.tabRect(index).width()
        if bar.isTabVisible(index) and need > width + SLACK_PX:
            problems.append(f"tab {index} is {width} px wide, its text needs {need}: {text!r}")
    return problems


def _cut_by_parent(widget: QWidget, window: QWidget) -> str:
    """Return which parent cuts `widget` off where nothing scrolls to it ("": none does)."""
    rect, child = widget.rect(), widget
    while child is not window and (parent := child.parentWidget()) is not None:
        rect = rect.translated(child.pos())  # now in the parent's coordinates
        inside = parent.rect().adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX)
        sideways = rect.left() < inside.left() or rect.right() > inside.right()
        down = rect.top() < inside.top() or rect.bottom() > inside.bottom()
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            # A scroll bar reaches what lies outside the viewport on its axis.
            sideways = sideways and not area.horizontalScrollBar().isVisibleTo(area)
            down = down and not area.verticalScrollBar().isVisibleTo(area)
        if sideways or down:
            return describe(parent)
        rect, child = rect.intersected(parent.rect()), parent  # what the parent lets through
    return ""


def _is_elided(text: str, sources: Collection[str], tooltip: str) -> bool:
    """Return whether `text` has an ellipsis that none of `sources` has at that place."""
    start = 0
    while (index := text.find("…", start)) >= 0:
        piece = text[max(0, index - 3) : index + 1]  # the ellipsis and the letters before it
        if not any(piece in source for source in sources) and not (
            tooltip and tooltip.startswith(text[:index].rstrip())
        ):
            return True
        start = index + 1
    return False


def _without_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
