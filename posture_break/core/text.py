"""Small pieces of wording and time shared by the command line and the windows."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(when: datetime) -> datetime:
    """Return `when` in UTC: compare and subtract aware times as instants, not wall times.

    Python compares and subtracts datetimes that share a `tzinfo` by wall time, which is wrong
    across DST changes.
    """
    return when.astimezone(UTC)


def escape_controls(text: str) -> str:
    r"""Return `text` with every control or other unprintable character escaped (`\x1b`, `\n`).

    Any message that quotes input (a file's header, an id, a path, a settings key) goes through
    this before it reaches a terminal, so a crafted file cannot send escape sequences to it.
    """
    return "".join(ch if ch.isprintable() else _escaped(ch) for ch in text)


def quoted(text: str) -> str:
    """Return `text` in single quotes with control characters escaped, for messages."""
    return "'" + escape_controls(text) + "'"


def _escaped(ch: str) -> str:
    code = ord(ch)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
