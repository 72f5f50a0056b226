"""One question for the scheduler: is the user on a call, and which signal says so."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import Protocol


class CallSignal(enum.Enum):
    """A device whose use means a call."""

    MICROPHONE = "microphone"
    CAMERA = "camera"


class CallAnswer(enum.Enum):
    """The overall answer: any signal in use is a call; otherwise unknown if any signal was."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class SignalSource(Protocol):
    """One signal: whether its device is in use by another application now."""

    def is_in_use(self) -> bool | None:
        """Return whether the device is in use, or `None` when this cannot be told."""
        ...


@dataclass(frozen=True, slots=True)
class CallDetectionOptions:
    """Which signals to read, and the applications whose use of them never means a call.

    `ignored_apps` are matched without regard to case against an application's name or its
    executable's file name (for example a dictation tool that always listens).
    """

    microphone: bool = True
    camera: bool = True
    ignored_apps: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in self.ignored_apps:
            if not name.strip():
                raise ValueError(f"an ignored application needs a name, not {name!r}")


@dataclass(frozen=True, slots=True)
class CallState:
    """What the signals said: the answer, the signals in use and the signals that were unknown."""

    answer: CallAnswer
    in_use: tuple[CallSignal, ...] = ()
    unknown: tuple[CallSignal, ...] = ()

    @property
    def is_in_call(self) -> bool:
        """Whether a prompt should wait: only a signal seen in use holds it."""
        return self.answer is CallAnswer.YES


class CallDetector:
    """Read the enabled signals when asked and combine their answers."""

    def __init__(self, sources: dict[CallSignal, SignalSource]) -> None:
        self._sources = dict(sources)

    @property
    def signals(self) -> tuple[CallSignal, ...]:
        """The signals this detector reads."""
        return tuple(self._sources)

    def in_call(self) -> CallState:
        """Read every signal now and say whether the user is on a call.

        All signals are read even after one says yes, so the state names each device in use.
        """
        in_use: list[CallSignal] = []
        unknown: list[CallSignal] = []
        for signal, source in self._sources.items():
            answer = source.is_in_use()
            if answer is None:
                unknown.append(signal)
            elif answer:
                in_use.append(signal)
        if in_use:
            overall = CallAnswer.YES
        elif unknown:
            overall = CallAnswer.UNKNOWN
        else:
            overall = CallAnswer.NO
        return CallState(overall, tuple(in_use), tuple(unknown))


def call_detector_for(options: CallDetectionOptions, platform: str = sys.platform) -> CallDetector:
    """Build the detector for this operating system with the signals the user switched on."""
    sources: dict[CallSignal, SignalSource] = {}
    if platform.startswith("linux"):
        from posture_break.platform.call.pulse import PulseMicrophone
        from posture_break.platform.call.webcam import ProcWebcam

        if options.microphone:
            sources[CallSignal.MICROPHONE] = PulseMicrophone(options.ignored_apps)
        if options.camera:
            sources[CallSignal.CAMERA] = ProcWebcam(options.ignored_apps)
    elif platform == "win32":
        from posture_break.platform.call.windows import Capability, ConsentStore, WinregReader

        registry = WinregReader()
        if options.microphone:
            sources[CallSignal.MICROPHONE] = ConsentStore(
                registry, Capability.MICROPHONE, options.ignored_apps
            )
        if options.camera:
            sources[CallSignal.CAMERA] = ConsentStore(
                registry, Capability.WEBCAM, options.ignored_apps
            )
    elif platform == "darwin":
        from posture_break.platform.call.macos import CoreAudioMicrophone

        # macOS: only the microphone is readable without special permissions; the camera is
        # left out rather than reported unknown forever.
        if options.microphone:
            sources[CallSignal.MICROPHONE] = CoreAudioMicrophone()
    return CallDetector(sources)
