"""Talking to the running instance, without Qt: the command protocol and its one client.

A later launch talks to the running instance with one line of UTF-8 JSON
(``{"command": ..., "argument": ...}``) and reads a one-line JSON reply (``{"ok": true}`` or
``{"ok": false, "error": "..."}``); `status` is answered with ``{"ok": true, "status": {...}}``,
the object `posture-break status --json` prints. The commands in `ANSWERED_COMMANDS` are
carried out before the reply, which then says what happened:
``{"ok": true, "message": "Paused until 23:08"}``. On Unix the instance's `QLocalServer` listens
on a plain Unix socket, so `send` reaches it from the command line and from `ui/launch.py`
without importing PySide6. (Windows named pipes need Qt: `ui/instance.py` has that client.)
"""

from __future__ import annotations

import contextlib
import enum
import json
import os
import socket
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from posture_break.core.clock import SystemClock
from posture_break.core.i18n import _
from posture_break.core.text import escape_controls, quoted

#: Every command a running instance accepts. `ping` does nothing: its answer says the instance
#: is up and its event loop runs (scripts and tests wait for it); `activate` is a plain relaunch;
#: `status` is answered with the app's status; `quiet` takes "HH:MM-HH:MM", a quiet time today.
COMMANDS = frozenset(
    {
        "ping",
        "activate",
        "stretch",
        "pause",
        "quiet",
        "resume",
        "skip",
        "review",
        "settings",
        "status",
        "quit",
    }
)

#: Commands the instance carries out before replying, so the reply can say what happened.
ANSWERED_COMMANDS = frozenset({"pause", "resume", "skip"})

#: How long a launch waits for the running instance to answer, in total.
REPLY_TIMEOUT_S = 2.0

#: A command line is tiny; anything longer is not from us.
MAX_LINE_BYTES = 4096

SOCKET_NAME = "posture-break.sock"
LOCK_NAME = "posture-break.lock"
# Linux allows 108 bytes in sun_path and macOS 104, counting the final NUL; stay well below both.
MAX_SOCKET_PATH = 100


class CommandError(ValueError):
    """A command or its argument is not one the instance accepts."""


class Delivery(enum.Enum):
    """What became of a command sent to the running instance."""

    ACCEPTED = "accepted"
    REFUSED = "refused"  # the instance answered with an error
    NOT_RUNNING = "not running"
    NO_ANSWER = "no answer"


@dataclass(frozen=True, slots=True)
class SendResult:
    """The outcome of sending a command, with the instance's error text when it refused."""

    delivery: Delivery
    error: str = ""
    status: dict[str, object] | None = None  # the answer to `status`
    message: str = ""  # what the instance did, for `ANSWERED_COMMANDS`


def validate_command(command: str, argument: str | None) -> None:
    """Check a command before it is sent or accepted.

    Raises:
        CommandError: Unknown command, or an argument it does not take.
    """
    # The argument grammars are imported by the branch that reads them: `send` and `report`
    # (all `posture-break stretch` needs) stay clear of the planner and the settings' schedule.
    if command not in COMMANDS:
        raise CommandError(_("unknown command {command}").format(command=quoted(command[:40])))
    if command == "pause":
        from posture_break.core.pause import PauseError, parse_pause

        try:
            parse_pause(argument)
        except PauseError as exc:
            raise CommandError(str(exc)) from None
    elif command == "quiet":
        from posture_break.core.quiet import quiet_today

        start, _dash, end = (argument or "").partition("-")
        try:
            quiet_today(start, end, SystemClock().now())
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    elif argument is not None:
        raise CommandError(_("{command} takes no argument").format(command=command))


def lock_path(runtime_dir: Path) -> Path:
    """Return the lock file that marks the running instance."""
    return runtime_dir / LOCK_NAME


def server_name(runtime_dir: Path) -> str:
    """Return the per-user local socket name for the instance in `runtime_dir`.

    On Unix this is a socket path. When the runtime directory is so deep that the path would not
    fit in a socket address, a short hashed name in a private ``/tmp/posture-break-<uid>/`` is used
    instead; the hash keeps separate runtime directories (e.g. tests) apart.
    """
    if sys.platform == "win32":
        # Named pipes are per machine: the user's name keeps two users apart.
        user = os.environ.get("USERNAME", "user")
        key = f"{user}\0{runtime_dir}".encode()
        return f"posture-break-{_digest(key)}"
    full = runtime_dir / SOCKET_NAME
    if len(os.fsencode(full)) <= MAX_SOCKET_PATH:
        return str(full)
    return str(_short_socket_dir() / f"{_digest(os.fsencode(runtime_dir))}.sock")


