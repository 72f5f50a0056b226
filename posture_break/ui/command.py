"""The command protocol between launches, without Qt: names, arguments, socket path, wire format.

A later launch talks to the running instance with one line of UTF-8 JSON
(``{"command": ..., "argument": ...}``) and reads a one-line JSON reply (``{"ok": true}`` or
``{"ok": false, "error": "..."}``). This module imports no Qt, so on Unix a launch that only hands
a command over never pays for importing PySide6: `send_over_socket` talks to the instance's
`QLocalServer` with a plain Unix socket. The wire format and that socket live in `ui/wire.py`,
which imports almost nothing: the command line uses it directly for `posture-break stretch`.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import stat
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from posture_break.ui import wire
from posture_break.ui.wire import MAX_LINE_BYTES, REPLY_TIMEOUT_S, encode_request

__all__ = [
    "COMMANDS",
    "MAX_LINE_BYTES",
    "REPLY_TIMEOUT_S",
    "CommandError",
    "Delivery",
    "PauseFor",
    "PauseUntil",
    "SendResult",
    "decode_reply",
    "decode_request",
    "encode_reply",
    "encode_request",
    "lock_path",
    "parse_pause",
    "send_over_socket",
    "server_name",
    "validate_command",
]

#: Every command a running instance accepts. `ping` does nothing: its answer says the instance
#: is up and its event loop runs (scripts and tests wait for it); `activate` is a plain relaunch.
COMMANDS = frozenset(
    {"ping", "activate", "stretch", "pause", "resume", "skip", "review", "settings", "quit"}
)

_LOCK_NAME = "posture-break.lock"
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
    full = wire.socket_path(runtime_dir)
    if full is not None:
        return full
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

    ACCEPTED = wire.ACCEPTED
    REFUSED = wire.REFUSED  # the instance answered with an error
    NOT_RUNNING = wire.NOT_RUNNING
    NO_ANSWER = wire.NO_ANSWER


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
    found = wire.send(name, command, argument, timeout_s=timeout_s)
    return None if found is None else SendResult(Delivery(found[0]), found[1])


def decode_reply(line: bytes) -> SendResult:
    """Read a reply line into a `SendResult`."""
    delivery, error = wire.decode_reply(line)
    return SendResult(Delivery(delivery), error)
