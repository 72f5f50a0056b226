"""Start at login: an XDG autostart entry, a per-user Run key, or a LaunchAgent.

Qt-free, so the settings dialog, the command line and tests all use the same code. Each backend
answers `is_enabled()`, `enable()` and `disable()`; a failure raises `AutostartError` with a
sentence a user can act on, and a platform without start-at-login support says so instead of
crashing (`is_available()` is False).

Typical use::

    starter = autostart_for_platform()
    if starter.is_available():
        starter.enable()
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol
from xml.parsers.expat import ExpatError

from posture_break.core.i18n import _
from posture_break.core.paths import user_config_home, write_private_atomically

APP_NAME = "posture-break"
DESKTOP_FILE_NAME = "posture-break.desktop"
LAUNCH_AGENT_LABEL = "org.posture-break"
RUN_KEY_PATH = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE_NAME = "posture-break"

# Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these four take a backslash.
_EXEC_ESCAPED_IN_QUOTES = frozenset('"`$\\')


class AutostartError(Exception):
    """Start at login could not be read or changed; the message says why in words."""


class Autostart(Protocol):
    """One platform's way of starting the app when the user logs in."""

    def is_available(self) -> bool:
        """Return whether this platform supports start at login at all."""
        ...

    def is_enabled(self) -> bool:
        """Return whether the app starts at login now."""
        ...

    def enable(self) -> None:
        """Start the app at login from now on; raise `AutostartError` on failure."""
        ...

    def disable(self) -> None:
        """Stop starting the app at login; raise `AutostartError` on failure."""
        ...

    def describe(self) -> str:
        """Return where the setting lives, for the settings dialog (a path or a key)."""
        ...


def launch_command(executable: str | None = None) -> tuple[str, ...]:
    """Return the command line that starts the tray app.

    Prefers the installed ``posture-break`` script next to the running interpreter (a venv or a
    pipx install puts it there); otherwise runs the module with the same interpreter.

    Args:
        executable: The Python interpreter to use; defaults to `sys.executable`.
    """
    python = Path(executable or sys.executable)
    script_names = ("posture-break.exe",) if os.name == "nt" else ("posture-break",)
    # Windows keeps console scripts in Scripts\ beside python.exe (or in the same directory).
    for folder in (python.parent, python.parent / "Scripts"):
        for name in script_names:
            candidate = folder / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return (str(candidate),)
    return (str(python), "-m", "posture_break.cli")


def desktop_exec(command: Sequence[str]) -> str:
    """Return `command` as the value of a Desktop Entry ``Exec`` key, quoted per the spec.

    The quoting rule applies first, then the general string escape (a backslash doubles), and a
    literal ``%`` doubles so it is never read as a field code.
    """
    if not command:
        raise ValueError("command must name a program")
    parts: list[str] = []
    for arg in command:
        if not arg or any(ch in _EXEC_RESERVED for ch in arg):
            inner = "".join("\\" + ch if ch in _EXEC_ESCAPED_IN_QUOTES else ch for ch in arg)
            arg = f'"{inner}"'
        parts.append(arg.replace("%", "%%"))
    return " ".join(parts).replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """Return the text of the XDG autostart entry that runs `command`."""
    return "\n".join(
        (
            "[Desktop Entry]",
            "Type=Application",
            "Name=posture-break",
            "GenericName=Posture break reminder",
            "Comment=Short mid-back posture snacks from the system tray",
            f"Exec={desktop_exec(command)}",
            f"Icon={APP_NAME}",
            "Terminal=false",
            "Categories=Utility;",
            "X-GNOME-Autostart-enabled=true",
            "",
        )
    )


def _write_entry(path: Path, data: bytes) -> None:
    """Write an autostart file atomically, as private as the rest of our files."""
    try:
        write_private_atomically(path, data)
    except OSError as exc:
        raise AutostartError(
            _("Could not write {place}: {reason}").format(place=path, reason=exc.strerror or exc)
        ) from exc


