"""Start the tray app, or hand a command to the one already running.

`run` is what the command line calls. It decides between three roles:

* no instance runs and the command is None: become the instance (lock, socket, tray);
* an instance runs: send it the command and return within 2 s;
* no instance runs and the command is `stretch`, `review` or `settings`: open that window alone,
  without the tray, and exit when it closes. Other commands say the app is not running.

On Unix a running instance is first tried over its socket with `posture_break.ipc`, before
PySide6 is imported: handing a command over then costs a few milliseconds instead of loading Qt.
The command line does that itself and calls `start` only when nobody answered, so a command is
sent over the socket once.
"""

from __future__ import annotations

import signal
import socket
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from posture_break import ipc
from posture_break.core.i18n import _
from posture_break.ipc import CommandError, Delivery, SendResult, server_name, validate_command

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QLockFile

    from posture_break.core.paths import AppPaths

_STANDALONE = frozenset({"stretch", "review", "settings"})
_APP_ID = "org.posturebreak.PostureBreak"


def run(command: str | None, argument: str | None, paths: AppPaths) -> int:
    """Run `posture-break [command [argument]]` and return the exit status."""
    wire_command = command if command is not None else "activate"
    try:
        validate_command(wire_command, argument)
    except CommandError as exc:
        print(f"posture-break: {exc}", file=sys.stderr)
        return 2
    if sys.platform != "win32":
        quick = ipc.send(server_name(paths.runtime_dir), wire_command, argument)
        if quick is not None:
            return ipc.report(quick, wire_command)
    return start(command, argument, paths)


def start(command: str | None, argument: str | None, paths: AppPaths) -> int:
    """Carry out a valid command that nobody answered on the socket (or on Windows, any).

    No instance, a starting one, or the leftovers of a dead one: take the lock and become the
    instance (or open a window alone), or wait for the starting instance and hand it over.
    """
    wire_command = command if command is not None else "activate"
    if command is None:
        _import_qt_free_stack()
    from posture_break.ui.instance import make_lock

    lock = make_lock(paths.runtime_dir)
    result = SendResult(Delivery.NOT_RUNNING)
    # The lock can be held for a moment by another launch that is only checking whether an
    # instance runs (it takes the lock and lets go at once). Seen from here that looks like an
    # instance that "just stopped": try again a few times before believing it, so a starting app
    # never gives up because a `posture-break stretch` looked at the same moment.
    for attempt in range(_LOCK_ATTEMPTS):
        if lock.tryLock(0):
            if command is None:
                return _run_instance(paths, lock)
            lock.unlock()
            if command in _STANDALONE:
                return _run_standalone(command, paths)
            print(_("posture-break is not running"), file=sys.stderr)
            return 1
        if command is None or command in _STANDALONE:
            # Should the lock come free on a later try, this launch shows windows itself, which
            # needs a QApplication rather than the bare QCoreApplication `_send` would make.
            _gui_app(paths)
        result = _send(paths, wire_command, argument)
        if result.delivery is not Delivery.NOT_RUNNING:
            break
        _pause_s(0.05 * (attempt + 1))
    return ipc.report(result, wire_command)


_LOCK_ATTEMPTS = 5

#: What the tray app imports that does not import Qt (the rest of `core` the command line has
#: imported already): APScheduler's base, and the core and platform modules the tray app uses.
#: The log file's module comes first of all: it brings in `logging.handlers`, whose own imports
#: (pickle, threading, socket...) would otherwise all be read by the feature hook described below.
_QT_FREE_STACK = (
    "posture_break.core.log_file",
    "apscheduler.executors.debug",
    "apscheduler.schedulers.base",
    "apscheduler.triggers.date",
    "posture_break.core.cycle",
    "posture_break.core.history",
    "posture_break.core.hold",
    "posture_break.core.outbox",
    "posture_break.core.picker",
    "posture_break.core.settings_file",
    "posture_break.core.status",
    "posture_break.core.stretch_run",
    "posture_break.core.timeline",
    "posture_break.platform.call",
    "posture_break.platform.disturb",
    "posture_break.platform.idle",
)


def _import_qt_free_stack() -> None:
    """Import the tray app's Qt-free modules before PySide6 is imported.

    PySide6's `__feature__` support inspects the module of every import statement run after
    PySide6 itself (shibokensupport `feature_imported`, once per module name): it reads the
    module's source into `linecache` to look for the word "PySide6", and those lines stay in
    memory. PySide6 (6.11) has no switch for it. What a module imports while it loads before
    PySide6 is never read, so APScheduler's base (asyncio, concurrent.futures,
    importlib.metadata, email, tzlocal) and the core and platform modules the app needs come
    first; a module named by the UI's own imports is still read. See docs/performance.md.
    """
    import importlib

    for name in _QT_FREE_STACK:
        importlib.import_module(name)


