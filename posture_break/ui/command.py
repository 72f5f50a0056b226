"""The command protocol between launches, without Qt: names, arguments, socket path, wire format.

A later launch talks to the running instance with one line of UTF-8 JSON
(``{"command": ..., "argument": ...}``) and reads a one-line JSON reply (``{"ok": true}`` or
``{"ok": false, "error": "..."}``). This module imports no Qt, so on Unix a launch that only hands
a command over (`posture-break stretch`) never pays for importing PySide6: `send_over_socket`
talks to the instance's `QLocalServer` with a plain Unix socket.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import socket
import stat
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

#: Every command a running instance accepts. `ping` does nothing: its answer says the instance
#: is up and its event loop runs (scripts and tests wait for it); `activate` is a plain relaunch.
COMMANDS = frozenset(
    {"ping", "activate", "stretch", "pause", "resume", "skip", "review", "settings", "quit"}
)

#: How long a launch waits for the running instance to answer, in total.
REPLY_TIMEOUT_S = 2.0

#: A command line is tiny; anything longer is not from us.
MAX_LINE_BYTES = 4096
# Linux allows 108 bytes in sun_path and macOS 104, counting the final NUL; stay well below both.
_MAX_SOCKET_PATH = 100
_LOCK_NAME = "posture-break.lock"
_SOCKET_NAME = "posture-break.sock"
# `re` caches compiled patterns; compiling at import would tax every launch for a rare command.
_PAUSE_PATTERN = r"^(\d{1,4})\s*(m|min|h)$"


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
    match = re.match(_PAUSE_PATTERN, text)
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
        digest = _digest(f"{user}\0{runtime_dir}".encode())
        return f"posture-break-{digest}"
    full = runtime_dir / _SOCKET_NAME
    if len(os.fsencode(full)) <= _MAX_SOCKET_PATH:
        return str(full)
    digest = _digest(os.fsencode(runtime_dir))
    return str(_short_socket_dir() / f"{digest}.sock")


def _digest(data: bytes) -> str:
    import hashlib  # only for the rare deep runtime directory (and Windows): 5 ms of OpenSSL

    return hashlib.sha256(data).hexdigest()[:16]


def _short_socket_dir() -> Path:
    """Return a private directory with a short path for sockets, creating it 0700."""
    import tempfile  # only for the rare deep runtime directory

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


def encode_request(command: str, argument: str | None) -> bytes:
    """Return the wire form of a command: one line of UTF-8 JSON."""
    import json  # loaded on first use: the tray app needs it only when a command arrives

    return json.dumps({"command": command, "argument": argument}).encode() + b"\n"


def encode_reply(error: str | None) -> bytes:
    """Return the wire form of a reply: ``{"ok": true}`` or ``{"ok": false, "error": ...}``."""
    reply: dict[str, object] = {"ok": True} if error is None else {"ok": False, "error": error}
    import json

    return json.dumps(reply).encode() + b"\n"


def decode_request(line: bytes) -> tuple[str, str | None]:
    """Read a command line into (command, argument).

    Raises:
        CommandError: The line is not a JSON command.
    """
    import json

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


def send_over_socket(
    name: str, command: str, argument: str | None, *, timeout_s: float = REPLY_TIMEOUT_S
) -> SendResult | None:
    """Hand a command to the instance listening on the Unix socket `name`, without Qt.

    Returns:
        The reply (ACCEPTED, REFUSED, or NO_ANSWER when nothing came within `timeout_s`), or
        None when nobody listens there (no socket file, or one left by a dead process).
    """
    # perf_counter is an interval timer: this deadline is a duration, not a time of day.
    deadline = time.perf_counter() + timeout_s
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_s)
        try:
            sock.connect(name)
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        except OSError:
            return SendResult(Delivery.NO_ANSWER)
        received = bytearray()
        try:
            sock.sendall(encode_request(command, argument))
            while b"\n" not in received and len(received) <= MAX_LINE_BYTES:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    return SendResult(Delivery.NO_ANSWER)
                sock.settimeout(remaining)
                chunk = sock.recv(4096)
                if not chunk:
                    break
                received += chunk
        except OSError:  # timeout, reset
            return SendResult(Delivery.NO_ANSWER)
    if b"\n" not in received:
        return SendResult(Delivery.NO_ANSWER)
    return decode_reply(bytes(received.split(b"\n", 1)[0]))


def decode_reply(line: bytes) -> SendResult:
    """Read a reply line into a `SendResult`."""
    import json

    try:
        reply = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return SendResult(Delivery.REFUSED, "the running instance sent an unreadable reply")
    if isinstance(reply, dict) and reply.get("ok") is True:
        return SendResult(Delivery.ACCEPTED)
    error = reply.get("error") if isinstance(reply, dict) else None
    return SendResult(Delivery.REFUSED, str(error) if error else "refused")
