"""Poll real processes and servers until what we wait for has happened.

Other processes cannot be driven by a fake clock, so this is the one place in the harness that
reads the real monotonic clock and sleeps between polls.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def now() -> float:
    """Return seconds on a monotonic clock (the harness times real processes)."""
    return time.monotonic()


def wait_for(
    probe: Callable[[], T | None],
    timeout: float,
    interval: float = 0.01,
    what: str = "condition",
) -> T:
    """Call `probe` every `interval` seconds until it returns something truthy; return it.

    Raises:
        TimeoutError: `probe` did not answer within `timeout` seconds; names `what`.
    """
    deadline = now() + timeout
    while True:
        value = probe()
        if value:
            return value
        if now() > deadline:
            raise TimeoutError(f"timed out after {timeout:.1f} s waiting for {what}")
        time.sleep(interval)


def pause(seconds: float) -> None:
    """Let real time pass for other processes: a compositor's idle timer, a panel that comes late.

    Only for what the test itself must wait out in real time (there is no event to wait on);
    waiting for something to happen is `wait_for`.
    """
    time.sleep(seconds)