def _remove_entry(path: Path) -> None:
    """Remove an autostart file; nothing to do when it is not there."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise AutostartError(
            _("Could not remove {place}: {reason}").format(place=path, reason=exc.strerror or exc)
        ) from exc


class XdgAutostart:
    """Linux and other freedesktop systems: ``$XDG_CONFIG_HOME/autostart/posture-break.desktop``."""

    def __init__(
        self, config_home: Path | None = None, command: Sequence[str] | None = None
    ) -> None:
        self._config_home = config_home
        self._command = tuple(command) if command is not None else None

    @property
    def path(self) -> Path:
        """Return the autostart entry's path (read from the environment on every call)."""
        return self._resolve_config_home() / "autostart" / DESKTOP_FILE_NAME

    def _resolve_config_home(self) -> Path:
        if self._config_home is not None:
            return self._config_home
        # platformdirs applies the XDG rules (a relative XDG_CONFIG_HOME is ignored).
        return user_config_home()

    def is_available(self) -> bool:
        """Return True: any freedesktop session reads the autostart directory."""
        return True

    def is_enabled(self) -> bool:
        """Return whether our entry exists and is not switched off inside the file."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False
        except (OSError, UnicodeDecodeError) as exc:
            raise AutostartError(
                _("Could not read {place}: {reason}").format(place=self.path, reason=exc)
            ) from exc
        keys = _desktop_keys(text)
        if keys.get("Hidden", "false").strip().lower() == "true":
            return False
        return keys.get("X-GNOME-Autostart-enabled", "true").strip().lower() != "false"

    def enable(self) -> None:
        """Write the autostart entry (atomically, replacing an older one)."""
        command = self._command if self._command is not None else launch_command()
        _write_entry(self.path, desktop_entry(command).encode("utf-8"))

    def disable(self) -> None:
        """Remove the autostart entry; nothing to do when it is not there."""
        _remove_entry(self.path)

    def describe(self) -> str:
        """Return the entry's path."""
        return str(self.path)


def _desktop_keys(text: str) -> dict[str, str]:
    """Return the keys of the ``[Desktop Entry]`` group (enough to read Hidden and enabled)."""
    keys: dict[str, str] = {}
    in_group = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            in_group = line == "[Desktop Entry]"
            continue
        if in_group and "=" in line:
            key, value = line.split("=", 1)
            keys[key.strip()] = value.strip()
    return keys


class LaunchAgent:
    """macOS: ``~/Library/LaunchAgents/org.posture-break.plist`` with RunAtLoad."""

    def __init__(self, home: Path | None = None, command: Sequence[str] | None = None) -> None:
        self._home = home
        self._command = tuple(command) if command is not None else None

    @property
    def path(self) -> Path:
        """Return the LaunchAgent property list's path."""
        home = self._home if self._home is not None else Path.home()
        return home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def is_available(self) -> bool:
        """Return True: every macOS user has LaunchAgents."""
        return True

    def is_enabled(self) -> bool:
        """Return whether our LaunchAgent exists and runs at load."""
        try:
            with self.path.open("rb") as handle:
                data: Any = plistlib.load(handle)
        except FileNotFoundError:
            return False
        except (OSError, plistlib.InvalidFileException, ExpatError, ValueError) as exc:
            raise AutostartError(
                _("Could not read {place}: {reason}").format(place=self.path, reason=exc)
            ) from exc
        return isinstance(data, dict) and data.get("RunAtLoad") is True

    def enable(self) -> None:
        """Write the LaunchAgent (atomically); launchd picks it up at the next login."""
        command = self._command if self._command is not None else launch_command()
        agent = {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            # Only in a graphical login, never for ssh sessions.
            "LimitLoadToSessionType": "Aqua",
        }
        _write_entry(self.path, plistlib.dumps(agent))

    def disable(self) -> None:
        """Remove the LaunchAgent; nothing to do when it is not there."""
        _remove_entry(self.path)

    def describe(self) -> str:
        """Return the property list's path."""
        return str(self.path)


class Registry(Protocol):
    """The part of `winreg` the Run key needs (tests pass a fake)."""

    HKEY_CURRENT_USER: Any
    KEY_READ: int
    KEY_SET_VALUE: int
    REG_SZ: int

    def OpenKey(self, key: Any, sub_key: str, reserved: int = 0, access: int = ...) -> Any:  # noqa: N802, D102
        ...

    def CreateKey(self, key: Any, sub_key: str) -> Any:  # noqa: N802, D102
        ...

    def QueryValueEx(self, key: Any, name: str) -> tuple[Any, int]:  # noqa: N802, D102
        ...

    def SetValueEx(self, key: Any, name: str, reserved: int, kind: int, value: Any) -> None:  # noqa: N802, D102
        ...

    def DeleteValue(self, key: Any, name: str) -> None:  # noqa: N802, D102
        ...

    def CloseKey(self, key: Any) -> None:  # noqa: N802, D102
        ...


