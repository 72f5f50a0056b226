"""Suspend and resume, as logind announces them on the system D-Bus.

The scheduler does not depend on this: its heartbeat notices a sleep from the clocks within a
minute of resuming. This only lets it look at once. Where there is no logind (no system bus,
Windows, macOS), `SleepWatcher.is_available` is `False` and nothing is ever emitted.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

_log = logging.getLogger(__name__)

LOGIND_SERVICE = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_INTERFACE = "org.freedesktop.login1.Manager"


class SleepWatcher(QObject):
    """Listen for logind's `PrepareForSleep` and say when the machine sleeps and wakes.

    Connect `resumed` to `BreakScheduler.poll` so that the schedule is looked at right away.

    Signals:
        sleeping: The machine is about to suspend or hibernate.
        resumed: The machine has just woken up.
    """

    sleeping = Signal()
    resumed = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        bus: QDBusConnection | None = None,
        service: str = LOGIND_SERVICE,
    ) -> None:
        # `bus` defaults to the system bus; tests hand in a private bus and service "" (any sender).
        super().__init__(parent)
        self.is_available = False
        try:
            # PySide6 wants the SLOT() string although its stubs say bytes.
            slot: Any = SLOT("_on_logind_prepare_for_sleep(bool)")
            if bus is None:
                bus = QDBusConnection.systemBus()
            if bus.isConnected():
                self.is_available = bus.connect(
                    service,
                    LOGIND_PATH,
                    LOGIND_INTERFACE,
                    "PrepareForSleep",
                    self,
                    slot,
                )
        except Exception:  # not available is an answer, not an error
            _log.debug("logind PrepareForSleep not available", exc_info=True)
        if not self.is_available:
            _log.info("suspend/resume signals not available; the heartbeat will notice sleep")

    @Slot(bool)
    def _on_logind_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.sleeping.emit()
        else:
            self.resumed.emit()
