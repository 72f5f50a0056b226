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


def _modules_after(code: str) -> set[str]:
    """Run `code` in a fresh interpreter and return the top-level names in its `sys.modules`."""
    probe = code + "\nimport sys; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(out.stdout.split())


def test_the_tray_app_at_rest_loads_no_wayland_or_notification_modules() -> None:
    # Everything `build_app` imports at start-up; the Wayland sources and the notification
    # server are imported only where a Wayland session or a notification needs them.
    loaded = _modules_after(
        "import posture_break.ui.composition, posture_break.ui.app, posture_break.ui.tray"
    )
    assert "PySide6" in loaded  # the probe did import the UI
    assert not loaded & {"pywayland", "jeepney", "pulsectl"}


def test_the_stack_imported_before_qt_does_not_import_qt() -> None:
    # The point of importing it first is that PySide6's feature hook is not yet installed.
    loaded = _modules_after("from posture_break.ui import launch; launch._import_qt_free_stack()")
    assert "apscheduler" in loaded
    assert not loaded & {"PySide6", "shiboken6"}


def test_only_the_wayland_idle_source_is_watched() -> None:
    pytest.importorskip("pywayland", exc_type=ImportError)
    from posture_break.platform.wayland_idle import WaylandIdleSource

    assert issubclass(WaylandIdleSource, WatchedIdleSource)
    for source in (NoIdleSource, DBusIdleSource, X11IdleSource):
        assert not issubclass(source, WatchedIdleSource)
    assert not isinstance(NoIdleSource(), WatchedIdleSource)
