"""The app's prompt on Wayland: a notification answered like the panel, and tray hosts that come.

The notification server here is a test double with the `NotificationServer` methods the prompt
uses; the real server (mako on sway) is driven in tests/e2e/wayland/test_wayland_app.py.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths
from posture_break.core.record import Outcome, Trigger
from posture_break.core.settings import PromptSettings, PromptStyle, Settings
from posture_break.platform.notification_server import Action, NotificationServer
from posture_break.ui.app import PostureBreakApp
from posture_break.ui.notification_prompt import NotificationPrompt
from posture_break.ui.prompt import BreakPrompt
from posture_break.ui.prompt_choice import PromptMaker
from posture_break.ui.scheduling import BreakScheduler
from posture_break.ui.tray_host import TrayHostWatcher
from tests.ui.app_harness import build, outcomes, prompt_due


class FakeNotificationServer:
    """Records notifications; the test plays the user by calling `on_action` / `on_closed`."""

    def __init__(self, *, refuses: bool = False) -> None:
        self.refuses = refuses
        self.shown: list[tuple[str, list[Action]]] = []
        self.closed: list[int] = []
        self.on_action: Any = None
        self.on_closed: Any = None
        self._sockets: tuple[socket.socket, socket.socket] | None = None

    def capabilities(self) -> frozenset[str]:
        return frozenset({"actions", "body"})

    def notify(self, _app: str, _summary: str, body: str, actions: list[Action], **_: Any) -> int:
        if self.refuses:
            raise RuntimeError("org.freedesktop.DBus.Error.NoReply")
        self.shown.append((body, actions))
        return len(self.shown)

    def close_notification(self, notification_id: int) -> None:
        self.closed.append(notification_id)

    def fileno(self) -> int:
        if self._sockets is None:  # something the prompt can watch, which stays quiet
            self._sockets = socket.socketpair()
        return self._sockets[0].fileno()

    def pump(self) -> None:
        pass

    def close(self) -> None:
        for end in self._sockets or ():
            end.close()


@dataclass(frozen=True, slots=True)
class StyledApps:
    """Builds the app with a prompt style and notification servers; quits each after the test."""

    qtbot: QtBot
    clock: FakeClock
    paths: AppPaths
    history: BreakHistory
    scheduler: BreakScheduler
    made: list[PostureBreakApp] = field(default_factory=list)

    def make_app(
        self,
        *,
        style: str,
        is_wayland: bool,
        servers: list[FakeNotificationServer],
        tray_host: TrayHostWatcher | None = None,
    ) -> PostureBreakApp:
        opened: list[FakeNotificationServer] = []
        clock = self.clock

        def open_notification(
            title: str, seconds: int, snooze: int, heading: str
        ) -> NotificationPrompt:
            server = servers[len(opened)]
            opened.append(server)
            fake: Any = server  # the double has every NotificationServer method the prompt uses
            as_server: NotificationServer = fake
            return NotificationPrompt(
                as_server, title, seconds, snooze, clock=clock, summary=heading
            )

        app = build(
            self.qtbot,
            clock,
            self.paths,
            self.history,
            self.scheduler,
            settings=replace(Settings(), prompt=PromptSettings(style=PromptStyle(style))),
            prompts=PromptMaker(clock, open_notification=open_notification, is_wayland=is_wayland),
            tray_host=tray_host,
        )
        self.made.append(app)
        return app

    def due_notification(
        self, *, style: str, is_wayland: bool, refuses: bool = False
    ) -> tuple[PostureBreakApp, FakeNotificationServer, object]:
        """The app with one notification server, and the first prompt it shows when due."""
        server = FakeNotificationServer(refuses=refuses)
        app = self.make_app(style=style, is_wayland=is_wayland, servers=[server])
        return app, server, prompt_due(self.qtbot, app, self.clock)


@pytest.fixture
def apps(
    qtbot: QtBot,
    clock: FakeClock,
    paths: AppPaths,
    history: BreakHistory,
    scheduler: BreakScheduler,
) -> Iterator[StyledApps]:
    made = StyledApps(qtbot, clock, paths, history, scheduler)
    yield made
    for app in made.made:
        app.quit()


@pytest.mark.parametrize(
    ("key", "expected"),
    [("snooze", Outcome.SNOOZED), ("skip", Outcome.SKIPPED), (None, Outcome.SKIPPED)],
)
def test_a_notification_answer_is_recorded_as_the_panels_would_be(
    clock: FakeClock,
    history: BreakHistory,
    apps: StyledApps,
    key: str | None,
    expected: Outcome,
) -> None:
    app, server, prompt = apps.due_notification(style="auto", is_wayland=True)
    assert isinstance(prompt, NotificationPrompt)
    _body, actions = server.shown[0]
    assert [a.key for a in actions] == ["start", "snooze", "skip"]
    assert prompt.notification_id is not None
    if key is None:  # closed or expired unanswered: ignored, which counts as skipped
        server.on_closed(prompt.notification_id, 1)
    else:
        server.on_action(prompt.notification_id, key)
    assert app.prompt is None
    assert outcomes(history) == [("seated-twist", expected, Trigger.SCHEDULED)]
    # As after the panel's buttons: Snooze comes back within its minutes, the rest restart.
    next_at = app.tray.status.next_at
    assert next_at is not None
    if expected is Outcome.SNOOZED:
        assert next_at - clock.now() <= timedelta(minutes=10)
    else:
        assert next_at - clock.now() >= timedelta(minutes=44)


def test_start_in_the_notification_opens_the_stretch_counting_down(
    qtbot: QtBot,
    apps: StyledApps,
) -> None:
    app, server, prompt = apps.due_notification(style="notification", is_wayland=False)
    assert isinstance(prompt, NotificationPrompt)
    with qtbot.waitSignal(app.stretch_opened, timeout=1000) as opened:
        server.on_action(prompt.notification_id, "start")
    window = opened.args[0]
    qtbot.addWidget(window)
    assert window.stretch.id == "seated-twist"
    assert app.prompt is None
    window.close()


def test_a_refused_notification_falls_back_to_the_panel(
    qtbot: QtBot,
    history: BreakHistory,
    apps: StyledApps,
) -> None:
    app, _server, prompt = apps.due_notification(style="auto", is_wayland=True, refuses=True)
    assert isinstance(prompt, BreakPrompt)
    qtbot.addWidget(prompt)
    assert app.prompt is prompt
    prompt.skip_button.click()
    assert outcomes(history) == [("seated-twist", Outcome.SKIPPED, Trigger.SCHEDULED)]


@pytest.mark.parametrize(("style", "is_wayland"), [("auto", False), ("panel", True)])
def test_x11_and_the_panel_setting_keep_the_panel(
    qtbot: QtBot,
    apps: StyledApps,
    style: str,
    is_wayland: bool,
) -> None:
    _app, server, prompt = apps.due_notification(style=style, is_wayland=is_wayland)
    assert isinstance(prompt, BreakPrompt)
    qtbot.addWidget(prompt)
    assert server.shown == []


def test_with_a_tray_host_watcher_the_app_runs_no_tray_look_timer(
    qtbot: QtBot,
    apps: StyledApps,
) -> None:
    watcher = TrayHostWatcher(platform_name="offscreen")
    app = apps.make_app(
        style="auto",
        is_wayland=True,
        servers=[],
        tray_host=watcher,
    )
    assert app.status_window is not None
    qtbot.addWidget(app.status_window)
    assert not app._tray_look_timer.isActive()  # no wake-up while waiting for a panel
    watcher.host_appeared.emit()  # offscreen has no tray: the icon cannot dock, the window stays
    assert not app.tray.is_docked
    assert app.status_window.isVisible()


def test_the_status_window_is_a_small_fixed_dialog_so_tiling_compositors_float_it(
    qtbot: QtBot,
    apps: StyledApps,
) -> None:
    app = apps.make_app(style="auto", is_wayland=True, servers=[])
    window = app.status_window
    assert window is not None
    qtbot.addWidget(window)
    assert window.windowType() == Qt.WindowType.Dialog
    assert window.minimumSize() == window.maximumSize()
    assert window.width() <= 480
    assert window.height() <= 300
