"""What the app says in words: settings warnings, a broken catalogue, the safety note first."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths
from posture_break.core.stretch import Stretch
from posture_break.ui import safety_dialog, where_dialog
from posture_break.ui.app_notices import Notice
from posture_break.ui.scheduling import BreakScheduler
from tests.ui.app_harness import build


@pytest.fixture
def order(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What was asked, in order: "note" (confirmed, "I understand"), "where" (no answer)."""
    asked: list[str] = []

    def confirmed(cls: object, parent: object = None) -> bool:
        asked.append("note")
        return True  # the user clicked "I understand"

    def no_answer(_dialog: object) -> int:
        asked.append("where")
        return 0  # rejected: no answer, which means desk only, no kit

    monkeypatch.setattr(safety_dialog.SafetyDialog, "show_note", classmethod(confirmed))
    monkeypatch.setattr(where_dialog.WhereDialog, "exec", no_answer)
    return asked


def test_settings_warnings_are_shown_in_words_once(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
) -> None:
    notice = Notice("posture-break: some settings were not used", "interval_minutes = 0 ...")
    app = build(qtbot, clock, paths, history, scheduler, notices=[notice])
    try:

        def boxes() -> list[QMessageBox]:
            return [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ]

        qtbot.waitUntil(lambda: len(boxes()) == 1, timeout=1000)
        assert boxes()[0].text() == "interval_minutes = 0 ..."
        assert boxes()[0].windowModality() == Qt.WindowModality.NonModal
    finally:
        app.quit()


def test_the_first_run_shows_the_safety_note_once(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
    order: list[str],
) -> None:
    (paths.data_dir / "safety-note-shown").unlink()
    app = build(qtbot, clock, paths, history, scheduler)
    try:
        qtbot.waitUntil(lambda: order.count("note") == 1, timeout=1000)
        # where will you stretch? (no answer: desk only, no kit)
        assert order.count("where") == 1
        assert (paths.data_dir / "safety-note-shown").exists()
        app.tray.actions.safety.trigger()  # and always from the menu
        assert order.count("note") == 2
    finally:
        app.quit()


def test_every_path_to_a_stretch_shows_the_safety_note_first(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
    order: list[str],
) -> None:
    app = build(qtbot, clock, paths, history, scheduler)
    (paths.data_dir / "safety-note-shown").unlink()  # as if the start-up note had not run
    app.stretch_opened.connect(lambda _window: order.append("stretch"))
    try:
        app.handle_command("stretch", None)  # `posture-break stretch` to the running app
        assert order == ["note", "where", "stretch"]
    finally:
        app.quit()


class BrokenPicker:
    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        raise ValueError("stretches.toml: stretch 'x', field 'hold_s': must be 0-300 seconds")


def test_a_broken_catalogue_is_said_in_words_not_crashed_on(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
) -> None:
    app = build(qtbot, clock, paths, history, scheduler, picker=BrokenPicker())
    try:
        app.tray.actions.stretch_now.trigger()
        assert app.stretch_window is None
        qtbot.waitUntil(
            lambda: any(
                isinstance(w, QMessageBox) and "field 'hold_s'" in w.text()
                for w in QApplication.topLevelWidgets()
            ),
            timeout=1000,
        )
    finally:
        app.quit()
