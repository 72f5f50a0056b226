"""The names the UI has always imported for commands and pauses, from their one home each.

The protocol and its Qt-free client live in `posture_break.ipc`; the pause grammar in
`posture_break.core.pause`. New code imports from there. (Kept while `ui/app.py`, `ui/tray.py`
and the benchmarks still import these names from here.)
"""

from posture_break.core.pause import PauseFor, PauseUntil, parse_pause
from posture_break.ipc import (
    COMMANDS,
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
from posture_break.ipc import send as send_over_socket

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
