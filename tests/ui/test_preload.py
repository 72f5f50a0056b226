"""The catalogue is loaded ahead, a few seconds after start-up; the windows' code when needed.

The first `posture-break stretch` of a fresh instance should open as fast as later ones, and an
app at rest in the tray should hold no window's code (docs/performance.md).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

import posture_break.core.picker
import posture_break.ui.composition
from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths
from posture_break.core.picker import LazyPicker
from posture_break.core.settings import Settings
from posture_break.ui.composition import PRELOAD_MS, build_app
from posture_break.ui.scheduling import BreakScheduler
from posture_break.ui.stretch_window import StretchWindow
from tests.ui.app_harness import build


@pytest.fixture
def paths() -> AppPaths:
    found = AppPaths.for_user()  # in the temporary home tests/conftest.py sets up
    # The first-run safety note is a modal dialog; these tests are past their first run.
    found.data_dir.mkdir(parents=True, exist_ok=True)
    (found.data_dir / "safety-note-shown").touch()
    return found


def loaded(picker: LazyPicker) -> bool:
    return picker.loaded


def test_the_catalogue_is_loaded_ahead_of_the_first_stretch(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
) -> None:
    picker = LazyPicker(Settings().stretches)
    app = build(qtbot, clock, paths, history, scheduler, picker=picker, preload_ms=0, start=False)
    try:
        assert not loaded(picker)
        with qtbot.waitSignal(app.preloaded, timeout=5000):
            app.start()
        assert loaded(picker)
        # The first stretch comes from the catalogue loaded ahead.
        with qtbot.waitSignal(app.stretch_opened, timeout=2000):
            app.stretch_now()
        window = app.stretch_window
        assert isinstance(window, StretchWindow)
        window.close()
    finally:
        app.quit()


def test_the_tray_app_at_rest_imports_no_window_and_no_qtsvg() -> None:
    # A fresh interpreter: this test process has imported every window already.
    windows = (
        "stretch_window",
        "review",
        "settings_dialog",
        "status_window",
        "safety_dialog",
        "where_dialog",
    )
    probe = (
        "import sys; import posture_break.ui.launch, posture_break.ui.composition; "
        "from PySide6.QtGui import QGuiApplication; app = QGuiApplication([]); "
        "from posture_break.ui.tray_icon import IconState, TrayIcons; "
        "icons = [TrayIcons().icon(state) for state in IconState]; "
        f"print(sorted(m for m in sys.modules if m.endswith({windows!r}) or m == 'PySide6.QtSvg'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    assert out == "[]"


def test_a_broken_catalogue_loaded_ahead_is_reported_at_the_first_stretch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(path: object = None) -> object:
        raise ValueError("stretches.toml: stretch 'x', field 'hold_s': must be 0-300 seconds")

    monkeypatch.setattr(posture_break.core.picker, "load_catalogue", broken)
    picker = LazyPicker(Settings().stretches)
    picker.preload()  # quietly: nobody asked for a stretch yet
    assert not loaded(picker)
    with pytest.raises(ValueError, match="field 'hold_s'"):
        picker.pick()


def test_the_real_app_loads_the_stretch_window_ahead(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, paths: AppPaths
) -> None:
    # Late enough not to slow the icon or the first command, early enough for a first stretch.
    assert 1000 <= PRELOAD_MS <= 10_000
    monkeypatch.setattr(posture_break.ui.composition, "PRELOAD_MS", 0)
    app = build_app(paths)
    try:
        if app.status_window is not None:
            qtbot.addWidget(app.status_window)
        with qtbot.waitSignal(app.preloaded, timeout=5000):
            app.start()
    finally:
        app.quit()
        app.history.close()
