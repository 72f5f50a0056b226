"""Shared test set-up: no real display for unit tests, and no test touches the user's files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture_break.core.i18n import use_languages
from tests.harness.app import RunningApp, make_home
from tests.harness.desktop import APT_HINT, DesktopSession, missing_tools

# The `db_path` and `lock` fixtures of a history another program holds (outbox tests, core and UI).
pytest_plugins = ["tests.core.held_history"]

# Unit and UI tests never need a display; e2e tests start their own X server and pass DISPLAY
# to the processes they launch explicitly.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Tests assert English text, whatever the developer's own language (LANG=de_DE.UTF-8): the
# processes they start read LANGUAGE first, and this process translates into English from now
# on. A test that checks a translation switches language explicitly (and back).
os.environ["LANGUAGE"] = "en"
use_languages(["en"])


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point every XDG directory at a fresh temporary home so no test reads or writes real files."""
    home = tmp_path_factory.mktemp("home")
    saved = {k: os.environ.get(k) for k in _XDG_VARS}
    for var, sub in _XDG_VARS.items():
        path = home / sub
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ[var] = str(path)
    try:
        yield home
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


_XDG_VARS = {
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "runtime",
}


@pytest.fixture(scope="module")
def desktop() -> Iterator[DesktopSession]:
    """Xvfb + session D-Bus + trayer for a test module; skipped when the tools are missing."""
    missing = missing_tools()
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed: {APT_HINT}")
    with DesktopSession() as session:
        yield session


@pytest.fixture
def app(desktop: DesktopSession, tmp_path: Path) -> Iterator[RunningApp]:
    """A posture-break that is not started yet, in its own home; stopped after the test."""
    running = RunningApp(desktop, make_home(tmp_path))
    try:
        yield running
    finally:
        running.stop()
