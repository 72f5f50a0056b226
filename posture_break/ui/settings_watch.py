"""Follow the settings file while the app runs: a hand edit applies at once.

`QFileSystemWatcher` watches the file (edits in place) and its folder (editors that write a new
file and rename it over the old one, which leaves a file watch pointing at nothing; a file
created later). After any change the file's path is added again, and the file is read once
things settle (`SETTLE_MS`: an editor's save is several events). Only a result that differs
from the last one is announced, so the app's own Save never echoes back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from posture_break.core.settings import Settings
from posture_break.core.settings_file import SettingsLoad, load_settings

SETTLE_MS = 250


class SettingsWatcher(QObject):
    """Announce each new reading of the settings file.

    Signals:
        changed: The file now reads differently; carries its `SettingsLoad` (values and warnings).
    """

    changed = Signal(object)

    def __init__(self, path: Path, current: SettingsLoad, parent: QObject | None = None) -> None:
        """Watch `path`; `current` is what the app already uses (not announced again)."""
        super().__init__(parent)
        self._path = path
        self._last = current
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_watcher_changed)
        self._watcher.directoryChanged.connect(self._on_watcher_changed)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(SETTLE_MS)
        self._settle_timer.timeout.connect(self._on_settle_timer_timeout)
        self.rewatch()

    @property
    def path(self) -> Path:
        """Return the settings file watched."""
        return self._path

    def watched(self) -> list[str]:
        """Return the paths being watched (the file and its folder, when they exist)."""
        return [*self._watcher.files(), *self._watcher.directories()]

    def rewatch(self) -> None:
        """Watch the file and its folder again where they exist (a replaced file is a new one)."""
        watched = set(self.watched())
        for path in (self._path, self._path.parent):
            if str(path) not in watched and path.exists():
                self._watcher.addPath(str(path))

    def note_saved(self, settings: Settings) -> None:
        """Take `settings` as the file's content: the app saved them itself."""
        self._last = SettingsLoad(settings)
        self.rewatch()

    def read_now(self) -> SettingsLoad:
        """Read the file now; announce it with `changed` if it differs; return the reading."""
        self.rewatch()
        loaded = load_settings(self._path)
        if loaded != self._last:
            self._last = loaded
            self.changed.emit(loaded)
        return loaded

    def _on_watcher_changed(self, _path: str) -> None:
        self.rewatch()
        self._settle_timer.start()

    def _on_settle_timer_timeout(self) -> None:
        self.read_now()
