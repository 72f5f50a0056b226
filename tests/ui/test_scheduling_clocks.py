"""The schedule across suspend, wall-clock steps, DST and time-zone changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from posture_break.core.settings import ScheduleSettings, Settings, Weekday
from posture_break.ui.scheduling import ScheduleState
from tests.ui.schedule_rig import ALL_DAYS_NIGHT, BERLIN, HEARTBEAT, WED_10, Rig, make_rig, state_of


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
