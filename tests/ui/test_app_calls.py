"""The app with a call detector: the held tooltip, `status`, the long-call offer, quiet times."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.settings import Settings
from posture_break.platform.call import CallAnswer
from posture_break.platform.disturb import NoDisturbSource
from posture_break.platform.idle import NoIdleSource
from posture_break.ui.app import PostureBreakApp
from posture_break.ui.prompt import BreakPrompt
from posture_break.ui.scheduling import BreakScheduler
from tests.ui.app_harness import START
from tests.ui.test_scheduling_calls import FakeCallDetector


@pytest.fixture
def detector() -> FakeCallDetector:
    return FakeCallDetector()


@pytest.fixture
def scheduler(clock: FakeClock, detector: FakeCallDetector) -> Iterator[BreakScheduler]:
    """The real scheduler asking the fake call detector; the app is conftest's `app`."""
    engine = BreakScheduler(
        clock, Settings(), NoIdleSource(), NoDisturbSource(), calls_for=lambda _: detector
    )
    yield engine
    engine.shutdown()


def look_after(app: PostureBreakApp, clock: FakeClock, minutes: float) -> None:
    """Let time pass a minute at a time, the scheduler looking each minute as its jobs would."""
    for _ in range(round(minutes)):
        clock.advance(timedelta(minutes=1))
        app._scheduler.poll()


def prompt_when_the_call_ends(
    qtbot: QtBot, app: PostureBreakApp, clock: FakeClock, detector: FakeCallDetector
) -> Any:
    """End the call and let a minute pass; the prompt the app shows then."""
    detector.answer = CallAnswer.NO
    with qtbot.waitSignal(app.prompt_shown, timeout=1000) as blocker:
        look_after(app, clock, 1)
    return blocker.args[0]


def test_a_long_call_is_held_in_words_then_offered_with_its_own_text(
    qtbot: QtBot,
    app: PostureBreakApp,
    clock: FakeClock,
    detector: FakeCallDetector,
) -> None:
    detector.answer = CallAnswer.YES
    look_after(app, clock, 46)
    assert app.prompt is None
    assert app.tray.text == "Held: you are on a call"
    assert app.status() == {
        "state": "held",
        "next_prompt": None,
        "held_because": ["call"],
        "paused_until": None,
    }
    look_after(app, clock, 24)
    prompt = prompt_when_the_call_ends(qtbot, app, clock, detector)
    assert isinstance(prompt, BreakPrompt)
    assert prompt.message.text().startswith("Long call — stretch? — ")
    assert app.status()["state"] == "due"


def test_a_short_call_ends_with_the_usual_prompt(
    qtbot: QtBot,
    app: PostureBreakApp,
    clock: FakeClock,
    detector: FakeCallDetector,
) -> None:
    detector.answer = CallAnswer.YES
    look_after(app, clock, 50)
    prompt = prompt_when_the_call_ends(qtbot, app, clock, detector)
    assert prompt.message.text().startswith("Time for a posture snack — ")


def test_the_quiet_command_holds_prompts_until_its_end(
    app: PostureBreakApp,
    clock: FakeClock,
) -> None:
    app.handle_command("quiet", "10:30-11:15")
    assert app.status()["next_prompt"] == (START + timedelta(hours=1, minutes=15)).isoformat()
    look_after(app, clock, 50)
    assert app.prompt is None
    assert app.tray.text == "Held: it is a quiet time until 11:15"
    assert app.status()["held_because"] == ["quiet-time"]
