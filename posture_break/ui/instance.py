"""One instance per user: a `QLockFile` decides who runs, a `QLocalServer` takes the commands.

The first launch owns the lock file in the runtime directory and listens on a per-user local
socket. Later launches find the lock held, connect, send one line of UTF-8 JSON
(``{"command": ..., "argument": ...}``) and read a one-line JSON reply (``{"ok": true}`` or
``{"ok": false, "error": "..."}``). A stale socket is removed only by the lock's owner, so a second
launch can never take a live instance's socket away.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import os
import re
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Final

from PySide6.QtCore import QByteArray, QEventLoop, QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

#: Every command a running instance accepts, and whether it takes an argument.
COMMANDS: Final = frozenset(
    {"activate", "stretch", "pause", "resume", "skip", "review", "settings", "quit"}
)

#: How long a launch waits for the running instance to answer, in total.
REPLY_TIMEOUT_S: Final = 2.0

# A command line is tiny; anything longer is not from us.
_MAX_LINE_BYTES = 4096
# Linux allows 108 bytes in sun_path and macOS 104, counting the final NUL; stay well below both.
_MAX_SOCKET_PATH = 100
_LOCK_NAME = "posture-break.lock"
_SOCKET_NAME = "posture-break.sock"
_PAUSE_PATTERN = re.compile(r"^(\d{1,4})\s*(m|min|h)$")
# A connection that says nothing for this long is dropped so it cannot pile up.
_IDLE_CLIENT_MS = 5000


class CommandError(ValueError):
    """A command or its argument is not one the instance accepts."""


@dataclass(frozen=True, slots=True)
class PauseFor:
    """Pause for a fixed time (`30m`, `1h`, ...)."""

    duration: timedelta

    def __post_init__(self) -> None:
        if not timedelta(minutes=1) <= self.duration <= timedelta(days=1):
            raise ValueError(f"pause duration {self.duration} is outside 1 min .. 24 h")


class PauseUntil(enum.Enum):
    """Pause until a moment that is not a fixed time away."""

    TOMORROW = "tomorrow"
    RESUMED = "resumed"  # until the user resumes


def parse_pause(argument: str | None) -> PauseFor | PauseUntil:
    """Read the argument of `pause`: ``30m``, ``1h``, ``2h``, ``tomorrow``, or nothing.

    Raises:
        CommandError: The argument is none of these; the message says what is accepted.
    """
    if argument is None or argument.strip() == "":
        return PauseUntil.RESUMED
    text = argument.strip().lower()
    if text == "tomorrow":
        return PauseUntil.TOMORROW
    match = _PAUSE_PATTERN.match(text)
    if match is not None:
        amount = int(match.group(1))
        unit = timedelta(hours=1) if match.group(2) == "h" else timedelta(minutes=1)
        try:
            return PauseFor(amount * unit)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    raise CommandError(
        f"pause takes 30m, 1h, 2h, tomorrow or a number of minutes/hours like 45m; not {argument!r}"
    )


def validate_command(command: str, argument: str | None) -> None:
    """Check a command before it is accepted.

    Raises:
        CommandError: Unknown command, or an argument it does not take.
    """
    if command not in COMMANDS:
        raise CommandError(f"unknown command {command!r}")
    if command == "pause":
        parse_pause(argument)
    elif argument is not None:
        raise CommandError(f"{command} takes no argument")


def lock_path(runtime_dir: Path) -> Path:
    """Return the lock file that marks the running instance."""
    return runtime_dir / _LOCK_NAME


def server_name(runtime_dir: Path) -> str:
    """Return the per-user local socket name for the instance in `runtime_dir`.

    On Unix this is a socket path. When the runtime directory is so deep that the path would not
    fit in a socket address, a short hashed name in a private ``/tmp/posture-break-<uid>/`` is used
    instead; the hash keeps separate runtime directories (e.g. tests) apart.
    """
    if sys.platform == "win32":
        # Named pipes are per machine: the user's name keeps two users apart.
        user = os.environ.get("USERNAME", "user")
        digest = hashlib.sha256(f"{user}\0{runtime_dir}".encode()).hexdigest()[:16]
        return f"posture-break-{digest}"
    full = runtime_dir / _SOCKET_NAME
    if len(os.fsencode(full)) <= _MAX_SOCKET_PATH:
        return str(full)
    digest = hashlib.sha256(os.fsencode(runtime_dir)).hexdigest()[:16]
    return str(_short_socket_dir() / f"{digest}.sock")


def _short_socket_dir() -> Path:
    """Return a private directory with a short path for sockets, creating it 0700."""
    base = Path("/tmp") if Path("/tmp").is_dir() else Path(tempfile.gettempdir())  # noqa: S108
    directory = base / f"posture-break-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        directory.mkdir(mode=0o700)
    info = directory.lstat()
    # /tmp is shared: only trust a real directory that we own and nobody else can enter.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise OSError(f"{directory} is not a directory owned by this user; refusing to use it")
    if stat.S_IMODE(info.st_mode) != 0o700:
        directory.chmod(0o700)
    return directory


def make_lock(runtime_dir: Path) -> QLockFile:
    """Return the (not yet taken) instance lock for `runtime_dir`.

    The stale-lock time is 0: a live instance holds its lock for days, so age says nothing.
    QLockFile still takes over a lock whose process is gone (it checks the PID and the process
    name), which is what makes a start after ``kill -9`` work.
    """
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = QLockFile(str(lock_path(runtime_dir)))
    lock.setStaleLockTime(0)
    return lock


class InstanceServer(QObject):
    """Accept commands from later launches on the per-user local socket.

    Commands are validated and answered at once; accepted ones are then announced with
    `command_received`, so a slow action never holds up the launch that sent it.

    Signals:
        command_received: A valid command (name, argument or None) arrived.
    """

    command_received = Signal(str, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    @property
    def name(self) -> str:
        """Return the socket name this server listens on."""
        return self._name

    def listen(self) -> None:
        """Listen, removing a stale socket first; call only while holding the instance lock.

        Raises:
            OSError: The socket could not be created.
        """
        # Safe only because the caller holds the lock: a live instance would hold it instead.
        QLocalServer.removeServer(self._name)
        if not self._server.listen(self._name):
            raise OSError(f"cannot listen on {self._name}: {self._server.errorString()}")

    def close(self) -> None:
        """Stop listening and drop open connections."""
        self._server.close()
        for sock in list(self._buffers):
            sock.abort()
        self._buffers.clear()

    def _on_server_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._on_socket_ready_read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            QTimer.singleShot(_IDLE_CLIENT_MS, sock, sock.abort)

    def _forget(self, sock: QLocalSocket) -> None:
        if self._buffers.pop(sock, None) is not None:
            sock.deleteLater()

    def _on_socket_ready_read(self, sock: QLocalSocket) -> None:
        buffer = self._buffers.get(sock)
        if buffer is None:
            return
        buffer += bytes(sock.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > _MAX_LINE_BYTES:
                self._reply(sock, {"ok": False, "error": "command too long"})
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        buffer.clear()
        try:
            command, argument = _decode_request(line)
            validate_command(command, argument)
        except CommandError as exc:
            self._reply(sock, {"ok": False, "error": str(exc)})
            return
        self._reply(sock, {"ok": True})
        self.command_received.emit(command, argument)

    def _reply(self, sock: QLocalSocket, reply: dict[str, object]) -> None:
        sock.write(QByteArray(json.dumps(reply).encode() + b"\n"))
        sock.flush()
        sock.disconnectFromServer()


def _decode_request(line: bytes) -> tuple[str, str | None]:
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CommandError("not a JSON command line") from None
    if not isinstance(message, dict):
        raise CommandError("a command must be a JSON object")
    command = message.get("command")
    argument = message.get("argument")
    if not isinstance(command, str) or not (argument is None or isinstance(argument, str)):
        raise CommandError("command must be a string and argument a string or null")
    return command, argument


class Delivery(enum.Enum):
    """What became of a command sent to the running instance."""

    ACCEPTED = "accepted"
    REFUSED = "refused"  # the instance answered with an error
    NOT_RUNNING = "not running"
    NO_ANSWER = "no answer"


@dataclass(frozen=True, slots=True)
class SendResult:
    """The outcome of `send_command`, with the instance's error text when it refused."""

    delivery: Delivery
    error: str = ""


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
    # perf_counter is an interval timer: this deadline is a duration, not a time of day.
    deadline = time.perf_counter() + timeout_s
    payload = json.dumps({"command": command, "argument": argument}).encode() + b"\n"
    while True:
        remaining_ms = int((deadline - time.perf_counter()) * 1000)
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
        if b"\n" in received or len(received) > _MAX_LINE_BYTES:
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
    return _decode_reply(bytes(received.split(b"\n", 1)[0]))


def _decode_reply(line: bytes) -> SendResult:
    try:
        reply = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return SendResult(Delivery.REFUSED, "the running instance sent an unreadable reply")
    if isinstance(reply, dict) and reply.get("ok") is True:
        return SendResult(Delivery.ACCEPTED)
    error = reply.get("error") if isinstance(reply, dict) else None
    return SendResult(Delivery.REFUSED, str(error) if error else "refused")
