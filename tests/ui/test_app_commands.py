"""Commands from other launches (`posture-break pause 1h`, `skip`, ...) and what the app answers."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.pause import PauseFor, PauseUntil, pause_end
from posture_break.core.settings import Settings
from posture_break.ui.app import PostureBreakApp
from posture_break.ui.scheduling import BreakScheduler
from tests.ui.app_harness import ZONE


def test_commands_from_other_launches_drive_the_app(
    qtbot: QtBot, app: PostureBreakApp, scheduler: BreakScheduler
) -> None:
    before = app.tray.status
    app.handle_command("ping", None)
    assert app.tray.status == before
    app.handle_command("pause", "tomorrow")
    assert app.tray.status.state.name == "PAUSED"
    assert app.tray.text == "Paused until Thu 09:00"
    app.handle_command("resume", None)
    assert app.tray.status.state.name == "COUNTING"
    with qtbot.waitSignal(app.stretch_opened, timeout=1000):
        app.handle_command("stretch", None)
    with qtbot.waitSignal(app.finished, timeout=1000):
        app.handle_command("quit", None)


def test_pause_resume_and_skip_say_what_happened(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, history: BreakHistory
) -> None:
    assert app.answer_command("pause", "30m") == "Paused until 10:30"
    assert app.answer_command("skip", None) == "Nothing to skip. Paused until 10:30"
    assert app.answer_command("resume", None).startswith("Resumed. Next stretch at ")
    assert app.answer_command("resume", None).startswith("Not paused. Next stretch at ")
    said = app.answer_command("skip", None)
    assert said.startswith("Skipped the next stretch. Next stretch at "), said
    assert history.records() == []


def test_skip_outside_working_hours_says_so_and_changes_nothing(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock
) -> None:
    clock.advance(timedelta(hours=9))  # 19:00 on Wednesday: the working window is closed
    app._scheduler.poll()
    before = app._scheduler.cycle
    said = app.answer_command("skip", None)
    assert said == "Nothing to skip. Outside working hours — next at Thu 09:45", said
    assert app._scheduler.cycle == before  # the next window's first prompt is not dropped


def test_pause_until_tomorrow_ends_when_the_next_working_day_starts() -> None:
    friday = datetime(2026, 11, 27, 16, 0, tzinfo=ZONE)
    end = pause_end(PauseUntil.TOMORROW, friday, Settings().schedule)
    assert end == datetime(2026, 11, 30, 9, 0, tzinfo=ZONE)  # Monday
    assert pause_end(PauseUntil.RESUMED, friday, Settings().schedule) is None
    assert pause_end(
        PauseFor(timedelta(hours=2)), friday, Settings().schedule
    ) == friday + timedelta(hours=2)
