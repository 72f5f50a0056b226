"""The detector combines signals: any in use is a call, else unknown if any was unknown."""

from __future__ import annotations

import pytest

from posture_break.platform.call import (
    CallAnswer,
    CallDetectionOptions,
    CallDetector,
    CallSignal,
    CallState,
    call_detector_for,
)


class Fixed:
    """A signal with a set answer that counts how often it was read."""

    def __init__(self, answer: bool | None) -> None:
        self.answer = answer
        self.reads = 0

    def is_in_use(self) -> bool | None:
        self.reads += 1
        return self.answer


@pytest.mark.parametrize(
    ("microphone", "camera", "expected"),
    [
        (False, False, CallState(CallAnswer.NO)),
        (True, False, CallState(CallAnswer.YES, (CallSignal.MICROPHONE,))),
        (False, True, CallState(CallAnswer.YES, (CallSignal.CAMERA,))),
        (True, True, CallState(CallAnswer.YES, (CallSignal.MICROPHONE, CallSignal.CAMERA))),
        (None, False, CallState(CallAnswer.UNKNOWN, (), (CallSignal.MICROPHONE,))),
        (None, True, CallState(CallAnswer.YES, (CallSignal.CAMERA,), (CallSignal.MICROPHONE,))),
        (None, None, CallState(CallAnswer.UNKNOWN, (), (CallSignal.MICROPHONE, CallSignal.CAMERA))),
    ],
)
def test_answers_combine(microphone: bool | None, camera: bool | None, expected: CallState) -> None:
    detector = CallDetector(
        {CallSignal.MICROPHONE: Fixed(microphone), CallSignal.CAMERA: Fixed(camera)}
    )
    state = detector.in_call()
    assert state == expected
    assert state.is_in_call == (expected.answer is CallAnswer.YES)


def test_signals_are_read_only_when_asked() -> None:
    microphone = Fixed(False)
    detector = CallDetector({CallSignal.MICROPHONE: microphone})
    assert microphone.reads == 0
    detector.in_call()
    detector.in_call()
    assert microphone.reads == 2


def test_no_signals_is_never_a_call() -> None:
    assert CallDetector({}).in_call() == CallState(CallAnswer.NO)


@pytest.mark.parametrize(
    ("platform", "microphone", "camera", "expected"),
    [
        ("linux", True, True, (CallSignal.MICROPHONE, CallSignal.CAMERA)),
        ("linux", False, True, (CallSignal.CAMERA,)),
        ("linux", True, False, (CallSignal.MICROPHONE,)),
        ("win32", True, True, (CallSignal.MICROPHONE, CallSignal.CAMERA)),
        ("win32", False, False, ()),
        ("darwin", True, True, (CallSignal.MICROPHONE,)),
        ("freebsd14", True, True, ()),
    ],
)
def test_each_signal_switches_on_and_off(
    platform: str, microphone: bool, camera: bool, expected: tuple[CallSignal, ...]
) -> None:
    options = CallDetectionOptions(microphone=microphone, camera=camera)
    assert call_detector_for(options, platform).signals == expected


def test_windows_detector_off_windows_is_unknown_not_a_crash() -> None:
    state = call_detector_for(CallDetectionOptions(), "win32").in_call()
    assert state.answer is CallAnswer.UNKNOWN


def test_an_empty_ignored_name_is_refused_by_value() -> None:
    with pytest.raises(ValueError, match="' '"):
        CallDetectionOptions(ignored_apps=("zoom", " "))
