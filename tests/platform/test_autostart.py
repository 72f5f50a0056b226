"""Start at login, against the real XDG autostart location under a temporary config home."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from posture_break.platform import autostart
from posture_break.platform.autostart import (
    AutostartError,
    LaunchAgent,
    NoAutostart,
    WindowsRunKey,
    XdgAutostart,
)


def _unquote_exec(value: str) -> list[str]:
    """Undo a Desktop Entry Exec value the way a launcher does (string escapes, then quotes)."""
    value = value.replace("\\\\", "\\").replace("%%", "%")
    args: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(value):
        ch = value[i]
        if quoted and ch == "\\":
            current.append(value[i + 1])
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            args.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    args.append("".join(current))
    return args


def test_enable_writes_the_entry_where_the_session_looks() -> None:
    starter = XdgAutostart()
    expected = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "posture-break.desktop"
    assert starter.path == expected
    assert not starter.is_enabled()

    starter.enable()

    assert expected.is_file()
    assert starter.is_enabled()
    keys = autostart._desktop_keys(expected.read_text(encoding="utf-8"))
    assert keys["Type"] == "Application"
    assert keys["Icon"] == "posture-break"
    assert keys["X-GNOME-Autostart-enabled"] == "true"
    assert _unquote_exec(keys["Exec"]) == list(autostart.launch_command())


def test_disable_removes_the_entry_and_is_idempotent() -> None:
    starter = XdgAutostart()
    starter.enable()
    starter.disable()
    assert not starter.path.exists()
    assert not starter.is_enabled()
    starter.disable()  # already gone: still fine


def test_entry_switched_off_by_the_desktop_counts_as_disabled() -> None:
    starter = XdgAutostart()
    starter.enable()
    text = starter.path.read_text(encoding="utf-8")
    starter.path.write_text(text.replace("Autostart-enabled=true", "Autostart-enabled=false"))
    assert not starter.is_enabled()
    starter.path.write_text(text + "Hidden=true\n")
    assert not starter.is_enabled()


def test_relative_xdg_config_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    assert XdgAutostart().path == Path.home() / ".config" / "autostart" / "posture-break.desktop"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="needs desktop-file-utils"
)
@pytest.mark.parametrize(
    "command",
    [
        None,  # the real launch command of this interpreter
        ("/opt/my apps/bin/posture-break",),
        ("C:\\Program Files\\python.exe", "-m", "posture_break.cli", "100%", "$HOME"),
    ],
)
def test_entry_passes_desktop_file_validate(command: tuple[str, ...] | None) -> None:
    starter = XdgAutostart(command=command)
    starter.enable()
    result = subprocess.run(
        ["desktop-file-validate", str(starter.path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Hints are fine; errors and warnings are not.
    assert "error" not in result.stdout.lower(), result.stdout
    assert "warning" not in result.stdout.lower(), result.stdout
    keys = autostart._desktop_keys(starter.path.read_text(encoding="utf-8"))
    assert _unquote_exec(keys["Exec"]) == list(command or autostart.launch_command())


def test_unwritable_autostart_dir_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("not a directory")
    starter = XdgAutostart(config_home=blocker)
    with pytest.raises(AutostartError, match=r"Could not write .*posture-break\.desktop"):
        starter.enable()


def test_launch_command_prefers_the_installed_script(tmp_path: Path) -> None:
    python = tmp_path / "bin" / "python"
    python.parent.mkdir()
    python.write_text("")
    assert autostart.launch_command(str(python)) == (str(python), "-m", "posture_break.cli")
    script = tmp_path / "bin" / "posture-break"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert autostart.launch_command(str(python)) == (str(script),)


def test_module_runs_the_cli_when_started_with_dash_m() -> None:
    # The fallback command must really start something: the module guards a main() call.
    source = Path(autostart.__file__).parents[1] / "cli.py"
    assert 'if __name__ == "__main__":' in source.read_text(encoding="utf-8")


def test_launch_agent_round_trip(tmp_path: Path) -> None:
    agent = LaunchAgent(home=tmp_path, command=("/Applications/Posture Break.app/bin/pb",))
    assert not agent.is_enabled()
    agent.enable()
    assert agent.path == tmp_path / "Library/LaunchAgents/org.posture-break.plist"
    with agent.path.open("rb") as handle:
        data = plistlib.load(handle)
    assert data["Label"] == "org.posture-break"
    assert data["ProgramArguments"] == ["/Applications/Posture Break.app/bin/pb"]
    assert data["RunAtLoad"] is True
    assert agent.is_enabled()
    agent.disable()
    assert not agent.is_enabled()


def test_broken_launch_agent_is_reported(tmp_path: Path) -> None:
    agent = LaunchAgent(home=tmp_path)
    agent.path.parent.mkdir(parents=True)
    agent.path.write_text("<plist>not really")
    with pytest.raises(AutostartError, match="Could not read"):
        agent.is_enabled()


class FakeRegistry:
    """Enough of winreg for the Run key, in memory."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_READ = 1
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {}
        self.open = 0

    def OpenKey(self, key: Any, sub_key: str, reserved: int = 0, access: int = 1) -> Any:
        if sub_key not in self.keys:
            raise FileNotFoundError(sub_key)
        self.open += 1
        return sub_key

    def CreateKey(self, key: Any, sub_key: str) -> Any:
        self.keys.setdefault(sub_key, {})
        self.open += 1
        return sub_key

    def QueryValueEx(self, key: Any, name: str) -> tuple[Any, int]:
        try:
            return self.keys[key][name]
        except KeyError:
            raise FileNotFoundError(name) from None

    def SetValueEx(self, key: Any, name: str, reserved: int, kind: int, value: Any) -> None:
        self.keys[key][name] = (value, kind)

    def DeleteValue(self, key: Any, name: str) -> None:
        if name not in self.keys[key]:
            raise FileNotFoundError(name)
        del self.keys[key][name]

    def CloseKey(self, key: Any) -> None:
        self.open -= 1


def test_windows_run_key_round_trip() -> None:
    reg = FakeRegistry()
    run = WindowsRunKey(registry=reg, command=("C:\\Program Files\\pb\\posture-break.exe",))
    assert not run.is_enabled()
    run.enable()
    value, kind = reg.keys[autostart.RUN_KEY_PATH]["posture-break"]
    assert value == '"C:\\Program Files\\pb\\posture-break.exe"'
    assert kind == reg.REG_SZ
    assert run.is_enabled()
    run.disable()
    assert not run.is_enabled()
    run.disable()
    assert reg.open == 0  # every key opened was closed


def test_unknown_platform_says_not_available() -> None:
    starter = autostart.autostart_for_platform("plan9")
    assert isinstance(starter, NoAutostart)
    assert not starter.is_available()
    assert not starter.is_enabled()
    with pytest.raises(AutostartError, match="not available on plan9"):
        starter.enable()


def test_platform_choice() -> None:
    assert isinstance(autostart.autostart_for_platform("linux"), XdgAutostart)
    assert isinstance(autostart.autostart_for_platform("darwin"), LaunchAgent)
    assert isinstance(autostart.autostart_for_platform("win32"), WindowsRunKey)


def test_apply_matches_the_wanted_state() -> None:
    starter = XdgAutostart(command=(sys.executable, "-m", "posture_break.cli"))
    autostart.apply(True, starter)
    assert starter.is_enabled()
    autostart.apply(True, starter)
    assert starter.is_enabled()
    autostart.apply(False, starter)
    assert not starter.path.exists()
