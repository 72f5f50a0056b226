"""Fixtures for end-to-end tests on a real X server with a real tray and a session D-Bus.

The session starts Xvfb on a free display, a private `dbus-daemon` and Debian's `trayer` as the
XEmbed tray host, once for the whole run, and stops them at the end. Each test gets posture-break
in its own temporary home. Without Xvfb or trayer every test here is skipped with the package
names to install; unit tests never need a display.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness.app import RunningApp


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder e2e, so `-m "not e2e"` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def docked_app(app: RunningApp) -> RunningApp:
    """A running posture-break whose tray icon has docked and that has finished starting."""
    app.start()
    app.wait_ready()
    return app
