"""Retry the outbox on a timer, only while something waits in it, and speak up only at the end.

The timer runs only while the outbox holds changes (an idle app has no wake-up for it). Each try
that fails waits twice as long as the last, up to `RETRY_MAX_MS`. The user hears of it only
when a change has waited for `TELL_AFTER` (the history stays busy, read-only or full): once, with
the reason, and with where the changes are kept, since nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer

from posture_break.core.clock import Clock
from posture_break.core.history import HistoryError
from posture_break.core.i18n import _, ngettext
from posture_break.core.outbox import OutboxHistory

RETRY_FIRST_MS = 2_000
RETRY_MAX_MS = 120_000
TELL_AFTER = timedelta(hours=1)


class OutboxRetry(QObject):
    """Drain `history`'s outbox now and, while anything is left, again later."""

    def __init__(
        self,
        history: OutboxHistory,
        clock: Clock,
        tell: Callable[[str, str], None],
        *,
        first_ms: int = RETRY_FIRST_MS,
        parent: QObject | None = None,
    ) -> None:
        """Try once at once (the outbox a previous run left), then whenever a change is queued."""
        super().__init__(parent)
        self._history = history
        self._clock = clock
        self._tell = tell
        self._first_ms = first_ms
        self._wait_ms = first_ms
        self._has_told = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.retry)
        history.on_queued = self._arm
        self.retry()

    @property
    def is_waiting(self) -> bool:
        """Return whether a retry is planned."""
        return self._timer.isActive()

    def retry(self) -> None:
        """Write what waits; plan the next try if something is left."""
        try:
            is_done = self._history.drain()
        except (HistoryError, OSError):  # the outbox file itself: try again later as well
            is_done = False
        if is_done:
            self._wait_ms = self._first_ms
            self._has_told = False
            return
        self._timer.start(self._wait_ms)
        self._wait_ms = min(self._wait_ms * 2, RETRY_MAX_MS)
        oldest = self._history.pending[0].queued_at if self._history.pending else None
        if not self._has_told and oldest is not None and self._clock.now() - oldest >= TELL_AFTER:
            self._has_told = True
            waiting = len(self._history.pending)
            kept = ngettext(
                "{count} change is kept in {path} and will be saved as soon as the history can "
                "be written again.",
                "{count} changes are kept in {path} and will be saved as soon as the history can "
                "be written again.",
                waiting,
            ).format(count=waiting, path=self._history.outbox_path)
            reason = self._history.last_error or _("The history cannot be written.")
            self._tell(_("posture-break could not save your breaks yet"), f"{reason}\n\n{kept}")

    def _arm(self) -> None:
        if not self._timer.isActive():
            self._timer.start(self._wait_ms)
