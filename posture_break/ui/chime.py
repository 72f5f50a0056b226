"""The gentle chime at the end of a stretch, with a silent fallback where there is no audio."""

from __future__ import annotations

import importlib
import logging
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl

from posture_break.core.resources import resource_dirs, resource_path

_log = logging.getLogger(__name__)

# Command-line players tried in order when QtMultimedia is missing: PipeWire, PulseAudio, ALSA.
PLAYERS = ("pw-play", "paplay", "aplay")
CHIME_FILE = "sounds/chime.wav"

Popen = Callable[..., Any]


def default_chime_path() -> Path:
    """Return the shipped `chime.wav`, inside an installed wheel or a source checkout."""
    try:
        return resource_path(CHIME_FILE)
    except FileNotFoundError:
        # `play()` then finds no file and stays silent; the missing file is logged there.
        return resource_dirs()[0] / CHIME_FILE


def import_multimedia() -> Any:
    """Import QtMultimedia, which ships only with the optional `sound` extra (PySide6-Addons)."""
    # Imported lazily, never at module import, so the app starts without the extra.
    return importlib.import_module("PySide6.QtMultimedia")


class Chime:
    """Play the end-of-stretch chime once per `play()`, and never raise.

    QtMultimedia's `QSoundEffect` is used when the optional `sound` extra (PySide6-Addons) is
    installed; otherwise the first of `pw-play`, `paplay`, `aplay` on the PATH plays the file in a
    detached process; otherwise nothing happens.
    """

    def __init__(
        self,
        wav: Path | None = None,
        *,
        search_path: str | None = None,
        popen: Popen = subprocess.Popen,
        use_qt_multimedia: bool = True,
    ) -> None:
        self._wav = wav if wav is not None else default_chime_path()
        self._search_path = search_path
        self._popen = popen
        self._use_qt = use_qt_multimedia
        self._effect: Any = None
        self._process: Any = None

    @property
    def wav(self) -> Path:
        """Return the sound file this chime plays."""
        return self._wav

    def player_command(self) -> Sequence[str] | None:
        """Return the command line a fallback player would run, or None without a player."""
        for name in PLAYERS:
            found = shutil.which(name, path=self._search_path)
            if found:
                return [found, str(self._wav)]
        return None

    def play(self) -> None:
        """Start the chime and return at once; a machine without audio stays silent."""
        try:
            if not self._wav.is_file():
                _log.info("chime: %s is missing; staying silent", self._wav)
                return
            if self._use_qt and self._play_with_qt():
                return
            self._play_with_player()
        except Exception:
            # A chime is a courtesy: no audio stack, a broken player or a full process table must
            # never stop the stretch from being recorded.
            _log.warning("chime: could not play %s", self._wav, exc_info=True)

    def _play_with_qt(self) -> bool:
        """Play through QSoundEffect when QtMultimedia is installed; False when it is not."""
        if self._effect is None:
            try:
                multimedia = import_multimedia()
            except ImportError:
                self._use_qt = False
                return False
            effect = multimedia.QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(self._wav)))
            effect.setVolume(0.6)
            self._effect = effect
        self._effect.play()
        return True

    def _play_with_player(self) -> None:
        """Play through the first command-line player found, detached, with no output."""
        command = self.player_command()
        if command is None:
            _log.info("chime: no audio player on PATH; staying silent")
            return
        if self._process is not None:
            self._process.poll()  # reap the previous chime so it never lingers as a zombie
        self._process = self._popen(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
        )
