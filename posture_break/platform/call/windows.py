r"""Windows microphone and camera: the privacy settings' record of which apps use them.

Windows keeps, per user, a key for every app that used a capability under
`HKCU\Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\<cap>`
(Store apps by package family name, desktop apps under `NonPackaged` by their path with `#` for
`\`). An app using the device now has `LastUsedTimeStop == 0`. The registry is reached through
a small `RegistryReader` so the logic is tested with a fake one on any OS.
"""

from __future__ import annotations

import enum
import logging
import sys
from collections.abc import Iterable, Iterator
from typing import Protocol

_log = logging.getLogger(__name__)

CONSENT_STORE = (
    "Software\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore"
)


class Capability(enum.Enum):
    """A device in the ConsentStore, by its key name."""

    MICROPHONE = "microphone"
    WEBCAM = "webcam"


class RegistryReader(Protocol):
    """Read-only access to keys under HKEY_CURRENT_USER."""

    def subkeys(self, path: str) -> tuple[str, ...] | None:
        """Return the names of the subkeys of `path`, or `None` if the key cannot be opened."""
        ...

    def integer(self, path: str, name: str) -> int | None:
        """Return the integer value `name` of the key `path`, or `None` if absent or not one."""
        ...


class WinregReader:
    """The real registry of the current user, through `winreg` (Windows only)."""

    def subkeys(self, path: str) -> tuple[str, ...] | None:
        """Return the subkey names of the key `path`, or `None` if it cannot be opened."""
        # mypy skips platform-checked blocks for other platforms: winreg exists only on Windows.
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                    count = winreg.QueryInfoKey(key)[0]
                    return tuple(winreg.EnumKey(key, index) for index in range(count))
            except OSError:
                pass
        return None

    def integer(self, path: str, name: str) -> int | None:
        """Return the integer value `name` of the key `path`, or `None`."""
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                    value, kind = winreg.QueryValueEx(key, name)
            except OSError:
                return None
            if kind in (winreg.REG_QWORD, winreg.REG_DWORD) and isinstance(value, int):
                return value
        return None


class ConsentStore:
    """One capability's signal: any app (not ignored) still using it."""

    def __init__(
        self,
        registry: RegistryReader,
        capability: Capability,
        ignored_apps: Iterable[str] = (),
    ) -> None:
        self._registry = registry
        self._root = f"{CONSENT_STORE}\\{capability.value}"
        self._ignored = {name.casefold() for name in ignored_apps}

    def is_in_use(self) -> bool | None:
        """Return whether an app is using the device now, or `None` if the store is unreadable."""
        apps = self._registry.subkeys(self._root)
        if apps is None:
            return None
        for path, app in self._app_keys(apps):
            if self._is_ignored(app):
                continue
            if self._registry.integer(path, "LastUsedTimeStop") == 0:
                return True
        return False

    def _app_keys(self, apps: tuple[str, ...]) -> Iterator[tuple[str, str]]:
        for app in apps:
            if app == "NonPackaged":
                nested = f"{self._root}\\NonPackaged"
                for program in self._registry.subkeys(nested) or ():
                    yield f"{nested}\\{program}", program
            else:
                yield f"{self._root}\\{app}", app

    def _is_ignored(self, app: str) -> bool:
        # "C:#Program Files#Zoom#bin#Zoom.exe" -> "zoom.exe" and "zoom";
        # "Microsoft.WindowsSoundRecorder_8wekyb3d8bbwe" -> "microsoft.windowssoundrecorder".
        if "#" in app:
            program = app.rsplit("#", 1)[-1].casefold()
            names = {program, program.removesuffix(".exe")}
        else:
            names = {app.casefold(), app.split("_", 1)[0].casefold()}
        return not names.isdisjoint(self._ignored)
