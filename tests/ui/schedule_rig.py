"""The schedule tests' rig: the real BreakScheduler on a FakeClock, with fake idle and DND sources.

`Rig.run_for` plays the timer engine: it moves the fake clock to the next planned job (or at most
one heartbeat of monotonic time, the engine's cap) and calls `poll()`, which is all any job does.
Every case checks what a user would notice: how many prompts came, and when.

The fixtures `rig` and `night_rig` built on it are in tests/ui/conftest.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.settings import ScheduleSettings, Settings, Weekday
from posture_break.ui.scheduling import HEARTBEAT_SECONDS, BreakScheduler, CallSource, ScheduleState

BERLIN = ZoneInfo("Europe/Berlin")


WED_10 = datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)  # a Wednesday, inside 09:00-17:30


HEARTBEAT = timedelta(seconds=HEARTBEAT_SECONDS)


ALL_DAYS_NIGHT = ScheduleSettings(work_days=tuple(Weekday), work_start=time(22), work_end=time(6))


class FakeIdle:
    """Idle time as a test sets it: a fixed value, or growing since the user walked away."""

    def __init__(self, clock: FakeClock) -> None:
        self._clock = clock
        self.fixed: float | None = 20.0  # reading, not typing, not away
        self._left_at: float | None = None
        self.samples = 0

    def idle_seconds(self) -> float | None:
        self.samples += 1
        if self._left_at is not None:
            return self._clock.monotonic() - self._left_at
        return self.fixed

    def walk_away(self) -> None:
        self._left_at = self._clock.monotonic()

    def come_back(self) -> None:
        self._left_at = None
        self.fixed = 20.0


@dataclass
class FakeDisturb:
    dnd: bool | None = None
    fullscreen: bool | None = None
    questions: int = 0

    def is_do_not_disturb(self) -> bool | None:
        self.questions += 1
        return self.dnd

    def is_fullscreen_active(self) -> bool | None:
        self.questions += 1
        return self.fullscreen


@dataclass
class Rig:
    clock: FakeClock
    idle: FakeIdle
    disturb: FakeDisturb
    scheduler: BreakScheduler
    prompts: list[datetime] = field(default_factory=list)
    prompt_monos: list[float] = field(default_factory=list)
    withdrawn: int = 0
    auto_answer: bool = False  # the user finishes each stretch the moment it is offered

    def run_for(self, duration: timedelta) -> None:
        """Let `duration` of awake time pass, looking when the engine would."""
        end = self.clock.monotonic() + duration.total_seconds()
        for _ in range(100_000):
            planned = self.scheduler.planned_jobs().values()
            wait = min((when - self.clock.now()).total_seconds() for when in planned)
            wait = min(max(wait, 0.0), HEARTBEAT_SECONDS)
            if self.clock.monotonic() + wait > end:
                self.clock.advance(end - self.clock.monotonic())
                return
            self.clock.advance(wait)
            self.scheduler.poll()
            if self.auto_answer and state_of(self) is ScheduleState.DUE:
                self.scheduler.break_finished()
        raise AssertionError("the schedule kept looking without time passing")

    def step_wall(self, delta: timedelta) -> None:
        """Step the wall clock only (a manual change or an NTP step)."""
        self.clock.set_wall(self.clock.now().astimezone(UTC) + delta)


def state_of(rig: Rig) -> ScheduleState:
    """Return the state through a call, so that mypy does not narrow it across commands."""
    return rig.scheduler.state


def fake_clock(start: datetime) -> FakeClock:
    """Return a FakeClock in the zone of `start` that adds elapsed time, not wall time.

    FakeClock adds timedeltas to the datetime it was given; with a ZoneInfo that is wall-time
    arithmetic, which is wrong across DST. Handing it UTC and setting the zone avoids that.
    """
    assert start.tzinfo is not None
    clock = FakeClock(start.astimezone(UTC))
    clock.set_zone(start.tzinfo)
    return clock


def make_rig(
    qtbot: QtBot,
    start: datetime,
    settings: Settings | None = None,
    calls: CallSource | None = None,
) -> Rig:
    calls_for = None if calls is None else (lambda _chosen: calls)
    clock = fake_clock(start)
    idle = FakeIdle(clock)
    disturb = FakeDisturb()
    scheduler = BreakScheduler(clock, settings or Settings(), idle, disturb, calls_for=calls_for)
    rig = Rig(clock, idle, disturb, scheduler)

    def on_due() -> None:
        rig.prompts.append(clock.now())
        rig.prompt_monos.append(clock.monotonic())

    scheduler.break_due.connect(on_due)

    def on_withdrawn() -> None:
        rig.withdrawn += 1

    scheduler.break_withdrawn.connect(on_withdrawn)
    scheduler.start()
    # The engine compares run dates with the real clock, to which these fake dates are long past;
    # hold it so that only run_for decides when to look.
    scheduler.engine.pause()
    return rig
