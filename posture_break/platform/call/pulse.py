"""Linux microphone: a capture stream of another application in PulseAudio or PipeWire-pulse.

Through `pulsectl` (ctypes bindings of libpulse). A stream counts when it records from a real
source (not a sink's monitor, which is how meters and screen recorders hear the speakers), is not
corked, is not ours, and its application is not in the user's ignore list.

libpulse calls block until the server answers, and a frozen server never does: each query runs
on a daemon thread and the caller waits at most `timeout_s`. While a query is still stuck, the
answer is unknown without starting another.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

_log = logging.getLogger(__name__)

QUERY_TIMEOUT_SECONDS = 0.1
"""The longest the caller (the GUI thread) waits for the sound server."""

CLIENT_NAME = "posture-break"

NO_INDEX = 0xFFFF_FFFF
"""libpulse's PA_INVALID_INDEX: a source with this `monitor_of_sink` is a real input."""


@dataclass(frozen=True, slots=True)
class CaptureStream:
    """One recording stream as the sound server lists it (a "source output")."""

    source_index: int
    is_corked: bool
    app_name: str = ""
    binary: str = ""
    pid: int | None = None


def is_call_capture(
    stream: CaptureStream,
    monitor_sources: Collection[int],
    own_pid: int,
    ignored_apps: Collection[str],
) -> bool:
    """Whether this stream looks like someone talking into a microphone."""
    if stream.is_corked or stream.source_index in monitor_sources or stream.pid == own_pid:
        return False
    ignored = {name.casefold() for name in ignored_apps}
    return stream.app_name.casefold() not in ignored and stream.binary.casefold() not in ignored


def _load_pulsectl() -> None:
    with contextlib.suppress(ImportError, OSError):
        import pulsectl  # noqa: F401


def read_capture_streams(
    server: str | None,
) -> tuple[tuple[CaptureStream, ...], frozenset[int]] | None:
    """Return the capture streams and the monitor sources' indexes, or `None` if unreadable.

    `server` is a libpulse server string (`unix:/path`); `None` means the user's default.
    """
    try:
        import pulsectl
    except (ImportError, OSError) as error:  # OSError: libpulse.so.0 is not installed
        _log.debug("pulsectl unavailable: %s", error)
        return None
    try:
        with pulsectl.Pulse(CLIENT_NAME, server=server, connect=False) as pulse:
            # No autospawn: asking whether a call is on must never start a sound server.
            # WORKAROUND: pulsectl 24.12.0's connect(timeout=t) polls until t has passed even
            # once connected (its poll loop resets the stop flag), so every answer took the
            # whole timeout. Connect without one; the caller's thread join is the bound.
            pulse.connect(autospawn=False)
            monitors = frozenset(
                int(source.index)
                for source in pulse.source_list()
                if source.monitor_of_sink != NO_INDEX
            )
            streams = tuple(_capture_stream(output) for output in pulse.source_output_list())
    except (pulsectl.PulseError, pulsectl.PulseDisconnected) as error:
        _log.debug("sound server unreadable: %s", error)
        return None
    return streams, monitors


def _capture_stream(output: Any) -> CaptureStream:  # a pulsectl PulseSourceOutputInfo
    props: dict[str, str] = dict(output.proplist)
    pid_text = props.get("application.process.id", "")
    return CaptureStream(
        source_index=int(output.source),
        is_corked=bool(output.corked),
        app_name=props.get("application.name", ""),
        binary=props.get("application.process.binary", ""),
        pid=int(pid_text) if pid_text.isdigit() else None,
    )


class PulseMicrophone:
    """The microphone signal on Linux, read from the PulseAudio protocol."""

    def __init__(
        self,
        ignored_apps: Iterable[str] = (),
        *,
        server: str | None = None,
        timeout_s: float = QUERY_TIMEOUT_SECONDS,
        own_pid: int | None = None,
    ) -> None:
        self._ignored = tuple(ignored_apps)
        self._server = server
        self._timeout_s = timeout_s
        self._own_pid = os.getpid() if own_pid is None else own_pid
        self._stuck: threading.Thread | None = None
        # Importing pulsectl (ctypes, libpulse) takes 0.2-0.3 s, longer than an answer may: do
        # it now in the background so the first question, minutes later, finds it loaded.
        threading.Thread(
            target=_load_pulsectl, name="posture-break-pulse-load", daemon=True
        ).start()

    def is_in_use(self) -> bool | None:
        """Return whether another application records from a microphone, or `None` if unknown."""
        if self._stuck is not None:
            if self._stuck.is_alive():
                return None
            self._stuck = None
        result: list[tuple[tuple[CaptureStream, ...], frozenset[int]] | None] = []
        worker = threading.Thread(
            target=lambda: result.append(read_capture_streams(self._server)),
            name="posture-break-pulse",
            daemon=True,  # a frozen server must not keep the app from quitting
        )
        worker.start()
        worker.join(self._timeout_s)
        if worker.is_alive():
            _log.debug("sound server did not answer within %.0f ms", self._timeout_s * 1000)
            self._stuck = worker
            return None
        if not result or result[0] is None:
            return None
        streams, monitors = result[0]
        return any(
            is_call_capture(stream, monitors, self._own_pid, self._ignored) for stream in streams
        )
