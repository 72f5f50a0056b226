"""The macOS microphone signal passes CoreAudio's answer on; elsewhere CoreAudio is unknown."""

from __future__ import annotations

import sys

import pytest

from posture_break.platform.call.macos import (
    DEFAULT_INPUT_DEVICE,
    IS_RUNNING_SOMEWHERE,
    CoreAudioMicrophone,
    default_input_running,
)


@pytest.mark.parametrize("answer", [True, False, None])
def test_the_query_answer_is_the_signal(answer: bool | None) -> None:
    assert CoreAudioMicrophone(lambda: answer).is_in_use() is answer


def test_selectors_are_apples_four_character_codes() -> None:
    assert DEFAULT_INPUT_DEVICE == 0x64496E20  # 'dIn '
    assert IS_RUNNING_SOMEWHERE == 0x676F6E65  # 'gone'


@pytest.mark.skipif(sys.platform == "darwin", reason="on macOS CoreAudio answers for real")
def test_without_coreaudio_the_answer_is_unknown() -> None:
    assert default_input_running() is None
