"""Fit a window to the screen it opens on: never larger than the free area, never off it.

Screens differ (a 1024x600 netbook, a laptop at 200 % scale is 683x384 logical pixels) and
panels take their share, so every window asks for its preferred size and gets at most the
screen's available geometry minus its frame, placed fully on that area. What does not fit
scrolls: `scroll_contents` moves a window's layout into a frameless scroll area.

The available geometry can be passed in (tests, screenshots); by default it is that of the
screen under the mouse pointer, where the user is looking.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QVBoxLayout, QWidget

from posture_break.core.i18n import _

#: The frame assumed before a window has been shown (the window manager has not said yet):
#: a title bar and thin borders, as most desktops draw them.
GUESSED_FRAME = QMargins(4, 32, 4, 4)


def available_geometry(at: QPoint | None = None) -> QRect:
    """Return the free area (without panels) of the screen under `at` (default: the pointer)."""
    point = at if at is not None else QCursor.pos()
    screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(window: QWidget) -> QMargins:
    """Return the window manager's frame around `window`, or a guess before it is known."""
    frame, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    if window.windowFlags() & Qt.WindowType.FramelessWindowHint:
        return QMargins()
    if margins.isNull() and not window.isVisible():
        return GUESSED_FRAME
    return margins


def fitted_size(preferred: QSize, available: QRect, frame: QMargins) -> QSize:
    """Return `preferred`, shrunk to what fits in `available` with `frame` around it."""
    room = available.marginsRemoved(frame).size()
    return preferred.boundedTo(room)


def placed(size: QSize, available: QRect, frame: QMargins, centre: QPoint | None) -> QPoint:
    """Return the top-left of a window of `size` (frame around it) fully inside `available`.

    Centred on `centre` (default: the middle of `available`), then moved in as little as it
    takes; a window too big for the area keeps its top-left corner (title bar) on screen.
    """
    outer = QRect(QPoint(0, 0), size).marginsAdded(frame)
    outer.moveCenter(centre if centre is not None else available.center())
    left = min(outer.left(), available.right() + 1 - outer.width())
    top = min(outer.top(), available.bottom() + 1 - outer.height())
    left, top = max(left, available.left()), max(top, available.top())
    return QPoint(left + frame.left(), top + frame.top())


def fit_window(
    window: QWidget,
    preferred: QSize,
    *,
    available: QRect | None = None,
    centre: QPoint | None = None,
    scroll: QScrollArea | None = None,
) -> QRect:
    """Size `window` to `preferred` within the free screen area and place it fully on it.

    Args:
        window: A top-level window whose minimum size fits the smallest screens (a layout
            that scrolls, see `scroll_contents`).
        preferred: The size it would like (its inside, without the frame).
        available: The free area to fit in; default: that of the screen under the pointer.
        centre: Where to centre it; default: the middle of the area.
        scroll: The window's scroll area (`scroll_contents`): when the height is cut, the
            window widens by a scroll bar, so the page keeps its width beside it.

    Returns:
        The window's inside geometry as set.
    """
    area = available if available is not None else available_geometry(centre)
    frame = frame_margins(window)
    size = fitted_size(preferred, area, frame)
    if scroll is not None and size.height() < preferred.height():
        bar = scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, scroll)
        size = fitted_size(QSize(size.width() + bar, size.height()), area, frame)
    size = size.expandedTo(window.minimumSize())
    window.resize(size)
    window.move(placed(window.size(), area, frame, centre) - _origin_offset(window, frame))
    return QRect(window.pos() + _origin_offset(window, frame), window.size())


def _origin_offset(window: QWidget, frame: QMargins) -> QPoint:
    # `move` places the frame's corner for a top-level window: the inside starts `frame` in.
    return QPoint(frame.left(), frame.top()) if window.isWindow() else QPoint(0, 0)


def name_scroll_area(area: QScrollArea, down: str, sideways: str) -> None:
    """Keep `area` off the Tab chain and name its scroll bars for screen readers.

    `down` and `sideways` are the (translated) names of the vertical and horizontal bars,
    whole phrases such as "Scroll the window" and "Scroll the window sideways".

    The area is only a viewport: as a Tab stop it would be an unnamed "filler" on the
    accessibility bus. Tab still scrolls a focused child into view (QScrollArea does that).
    """
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.verticalScrollBar().setAccessibleName(down)
    area.horizontalScrollBar().setAccessibleName(sideways)


def scroll_contents(window: QWidget) -> QScrollArea:
    """Move `window`'s layout into a frameless scroll area filling the window; return the area.

    The window then shrinks to any size: what does not fit scrolls, nothing is cut off.
    """
    inner = QWidget()
    inner.setObjectName("scrolledContents")
    layout = window.layout()
    if layout is not None:
        inner.setLayout(layout)  # takes the layout and its widgets off the window
    area = QScrollArea()
    area.setObjectName("windowScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(inner)
    # Translators: what a screen reader calls the window's scroll bars.
    name_scroll_area(area, _("Scroll the window"), _("Scroll the window sideways"))
    # The window's own background (its style sheet or palette) shows through.
    area.viewport().setAutoFillBackground(False)
    inner.setAutoFillBackground(False)
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return area
