"""The schedule through the real BreakScheduler, driven by a FakeClock.

`Rig.run_for` plays the timer engine: it moves the fake clock to the next planned job (or at most
one heartbeat of monotonic time, the engine's cap) and calls `poll()`, which is all any job does.
Every case checks what a user would notice: how many prompts came, and when.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from apscheduler.triggers.date import DateTrigger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QThread, QTimer
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.hold import HoldReason
from posture_break.core.settings import DisturbSettings, ScheduleSettings, Settings, Weekday
from posture_break.ui.scheduling import (
    HEARTBEAT_SECONDS,
    BreakScheduler,
    CallSource,
    ScheduleState,
    SingleTimerQtScheduler,
)

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


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    made = make_rig(qtbot, WED_10)
    yield made
    made.scheduler.shutdown()


@pytest.fixture
def night_rig(qtbot: QtBot) -> Iterator[list[Rig]]:
    made: list[Rig] = []
    yield made
    for each in made:
        each.scheduler.shutdown()


def test_first_prompt_comes_one_interval_after_start(rig: Rig) -> None:
    assert state_of(rig) is ScheduleState.COUNTING
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(minutes=45)
    rig.run_for(timedelta(minutes=44))
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=2))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]
    assert state_of(rig) is ScheduleState.DUE
    assert rig.scheduler.next_prompt_at is None


def test_the_prompt_job_is_planned_for_the_next_prompt(rig: Rig) -> None:
    jobs = rig.scheduler.planned_jobs()
    assert jobs["prompt"] == (WED_10 + timedelta(minutes=45)).astimezone(UTC)
    assert jobs["heartbeat"] - rig.clock.now() <= HEARTBEAT
    assert jobs["window_edge"] == WED_10.replace(hour=17, minute=30).astimezone(UTC)


def test_an_ignored_prompt_does_not_nag(rig: Rig) -> None:
    rig.run_for(timedelta(hours=3))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]
    assert state_of(rig) is ScheduleState.DUE
    assert "prompt" not in rig.scheduler.planned_jobs()


def test_break_finished_restarts_the_interval(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=47))
    rig.scheduler.break_finished()
    assert state_of(rig) is ScheduleState.COUNTING
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(minutes=47 + 45)
    rig.run_for(timedelta(minutes=46))
    assert len(rig.prompts) == 2


def test_suspend_two_hours_restarts_the_interval_without_a_prompt_at_resume(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    rig.clock.suspend(timedelta(hours=2))
    resumed_at = rig.clock.now()
    rig.scheduler.poll()  # the first look after resume: every job is overdue on the wall clock
    assert rig.prompts == []
    assert rig.withdrawn == 0
    assert rig.scheduler.next_prompt_at == resumed_at + timedelta(minutes=45)
    rig.run_for(timedelta(hours=1))
    assert rig.prompts == [resumed_at + timedelta(minutes=45)]


def test_suspend_while_prompt_shows_withdraws_it(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=46))
    rig.clock.suspend(timedelta(hours=2))
    rig.scheduler.poll()
    assert rig.withdrawn == 1
    assert state_of(rig) is ScheduleState.COUNTING
    rig.run_for(timedelta(minutes=50))
    assert len(rig.prompts) == 2


def test_short_suspend_at_the_due_time_waits_out_the_grace(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=44))
    rig.clock.suspend(timedelta(minutes=3))
    resumed_at = rig.clock.now()
    rig.scheduler.poll()
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=5))
    assert rig.prompts == [resumed_at + timedelta(minutes=2)]


def test_wall_clock_forward_three_hours_gives_no_burst_and_no_delay(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    rig.step_wall(timedelta(hours=3))
    stepped_at = rig.clock.now()
    rig.scheduler.poll()  # every job looks overdue to the engine now
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=60))
    # Fifteen minutes of the interval were left; they still are, however far the clock moved.
    assert rig.prompts == [stepped_at + timedelta(minutes=15)]


def test_wall_clock_back_one_hour_does_not_delay_the_prompt(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    rig.step_wall(-timedelta(hours=1))
    stepped_at = rig.clock.now()
    # No poll here: the engine's jobs now lie an hour ahead; only its capped wait brings a look.
    rig.run_for(timedelta(minutes=20))
    assert rig.prompts == [stepped_at + timedelta(minutes=15)]


def test_wall_clock_back_is_noticed_within_one_heartbeat(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    rig.step_wall(-timedelta(hours=1))
    rig.run_for(HEARTBEAT)
    assert rig.scheduler.planned_jobs()["prompt"] == (
        rig.clock.now() + timedelta(minutes=14)
    ).astimezone(UTC)


def test_dst_spring_forward_keeps_the_interval_elapsed(qtbot: QtBot, night_rig: list[Rig]) -> None:
    settings = Settings(schedule=ALL_DAYS_NIGHT)
    start = datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)  # CET; at 02:00 the clocks skip to 03:00
    night_rig.append(rig := make_rig(qtbot, start, settings))
    rig.run_for(timedelta(minutes=50))
    assert rig.prompts == [datetime(2026, 3, 29, 3, 15, tzinfo=BERLIN)]
    # Same tzinfo subtracts wall times; in UTC it is the elapsed 45 minutes.
    assert rig.prompts[0].astimezone(UTC) - start.astimezone(UTC) == timedelta(minutes=45)


def test_dst_fall_back_keeps_the_interval_elapsed(qtbot: QtBot, night_rig: list[Rig]) -> None:
    settings = Settings(schedule=ALL_DAYS_NIGHT)
    start = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # CEST; at 03:00 back to 02:00 CET
    night_rig.append(rig := make_rig(qtbot, start, settings))
    rig.run_for(timedelta(minutes=50))
    assert len(rig.prompts) == 1
    assert rig.prompts[0].astimezone(UTC) == datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    assert rig.prompts[0].utcoffset() == timedelta(hours=1)  # the second 02:15, in CET


def test_dst_weekend_next_window_is_in_summer_time(qtbot: QtBot, night_rig: list[Rig]) -> None:
    friday = datetime(2026, 3, 27, 17, 0, tzinfo=BERLIN)
    night_rig.append(rig := make_rig(qtbot, friday))
    monday = datetime(2026, 3, 30, 9, 45, tzinfo=BERLIN)
    assert rig.scheduler.next_prompt_at == monday
    rig.run_for(timedelta(minutes=40))
    assert state_of(rig) is ScheduleState.OFF_HOURS
    assert rig.scheduler.planned_jobs()["prompt"] == monday.astimezone(UTC)


def test_time_zone_change_while_running_keeps_the_instant(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    rig.clock.set_zone(ZoneInfo("Europe/London"))  # 09:30 there: still working hours
    rig.scheduler.poll()
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=20))
    assert len(rig.prompts) == 1
    assert rig.prompts[0] == WED_10 + timedelta(minutes=45)
    assert rig.prompts[0].tzinfo == ZoneInfo("Europe/London")


def test_time_zone_change_into_the_night_waits_for_the_new_window(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    new_york = ZoneInfo("America/New_York")
    rig.clock.set_zone(new_york)  # 04:30 there
    rig.scheduler.poll()
    assert state_of(rig) is ScheduleState.OFF_HOURS
    assert rig.scheduler.next_prompt_at == datetime(2026, 11, 25, 9, 45, tzinfo=new_york)
    assert rig.prompts == []


def test_far_future_jump_neither_hangs_nor_bursts(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    rig.clock.set_wall(datetime(2200, 1, 1, 11, 0, tzinfo=UTC))  # a Wednesday
    rig.scheduler.poll()
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=20))
    assert rig.prompts == [datetime(2200, 1, 1, 12, 15, tzinfo=BERLIN)]


def test_typing_delays_the_prompt_until_a_pause(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=44, seconds=30))
    rig.idle.fixed = 0.5
    rig.run_for(timedelta(seconds=60))
    assert rig.prompts == []
    assert state_of(rig) is ScheduleState.HELD
    assert rig.scheduler.held_because == (HoldReason.TYPING,)
    rig.idle.fixed = 4.0  # a pause in typing
    paused_at = rig.clock.now()
    rig.run_for(timedelta(seconds=10))
    assert len(rig.prompts) == 1
    assert rig.prompts[0] - paused_at <= timedelta(seconds=5)


def test_do_not_disturb_is_asked_at_most_once_a_minute_during_the_typing_wait(rig: Rig) -> None:
    rig.idle.fixed = 0.5
    rig.run_for(timedelta(minutes=44, seconds=59))
    assert rig.disturb.questions == 0  # nobody asks before a prompt is due
    rig.run_for(timedelta(minutes=3))
    assert len(rig.prompts) == 1
    assert rig.disturb.questions <= 2 * 3  # two questions per look, one look a minute


def test_typing_wait_is_bounded(rig: Rig) -> None:
    rig.idle.fixed = 0.5  # typing without a pause
    rig.run_for(timedelta(minutes=55))
    due = WED_10 + timedelta(minutes=45)
    assert len(rig.prompts) == 1
    assert due + timedelta(minutes=2) <= rig.prompts[0] <= due + timedelta(minutes=2, seconds=5)


def test_do_not_disturb_holds_the_prompt_but_not_for_ever(rig: Rig) -> None:
    rig.disturb.dnd = True
    rig.run_for(timedelta(hours=2))
    due = WED_10 + timedelta(minutes=45)
    assert rig.prompts == [due + timedelta(minutes=60)]


def test_do_not_disturb_ending_lets_the_prompt_out_within_a_minute(rig: Rig) -> None:
    rig.disturb.fullscreen = True
    rig.run_for(timedelta(minutes=60))
    assert rig.prompts == []
    rig.disturb.fullscreen = False
    ended = rig.clock.now()
    rig.run_for(timedelta(minutes=5))
    assert len(rig.prompts) == 1
    assert rig.prompts[0] - ended <= HEARTBEAT


def test_fullscreen_ignored_when_the_setting_is_off(qtbot: QtBot, night_rig: list[Rig]) -> None:
    settings = Settings(disturb=DisturbSettings(hold_while_fullscreen=False))
    night_rig.append(rig := make_rig(qtbot, WED_10, settings))
    rig.disturb.fullscreen = True
    rig.run_for(timedelta(minutes=46))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]


def test_away_is_a_natural_break(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=20))
    rig.idle.walk_away()
    rig.run_for(timedelta(minutes=40))  # the prompt would have come at 10:45
    assert rig.prompts == []
    rig.idle.come_back()
    back = rig.clock.now()
    rig.run_for(timedelta(minutes=50))
    assert len(rig.prompts) == 1
    assert abs(rig.prompts[0] - (back + timedelta(minutes=45))) <= HEARTBEAT


def test_away_while_the_prompt_shows_withdraws_it(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=46))
    rig.idle.walk_away()
    rig.run_for(timedelta(minutes=10))
    assert rig.withdrawn == 1
    assert state_of(rig) is ScheduleState.COUNTING


def test_unknown_idle_time_behaves_as_without_idle_detection(rig: Rig) -> None:
    rig.idle.fixed = None
    rig.run_for(timedelta(minutes=46))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]


def test_outside_working_hours_the_next_prompt_is_window_start_plus_interval(
    qtbot: QtBot, night_rig: list[Rig]
) -> None:
    evening = WED_10.replace(hour=17, minute=0)
    night_rig.append(rig := make_rig(qtbot, evening))
    thursday = datetime(2026, 11, 26, 9, 45, tzinfo=BERLIN)
    assert rig.scheduler.next_prompt_at == thursday
    rig.run_for(timedelta(minutes=31))
    assert state_of(rig) is ScheduleState.OFF_HOURS
    samples = rig.idle.samples
    rig.run_for(timedelta(hours=15))  # until 08:30
    assert rig.idle.samples == samples  # nobody to prompt: the desktop is not asked
    rig.run_for(timedelta(hours=2))
    assert rig.prompts == [thursday]


def test_pause_thirty_minutes(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=30))
    rig.scheduler.pause(rig.clock.now() + timedelta(minutes=30))
    assert state_of(rig) is ScheduleState.PAUSED
    rig.run_for(timedelta(minutes=30, seconds=30))
    assert state_of(rig) is ScheduleState.COUNTING
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=5))
    # Overdue since 10:45; the pause ended at 11:00 and the grace period at 11:02.
    assert rig.prompts == [WED_10 + timedelta(minutes=62)]


def test_pause_until_tomorrow(rig: Rig) -> None:
    tomorrow = datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)
    rig.scheduler.pause(tomorrow)
    rig.run_for(timedelta(hours=23))
    assert rig.prompts == []
    rig.run_for(timedelta(minutes=50))
    assert rig.prompts == [tomorrow + timedelta(minutes=45)]


def test_pause_until_resumed(rig: Rig) -> None:
    rig.scheduler.pause(None)
    assert rig.scheduler.next_prompt_at is None
    assert "prompt" not in rig.scheduler.planned_jobs()
    rig.run_for(timedelta(hours=3))
    assert rig.prompts == []
    assert state_of(rig) is ScheduleState.PAUSED
    rig.scheduler.resume()
    resumed = rig.clock.now()
    assert state_of(rig) is ScheduleState.COUNTING
    rig.run_for(timedelta(minutes=5))
    assert rig.prompts == [resumed + timedelta(minutes=2)]


def test_resume_without_a_pause_changes_nothing(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=44))
    rig.scheduler.resume()
    rig.run_for(timedelta(minutes=2))
    assert rig.prompts == [WED_10 + timedelta(minutes=45)]


def test_pause_while_the_prompt_shows_withdraws_it(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=46))
    rig.scheduler.pause(None)
    assert rig.withdrawn == 1
    assert state_of(rig) is ScheduleState.PAUSED


def test_snooze(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=45))
    assert len(rig.prompts) == 1
    rig.scheduler.snooze()
    snoozed = rig.clock.now()
    assert state_of(rig) is ScheduleState.COUNTING
    assert rig.scheduler.next_prompt_at == snoozed + timedelta(minutes=10)
    rig.run_for(timedelta(minutes=11))
    assert rig.prompts[1:] == [snoozed + timedelta(minutes=10)]


def test_skip_next(rig: Rig) -> None:
    rig.run_for(timedelta(minutes=10))
    rig.scheduler.skip_next()
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(minutes=90)
    rig.run_for(timedelta(minutes=85))
    assert rig.prompts == [WED_10 + timedelta(minutes=90)]


def test_apply_settings_takes_a_new_interval(rig: Rig) -> None:
    rig.scheduler.apply_settings(
        Settings(schedule=replace(ScheduleSettings(), interval_minutes=20))
    )
    assert rig.scheduler.next_prompt_at == WED_10 + timedelta(minutes=20)


def test_nothing_is_emitted_after_shutdown(rig: Rig, qtbot: QtBot) -> None:
    rig.scheduler.shutdown()
    rig.clock.advance(timedelta(minutes=50))
    with qtbot.assertNotEmitted(rig.scheduler.break_due):
        rig.scheduler.poll()
        rig.scheduler.snooze()
    assert rig.scheduler.planned_jobs() == {}


def test_state_changed_is_emitted_for_the_tray(rig: Rig, qtbot: QtBot) -> None:
    with qtbot.waitSignal(rig.scheduler.state_changed, timeout=1000):
        rig.scheduler.pause(None)
    with qtbot.assertNotEmitted(rig.scheduler.state_changed):
        rig.scheduler.poll()


def test_a_real_engine_pass_reaches_the_gui_thread(qtbot: QtBot) -> None:
    # The fake clock stands in the year 2000, so to the engine (on the real clock) the planned
    # prompt is long overdue and fires on the first pass.
    clock = fake_clock(datetime(2000, 1, 5, 10, 0, tzinfo=BERLIN))
    scheduler = BreakScheduler(clock, Settings(), FakeIdle(clock), FakeDisturb())
    threads: list[QThread] = []
    scheduler.break_due.connect(lambda: threads.append(QThread.currentThread()))
    scheduler.start()
    clock.advance(timedelta(minutes=45))
    try:
        with qtbot.waitSignal(scheduler.break_due, timeout=5000):
            pass
    finally:
        scheduler.shutdown()
    app = QCoreApplication.instance()
    assert app is not None
    assert threads == [app.thread()]


def test_an_engine_pass_after_a_wall_clock_step_replans(qtbot: QtBot) -> None:
    # Year 2100: ahead of the real clock, so the engine itself never finds a job due.
    clock = fake_clock(datetime(2100, 1, 6, 10, 0, tzinfo=BERLIN))  # a Wednesday
    scheduler = BreakScheduler(clock, Settings(), FakeIdle(clock), FakeDisturb())
    scheduler.start()
    try:
        clock.advance(timedelta(minutes=30))
        clock.set_wall(clock.now().astimezone(UTC) - timedelta(hours=1))
        expected = (clock.now() + timedelta(minutes=15)).astimezone(UTC)
        scheduler.engine.wakeup()  # the capped wait ran out: a pass with no job due
        qtbot.waitUntil(lambda: scheduler.planned_jobs().get("prompt") == expected, timeout=5000)
    finally:
        scheduler.shutdown()


def test_the_engine_looks_at_least_every_max_wait(qtbot: QtBot) -> None:
    passes: list[int] = []
    engine = SingleTimerQtScheduler(
        max_wait_seconds=0.05,
        on_pass=lambda: passes.append(1),
        timezone=UTC,
        executors={"default": DebugExecutor()},
    )
    engine.start()
    try:
        engine.add_job(_noop, DateTrigger(run_date=FAR), id="far")
        qtbot.waitUntil(lambda: len(passes) >= 3, timeout=5000)
    finally:
        engine.shutdown(wait=False)


# --- any mix of sleep, clock steps and zone changes -----------------------------------------

ALL_DAY = ScheduleSettings(work_days=tuple(Weekday), work_start=time(0, 0), work_end=time(23, 59))
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "UTC")
events = st.lists(
    st.tuples(
        st.sampled_from(("suspend", "step", "zone")),
        st.integers(min_value=-240, max_value=240),  # minutes (suspend uses the size)
        st.integers(min_value=0, max_value=60),  # awake minutes after the event
        st.sampled_from(ZONES),
    ),
    max_size=4,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=events, start_minute=st.integers(min_value=0, max_value=7 * 24 * 60))
def test_no_burst_and_no_stall_whatever_the_clocks_do(
    qtbot: QtBot, events: list[tuple[str, int, int, str]], start_minute: int
) -> None:
    start = datetime(2026, 3, 23, tzinfo=BERLIN) + timedelta(minutes=start_minute)  # DST week
    rig = make_rig(qtbot, start, Settings(schedule=ALL_DAY))
    rig.auto_answer = True
    interval = 45 * 60
    try:
        for kind, minutes, awake, zone in events:
            if kind == "suspend":
                rig.clock.suspend(timedelta(minutes=abs(minutes)))
            elif kind == "step":
                rig.step_wall(timedelta(minutes=minutes))
            else:
                rig.clock.set_zone(ZoneInfo(zone))
            event_mono, seen = rig.clock.monotonic(), len(rig.prompts)
            rig.scheduler.poll()
            if kind == "suspend" and abs(minutes) > 0:
                assert len(rig.prompts) == seen, "a prompt at the instant of resume"
            rig.run_for(timedelta(minutes=awake))
            assert all(m >= event_mono for m in rig.prompt_monos[seen:])
        last_event = rig.clock.monotonic()
        # However the clocks moved, a present user is offered a stretch within one interval, the
        # grace period and a heartbeat, plus one more interval when the prompt would fall in the
        # minute between 23:59 and 00:00 (outside working hours: window start + interval).
        rig.run_for(timedelta(minutes=45 + 2 + 1 + 45 + 1))
        assert any(m > last_event for m in rig.prompt_monos), "the schedule stalled"
        # Never a burst: each prompt was answered at once, so prompts are an interval apart.
        gaps = [b - a for a, b in zip(rig.prompt_monos, rig.prompt_monos[1:], strict=False)]
        assert all(gap >= interval - 1 for gap in gaps), gaps
    finally:
        rig.scheduler.shutdown()


# --- WORKAROUND regression: scheduler passes must not grow with reschedules -------------------

FAR = datetime(2100, 1, 1, tzinfo=UTC)  # never due during a test on the real clock


class CountingStockQtScheduler(QtScheduler):  # type: ignore[misc]
    passes = 0

    def _process_jobs(self) -> None:
        self.passes += 1
        super()._process_jobs()


def _passes_after(qtbot: QtBot, engine: QtScheduler, reschedules: int) -> int:
    engine.start()
    for i in range(reschedules):
        engine.add_job(
            _noop, DateTrigger(run_date=FAR + timedelta(minutes=i)), id="job", replace_existing=True
        )
    settled: list[bool] = []
    # Every pass the reschedules asked for is a zero-length timeout, due before this one.
    QTimer.singleShot(50, lambda: settled.append(True))
    qtbot.waitUntil(lambda: bool(settled), timeout=5000)
    passes = int(engine.passes)
    engine.shutdown(wait=False)
    return passes


def _noop() -> None:
    pass


@pytest.mark.parametrize("reschedules", [1, 10, 100])
def test_owned_timer_runs_one_pass_however_often_jobs_change(
    qtbot: QtBot, reschedules: int
) -> None:
    engine = SingleTimerQtScheduler(timezone=UTC, executors={"default": DebugExecutor()})
    assert _passes_after(qtbot, engine, reschedules) == 1


def test_stock_qtscheduler_still_leaks_a_timer_per_reschedule(qtbot: QtBot) -> None:
    # Documents why SingleTimerQtScheduler exists; if this fails, APScheduler fixed the defect
    # and the WORKAROUND in posture_break/ui/scheduling.py can go.
    engine = CountingStockQtScheduler(timezone=UTC, executors={"default": DebugExecutor()})
    assert _passes_after(qtbot, engine, 100) >= 100


def test_break_scheduler_commands_do_not_pile_up_passes(qtbot: QtBot) -> None:
    clock = fake_clock(datetime(2100, 1, 6, 10, 0, tzinfo=BERLIN))  # far ahead of the real clock
    scheduler = BreakScheduler(clock, Settings(), FakeIdle(clock), FakeDisturb())
    scheduler.start()
    try:
        for _ in range(100):
            clock.advance(30)
            scheduler.snooze()
        settled: list[bool] = []
        QTimer.singleShot(50, lambda: settled.append(True))
        qtbot.waitUntil(lambda: bool(settled), timeout=5000)
        assert scheduler.engine.passes == 1
    finally:
        scheduler.shutdown()
