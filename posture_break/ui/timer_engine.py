"""APScheduler's `QtScheduler` with one owned timer: the engine under `BreakScheduler`."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import Qt, QTimer

HEARTBEAT_SECONDS = 60.0
"""The longest the scheduler goes without looking at the clocks (and sampling idle time)."""


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
