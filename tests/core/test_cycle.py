"""The break rhythm as pure rules: every time is an argument."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from posture_break.core.cycle import (
    BreakCycle,
    ClockChange,
    ClockReading,
    CycleRules,
    clock_change,
)
from posture_break.core.quiet import QuietTimes, quiet_today
from posture_break.core.settings import ScheduleSettings, Weekday

BERLIN = ZoneInfo("Europe/Berlin")
RULES = CycleRules(schedule=ScheduleSettings(), snooze_seconds=600, away_seconds=300)
WED_10 = datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)  # a Wednesday, inside 09:00-17:30
MONO = 5000.0


def at(hours: float = 0, minutes: float = 0) -> tuple[datetime, float]:
    """Return (wall, mono) some time after Wednesday 10:00 with no clock trouble."""
    delta = timedelta(hours=hours, minutes=minutes)
    return WED_10 + delta, MONO + delta.total_seconds()


def fresh() -> BreakCycle:
    return BreakCycle.started(RULES, MONO)


def test_first_prompt_is_one_interval_after_start() -> None:
    assert fresh().next_prompt_at(*at()) == WED_10 + timedelta(minutes=45)


def test_prompt_is_in_the_zone_of_now() -> None:
    prompt = fresh().next_prompt_at(*at())
    assert prompt is not None
    assert prompt.tzinfo is BERLIN


def test_break_taken_restarts_the_interval() -> None:
    cycle = fresh().break_taken(*at(minutes=50))
    assert cycle.next_prompt_at(*at(minutes=50)) == WED_10 + timedelta(minutes=95)
    assert cycle.last_break == WED_10 + timedelta(minutes=50)


def test_snooze_puts_the_prompt_off_by_the_snooze_time() -> None:
    cycle = fresh().snoozed(at(minutes=45)[1])
    assert cycle.next_prompt_at(*at(minutes=45)) == WED_10 + timedelta(minutes=55)


def test_skip_next_drops_one_prompt_and_restarts_from_it() -> None:
    cycle = fresh().skipped_next()
    assert cycle.next_prompt_at(*at()) == WED_10 + timedelta(minutes=90)
    settled = cycle.settled(*at(minutes=46))
    assert not settled.skip_next
    assert settled.next_prompt_at(*at(minutes=46)) == WED_10 + timedelta(minutes=90)


def test_skip_next_is_not_used_up_during_an_indefinite_pause() -> None:
    cycle = fresh().skipped_next().paused(*at(minutes=10), until=None)
    settled = cycle.settled(*at(minutes=60))
    assert settled.skip_next
    resumed = settled.resumed(at(minutes=60)[1])
    # The overdue prompt is the one skipped: the next comes one interval after it.
    assert resumed.next_prompt_at(*at(minutes=60)) == WED_10 + timedelta(minutes=62 + 45)


def test_an_overdue_prompt_is_due_now_not_in_the_past() -> None:
    assert fresh().next_prompt_at(*at(minutes=70)) == WED_10 + timedelta(minutes=70)


def test_wall_clock_set_back_does_not_delay_the_prompt() -> None:
    wall, mono = at(minutes=10)
    stepped = wall - timedelta(hours=1)
    prompt = fresh().next_prompt_at(stepped, mono)
    assert prompt == stepped + timedelta(minutes=35)


def test_wall_clock_set_forward_gives_one_due_time_not_a_burst() -> None:
    wall, mono = at(minutes=10)
    stepped = wall + timedelta(hours=3)  # 13:10, still in the window
    # Still 35 minutes of the interval to go: the step neither hastens nor delays it.
    assert fresh().next_prompt_at(stepped, mono) == stepped + timedelta(minutes=35)


def test_outside_working_hours_the_interval_restarts_at_the_window_start() -> None:
    evening = WED_10.replace(hour=17, minute=0)
    cycle = BreakCycle.started(RULES, MONO)
    assert cycle.next_prompt_at(evening, MONO) == datetime(2026, 11, 26, 9, 45, tzinfo=BERLIN)


def test_interval_begun_before_the_window_restarts_at_its_start() -> None:
    early = WED_10.replace(hour=8, minute=50)
    cycle = BreakCycle.started(RULES, MONO)
    # At 09:30 (inside the window) the interval counts from 09:00, not from 08:50.
    later = MONO + 40 * 60
    assert cycle.next_prompt_at(early + timedelta(minutes=40), later) == WED_10.replace(
        hour=9, minute=45
    )
    settled = cycle.settled(early + timedelta(minutes=40), later)
    assert settled.anchor_mono == MONO + 10 * 60


def test_weekend_moves_to_monday() -> None:
    friday_5pm = datetime(2026, 11, 27, 17, 0, tzinfo=BERLIN)
    cycle = BreakCycle.started(RULES, MONO)
    assert cycle.next_prompt_at(friday_5pm, MONO) == datetime(2026, 11, 30, 9, 45, tzinfo=BERLIN)


def test_pause_indefinitely_has_no_next_prompt_and_resume_gives_grace() -> None:
    cycle = fresh().paused(*at(minutes=5), until=None)
    assert cycle.next_prompt_at(*at(minutes=5)) is None
    assert cycle.is_paused(*at(hours=5))
    resumed = cycle.resumed(at(minutes=60)[1])
    # Overdue at 10:45, but no prompt in the first two minutes after resuming.
    assert resumed.next_prompt_at(*at(minutes=60)) == WED_10 + timedelta(minutes=62)


def test_timed_pause_ends_by_its_duration_even_if_the_clock_goes_back() -> None:
    wall, mono = at(minutes=40)
    cycle = fresh().paused(wall, mono, until=wall + timedelta(minutes=30))
    later_wall, later_mono = wall + timedelta(minutes=31), mono + 31 * 60
    assert not cycle.is_paused(later_wall, later_mono)
    assert not cycle.is_paused(later_wall - timedelta(hours=1), later_mono)
    assert cycle.is_paused(later_wall - timedelta(minutes=2), later_mono - 120)
    # The prompt, overdue since 10:45, comes two minutes after the pause ended at 11:10.
    assert cycle.next_prompt_at(wall, mono) == WED_10 + timedelta(minutes=72)


def test_pause_in_the_past_is_a_resume() -> None:
    wall, mono = at()
    assert not fresh().paused(wall, mono, until=wall - timedelta(minutes=1)).is_paused(wall, mono)


def test_settled_turns_an_ended_pause_into_grace_from_its_end() -> None:
    wall, mono = at(minutes=50)
    cycle = fresh().paused(wall, mono, until=wall + timedelta(minutes=30))
    settled = cycle.settled(wall + timedelta(minutes=31), mono + 31 * 60)
    assert settled.paused_until is None
    assert settled.grace_until_mono == pytest.approx(mono + 32 * 60)


def test_away_long_enough_is_a_natural_break() -> None:
    wall, mono = at(minutes=40)
    cycle = fresh().snoozed(mono).away_detected(wall, mono, idle_seconds=360)
    assert cycle.is_away
    assert cycle.snoozed_until_mono is None
    back_wall, back_mono = at(minutes=50)
    back = cycle.away_detected(back_wall, back_mono, 900).returned(back_mono + 30, 2.0)
    assert not back.is_away
    assert back.next_prompt_at(back_wall + timedelta(seconds=30), back_mono + 30) == (
        back_wall + timedelta(seconds=28, minutes=45)
    )


def test_short_idle_is_not_away() -> None:
    cycle = fresh()
    assert cycle.away_detected(*at(minutes=40), idle_seconds=200) is cycle


def test_long_sleep_restarts_the_interval_with_grace() -> None:
    wall, mono = at(minutes=40)
    cycle = fresh().resumed_from_sleep(wall + timedelta(hours=2), mono, slept_seconds=7200)
    assert cycle.next_prompt_at(wall + timedelta(hours=2), mono) == wall + timedelta(
        hours=2, minutes=45
    )


def test_short_sleep_keeps_the_interval_but_not_the_instant_of_resume() -> None:
    wall, mono = at(minutes=44)
    cycle = fresh().resumed_from_sleep(wall + timedelta(minutes=3), mono, slept_seconds=180)
    assert cycle.next_prompt_at(wall + timedelta(minutes=3), mono) == wall + timedelta(minutes=5)


def test_dst_spring_forward_keeps_elapsed_interval() -> None:
    zone = BERLIN
    rules = CycleRules(
        schedule=ScheduleSettings(
            work_days=tuple(Weekday),
            work_start=time(22, 0),
            work_end=time(6, 0),
        )
    )
    cycle = BreakCycle.started(rules, MONO)
    wall_1_30 = datetime(2026, 3, 29, 1, 30, tzinfo=zone)
    mono_later = MONO + 2 * 3600
    prompt = cycle.break_taken(wall_1_30, mono_later).next_prompt_at(wall_1_30, mono_later)
    # 01:30 CET + 45 min of elapsed time is 03:15 CEST (02:xx does not exist that night).
    assert prompt == datetime(2026, 3, 29, 3, 15, tzinfo=zone)


def test_windows_shorter_than_the_interval_mean_no_prompt() -> None:
    rules = CycleRules(schedule=ScheduleSettings(work_start=time(9, 0), work_end=time(9, 30)))
    assert BreakCycle.started(rules, MONO).next_prompt_at(WED_10, MONO) is None


def test_far_future_still_answers() -> None:
    far = datetime(2200, 1, 1, 12, 0, tzinfo=BERLIN)  # a Wednesday
    prompt = fresh().next_prompt_at(far, MONO + 60)
    assert prompt is not None
    assert prompt.year == 2200


def test_bad_values_are_named() -> None:
    with pytest.raises(ValueError, match="paused_until"):
        BreakCycle(rules=RULES, anchor_mono=0, paused_until=WED_10)
    with pytest.raises(ValueError, match="away_seconds"):
        CycleRules(schedule=ScheduleSettings(), away_seconds=-1)


def reading(wall: datetime, mono: float, boot: float) -> ClockReading:
    return ClockReading(wall=wall, mono=mono, boot=boot)


def test_clock_change_sees_sleep_steps_and_zones() -> None:
    before = reading(WED_10, 100.0, 100.0)
    assert clock_change(before, reading(WED_10 + timedelta(seconds=60), 160, 160)).is_quiet
    slept = clock_change(before, reading(WED_10 + timedelta(hours=2), 160, 7300))
    assert slept == ClockChange(slept_seconds=7140.0)
    back = clock_change(before, reading(WED_10 - timedelta(minutes=59), 160, 160))
    assert back.stepped_seconds == pytest.approx(-3600)
    moved = clock_change(
        before,
        reading((WED_10 + timedelta(seconds=60)).astimezone(ZoneInfo("Asia/Tokyo")), 160, 160),
    )
    assert moved == ClockChange(zone_changed=True)


def test_clock_change_without_boot_clock_reads_jumps_as_sleep() -> None:
    before = reading(WED_10, 100.0, 100.0)
    mac = clock_change(
        before, reading(WED_10 + timedelta(hours=2), 160, 160), boot_counts_sleep=False
    )
    assert mac.slept_seconds == pytest.approx(7140)
    windows = clock_change(
        before, reading(WED_10 + timedelta(hours=2), 7300, 7300), boot_counts_sleep=False
    )
    assert windows.slept_seconds == pytest.approx(7140)


# --- Quiet times. ---------------------------------------------------------------------------------


def quiet_cycle(*texts: str) -> BreakCycle:
    rules = CycleRules(schedule=ScheduleSettings(), away_seconds=300, quiet=QuietTimes.parse(texts))
    return BreakCycle.started(rules, MONO)


def test_a_prompt_due_in_a_quiet_time_comes_at_its_end() -> None:
    cycle = quiet_cycle("10:30-11:15")  # the 10:45 prompt falls inside
    assert cycle.next_prompt_at(*at()) == WED_10 + timedelta(hours=1, minutes=15)
    assert not cycle.is_held_by_quiet(*at(minutes=40))
    assert cycle.is_held_by_quiet(*at(minutes=50))
    assert not cycle.is_held_by_quiet(*at(hours=1, minutes=15))


def test_the_prompt_after_a_quiet_time_follows_the_usual_rules() -> None:
    cycle = quiet_cycle("10:30-11:15")
    wall, mono = at(hours=1, minutes=16)
    after = cycle.break_taken(wall, mono)
    assert after.next_prompt_at(wall, mono) == wall + timedelta(minutes=45)


def test_back_to_back_quiet_times_are_followed() -> None:
    cycle = quiet_cycle("10:30-11:00", "11:00-11:30")
    assert cycle.next_prompt_at(*at()) == WED_10 + timedelta(hours=1, minutes=30)


def test_a_quiet_time_past_the_window_end_moves_the_prompt_to_the_next_day() -> None:
    cycle = quiet_cycle("17:00-18:00")
    wall, mono = at(hours=7)  # 17:00, the interval ran from 10:00: overdue and quiet
    prompt = cycle.next_prompt_at(wall, mono)
    assert prompt == datetime(2026, 11, 26, 9, 45, tzinfo=BERLIN)


def test_a_one_off_quiet_time_is_kept_across_new_settings_and_dropped_when_past() -> None:
    wall, mono = at()
    period = quiet_today("10:40", "11:00", wall)
    cycle = fresh().quiet_added(period)
    assert cycle.next_prompt_at(wall, mono) == WED_10 + timedelta(hours=1)
    renewed = cycle.with_rules(RULES)
    assert renewed.rules.quiet.once == (period,)
    later = renewed.settled(*at(hours=2))
    assert later.rules.quiet.once == ()
