"""One headless sway session (with its D-Bus and mako) for all the Wayland tests.

Every test here skips, with sway's own words, only when sway cannot start on this machine.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.wayland.session import SessionError, WaylandSession


@pytest.fixture(scope="module")
def wayland() -> Iterator[WaylandSession]:
    """A running sway + D-Bus + mako; waybar is started by the tests that want a tray."""
    session = WaylandSession()
    try:
        session.start()
    except SessionError as error:
        pytest.skip(f"sway cannot start here: {error}")
    try:
        yield session
    finally:
        session.stop()
