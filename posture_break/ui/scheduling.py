"""When to offer a stretch: APScheduler jobs decide when to look, the clock what time it is.

`BreakScheduler` keeps the pure `BreakCycle` (core/cycle.py) and turns it into a few one-shot
APScheduler jobs: the next prompt, the end of a pause, the next working-window edge, and a
heartbeat about once a minute. Every job does the same thing: it asks for one `poll()` on the GUI
thread, which reads the clocks (sleep, wall-clock steps and zone changes show up as differences
between the wall, monotonic and boot-time clocks), samples idle time once, updates the cycle,
shows a prompt if one is due and plans the jobs again. A look at the wrong moment is therefore
harmless, and no job ever touches widgets or SQLite.

A due prompt waits while the user is on a call (asked only then: `CallSource`), in a quiet time,
while do-not-disturb is on or the user types (`core/hold.py`); `held_because` says which.

See docs/scheduling.md for the behaviour and its bounds.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.executors.debug import DebugExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import STATE_RUNNING, STATE_STOPPED
from apscheduler.triggers.date import DateTrigger
from PySide6.QtCore import QObject, Qt, Signal

from posture_break.core.clock import Clock
from posture_break.core.cycle import (
    BreakCycle,
    ClockChange,
    ClockReading,
    CycleRules,
    clock_change,
)
from posture_break.core.hold import HoldReason
from posture_break.core.plan import next_window_start, window_at
from posture_break.core.quiet import QuietPeriod, quiet_today
from posture_break.core.settings import CallSettings, Settings
from posture_break.core.status import AppState, AppStatus
from posture_break.platform.disturb import DisturbSource
from posture_break.platform.idle import IdleSource
from posture_break.ui.prompt_gate import CallSource, PromptGate
from posture_break.ui.timer_engine import HEARTBEAT_SECONDS, SingleTimerQtScheduler

__all__ = [
    "HEARTBEAT_SECONDS",
    "BreakScheduler",
    "CallSource",
    "ScheduleState",
    "SingleTimerQtScheduler",
]

_log = logging.getLogger(__name__)

# Within this of a prompt the call detector is built, so it is ready when the prompt falls due.
_WARM_UP = timedelta(seconds=2 * HEARTBEAT_SECONDS)

# Run dates closer than this to the planned one are not worth waking the engine for.
_SAME_RUN_SECONDS = 1.0


class ScheduleState(enum.Enum):
    """What the tray shows about the schedule."""

    COUNTING = "counting"  # counting down to the next prompt
    DUE = "due"  # a prompt is showing and waiting for an answer
    PAUSED = "paused"  # paused for a while or until resumed
    OFF_HOURS = "off_hours"  # outside working hours
    HELD = "held"  # a prompt is due but waits (a call, a quiet time, do-not-disturb, typing)


class BreakScheduler(QObject):
    """Decide when a stretch is offered, and say so on the GUI thread.

    Construct it with everything it needs, call `start()`, connect `break_due` to showing the
    prompt, and report the user's answer with `break_finished()`, `snooze()` or `skip_next()`.
    While a prompt is showing (state DUE) no other prompt comes: an ignored prompt never nags.

    Signals:
        break_due: A prompt should be shown now; emitted once per prompt, on the GUI thread.
            `is_long_call_offer` says whether it is the offer after a long call.
        break_withdrawn: The prompt showing is no longer wanted (the user was away long enough,
            the machine slept, or prompts were paused): close it and record it as abandoned.
        state_changed: `state` or `next_prompt_at` changed (for the tray icon and tooltip).
    """

    break_due = Signal()
    break_withdrawn = Signal()
    state_changed = Signal()
    _look_requested = Signal()

    def __init__(
        self,
        clock: Clock,
        settings: Settings,
        idle: IdleSource,
        disturb: DisturbSource,
        parent: QObject | None = None,
        *,
        calls_for: Callable[[CallSettings], CallSource] | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._settings = settings
        self._idle = idle
        self._disturb = disturb
        self._calls_for = calls_for  # builds the call detector for the [calls] settings
        self._gate = self._new_gate(settings)  # asked only when a prompt is due or waits
        self._is_quiet_hold = False
        self._is_long_call_offer = False  # for the prompt on show
        # Linux has CLOCK_BOOTTIME, which keeps counting in suspend; elsewhere sleep is inferred.
        self._boot_counts_sleep = sys.platform.startswith("linux")
        self._cycle = BreakCycle.started(CycleRules.from_settings(settings), clock.monotonic())
        self._reading: ClockReading | None = None
        self._due = False
        self._recheck_at: datetime | None = None
        self._look_queued = False
        self._stopped = False
        self._planned: dict[str, datetime] = {}
        self._shown: tuple[ScheduleState, datetime | None, tuple[HoldReason, ...]] | None = None
        # Jobs run in the GUI thread (DebugExecutor) in the middle of an engine pass; they only
        # queue a look, so the engine's job store is never changed from inside its own pass.
        self._look_requested.connect(self._on_look_requested, Qt.ConnectionType.QueuedConnection)
        # APScheduler logs two INFO lines per job run: one heartbeat a minute would fill the log.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._engine = SingleTimerQtScheduler(
            max_wait_seconds=HEARTBEAT_SECONDS,
            on_pass=self._on_engine_pass,
            timezone=UTC,
            executors={"default": DebugExecutor()},
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )

    # --- read-only state ---------------------------------------------------------------------

    @property
    def state(self) -> ScheduleState:
        """Return what the schedule is doing now."""
        return self._state(self._clock.now(), self._clock.monotonic())

    @property
    def next_prompt_at(self) -> datetime | None:
        """Return when the next prompt is due, in local time; `None` when due now or paused.

        While a prompt waits for a pause in typing or for do-not-disturb to end, this is the
        moment it fell due (in the past).
        """
        if self._due:
            return None
        return self._cycle.next_prompt_at(self._clock.now(), self._clock.monotonic())

    @property
    def held_because(self) -> tuple[HoldReason, ...]:
        """Return why the due prompt waits (empty when none waits)."""
        return (HoldReason.QUIET_TIME,) if self._is_quiet_hold else self._gate.held_because

    @property
    def is_long_call_offer(self) -> bool:
        """Return whether the prompt on show is the offer after a long call."""
        return self._is_long_call_offer

    def status(self) -> AppStatus:
        """Return what `posture-break status` reports."""
        now, mono = self._clock.now(), self._clock.monotonic()
        state = self._state(now, mono)
        next_prompt = None if self._due else self._cycle.next_prompt_at(now, mono)
        # Held for anything but a quiet time: nobody knows when it will be shown.
        if state is ScheduleState.HELD and not self._is_quiet_hold:
            next_prompt = None
        paused_until = None
        if state is ScheduleState.PAUSED:
            paused_until = self._cycle.pause_end(now, mono)
        return AppStatus(
            _APP_STATES[state],
            next_prompt,
            self.held_because if state is ScheduleState.HELD else (),
            paused_until,
        )

    @property
    def cycle(self) -> BreakCycle:
        """Return the pure state of the break rhythm (for diagnostics and tests)."""
        return self._cycle

    @property
    def engine(self) -> SingleTimerQtScheduler:
        """Return the APScheduler engine (for diagnostics and tests)."""
        return self._engine

    def planned_jobs(self) -> dict[str, datetime]:
        """Return the planned job run dates by job id (`prompt`, `heartbeat`, ...), in UTC."""
        return dict(self._planned)

    # --- commands ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the timer engine and plan the first prompt."""
        if self._engine.state == STATE_STOPPED:
            self._engine.start()
        self.poll()

    def shutdown(self) -> None:
        """Stop all timers; nothing is emitted afterwards, and commands do nothing."""
        self._stopped = True
        if self._engine.state != STATE_STOPPED:
            self._engine.shutdown(wait=False)
        self._planned.clear()

    def snooze(self) -> None:
        """Put the prompt off by the snooze time from the settings."""
        self._due = False
        self._is_long_call_offer = False
        self._clear_hold()
        self._cycle = self._cycle.snoozed(self._clock.monotonic())
        self.poll()

    def skip_next(self) -> None:
        """Drop the next prompt; the interval restarts when it would have come."""
        self._cycle = self._cycle.skipped_next()
        self.poll()

    def pause(self, until: datetime | None) -> None:
        """Pause prompts until `until` (aware local time), or until `resume()` when `None`."""
        now, mono = self._clock.now(), self._clock.monotonic()
        self._cycle = self._cycle.paused(now, mono, until)
        self._withdraw()
        self.poll()

    def add_quiet_time(self, period: QuietPeriod) -> None:
        """Add a one-off quiet time; a prompt on show inside it is withdrawn at the next look."""
        self._cycle = self._cycle.quiet_added(period)
        self.poll()

    def add_quiet_today(self, span: str) -> None:
        """Add the quiet time "HH:MM-HH:MM" today (`pause --from --until`)."""
        start, _, end = span.partition("-")
        try:
            period = quiet_today(start, end, self._clock.now())
        except ValueError as exc:  # checked when it was sent; its end may have passed since
            _log.warning("quiet time %s not added: %s", span, exc)
            return
        self.add_quiet_time(period)

    def resume(self) -> None:
        """End a pause; the next prompt comes no sooner than a short grace period from now."""
        if not self._cycle.is_paused(self._clock.now(), self._clock.monotonic()):
            return
        self._cycle = self._cycle.resumed(self._clock.monotonic())
        self.poll()

    def break_finished(self) -> None:
        """Restart the interval: a stretch was completed, skipped or abandoned; a prompt closed."""
        self._due = False
        self._is_long_call_offer = False
        self._clear_hold()
        self._cycle = self._cycle.break_taken(self._clock.now(), self._clock.monotonic())
        self.poll()

    def apply_settings(self, settings: Settings) -> None:
        """Follow new settings from now on, keeping the current interval and any pause."""
        if settings.calls != self._settings.calls:
            self._gate = self._new_gate(settings)
        self._settings = settings
        self._cycle = self._cycle.with_rules(CycleRules.from_settings(settings))
        self.poll()

    def poll(self) -> None:
        """Look at the clocks, idle time and do-not-disturb now, act, and plan the next look.

        Every job ends here; call it also when the OS says the machine has just resumed.
        """
        if self._stopped:
            return
        now, mono = self._clock.now(), self._clock.monotonic()
        reading = ClockReading(wall=now, mono=mono, boot=self._clock.boottime())
        change = ClockChange()
        if self._reading is not None:
            change = clock_change(
                self._reading,
                reading,
                boot_counts_sleep=self._boot_counts_sleep,
                expected_gap_seconds=HEARTBEAT_SECONDS,
            )
        self._reading = reading
        cycle = self._cycle
        if change.slept_seconds > 0:
            _log.info("slept for %.0f s", change.slept_seconds)
            cycle = cycle.resumed_from_sleep(now, mono, change.slept_seconds)
            self._clear_hold()
            if change.slept_seconds >= cycle.rules.away_seconds:
                self._withdraw()
        if change.stepped_seconds:
            _log.info("wall clock stepped by %+.0f s", change.stepped_seconds)
        if change.zone_changed:
            _log.info("time zone is now %s", now.tzname())
        # Outside working hours nobody is prompted and the interval restarts at the window start
        # anyway: no need to ask the desktop (each question may wake the display server).
        working = window_at(self._settings.schedule, now) is not None
        idle = self._idle_seconds() if working or self._due else None
        # On a call without touching the keyboard is not a rest: a prompt held for a call stays.
        if idle is not None and HoldReason.CALL not in self.held_because:
            if idle >= cycle.rules.away_seconds:
                cycle = cycle.away_detected(now, mono, idle)
                self._clear_hold()
                self._withdraw()
            elif cycle.is_away:
                cycle = cycle.returned(mono, idle)
        self._cycle = cycle.settled(now, mono)
        if self._due and self._cycle.rules.quiet.is_quiet(now):
            # A quiet time began while the prompt showed: it goes, and comes back at the end.
            self._withdraw()
        if not self._due:
            self._consider_prompt(now, mono, idle)
        self._replan(now, mono)
        self._announce(now, mono)

    # --- the look ----------------------------------------------------------------------------

    def _consider_prompt(self, now: datetime, mono: float, idle: float | None) -> None:
        cycle = self._cycle
        if cycle.is_away or cycle.is_paused(now, mono):
            self._clear_hold()
            return
        if cycle.is_held_by_quiet(now, mono):
            # The prompt job is planned at the quiet time's end (`next_prompt_at` moved it).
            self._clear_hold()
            self._is_quiet_hold = True
            return
        at = cycle.next_prompt_at(now, mono)
        if at is None or _utc(at) > _utc(now):
            self._clear_hold()
            return
        recheck = self._gate.wait_for(mono, idle, self._settings)
        if recheck is not None:
            self._recheck_at = _utc(now) + timedelta(seconds=recheck)
            return
        is_long_call_offer = self._gate.is_long_call_offer
        self._clear_hold()
        self._is_long_call_offer = is_long_call_offer
        self._due = True
        self.break_due.emit()

    def _new_gate(self, settings: Settings) -> PromptGate:
        calls_for = self._calls_for
        if calls_for is None:
            return PromptGate(self._disturb, None)
        return PromptGate(self._disturb, lambda: calls_for(settings.calls))

    def _replan(self, now: datetime, mono: float) -> None:
        # All arithmetic and comparison in UTC: datetimes sharing a ZoneInfo add and compare by
        # wall time, which is wrong across DST.
        now_utc = _utc(now)
        plans = {"heartbeat": now_utc + timedelta(seconds=HEARTBEAT_SECONDS)}
        cycle = self._cycle
        if not self._due:
            if self._recheck_at is not None:
                plans["prompt"] = self._recheck_at
            else:
                at = cycle.next_prompt_at(now, mono)
                if at is not None:
                    plans["prompt"] = max(_utc(at), now_utc)
        if "prompt" in plans and plans["prompt"] - now_utc <= _WARM_UP:
            # Loading the call detector (libpulse: 0.3 s, 6 MiB) waits until a prompt is near.
            self._gate.prepare()
        pause_end = cycle.pause_end(now, mono)
        if pause_end is not None:
            plans["pause_end"] = _utc(pause_end)
        schedule = self._settings.schedule
        window = window_at(schedule, now)
        edge = window.end if window is not None else next_window_start(schedule, now)
        if edge is not None:
            plans["window_edge"] = _utc(edge)
        for job_id in ("heartbeat", "prompt", "pause_end", "window_edge"):
            self._plan_job(job_id, plans.get(job_id))

    def _plan_job(self, job_id: str, when: datetime | None) -> None:
        planned = self._planned.get(job_id)
        if when is None:
            if planned is not None:
                del self._planned[job_id]
                # It may have fired already, and APScheduler removed it then.
                with contextlib.suppress(JobLookupError):
                    self._engine.remove_job(job_id)
            return
        run_date = _utc(when)
        if planned is not None and abs((planned - run_date).total_seconds()) < _SAME_RUN_SECONDS:
            return
        self._planned[job_id] = run_date
        self._engine.add_job(
            self._on_job_fired,
            trigger=DateTrigger(run_date=run_date, timezone=UTC),
            args=(job_id,),
            id=job_id,
            replace_existing=True,
        )

    def _on_job_fired(self, job_id: str) -> None:
        # Runs inside the engine's pass (DebugExecutor, GUI thread): only note it and queue a look.
        self._planned.pop(job_id, None)
        self._request_look()

    def _on_engine_pass(self) -> None:
        # Jobs are planned on the wall clock; if it stepped (or we slept) they may be far off,
        # so look now and plan them again.
        if self._reading is None:
            return
        reading = ClockReading(
            wall=self._clock.now(), mono=self._clock.monotonic(), boot=self._clock.boottime()
        )
        change = clock_change(
            self._reading,
            reading,
            boot_counts_sleep=self._boot_counts_sleep,
            expected_gap_seconds=HEARTBEAT_SECONDS,
        )
        if not change.is_quiet:
            self._request_look()

    def _request_look(self) -> None:
        if not self._look_queued:
            self._look_queued = True
            self._look_requested.emit()

    def _on_look_requested(self) -> None:
        self._look_queued = False
        if self._engine.state == STATE_RUNNING:
            self.poll()

    # --- helpers -----------------------------------------------------------------------------

    def _state(self, now: datetime, mono: float) -> ScheduleState:
        if self._due:
            return ScheduleState.DUE
        if self._cycle.is_paused(now, mono):
            return ScheduleState.PAUSED
        if window_at(self._settings.schedule, now) is None:
            return ScheduleState.OFF_HOURS
        if self.held_because:
            return ScheduleState.HELD
        return ScheduleState.COUNTING

    def _announce(self, now: datetime, mono: float) -> None:
        at = None if self._due else self._cycle.next_prompt_at(now, mono)
        shown = (self._state(now, mono), at, self.held_because)
        if self._shown is not None and shown[0] is self._shown[0] and shown[2] == self._shown[2]:
            before = self._shown[1]
            # The wall and monotonic clocks drift apart by NTP slewing; that is no change.
            if at is None or before is None:
                if at is before:
                    return
            elif abs((_utc(at) - _utc(before)).total_seconds()) < _SAME_RUN_SECONDS:
                return
        self._shown = shown
        self.state_changed.emit()

    def _withdraw(self) -> None:
        if self._due:
            self._due = False
            self._is_long_call_offer = False
            self.break_withdrawn.emit()

    def _clear_hold(self) -> None:
        self._gate.reset()
        self._recheck_at = None
        self._is_quiet_hold = False

    def _idle_seconds(self) -> float | None:
        try:
            return self._idle.idle_seconds()
        except Exception:  # a backend must never stop the schedule
            _log.exception("idle source failed")
            return None


_APP_STATES = {
    ScheduleState.COUNTING: AppState.COUNTING,
    ScheduleState.DUE: AppState.DUE,
    ScheduleState.HELD: AppState.HELD,
    ScheduleState.PAUSED: AppState.PAUSED,
    ScheduleState.OFF_HOURS: AppState.OFF_HOURS,
}


def _utc(when: datetime) -> datetime:
    return when.astimezone(UTC)
