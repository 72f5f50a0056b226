"""The real `posture-break` command as a child process, and the history file it uses.

The autouse fixture in tests/conftest.py already points every XDG directory at a temporary home,
so the child, which inherits the environment, works in that home.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    cwd: Path | None = None,
    preexec_fn: Callable[[], object] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m posture_break.cli ARGS` to completion (a hang fails after `timeout`)."""
    return subprocess.run(
        [sys.executable, "-m", "posture_break.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env if env is not None else dict(os.environ),
        input=stdin,
        cwd=cwd,
        preexec_fn=preexec_fn,
        timeout=timeout,
    )


def history_path() -> Path:
    """Return where the command keeps its history, its private folder made."""
    folder = Path(os.environ["XDG_DATA_HOME"]) / "posture-break"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / "history.sqlite3"
