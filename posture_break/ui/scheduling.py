"""When to offer a stretch: APScheduler jobs decide when to look, the clock what time it is.

`BreakScheduler` keeps the pure `BreakCycle` (core/cycle.py) and turns it into a few one-shot
APScheduler jobs: the next prompt, the end of a pause, the next working-window edge, and a
heartbeat about once a minute. Every job does the same thing: it asks for one `poll()` on the GUI
thread, which reads the clocks (sleep, wall-clock steps and zone changes show up as differences
between the wall, monotonic and boot-time clocks), samples idle time once, updates the cycle,
shows a prompt if one is due and plans the jobs again. A look at the wrong moment is therefore
harmless, and no job ever touches widgets or SQLite.

See docs/scheduling.md for the behaviour and its bounds.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import math
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.executors.debug import DebugExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import STATE_RUNNING, STATE_STOPPED
from apscheduler.schedulers.qt import QtScheduler
from apscheduler.triggers.date import DateTrigger
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from posture_break.core.clock import Clock
from posture_break.core.cycle import (
    BreakCycle,
    ClockChange,
    ClockReading,
    CycleRules,
    clock_change,
)
from posture_break.core.hold import DISTURB_RECHECK_SECONDS, Hold, HoldLimits
from posture_break.core.plan import next_window_start, window_at
from posture_break.core.settings import Settings
from posture_break.platform.disturb import DisturbSource
from posture_break.platform.idle import IdleSource

_log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 60.0
"""The longest the scheduler goes without looking at the clocks (and sampling idle time)."""

# Run dates closer than this to the planned one are not worth waking the engine for.
_SAME_RUN_SECONDS = 1.0


class ScheduleState(enum.Enum):
    """What the tray shows about the schedule."""

    COUNTING = "counting"  # counting down to the next prompt
    DUE = "due"  # a prompt is showing and waiting for an answer
    PAUSED = "paused"  # paused for a while or until resumed
    OFF_HOURS = "off_hours"  # outside working hours


class SingleTimerQtScheduler(QtScheduler):  # type: ignore[misc]  # APScheduler is untyped
    """APScheduler's `QtScheduler` with one owned, restartable `QTimer`.

    WORKAROUND: APScheduler 3.11.x: `QtScheduler._start_timer` keeps the return value of
    `QTimer.singleShot`, which is `None` under PySide6, so `_stop_timer` can never cancel a pending
    timeout and every `wakeup()` (each added, modified or removed job) leaves one more timer chain
    running, each calling `_process_jobs` and starting another. Here one single-shot `QTimer` is
    restarted instead, so there is exactly one pending pass however often jobs change.

    Besides, the wait is capped at `max_wait_seconds`: APScheduler measures waits on the wall clock,
    so after the wall clock is set back an hour its next pass would come an hour late; with the cap
    `on_pass` is called at least that often and can notice the step.

    Attributes:
        passes: How many times `_process_jobs` ran (for the regression test and diagnostics).
    """

    def __init__(
        self,
        *,
        max_wait_seconds: float = HEARTBEAT_SECONDS,
        on_pass: Callable[[], None] | None = None,
        **options: Any,
    ) -> None:
        self._pass_timer = QTimer()
        self._pass_timer.setSingleShot(True)
        # Precise: a coarse timer may fire up to 5 % early, which only buys an empty pass.
        self._pass_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._pass_timer.timeout.connect(self._process_jobs)
        self._max_wait_ms = max(1, math.ceil(max_wait_seconds * 1000))
        self._on_pass = on_pass
        self.passes = 0
        super().__init__(**options)

    def _start_timer(self, wait_seconds: float | None) -> None:
        if wait_seconds is None:
            self._pass_timer.stop()
            return
        wait_ms = min(math.ceil(max(wait_seconds, 0.0) * 1000), self._max_wait_ms)
        self._pass_timer.start(wait_ms)  # restarting replaces the pending timeout

    def _stop_timer(self) -> None:
        self._pass_timer.stop()

    def wakeup(self) -> None:
        """Run a pass as soon as the event loop is free (once, however often it is asked)."""
        self._start_timer(0)

    def _process_jobs(self) -> None:
        self.passes += 1
        if self._on_pass is not None:
            self._on_pass()
        # Calling BaseScheduler's pass directly: QtScheduler's would start a timer chain of its own.
        wait_seconds = super(QtScheduler, self)._process_jobs()
        if self.state != STATE_STOPPED:
            self._start_timer(wait_seconds)


class BreakScheduler(QObject):
    """Decide when a stretch is offered, and say so on the GUI thread.

    Construct it with everything it needs, call `start()`, connect `break_due` to showing the
    prompt, and report the user's answer with `break_finished()`, `snooze()` or `skip_next()`.
    While a prompt is showing (state DUE) no other prompt comes: an ignored prompt never nags.

    Signals:
        break_due: A prompt should be shown now; emitted once per prompt, on the GUI thread.
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
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._settings = settings
        self._idle = idle
        self._disturb = disturb
        # Linux has CLOCK_BOOTTIME, which keeps counting in suspend; elsewhere sleep is inferred.
        self._boot_counts_sleep = sys.platform.startswith("linux")
        self._cycle = BreakCycle.started(CycleRules.from_settings(settings), clock.monotonic())
        self._reading: ClockReading | None = None
        self._due = False
        self._hold = Hold()  # how long a due prompt has waited for typing or do-not-disturb
        self._recheck_at: datetime | None = None
        self._disturbed: tuple[float, bool] | None = None  # (asked at mono, answer)
        self._look_queued = False
        self._stopped = False
        self._planned: dict[str, datetime] = {}
        self._shown: tuple[ScheduleState, datetime | None] | None = None
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

    def resume(self) -> None:
        """End a pause; the next prompt comes no sooner than a short grace period from now."""
        if not self._cycle.is_paused(self._clock.now(), self._clock.monotonic()):
            return
        self._cycle = self._cycle.resumed(self._clock.monotonic())
        self.poll()

    def break_finished(self) -> None:
        """Restart the interval: a stretch was completed, skipped or abandoned; a prompt closed."""
        self._due = False
        self._clear_hold()
        self._cycle = self._cycle.break_taken(self._clock.now(), self._clock.monotonic())
        self.poll()

    def apply_settings(self, settings: Settings) -> None:
        """Follow new settings from now on, keeping the current interval and any pause."""
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
        if idle is not None:
            if idle >= cycle.rules.away_seconds:
                cycle = cycle.away_detected(now, mono, idle)
                self._clear_hold()
                self._withdraw()
            elif cycle.is_away:
                cycle = cycle.returned(mono, idle)
        self._cycle = cycle.settled(now, mono)
        if not self._due:
            self._consider_prompt(now, mono, idle)
        self._replan(now, mono)
        self._announce(now, mono)

    # --- the look ----------------------------------------------------------------------------

    def _consider_prompt(self, now: datetime, mono: float, idle: float | None) -> None:
        cycle = self._cycle
        at = cycle.next_prompt_at(now, mono)
        if at is None or _utc(at) > _utc(now) or cycle.is_away or cycle.is_paused(now, mono):
            self._clear_hold()
            return
        recheck = self._hold_for(mono, idle)
        if recheck is not None:
            self._recheck_at = _utc(now) + timedelta(seconds=recheck)
            return
        self._clear_hold()
        self._due = True
        self.break_due.emit()

    def _hold_for(self, mono: float, idle: float | None) -> float | None:
        """Return seconds until the next look if the due prompt should wait, else `None`."""
        self._hold, recheck = self._hold.decide(
            mono,
            is_disturbed=self._is_disturbed(mono),
            idle_s=idle,
            limits=HoldLimits.from_settings(self._settings),
        )
        return recheck

    def _is_disturbed(self, mono: float) -> bool:
        """Ask do-not-disturb and fullscreen, at most once a minute (they may run commands)."""
        if self._disturbed is not None and mono - self._disturbed[0] < DISTURB_RECHECK_SECONDS:
            return self._disturbed[1]
        settings = self._settings.disturb
        disturbed = False
        if settings.hold_while_do_not_disturb:
            disturbed = self._ask(self._disturb.is_do_not_disturb) is True
        if not disturbed and settings.hold_while_fullscreen:
            disturbed = self._ask(self._disturb.is_fullscreen_active) is True
        self._disturbed = (mono, disturbed)
        return disturbed

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
        return ScheduleState.COUNTING

    def _announce(self, now: datetime, mono: float) -> None:
        at = None if self._due else self._cycle.next_prompt_at(now, mono)
        shown = (self._state(now, mono), at)
        if self._shown is not None and shown[0] is self._shown[0]:
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
            self.break_withdrawn.emit()

    def _clear_hold(self) -> None:
        self._hold = Hold()
        self._recheck_at = None
        self._disturbed = None

    def _idle_seconds(self) -> float | None:
        try:
            return self._idle.idle_seconds()
        except Exception:  # a backend must never stop the schedule
            _log.exception("idle source failed")
            return None

    def _ask(self, question: Callable[[], bool | None]) -> bool | None:
        try:
            return question()
        except Exception:  # a backend must never stop the schedule
            _log.exception("do-not-disturb source failed")
            return None


def _utc(when: datetime) -> datetime:
    return when.astimezone(UTC)
