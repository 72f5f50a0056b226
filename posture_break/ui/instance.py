"""One instance per user: a `QLockFile` decides who runs, a `QLocalServer` takes the commands.

The first launch owns the lock file in the runtime directory and listens on a per-user local
socket. Later launches find the lock held, connect, send one line of UTF-8 JSON
(``{"command": ..., "argument": ...}``) and read a one-line JSON reply (``{"ok": true}`` or
``{"ok": false, "error": "..."}``). A stale socket is removed only by the lock's owner, so a second
launch can never take a live instance's socket away.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEventLoop, QLockFile, QObject, Qt, QTimer, Signal

from posture_break.core.clock import SystemClock
from posture_break.core.i18n import _
from posture_break.core.paths import ensure_private_dir
from posture_break.ipc import (
    ANSWERED_COMMANDS,
    MAX_LINE_BYTES,
    REPLY_TIMEOUT_S,
    CommandError,
    Delivery,
    SendResult,
    decode_reply,
    decode_request,
    encode_reply,
    encode_request,
    lock_path,
    server_name,
    validate_command,
)

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

# QtNetwork is imported where it is used: the tray docks its icon before it is needed.

# A connection that says nothing for this long is dropped so it cannot pile up.
_IDLE_CLIENT_MS = 5000
# At most this many connections are open at once; more wait unaccepted in the kernel's backlog,
# so a flood of connections cannot use up the process's file descriptors.
_MAX_CLIENTS = 16
# How often to check that the server still listens. Qt closes (and deletes) the socket when
# accept() fails, e.g. with EMFILE when the process is out of file descriptors, and says nothing.
# Once a minute, coarse: every check wakes the idle app, and the tray app may wake at most ~3
# times a minute at rest (docs/performance.md); a 2 s check woke it 30 times a minute.
_LISTEN_CHECK_MS = 60_000


def make_lock(runtime_dir: Path) -> QLockFile:
    """Return the (not yet taken) instance lock for `runtime_dir`.

    The stale-lock time is 0: a live instance holds its lock for days, so age says nothing.
    QLockFile still takes over a lock whose process is gone (it checks the PID and the process
    name), which is what makes a start after ``kill -9`` work.
    """
    ensure_private_dir(runtime_dir)
    lock = QLockFile(str(lock_path(runtime_dir)))
    lock.setStaleLockTime(0)
    return lock


class InstanceServer(QObject):
    """Accept commands from later launches on the per-user local socket.

    Commands are validated and answered at once; accepted ones are then announced with
    `command_received`, so a slow action never holds up the launch that sent it. `status` is
    answered from `status_source` and not announced; the quick `ANSWERED_COMMANDS` (pause,
    resume, skip) are instead handed to `answer`, when set, and its words go back in the reply.

    Signals:
        command_received: A valid command (name, argument or None) arrived.
    """

    command_received = Signal(str, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self._name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # With one pending connection Qt stops accepting until we take it (see `_take_pending`).
        self._server.setMaxPendingConnections(1)
        self._server.newConnection.connect(self._on_server_new_connection)
        self._buffers: dict[QLocalSocket, bytearray] = {}
        self._listening = False
        self._listen_check = QTimer(self)
        self._listen_check.setInterval(_LISTEN_CHECK_MS)
        self._listen_check.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._listen_check.timeout.connect(self._on_listen_check_timeout)
        self._status_source: Callable[[], dict[str, object]] | None = None
        #: Carries out an answered command and says what happened (see `ANSWERED_COMMANDS`).
        self.answer: Callable[[str, str | None], str] | None = None

    def set_status_source(self, source: Callable[[], dict[str, object]]) -> None:
        """Answer `status` with what `source` returns (the app's `status --json` object)."""
        self._status_source = source

    @property
    def name(self) -> str:
        """Return the socket name this server listens on."""
        return self._name

    def listen(self) -> None:
        """Listen, removing a stale socket first; call only while holding the instance lock.

        Raises:
            OSError: The socket could not be created.
        """
        from PySide6.QtNetwork import QLocalServer

        # Safe only because the caller holds the lock: a live instance would hold it instead.
        QLocalServer.removeServer(self._name)
        if not self._server.listen(self._name):
            raise OSError(f"cannot listen on {self._name}: {self._server.errorString()}")
        self._listening = True
        self._listen_check.start()

    def close(self) -> None:
        """Stop listening and drop open connections."""
        self._listening = False
        self._listen_check.stop()
        self._server.close()
        for sock in list(self._buffers):
            sock.abort()
        self._buffers.clear()

    def _on_listen_check_timeout(self) -> None:
        """Listen again if Qt closed the server after a failed accept (out of descriptors)."""
        from PySide6.QtNetwork import QLocalServer

        if not self._listening or self._server.isListening():
            return
        # We still hold the instance lock, so the name is ours to take back. If descriptors are
        # still short, listening fails now and is tried again at the next check.
        QLocalServer.removeServer(self._name)
        self._server.listen(self._name)

    def _on_server_new_connection(self) -> None:
        self._take_pending()

    def _take_pending(self) -> None:
        while self._server.hasPendingConnections() and len(self._buffers) < _MAX_CLIENTS:
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._on_socket_ready_read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            QTimer.singleShot(_IDLE_CLIENT_MS, sock, sock.abort)

    def _forget(self, sock: QLocalSocket) -> None:
        if self._buffers.pop(sock, None) is not None:
            sock.deleteLater()
            if self._listening and not self._server.isListening():
                # A client leaving frees a descriptor: the moment to take the socket back after
                # a failed accept, without waiting for the once-a-minute check.
                self._on_listen_check_timeout()
            self._take_pending()

    def _on_socket_ready_read(self, sock: QLocalSocket) -> None:
        buffer = self._buffers.get(sock)
        if buffer is None:
            return
        buffer += bytes(sock.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_LINE_BYTES:
                self._reply(sock, _("command too long"))
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        buffer.clear()
        try:
            command, argument = decode_request(line)
            validate_command(command, argument)
        except CommandError as exc:
            self._reply(sock, str(exc))
            return
        if command == "status":
            if self._status_source is None:
                self._reply(sock, _("the app is still starting; try again"))
            else:
                self._reply(sock, None, self._status_source())
            return
        if command in ANSWERED_COMMANDS and self.answer is not None:
            # Quick and said back: the reply carries what happened ("Paused until 23:08").
            self._reply(sock, None, message=self.answer(command, argument))
            return
        self._reply(sock, None)
        self.command_received.emit(command, argument)

    def _reply(
        self,
        sock: QLocalSocket,
        error: str | None,
        status: dict[str, object] | None = None,
        *,
        message: str | None = None,
    ) -> None:
        sock.write(QByteArray(encode_reply(error, status, message)))
        sock.flush()
        sock.disconnectFromServer()


def send_command(
    runtime_dir: Path,
    command: str,
    argument: str | None,
    *,
    timeout_s: float = REPLY_TIMEOUT_S,
) -> SendResult:
    """Hand a command to the running instance and wait (at most `timeout_s`) for its reply.

    Runs a local event loop rather than blocking calls, so it also works with the server in the
    same process (as in tests). Needs a `QCoreApplication`.

    Returns:
        ACCEPTED or REFUSED when the instance answered; NOT_RUNNING when nobody holds the lock;
        NO_ANSWER when an instance holds the lock but did not answer in time.
    """
    name = server_name(runtime_dir)
    clock = SystemClock()  # a duration, not a time of day: the monotonic clock
    deadline = clock.monotonic() + timeout_s
    payload = encode_request(command, argument)
    while True:
        remaining_ms = int((deadline - clock.monotonic()) * 1000)
        if remaining_ms <= 0:
            return SendResult(Delivery.NO_ANSWER)
        outcome = _exchange(name, payload, remaining_ms)
        if isinstance(outcome, SendResult):
            return outcome
        # Nobody listens. Either no instance runs, or one is starting and not listening yet.
        if not is_instance_running(runtime_dir):
            return SendResult(Delivery.NOT_RUNNING)
        _pause_ms(min(50, remaining_ms))


def is_instance_running(runtime_dir: Path) -> bool:
    """Return whether a live process holds the instance lock (briefly trying it ourselves)."""
    lock = make_lock(runtime_dir)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return True


def _pause_ms(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _exchange(name: str, payload: bytes, timeout_ms: int) -> SendResult | None:
    """Connect, send one line, read one line; None when there is nobody to connect to."""
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    loop = QEventLoop()
    received = bytearray()
    state: dict[str, object] = {"connected": False, "failed": False}

    def on_connected() -> None:
        state["connected"] = True
        sock.write(QByteArray(payload))
        sock.flush()

    def on_ready_read() -> None:
        received.extend(bytes(sock.readAll().data()))
        if b"\n" in received or len(received) > MAX_LINE_BYTES:
            loop.quit()

    def on_error(_error: QLocalSocket.LocalSocketError) -> None:
        state["failed"] = True
        loop.quit()

    sock.connected.connect(on_connected)
    sock.readyRead.connect(on_ready_read)
    sock.errorOccurred.connect(on_error)
    sock.disconnected.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    sock.connectToServer(name)
    if not state["failed"] and b"\n" not in received:
        loop.exec()
    timer.stop()
    if not state["connected"]:
        sock.abort()
        return None
    if b"\n" not in received and sock.bytesAvailable() > 0:
        received.extend(bytes(sock.readAll().data()))
    sock.abort()
    if b"\n" not in received:
        return SendResult(Delivery.NO_ANSWER)
    return decode_reply(bytes(received.split(b"\n", 1)[0]))
