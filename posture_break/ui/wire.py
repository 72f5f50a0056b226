"""The quick side of the command protocol: a plain Unix socket, with next to no imports.

`posture-break stretch` hands its command to the running instance through here before anything
else is loaded, so it should cost little more than starting Python. This module imports only
`os`, `sys`, `time` (all loaded with the interpreter) and `_socket`, the C half of `socket`:
`socket` itself pulls in `enum` and `selectors`, and `json` pulls in `re`, which together cost
more than the rest of the hand-over on a slow machine. The request and the usual reply are
written and read here exactly as `json` would; anything unusual goes to `json` itself.

`ui/command.py` builds its typed API (`Delivery`, `SendResult`, `send_over_socket`) on this.
"""

from __future__ import annotations

import _socket
import os
import sys
import time

#: What became of a command, as the `value` of `ui.command.Delivery`.
ACCEPTED = "accepted"
REFUSED = "refused"  # the instance answered with an error
NOT_RUNNING = "not running"
NO_ANSWER = "no answer"

#: How long a launch waits for the running instance to answer, in total.
REPLY_TIMEOUT_S = 2.0

#: A command line is tiny; anything longer is not from us.
MAX_LINE_BYTES = 4096

SOCKET_NAME = "posture-break.sock"
# Linux allows 108 bytes in sun_path and macOS 104, counting the final NUL; stay well below both.
MAX_SOCKET_PATH = 100

# What the instance answers to an accepted command: `json.dumps({"ok": True})`.
_OK_LINE = b'{"ok": true}'


def socket_path(runtime_dir: str | os.PathLike[str]) -> str | None:
    """Return the socket path in `runtime_dir`, or None if it is too long for a socket address.

    For a `Path`, this is ``str(runtime_dir / "posture-break.sock")``.
    """
    full = os.path.join(os.fspath(runtime_dir), SOCKET_NAME)
    return full if len(os.fsencode(full)) <= MAX_SOCKET_PATH else None


def encode_request(command: str, argument: str | None) -> bytes:
    """Return the wire form of a command: ``json.dumps({"command": ..., "argument": ...})``."""
    if _plain(command) and (argument is None or _plain(argument)):
        written = "null" if argument is None else f'"{argument}"'
        return f'{{"command": "{command}", "argument": {written}}}\n'.encode()
    import json

    return json.dumps({"command": command, "argument": argument}).encode() + b"\n"


def _plain(text: str) -> bool:
    # json.dumps writes printable ASCII as it is, except the quote and the backslash.
    return text.isascii() and text.isprintable() and '"' not in text and "\\" not in text


def decode_reply(line: bytes) -> tuple[str, str]:
    """Read a reply line into (delivery, the instance's error text when it refused)."""
    if line == _OK_LINE:
        return ACCEPTED, ""
    import json

    try:
        reply = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return REFUSED, "the running instance sent an unreadable reply"
    if isinstance(reply, dict) and reply.get("ok") is True:
        return ACCEPTED, ""
    error = reply.get("error") if isinstance(reply, dict) else None
    return REFUSED, str(error) if error else "refused"


def send(
    name: str, command: str, argument: str | None, *, timeout_s: float = REPLY_TIMEOUT_S
) -> tuple[str, str] | None:
    """Hand a command to the instance listening on the Unix socket `name`.

    Returns:
        (delivery, error): ACCEPTED, REFUSED with the instance's error text, or NO_ANSWER when
        nothing came within `timeout_s`. None when nobody listens there (no socket file, or one
        left by a dead process).
    """
    # perf_counter is an interval timer: this deadline is a duration, not a time of day.
    deadline = time.perf_counter() + timeout_s
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    received = bytearray()
    try:
        sock.settimeout(timeout_s)
        try:
            sock.connect(name)
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        except OSError:
            return NO_ANSWER, ""
        try:
            sock.sendall(encode_request(command, argument))
            while b"\n" not in received and len(received) <= MAX_LINE_BYTES:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    return NO_ANSWER, ""
                sock.settimeout(remaining)
                chunk = sock.recv(4096)
                if not chunk:
                    break
                received += chunk
        except OSError:  # timeout, reset
            return NO_ANSWER, ""
    finally:
        sock.close()
    if b"\n" not in received:
        return NO_ANSWER, ""
    return decode_reply(bytes(received.split(b"\n", 1)[0]))


def report(delivery: str, error: str, command: str) -> int:
    """Tell the user what became of `command` and return the launch's exit status."""
    if delivery == ACCEPTED:
        if command == "activate":
            print("posture-break is already running")
        return 0
    if delivery == REFUSED:
        print(f"posture-break: {error}", file=sys.stderr)
        return 2
    if delivery == NOT_RUNNING:
        # It quit while we were talking to it.
        print("posture-break is not running (it just stopped); try again", file=sys.stderr)
        return 1
    print(
        f"posture-break is running but did not answer within {REPLY_TIMEOUT_S:g} s; "
        "if it is stuck, end it and start it again",
        file=sys.stderr,
    )
    return 1
