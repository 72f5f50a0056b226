"""The app's open windows (review, settings, About, notices): kept alive while open.

A window handed to `WindowShelf.keep` is shown, deleted when it closes, and forgotten then; a
named one (review, settings) exists at most once, and asking for it again raises it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


class WindowShelf:
    """Keep the app's windows alive until they close, one of each named kind."""

    def __init__(self) -> None:
        """Start with no windows."""
        self._windows: list[QWidget] = []
        self._named: dict[str, QWidget] = {}

    def keep(self, window: QWidget, name: str | None = None) -> None:
        """Show `window` in front and keep it until it closes (`name`: at most one of its kind)."""
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._windows.append(window)
        if name is not None:
            self._named[name] = window
        window.destroyed.connect(lambda _=None, w=window, n=name: self._forget(w, n))
        window.show()
        window.raise_()
        window.activateWindow()

    def get(self, name: str) -> QWidget | None:
        """Return the open window called `name`, if any."""
        return self._named.get(name)

    def raise_open(self, name: str) -> bool:
        """Bring the window called `name` back in front; return False when none is open."""
        window = self._named.get(name)
        if window is None:
            return False
        window.showNormal()
        window.raise_()
        window.activateWindow()
        return True

    def close_all(self) -> None:
        """Close every window kept here."""
        for window in list(self._windows):
            window.close()

    def _forget(self, window: QWidget, name: str | None) -> None:
        if window in self._windows:
            self._windows.remove(window)
        if name is not None and self._named.get(name) is window:
            del self._named[name]