class WindowsRunKey:
    r"""Windows: the per-user ``HKCU\Software\Microsoft\Windows\CurrentVersion\Run`` value."""

    def __init__(
        self, registry: Registry | None = None, command: Sequence[str] | None = None
    ) -> None:
        self._registry = registry
        self._command = tuple(command) if command is not None else None

    def _reg(self) -> Registry:
        if self._registry is not None:
            return self._registry
        import winreg  # only exists on Windows

        return winreg  # type: ignore[return-value,unused-ignore]

    def is_available(self) -> bool:
        """Return True when the Windows registry can be reached."""
        try:
            self._reg()
        except ImportError:
            return False
        return True

    def is_enabled(self) -> bool:
        """Return whether our Run value exists and is not empty."""
        reg = self._reg()
        try:
            key = reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY_PATH, 0, reg.KEY_READ)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise AutostartError(
                _("Could not open {place}: {reason}").format(
                    place=f"HKCU\\{RUN_KEY_PATH}", reason=exc
                )
            ) from exc
        try:
            value, _kind = reg.QueryValueEx(key, RUN_VALUE_NAME)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise AutostartError(
                _("Could not read {place}: {reason}").format(place=self.describe(), reason=exc)
            ) from exc
        finally:
            reg.CloseKey(key)
        return bool(value)

    def enable(self) -> None:
        """Set the Run value to the launch command."""
        reg = self._reg()
        command = self._command if self._command is not None else launch_command()
        try:
            key = reg.CreateKey(reg.HKEY_CURRENT_USER, RUN_KEY_PATH)
            try:
                reg.SetValueEx(key, RUN_VALUE_NAME, 0, reg.REG_SZ, subprocess.list2cmdline(command))
            finally:
                reg.CloseKey(key)
        except OSError as exc:
            raise AutostartError(
                _("Could not write {place}: {reason}").format(place=self.describe(), reason=exc)
            ) from exc

    def disable(self) -> None:
        """Delete the Run value; nothing to do when it is not there."""
        reg = self._reg()
        try:
            key = reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY_PATH, 0, reg.KEY_SET_VALUE)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise AutostartError(
                _("Could not open {place}: {reason}").format(
                    place=f"HKCU\\{RUN_KEY_PATH}", reason=exc
                )
            ) from exc
        try:
            reg.DeleteValue(key, RUN_VALUE_NAME)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise AutostartError(
                _("Could not remove {place}: {reason}").format(place=self.describe(), reason=exc)
            ) from exc
        finally:
            reg.CloseKey(key)

    def describe(self) -> str:
        """Return the registry value's full name."""
        return f"HKCU\\{RUN_KEY_PATH}\\{RUN_VALUE_NAME}"


class NoAutostart:
    """A platform we do not know how to start at login on: says so instead of crashing."""

    def __init__(self, platform: str) -> None:
        self._platform = platform

    def is_available(self) -> bool:
        """Return False."""
        return False

    def is_enabled(self) -> bool:
        """Return False: nothing can have been set up."""
        return False

    def enable(self) -> None:
        """Raise `AutostartError` naming the platform."""
        raise AutostartError(
            _("Start at login is not available on {platform}.").format(platform=self._platform)
        )

    def disable(self) -> None:
        """Do nothing: it was never enabled."""

    def describe(self) -> str:
        """Return a sentence saying it is not available."""
        return _("not available on {platform}").format(platform=self._platform)


def autostart_for_platform(platform: str | None = None) -> Autostart:
    """Return the start-at-login backend for `platform` (defaults to `sys.platform`)."""
    name = platform or sys.platform
    if name == "win32":
        return WindowsRunKey()
    if name == "darwin":
        return LaunchAgent()
    if name.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")):
        return XdgAutostart()
    return NoAutostart(name)


def is_enabled() -> bool:
    """Return whether the app starts at login on this machine."""
    return autostart_for_platform().is_enabled()


def enable() -> None:
    """Start the app at login on this machine; raise `AutostartError` on failure."""
    autostart_for_platform().enable()


def disable() -> None:
    """Stop starting the app at login on this machine; raise `AutostartError` on failure."""
    autostart_for_platform().disable()


def apply(enabled: bool, starter: Autostart | None = None) -> None:
    """Make start at login match `enabled` (a no-op when it already does)."""
    backend = starter if starter is not None else autostart_for_platform()
    if backend.is_enabled() == enabled:
        return
    if enabled:
        backend.enable()
    else:
        backend.disable()
