"""Whether the user is on a call: a microphone or a camera in use by another application.

Signals are read only when asked (`CallDetector.in_call`), which the app does when a prompt is
due and while one is held: nothing here wakes the process. Each signal answers `True`, `False`
or `None` (unknown) and never raises; an unknown signal does not hold a prompt.
"""

from posture_break.platform.call.detector import (
    CallAnswer,
    CallDetectionOptions,
    CallDetector,
    CallSignal,
    CallState,
    SignalSource,
    call_detector_for,
)

__all__ = [
    "CallAnswer",
    "CallDetectionOptions",
    "CallDetector",
    "CallSignal",
    "CallState",
    "SignalSource",
    "call_detector_for",
]
