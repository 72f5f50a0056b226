"""Whether the user wants less motion on screen: the desktop's preference and our own setting.

Sources, each answering `Motion.REDUCED`, `Motion.FULL` or `Motion.UNKNOWN`, never raising:

- the freedesktop settings portal, `org.freedesktop.appearance` `reduced-motion` (u: 0 no
  preference, 1 reduced; any desktop with xdg-desktop-portal new enough to carry the key);
- GNOME's `org.gnome.desktop.interface enable-animations` (through `gsettings`);
- KDE's `AnimationDurationFactor` in `kdeglobals` (`[KDE]`; 0 means animations off);
- Windows' `SPI_GETCLIENTAREAANIMATION` (Settings > Accessibility > Animation effects);
- macOS' `com.apple.universalaccess reduceMotion` (through `defaults`; not tested on a Mac).

`desktop_motion` asks the sources of this platform; one "reduced" wins over any "full" (GNOME's
schemas answer "true" on KDE too, and must not hide KDE's "off"). `effective_motion` combines the
answer with the `[appearance] motion = "auto" | "reduced" | "full"` setting: pure, so the
decision is tested without a desktop.
"""

from __future__ import annotations

import configparser
import ctypes
import enum
import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from posture_break.core.setting_values import MotionChoice
from posture_break.platform.disturb import DBUS_TIMEOUT_MS, Runner, run_command

_log = logging.getLogger(__name__)

# SystemParametersInfoW action: is client-area animation (the "Animation effects" switch) on.
SPI_GETCLIENTAREAANIMATION = 0x1042

PORTAL_NAMESPACE = "org.freedesktop.appearance"
PORTAL_KEY = "reduced-motion"


class Motion(enum.Enum):
    """What the desktop (or the user) asks for."""

    REDUCED = "reduced"
    FULL = "full"
    UNKNOWN = "unknown"


# The `[appearance] motion` setting, declared with the other settings in `core/`.
MotionSetting = MotionChoice


def effective_motion(setting: MotionSetting, desktop: Motion) -> Motion:
    """Return REDUCED or FULL: the setting when it is explicit, else the desktop's answer.

    An unknown desktop answer means full motion: nothing said the user wants less, and the
    figure's movement is what shows the stretch best.
    """
    if setting is MotionSetting.REDUCED:
        return Motion.REDUCED
    if setting is MotionSetting.FULL:
        return Motion.FULL
    return Motion.REDUCED if desktop is Motion.REDUCED else Motion.FULL


def combine(answers: Iterable[Motion]) -> Motion:
    """Return REDUCED if any source says so, else FULL if any says that, else UNKNOWN."""
    seen = set(answers)
    if Motion.REDUCED in seen:
        return Motion.REDUCED
    if Motion.FULL in seen:
        return Motion.FULL
    return Motion.UNKNOWN


# --- the readers -------------------------------------------------------------------------------


def portal_value_motion(value: object) -> Motion:
    """Return what a portal `reduced-motion` value means (1 reduced; 0 is "no preference")."""
    if isinstance(value, bool) or not isinstance(value, int):
        return Motion.UNKNOWN
    return Motion.REDUCED if value == 1 else Motion.UNKNOWN


def portal_reduced_motion() -> Motion:
    """Ask the settings portal on the session bus (`ReadOne`, portal version 2 and later)."""
    try:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusVariant

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return Motion.UNKNOWN
        message = QDBusMessage.createMethodCall(
            "org.freedesktop.portal.Desktop",
            "/org/freedesktop/portal/desktop",
            "org.freedesktop.portal.Settings",
            "ReadOne",
        )
        message.setArguments([PORTAL_NAMESPACE, PORTAL_KEY])
        message.setAutoStartService(False)  # asking must not start a portal
        reply = bus.call(message, QDBus.CallMode.Block, DBUS_TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            return Motion.UNKNOWN
        value = reply.arguments()[0]
        while isinstance(value, QDBusVariant):
            value = value.variant()
        return portal_value_motion(value)
    except Exception:  # a preference reader must never stop the app
        _log.debug("portal reduced-motion failed", exc_info=True)
        return Motion.UNKNOWN


def _switch_motion(out: str | None, *, reduced: str, full: str) -> Motion:
    """Read a setting tool's printed on/off value; anything else (or no answer) is unknown."""
    value = None if out is None else out.strip()
    if value == reduced:
        return Motion.REDUCED
    if value == full:
        return Motion.FULL
    return Motion.UNKNOWN


def gnome_animations(run: Runner = run_command) -> Motion:
    """Return GNOME's `enable-animations`: "false" means reduced."""
    out = run(("gsettings", "get", "org.gnome.desktop.interface", "enable-animations"))
    return _switch_motion(out, reduced="false", full="true")


def kde_animation_factor(config_home: Path) -> Motion:
    """Return KDE's `[KDE] AnimationDurationFactor` from `kdeglobals`: 0 means reduced."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        if not parser.read(config_home / "kdeglobals", encoding="utf-8"):
            return Motion.UNKNOWN
        factor = parser.getfloat("KDE", "AnimationDurationFactor", fallback=None)
    except (configparser.Error, ValueError, OSError):
        return Motion.UNKNOWN
    if factor is None:
        return Motion.UNKNOWN
    return Motion.REDUCED if factor <= 0 else Motion.FULL


def windows_client_area_animation() -> Motion:
    """Return Windows' "Animation effects" switch (SPI_GETCLIENTAREAANIMATION): off is reduced."""
    try:
        windll: Any = getattr(ctypes, "windll")  # noqa: B009  # only exists on Windows
        enabled = ctypes.c_int()
        if not windll.user32.SystemParametersInfoW(
            SPI_GETCLIENTAREAANIMATION, 0, ctypes.byref(enabled), 0
        ):
            return Motion.UNKNOWN
        return Motion.FULL if enabled.value else Motion.REDUCED
    except Exception:  # a preference reader must never stop the app
        _log.debug("SPI_GETCLIENTAREAANIMATION failed", exc_info=True)
        return Motion.UNKNOWN


def macos_reduce_motion(run: Runner = run_command) -> Motion:
    """Return macOS' Reduce motion (`defaults read com.apple.universalaccess reduceMotion`)."""
    out = run(("defaults", "read", "com.apple.universalaccess", "reduceMotion"))
    return _switch_motion(out, reduced="1", full="0")


def desktop_motion(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    run: Runner = run_command,
    portal: Callable[[], Motion] = portal_reduced_motion,
    windows: Callable[[], Motion] = windows_client_area_animation,
) -> Motion:
    """Return the desktop's motion preference on this platform, UNKNOWN where none can tell."""
    platform = sys.platform if platform is None else platform
    env = os.environ if environ is None else environ
    if platform == "win32":
        return windows()
    if platform == "darwin":
        return macos_reduce_motion(run)
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    config_home = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
    return combine((portal(), gnome_animations(run), kde_animation_factor(config_home)))