def _pause_s(seconds: float) -> None:
    import time

    # A short back-off between racing launches (another holds the lock but does not answer
    # yet), not a wait for an event: there is no event to wait on in this other process.
    time.sleep(seconds)  # noqa: TID251


def _send(paths: AppPaths, command: str, argument: str | None) -> SendResult:
    from PySide6.QtCore import QCoreApplication

    from posture_break.ui.instance import send_command

    if QCoreApplication.instance() is None:
        # A bare core application: talking to the instance needs no display.
        QCoreApplication([sys.argv[0] if sys.argv else "posture-break"])
    return send_command(paths.runtime_dir, command, argument)


def _gui_app(paths: AppPaths) -> QCoreApplication:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from posture_break.ui.qt_language import install_language

    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    qapp = QApplication([sys.argv[0] if sys.argv else "posture-break"])
    qapp.setApplicationName("posture-break")
    qapp.setApplicationDisplayName("posture-break")
    qapp.setDesktopFileName(_APP_ID)
    install_language(qapp, paths)  # before any window or menu builds its text
    return qapp


def _run_standalone(command: str, paths: AppPaths) -> int:
    from posture_break.core.log_file import start_log_file
    from posture_break.ui.composition import run_standalone

    start_log_file(paths.log_dir)
    _gui_app(paths)
    return run_standalone(command, paths)


def _run_instance(paths: AppPaths, lock: QLockFile) -> int:
    """Be the instance: listen for commands, run the tray app, release everything on exit."""
    from PySide6.QtWidgets import QApplication

    from posture_break.core.log_file import start_log_file
    from posture_break.ui.composition import build_app
    from posture_break.ui.instance import InstanceServer

    start_log_file(paths.log_dir)  # warnings and errors, for a bug report
    qapp = _gui_app(paths)
    assert isinstance(qapp, QApplication)
    # The app lives in the tray: closing its last window must not end it.
    qapp.setQuitOnLastWindowClosed(False)
    server = InstanceServer(server_name(paths.runtime_dir))
    try:
        # Listen as soon as the icon is docked; commands wait in the queue until the loop runs.
        app = build_app(paths, after_dock=server.listen)
    except OSError as exc:  # the socket could not be created
        print(f"posture-break: {exc}", file=sys.stderr)
        server.close()
        lock.unlock()
        return 1
    try:
        server.command_received.connect(app.handle_command)
        server.answer = app.answer_command
        server.set_status_source(app.status)
        app.finished.connect(qapp.quit)
        stop = _quit_on_signals(app.quit)
        app.start()
        try:
            return qapp.exec()
        finally:
            if stop is not None:
                stop.close()
            app.history.close()
    finally:
        server.close()
        lock.unlock()


class _SignalWake:
    """Turn SIGTERM/SIGINT/SIGHUP into a clean quit without a polling timer.

    SIGHUP comes when the terminal that started the app closes: the user did not ask for a
    crash, so it gets the same clean quit (running stretch recorded, WAL, lock and socket gone).

    Python runs signal handlers only when the interpreter gets control, which an idle Qt event
    loop never gives it. `signal.set_wakeup_fd` writes a byte to a socket that Qt watches.
    """

    def __init__(self, on_signal: Callable[[], None]) -> None:
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        from PySide6.QtCore import QSocketNotifier

        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._on_notifier_activated)
        self._on_signal = on_signal
        for signum in _quit_signals():
            signal.signal(signum, lambda *_: None)  # the wake-up byte does the work

    def _on_notifier_activated(self) -> None:
        try:
            self._read.recv(64)
        except BlockingIOError:
            return
        self._on_signal()

    def close(self) -> None:
        """Give the signals back to Python's defaults."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for signum in _quit_signals():
            signal.signal(
                signum, signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
            )
        self._read.close()
        self._write.close()


def _quit_signals() -> tuple[signal.Signals, ...]:
    # Only POSIX has SIGHUP, and only there is `_SignalWake` built.
    return (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def _quit_on_signals(on_signal: Callable[[], None]) -> _SignalWake | None:
    if sys.platform == "win32":
        return None
    try:
        return _SignalWake(on_signal)
    except (OSError, ValueError):
        return None  # not the main thread, or no sockets: Ctrl-C then works as Qt's default
