"""The break history: one local SQLite file that records breaks and answers questions about them.

`schema` holds the file format and its migrations, `store` the `BreakHistory` that reads and
writes it, and `opening` how the file is opened (or set aside when it cannot be used).
"""

from posture_break.core.history.opening import HistoryOpen, open_history, open_history_to_read
from posture_break.core.history.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryError,
    HistoryReadError,
    HistoryWriteError,
    Migration,
    UnusableHistoryError,
    migrate,
    schema_problem,
)
from posture_break.core.history.store import BreakHistory

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "BreakHistory",
    "HistoryError",
    "HistoryOpen",
    "HistoryReadError",
    "HistoryWriteError",
    "Migration",
    "UnusableHistoryError",
    "migrate",
    "open_history",
    "open_history_to_read",
    "schema_problem",
]
