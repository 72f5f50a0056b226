"""What the command line imports: each command's code only when that command runs.

The tray app starts through `cli.main`, and `posture-break stretch` must reach the running
instance's socket quickly, so the app commands' path stays clear of the history, the planner,
the catalogue and Qt. Checked in a fresh interpreter: under pytest everything is loaded already.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from posture_break.cli import build_parser
from posture_break.core.history import HistoryReadError
from posture_break.core.record import Outcome
from tests.cli.support import MON, Runner, add_breaks, one_line

#: What a command for the tray app never needs before it hands the command over.
NOT_FOR_THE_APP_COMMANDS = (
    "sqlite3",
    "csv",
    "posture_break.core.stats",
    "posture_break.core.csvio",
    "posture_break.core.listing",
    "posture_break.cli_history",
    "posture_break.core.plan",
    "PySide6",
)

_PARSE_STRETCH = (
    "import sys\n"
    "import posture_break.cli\n"
    "args = posture_break.cli.build_parser().parse_args(['stretch'])\n"
    "assert callable(args.handler)\n"
    f"loaded = [name for name in {NOT_FOR_THE_APP_COMMANDS!r} if name in sys.modules]\n"
    "assert not loaded, loaded\n"
)


def parse_stretch_after(code: str) -> subprocess.CompletedProcess[str]:
    """Run `code`, then parse `stretch` (nothing is sent) and check what got imported."""
    return subprocess.run(
        [sys.executable, "-c", code + _PARSE_STRETCH],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_parsing_stretch_imports_no_other_commands_code() -> None:
    result = parse_stretch_after("")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", ["posture_break.cli_history", "posture_break.core.plan"])
def test_the_import_check_can_fail(module: str) -> None:
    result = parse_stretch_after(f"import {module}\n")
    assert result.returncode == 1
    assert module in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        ["rest", "add", "2026-11-23"],
        ["rest", "list"],
        ["next"],
        ["export"],
        ["import", "in.csv"],
        ["stretches"],
        ["paths"],
        ["status"],
        ["pause", "--from", "10:00", "--until", "11:00"],
    ],
)
def test_every_command_names_a_handler_that_exists(argv: list[str]) -> None:
    handler = build_parser().parse_args(argv).handler.resolve()
    assert callable(handler)


def test_stats_runs_in_a_fresh_interpreter() -> None:
    # The command's module is imported when it runs: the whole way, from a cold start.
    add_breaks((MON, Outcome.COMPLETED, 4))
    result = subprocess.run(
        [sys.executable, "-m", "posture_break.cli", "stats", "--json", "--as-of", "2026-11-23"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["week"]["days"][0]["completed"] == 4


def test_a_history_failure_is_one_line(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    message = "the history file cannot be read"

    def unreadable(*args: object) -> object:
        raise HistoryReadError(message)

    monkeypatch.setattr("posture_break.cli_history._stats_report", unreadable)
    code, out, err = run("stats")
    assert (code, out) == (1, "")
    assert one_line(err) == f"posture-break: error: {message}"
