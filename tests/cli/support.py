"""What the command-line tests share: an in-process runner, the Berlin zone, settings and history
writers, a stand-in for the launcher, and a fake running instance on the instance's socket.

`conftest.py` hands the fixtures to every file of tests/cli.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import types
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import posture_break.ui
from posture_break.cli import main
from posture_break.core.clock import FakeClock
from posture_break.core.history import open_history
from posture_break.core.paths import AppPaths
from posture_break.core.record import BreakRecord, Outcome, Trigger

BERLIN = ZoneInfo("Europe/Berlin")
MON = date(2026, 11, 23)

Run = tuple[int, str, str]
Runner = Callable[..., Run]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    def invoke(*argv: str) -> Run:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def paths() -> AppPaths:
    return AppPaths.for_user()


def write_settings(text: str) -> Path:
    config = paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    return config


def add_breaks(*entries: tuple[date, Outcome, int]) -> None:
    """Store `count` breaks of one outcome on each given local day."""
    records = []
    for day, outcome, count in entries:
        for n in range(count):
            started = datetime(day.year, day.month, day.day, 10, n, tzinfo=BERLIN)
            records.append(BreakRecord.at(started, "cat-cow", outcome, 60, Trigger.SCHEDULED))
    opened = open_history(paths().database, FakeClock(datetime(2026, 11, 25, tzinfo=BERLIN)))
    with opened.history as history:
        assert history.record_many(records) == len(records)


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, str | None]]:
    calls: list[tuple[str | None, str | None]] = []
    fake = types.ModuleType("posture_break.ui.launch")

    def fake_start(command: str | None, argument: str | None, app_paths: AppPaths) -> int:
        assert app_paths == paths()
        calls.append((command, argument))
        return 0

    fake.start = fake_start  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "posture_break.ui.launch", fake)
    monkeypatch.setattr(posture_break.ui, "launch", fake, raising=False)
    return calls


class FakeInstance:
    """A listener on the instance's socket path that records each request and sends one reply."""

    def __init__(self, reply: bytes) -> None:
        runtime = paths().runtime_dir
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.requests: list[bytes] = []
        self._reply = reply
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(runtime / "posture-break.sock"))
        self._server.listen()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return  # closed
            with client:
                client.settimeout(10)
                line = b""
                while not line.endswith(b"\n"):
                    chunk = client.recv(4096)
                    if not chunk:
                        break
                    line += chunk
                self.requests.append(line)
                client.sendall(self._reply)

    def close(self) -> None:
        # close() alone does not wake a thread blocked in accept() on Linux; shutdown() does.
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self._thread.join(timeout=10)
        assert not self._thread.is_alive()


@pytest.fixture
def instance() -> Iterator[Callable[[bytes], FakeInstance]]:
    made: list[FakeInstance] = []

    def start(reply: bytes = b'{"ok": true}\n') -> FakeInstance:
        made.append(FakeInstance(reply))
        return made[-1]

    yield start
    for fake in made:
        fake.close()
