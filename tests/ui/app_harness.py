"""Helpers for the app-level UI tests: the start time, a picker, building the app, a due prompt.

The fixtures built on them (`clock`, `paths`, `app`) are in tests/ui/conftest.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths
from posture_break.core.picker import Picker
from posture_break.core.record import Outcome, Trigger
from posture_break.core.settings import Settings
from posture_break.core.stretch import Stretch
from posture_break.ui.app import PostureBreakApp
from posture_break.ui.app_notices import Notice
from posture_break.ui.prompt import BreakPrompt
from posture_break.ui.prompt_choice import PromptMaker
from posture_break.ui.scheduling import BreakScheduler
from posture_break.ui.tray_host import TrayHostWatcher
from tests.ui.stretch_factory import make_stretch

ZONE = timezone(timedelta(hours=1))


START = datetime(2026, 11, 25, 10, 0, tzinfo=ZONE)  # a Wednesday, inside working hours


class FakePicker:
    def __init__(self) -> None:
        self.stretches = [
            make_stretch("seated-twist", per_side=False),
            make_stretch("thread-the-needle", per_side=False),
        ]

    def pick(self, recent: Sequence[str] = (), checkin: int | None = None) -> Stretch:
        return next((s for s in self.stretches if s.id not in recent), self.stretches[0])


def build(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
    notices: Sequence[Notice] = (),
    tray_look_timer: QTimer | None = None,
    *,
    settings: Settings | None = None,
    picker: Picker | None = None,
    preload_ms: int | None = None,
    prompts: PromptMaker | None = None,
    tray_host: TrayHostWatcher | None = None,
    start: bool = True,
) -> PostureBreakApp:
    """The app on the test's clock and history; `start=False` leaves starting to the test."""
    app = PostureBreakApp(
        clock=clock,
        paths=paths,
        settings=settings or Settings(),
        history=history,
        scheduler=scheduler,
        picker=picker or FakePicker(),
        notices=notices,
        tray_look_timer=tray_look_timer,
        preload_ms=preload_ms,
        prompts=prompts,
        tray_host=tray_host,
    )
    if start:
        app.start()
    if app.status_window is not None:
        qtbot.addWidget(app.status_window)
    return app


def outcomes(history: BreakHistory) -> list[tuple[str, Outcome, Trigger]]:
    return [(r.stretch, r.outcome, r.trigger) for r in history.records()]


def prompt_due(qtbot: QtBot, app: PostureBreakApp, clock: FakeClock) -> object:
    """Let the interval pass on the fake clock, have the scheduler look, return what it showed."""
    next_at = app.tray.status.next_at
    assert next_at is not None
    clock.advance(next_at - clock.now() + timedelta(seconds=1))
    with qtbot.waitSignal(app.prompt_shown, timeout=1000) as blocker:
        app._scheduler.poll()
    return blocker.args[0] if blocker.args else None


def prompt_now(qtbot: QtBot, app: PostureBreakApp, clock: FakeClock) -> BreakPrompt:
    """As `prompt_due`, where the prompt shown must be the panel."""
    prompt = prompt_due(qtbot, app, clock)
    assert isinstance(prompt, BreakPrompt)
    return prompt
