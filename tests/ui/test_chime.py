"""The chime: the player fallback chain, and silence without errors where there is no audio."""

from __future__ import annotations

import stat
import subprocess
import wave
from pathlib import Path
from typing import Any

import pytest

from posture_break.ui import chime as chime_module
from posture_break.ui.chime import Chime, default_chime_path


class RecordingPopen:
    """Stands in for subprocess.Popen and remembers what it was asked to run."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], dict[str, Any]]] = []

    def __call__(self, args: list[str], **kwargs: Any) -> RecordingPopen:
        self.calls.append((args, kwargs))
        return self

    def poll(self) -> int:
        return 0


def fake_bin(tmp_path: Path, *names: str) -> str:
    """Make a directory holding executables with these names; return it as a PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name in names:
        exe = bin_dir / name
        exe.write_text("#!/bin/sh\nexit 0\n")
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return str(bin_dir)


@pytest.fixture
def no_qt_multimedia(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave as a machine without the optional `sound` extra."""

    def refuse() -> Any:
        raise ImportError("No module named 'PySide6.QtMultimedia'")

    monkeypatch.setattr(chime_module, "import_multimedia", refuse)


def test_shipped_chime_is_a_short_soft_wav() -> None:
    path = default_chime_path()
    with wave.open(str(path), "rb") as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getnchannels() == 1
        assert wav.getsampwidth() == 2
    assert 1.0 <= seconds <= 3.0


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (("pw-play", "paplay", "aplay"), "pw-play"),
        (("paplay", "aplay"), "paplay"),
        (("aplay",), "aplay"),
    ],
)
def test_fallback_plays_with_first_player_on_path(
    tmp_path: Path, no_qt_multimedia: None, available: tuple[str, ...], expected: str
) -> None:
    popen = RecordingPopen()
    chime = Chime(search_path=fake_bin(tmp_path, *available), popen=popen)

    chime.play()

    assert len(popen.calls) == 1
    args, kwargs = popen.calls[0]
    assert Path(args[0]).name == expected
    assert args[1] == str(default_chime_path())
    # Detached and quiet: no shell, no output in the user's terminal.
    assert "shell" not in kwargs
    assert kwargs["stdout"] is subprocess.DEVNULL
    assert kwargs["stderr"] is subprocess.DEVNULL
    assert kwargs["start_new_session"] is True


def test_no_audio_machine_is_silent_without_errors(
    tmp_path: Path, no_qt_multimedia: None, caplog: pytest.LogCaptureFixture
) -> None:
    popen = RecordingPopen()
    chime = Chime(search_path=fake_bin(tmp_path), popen=popen)

    chime.play()
    chime.play()

    assert popen.calls == []
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def test_broken_player_never_raises(tmp_path: Path, no_qt_multimedia: None) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("Resource temporarily unavailable")

    chime = Chime(search_path=fake_bin(tmp_path, "aplay"), popen=broken)

    chime.play()  # the assertion is that this returns


def test_missing_sound_file_is_silent(tmp_path: Path, no_qt_multimedia: None) -> None:
    popen = RecordingPopen()
    chime = Chime(tmp_path / "gone.wav", search_path=fake_bin(tmp_path, "aplay"), popen=popen)

    chime.play()

    assert popen.calls == []


def test_real_player_process_runs_detached(tmp_path: Path, no_qt_multimedia: None) -> None:
    """A real (fake) `aplay` is started with the wav as its only argument."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "played.txt"
    script = bin_dir / "aplay"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{log}"\n')
    script.chmod(0o755)
    processes: list[subprocess.Popen[bytes]] = []

    def spawn(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        processes.append(subprocess.Popen(*args, **kwargs))
        return processes[-1]

    Chime(search_path=str(bin_dir), popen=spawn).play()

    assert processes[0].wait(timeout=10) == 0
    assert log.read_text() == str(default_chime_path())


def test_qt_multimedia_is_preferred_when_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    played: list[str] = []

    class FakeSoundEffect:
        def setSource(self, url: Any) -> None:
            self.source = url.toLocalFile()

        def setVolume(self, volume: float) -> None:
            pass

        def play(self) -> None:
            played.append(self.source)

    class FakeMultimedia:
        QSoundEffect = FakeSoundEffect

    monkeypatch.setattr(chime_module, "import_multimedia", lambda: FakeMultimedia)
    popen = RecordingPopen()
    chime = Chime(search_path=fake_bin(tmp_path, "aplay"), popen=popen)

    chime.play()
    chime.play()

    assert played == [str(default_chime_path())] * 2
    assert popen.calls == []
