"""The Windows ConsentStore signal, read through a fake registry laid out like the real one."""

from __future__ import annotations

from posture_break.platform.call.windows import (
    CONSENT_STORE,
    Capability,
    ConsentStore,
    WinregReader,
)

MICROPHONE = f"{CONSENT_STORE}\\microphone"
WEBCAM = f"{CONSENT_STORE}\\webcam"
ZOOM = "C:#Users#me#AppData#Roaming#Zoom#bin#Zoom.exe"
RECORDER = "Microsoft.WindowsSoundRecorder_8wekyb3d8bbwe"
STARTED_AT = 133_700_000_000_000_000  # a FILETIME: 100 ns units since 1601
STOPPED = {"LastUsedTimeStart": STARTED_AT, "LastUsedTimeStop": STARTED_AT + 600_000_000}
RUNNING = {"LastUsedTimeStart": STARTED_AT, "LastUsedTimeStop": 0}


class FakeRegistry:
    """Keys as paths, each with its values; subkeys are found from the paths below a key."""

    def __init__(self, keys: dict[str, dict[str, int | str]]) -> None:
        self.keys = keys

    def subkeys(self, path: str) -> tuple[str, ...] | None:
        if path not in self.keys:
            return None
        prefix = path + "\\"
        return tuple(
            sorted(
                {key[len(prefix) :].split("\\")[0] for key in self.keys if key.startswith(prefix)}
            )
        )

    def integer(self, path: str, name: str) -> int | None:
        value = self.keys.get(path, {}).get(name)
        return value if isinstance(value, int) else None


def test_no_app_running_is_no_call() -> None:
    registry = FakeRegistry(
        {
            MICROPHONE: {},
            f"{MICROPHONE}\\{RECORDER}": dict(STOPPED),
            f"{MICROPHONE}\\NonPackaged": {},
            f"{MICROPHONE}\\NonPackaged\\{ZOOM}": dict(STOPPED),
        }
    )
    assert ConsentStore(registry, Capability.MICROPHONE).is_in_use() is False


def test_a_packaged_app_still_using_the_microphone_is_a_call() -> None:
    registry = FakeRegistry({MICROPHONE: {}, f"{MICROPHONE}\\{RECORDER}": dict(RUNNING)})
    assert ConsentStore(registry, Capability.MICROPHONE).is_in_use() is True


def test_a_desktop_app_under_nonpackaged_is_a_call() -> None:
    registry = FakeRegistry(
        {
            MICROPHONE: {},
            f"{MICROPHONE}\\NonPackaged": {},
            f"{MICROPHONE}\\NonPackaged\\{ZOOM}": dict(RUNNING),
        }
    )
    assert ConsentStore(registry, Capability.MICROPHONE).is_in_use() is True
    assert ConsentStore(registry, Capability.WEBCAM).is_in_use() is None  # no webcam key


def test_the_webcam_is_read_from_its_own_key() -> None:
    registry = FakeRegistry(
        {
            MICROPHONE: {},
            f"{MICROPHONE}\\{RECORDER}": dict(RUNNING),
            WEBCAM: {},
            f"{WEBCAM}\\Microsoft.WindowsCamera_8wekyb3d8bbwe": dict(STOPPED),
        }
    )
    assert ConsentStore(registry, Capability.WEBCAM).is_in_use() is False


def test_ignored_apps_match_executable_or_package_name() -> None:
    registry = FakeRegistry(
        {
            MICROPHONE: {},
            f"{MICROPHONE}\\{RECORDER}": dict(RUNNING),
            f"{MICROPHONE}\\NonPackaged": {},
            f"{MICROPHONE}\\NonPackaged\\{ZOOM}": dict(RUNNING),
        }
    )
    assert ConsentStore(registry, Capability.MICROPHONE, ("zoom",)).is_in_use() is True
    assert (
        ConsentStore(
            registry, Capability.MICROPHONE, ("Zoom.exe", "Microsoft.WindowsSoundRecorder")
        ).is_in_use()
        is False
    )


def test_a_missing_stop_time_is_not_a_call() -> None:
    # An app key without LastUsedTimeStop (or with a string in it) has not reported "in use".
    registry = FakeRegistry(
        {MICROPHONE: {}, f"{MICROPHONE}\\{RECORDER}": {"LastUsedTimeStop": "0"}}
    )
    assert ConsentStore(registry, Capability.MICROPHONE).is_in_use() is False


def test_unreadable_store_is_unknown() -> None:
    assert ConsentStore(FakeRegistry({}), Capability.MICROPHONE).is_in_use() is None


def test_the_real_reader_off_windows_reads_nothing() -> None:
    reader = WinregReader()
    assert reader.subkeys(MICROPHONE) is None
    assert reader.integer(MICROPHONE, "LastUsedTimeStop") is None
