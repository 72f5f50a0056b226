"""macOS microphone: CoreAudio's "device is running somewhere" for the default input device.

Untested here (no macOS in CI): written against Apple's AudioHardware.h and reached only on
macOS. Any failure is an unknown answer. It cannot tell which application records, so the
ignore list does not apply, and the camera is not read (no public per-device "in use" flag).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Callable

_log = logging.getLogger(__name__)


def _four_cc(code: bytes) -> int:
    return int.from_bytes(code, "big")


SYSTEM_OBJECT = 1  # kAudioObjectSystemObject
DEFAULT_INPUT_DEVICE = _four_cc(b"dIn ")  # kAudioHardwarePropertyDefaultInputDevice
IS_RUNNING_SOMEWHERE = _four_cc(b"gone")  # kAudioDevicePropertyDeviceIsRunningSomewhere
SCOPE_GLOBAL = _four_cc(b"glob")  # kAudioObjectPropertyScopeGlobal
ELEMENT_MAIN = 0  # kAudioObjectPropertyElementMain


class _PropertyAddress(ctypes.Structure):
    _fields_ = (
        ("selector", ctypes.c_uint32),
        ("scope", ctypes.c_uint32),
        ("element", ctypes.c_uint32),
    )


def _read_uint32(core_audio: ctypes.CDLL, object_id: int, selector: int) -> int | None:
    address = _PropertyAddress(selector, SCOPE_GLOBAL, ELEMENT_MAIN)
    value = ctypes.c_uint32(0)
    size = ctypes.c_uint32(ctypes.sizeof(value))
    status = core_audio.AudioObjectGetPropertyData(
        ctypes.c_uint32(object_id),
        ctypes.byref(address),
        ctypes.c_uint32(0),
        None,
        ctypes.byref(size),
        ctypes.byref(value),
    )
    return int(value.value) if status == 0 else None


def default_input_running() -> bool | None:
    """Ask CoreAudio whether any process uses the default input device; `None` on any failure."""
    path = ctypes.util.find_library("CoreAudio")
    if path is None:
        return None
    try:
        core_audio = ctypes.CDLL(path)
        device = _read_uint32(core_audio, SYSTEM_OBJECT, DEFAULT_INPUT_DEVICE)
        if not device:  # None, or kAudioObjectUnknown (0): no input device
            return None
        running = _read_uint32(core_audio, device, IS_RUNNING_SOMEWHERE)
    except (OSError, AttributeError) as error:
        _log.debug("CoreAudio unreadable: %s", error)
        return None
    return None if running is None else running != 0


class CoreAudioMicrophone:
    """The microphone signal on macOS."""

    def __init__(self, query: Callable[[], bool | None] = default_input_running) -> None:
        self._query = query

    def is_in_use(self) -> bool | None:
        """Return whether the default input device is running, or `None` if unknown."""
        return self._query()
