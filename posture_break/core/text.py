"""Small pieces of wording and time shared by the command line and the windows."""

from __future__ import annotations

from datetime import UTC, datetime


def plural(count: int, word: str, *, with_count: bool = True) -> str:
    """Return "1 day", "2 days", "3 stretches" (or just the word, without the count)."""
    if count != 1:
        word += "es" if word.endswith(("ch", "sh", "s", "x")) else "s"
    return f"{count} {word}" if with_count else word


def utc(when: datetime) -> datetime:
    """Return `when` in UTC: compare and subtract aware times as instants, not wall times.

    Python compares and subtracts datetimes that share a `tzinfo` by wall time, which is wrong
    across DST changes.
    """
    return when.astimezone(UTC)
