"""What the tray app loads at rest (docs/performance.md, issue 19): nothing a session never uses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from posture_break.platform.idle import (
    DBusIdleSource,
    NoIdleSource,
    WatchedIdleSource,
    X11IdleSource,
)

#: Everything `build_app` imports at start-up.
AT_REST = "import posture_break.ui.composition, posture_break.ui.app, posture_break.ui.tray"


def _modules_after(code: str) -> set[str]:
    """Run `code` in a fresh interpreter and return the names in its `sys.modules`."""
    probe = code + "\nimport sys; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(out.stdout.split())


def _packages_after(code: str) -> set[str]:
    """Run `code` in a fresh interpreter and return the top-level names in its `sys.modules`."""
    return {name.split(".")[0] for name in _modules_after(code)}


def test_the_tray_app_at_rest_loads_no_wayland_or_notification_modules() -> None:
    # The Wayland sources and the notification server are imported only where a Wayland
    # session or a notification needs them.
    loaded = _packages_after(AT_REST)
    assert "PySide6" in loaded  # the probe did import the UI
    assert not loaded & {"pywayland", "jeepney", "pulsectl"}


def test_the_prompt_panel_and_notification_escaping_load_when_first_used() -> None:
    # The panel's window (and `typing_extensions`, which its `@override` needs on Python 3.11)
    # comes with the first due break; `html`'s entity tables with the first notification.
    loaded = _modules_after(AT_REST)
    assert "posture_break.ui.prompt_choice" in loaded  # the probe did import the prompt maker
    assert not loaded & {"posture_break.ui.prompt", "typing_extensions", "html", "html.entities"}
    shown = _modules_after(
        AT_REST + "\nfrom posture_break.ui.plain_text import notification_text"
        "\nassert notification_text('a < b', server_does_markup=True) == 'a &lt; b'"
        "\nfrom posture_break.ui.prompt_choice import PromptMaker"
        "\nfrom datetime import UTC, datetime"
        "\nfrom posture_break.core.clock import FakeClock"
        "\nfrom posture_break.core.settings import Settings"
        "\nfrom PySide6.QtWidgets import QApplication"
        "\napp = QApplication([])"
        "\nclock = FakeClock(datetime(2026, 3, 4, 10, tzinfo=UTC))"
        "\nPromptMaker(clock).panel(Settings(), 'Seated reach', 60)"
    )
    assert {"posture_break.ui.prompt", "html"} <= shown


def test_the_stack_imported_before_qt_does_not_import_qt() -> None:
    # The point of importing it first is that PySide6's feature hook is not yet installed.
    loaded = _packages_after("from posture_break.ui import launch; launch._import_qt_free_stack()")
    assert "apscheduler" in loaded
    assert not loaded & {"PySide6", "shiboken6"}


def test_only_the_wayland_idle_source_is_watched() -> None:
    pytest.importorskip("pywayland", exc_type=ImportError)
    from posture_break.platform.wayland_idle import WaylandIdleSource

    assert issubclass(WaylandIdleSource, WatchedIdleSource)
    for source in (NoIdleSource, DBusIdleSource, X11IdleSource):
        assert not issubclass(source, WatchedIdleSource)
    assert not isinstance(NoIdleSource(), WatchedIdleSource)