def _digest(data: bytes) -> str:
    # Imported here: hashlib loads OpenSSL (~4 ms), needed only for a runtime directory too
    # deep for a socket address or on Windows, never on the way of a usual `stretch`.
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def _short_socket_dir() -> Path:
    """Return a private directory with a short path for sockets, creating it 0700."""
    base = Path("/tmp") if Path("/tmp").is_dir() else Path(tempfile.gettempdir())  # noqa: S108
    directory = base / f"posture-break-{os.getuid()}"
    # Not `ensure_private_dir`: in a shared /tmp the name may already be someone else's, so
    # create it ourselves and trust only what lstat shows.
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
    """Return the wire form of a command."""
    return json.dumps({"command": command, "argument": argument}).encode() + b"\n"


def decode_request(line: bytes) -> tuple[str, str | None]:
    """Read a command line into (command, argument).

    Raises:
        CommandError: The line is not a JSON command.
    """
    if len(line) > MAX_LINE_BYTES:
        raise CommandError("command too long")
    try:
        message = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):
        # ValueError covers bad UTF-8, bad JSON and integers longer than Python converts
        # (4,300 digits); RecursionError arrays or objects nested thousands deep.
        raise CommandError("not a JSON command line") from None
    if not isinstance(message, dict):
        raise CommandError("a command must be a JSON object")
    command = message.get("command")
    argument = message.get("argument")
    if not isinstance(command, str) or not (argument is None or isinstance(argument, str)):
        raise CommandError("command must be a string and argument a string or null")
    return command, argument


def encode_reply(
    error: str | None, status: dict[str, object] | None = None, message: str | None = None
) -> bytes:
    """Return the wire form of a reply: ``{"ok": true}`` or ``{"ok": false, "error": ...}``.

    An accepted `status` carries the app's status as ``"status"``; an accepted answered command
    says what happened as ``"message"``.
    """
    reply: dict[str, object] = {"ok": True} if error is None else {"ok": False, "error": error}
    if error is None and status is not None:
        reply["status"] = status
    if error is None and message:
        reply["message"] = message
    return json.dumps(reply).encode() + b"\n"


def decode_reply(line: bytes) -> SendResult:
    """Read a reply line into a `SendResult`."""
    try:
        reply = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):
        return SendResult(Delivery.REFUSED, _("the running instance sent an unreadable reply"))
    if isinstance(reply, dict) and reply.get("ok") is True:
        status = reply.get("status")
        message = reply.get("message")
        return SendResult(
            Delivery.ACCEPTED,
            status=status if isinstance(status, dict) else None,
            message=message if isinstance(message, str) else "",
        )
    error = reply.get("error") if isinstance(reply, dict) else None
    # Translators: the running app said no without saying why
    return SendResult(Delivery.REFUSED, str(error) if error else _("refused"))


def send(
    name: str, command: str, argument: str | None, *, timeout_s: float = REPLY_TIMEOUT_S
) -> SendResult | None:
    """Hand a command to the instance listening on the Unix socket `name`.

    Returns:
        The reply (ACCEPTED, REFUSED, or NO_ANSWER when nothing came within `timeout_s`), or
        None when nobody listens there (no socket file, or one left by a dead process).
    """
    clock = SystemClock()
    deadline = clock.monotonic() + timeout_s
    received = bytearray()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_s)
        try:
            sock.connect(name)
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        except OSError:
            return SendResult(Delivery.NO_ANSWER)
        try:
            sock.sendall(encode_request(command, argument))
            while b"\n" not in received and len(received) <= MAX_LINE_BYTES:
                remaining = deadline - clock.monotonic()
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


def report(result: SendResult, command: str) -> int:
    """Tell the user what became of `command` and return the launch's exit status."""
    if result.delivery is Delivery.ACCEPTED:
        if command == "activate":
            print(_("posture-break is already running"))
        elif result.message:
            print(escape_controls(result.message))
        return 0
    if result.delivery is Delivery.REFUSED:
        # Translators: {reason} is the running app's answer, in its own language
        line = _("posture-break: {reason}").format(reason=escape_controls(result.error))
        print(line, file=sys.stderr)
        return 2
    if result.delivery is Delivery.NOT_RUNNING:
        # It quit while we were talking to it.
        print(_("posture-break is not running (it just stopped); try again"), file=sys.stderr)
        return 1
    print(
        _(
            "posture-break is running but did not answer within {seconds} s; "
            "if it is stuck, end it and start it again"
        ).format(seconds=f"{REPLY_TIMEOUT_S:g}"),
        file=sys.stderr,
    )
    return 1
