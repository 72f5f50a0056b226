"""The command line as a whole, run in-process through `main([...])` and as a real process.

--version, --help and mistakes; `next`, `paths` and `stretches`; no Qt on the file commands' path.
The history commands are in test_cli_history.py, the tray app's in test_cli_app.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from posture_break import __version__
from posture_break.cli import APP_COMMANDS
from posture_break.core.catalogue import load_catalogue
from posture_break.core.listing import listing_table
from posture_break.core.record import Outcome
from posture_break.core.safety import load_safety_note
from posture_break.core.timeline import build_timeline
from tests.cli.support import MON, Runner, add_breaks, one_line, paths, write_settings

# --- --version, --help and mistakes. --------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["stats"], ["next"], ["export"], ["import"], ["pause"]])
def test_version_everywhere(run: Runner, command: list[str]) -> None:
    code, out, _ = run(*command, "--version")
    assert code == 0
    assert out.strip() == f"posture-break {__version__}"


@pytest.mark.parametrize(
    "command",
    [[], ["stats"], ["next"], ["export"], ["import"], ["paths"], *[[c] for c in APP_COMMANDS]],
)
def test_help_everywhere(run: Runner, command: list[str]) -> None:
    code, out, err = run(*command, "--help")
    assert code == 0
    assert out.startswith("usage: posture-break")
    assert err == ""


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["stats", "--as-of", "2026-02-30"], "not a real date"),
        (["stats", "--as-of", "24.11.2026"], "not a date like"),
        (["next", "--count", "0"], "between 1 and 1000"),
        (["next", "--count", "many"], "not a whole number"),
        (["next", "--from", "tuesday"], "ISO-8601"),
        (["pause", "3 days"], "30m, 1h, 2h, tomorrow"),
        (["pause", "25h"], "up to 24h"),
        (["pause", "0m"], "up to 24h"),
        (["import"], "FILE"),
        (["frobnicate"], "invalid choice"),
        (["stats", "--jsn"], "unrecognized"),
    ],
)
def test_mistakes_give_one_line_and_exit_2(run: Runner, argv: list[str], needle: str) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert needle in one_line(err)


def test_an_unexpected_failure_is_one_line(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr("posture_break.cli_history._stats_report", broken)
    code, _, err = run("stats")
    assert code == 1
    assert "boom" in one_line(err)


# --- next. ----------------------------------------------------------------------------------------


def test_next_json_from_a_given_time(run: Runner) -> None:
    code, out, err = run("next", "--json", "--from", "2026-11-24T08:00:00+01:00", "--count", "3")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "breaks": [
            "2026-11-24T09:45:00+01:00",
            "2026-11-24T10:30:00+01:00",
            "2026-11-24T11:15:00+01:00",
        ]
    }


def test_next_follows_the_schedule_and_local_dst(run: Runner) -> None:
    write_settings(
        '[schedule]\nwork_days = ["sat", "sun"]\nwork_start = "22:00"\nwork_end = "06:00"\n'
        "interval_minutes = 60\n"
    )
    code, out, _ = run("next", "--json", "--from", "2026-10-25T01:30", "--count", "3")
    assert code == 0
    assert json.loads(out)["breaks"] == [
        "2026-10-25T02:30:00+02:00",
        "2026-10-25T02:30:00+01:00",
        "2026-10-25T03:30:00+01:00",
    ]


def test_next_text_defaults_to_five_prompts_from_now(run: Runner) -> None:
    code, out, _ = run("next")
    assert code == 0
    assert len(out.splitlines()) == 5


def test_next_when_no_window_can_hold_a_prompt(run: Runner) -> None:
    write_settings('[schedule]\nwork_start = "09:00"\nwork_end = "09:20"\n')
    code, out, err = run("next")
    assert code == 1
    assert out == ""
    assert "shorter than 45 minutes" in one_line(err)


# --- paths. ---------------------------------------------------------------------------------------


def test_paths_json(run: Runner) -> None:
    code, out, _ = run("paths", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["config_file", "database", "data_dir", "log_dir"]
    assert data["config_file"] == str(paths().config_file)
    assert data["database"] == str(paths().database)


def test_paths_text(run: Runner) -> None:
    code, out, _ = run("paths")
    assert code == 0
    assert str(paths().config_file) in out


# --- stretches. -----------------------------------------------------------------------------------

STRETCH_KEYS = [
    "id",
    "title",
    "summary",
    "position",
    "equipment",
    "desk",
    "family",
    "level",
    "per_side",
    "bone_friendly",
    "seconds",
    "steps",
    "cautions",
]


def test_stretches_json_has_exactly_the_promised_shape(run: Runner) -> None:
    code, out, _ = run("stretches", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["stretches", "safety"]
    assert list(data["safety"]) == ["red_flags"]
    assert data["safety"]["red_flags"] == list(load_safety_note().red_flags)
    shipped = load_catalogue()
    assert [s["id"] for s in data["stretches"]] == [s.id for s in shipped]
    for entry, stretch in zip(data["stretches"], shipped, strict=True):
        assert list(entry) == STRETCH_KEYS
        assert entry["seconds"] == round(build_timeline(stretch, 60.0).total_s)
        assert entry["steps"]
        assert entry["cautions"]
        assert isinstance(entry["desk"], bool)
        assert isinstance(entry["bone_friendly"], bool)
        assert "chair" not in entry["equipment"]
        assert "desk" not in entry["equipment"]
    by_id = {s["id"]: s for s in data["stretches"]}
    assert by_id["desk-hug-and-round"]["equipment"] == []
    assert by_id["doorway-chest-opener"]["equipment"] == ["doorway"]
    assert by_id["mid-back-cat-cow"]["desk"] is False
    assert (
        by_id["seated-twist-eyes-first"]["seconds"] == 66
    )  # one rep a side, 2 x (8 s set-up + 25 s rep), at 60 s


def test_stretches_table_lists_every_stretch_with_its_family_and_time(run: Runner) -> None:
    code, out, _ = run("stretches")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "POSITION", "DESK", "FAMILY", "TIME", "NOTES"]
    assert len(lines) == 1 + len(load_catalogue())
    twist = next(line for line in lines if line.startswith("seated-twist-eyes-first "))
    assert "twist" in twist
    assert "1:06" in twist
    assert "each side" in twist
    assert "not bone-friendly" in twist


def test_a_title_with_control_characters_is_escaped_in_the_table() -> None:
    stretch = replace(load_catalogue()[0], title="Hug\x1b[31m and round")
    assert "\\x1b[31m" in listing_table([stretch])
    assert "\x1b" not in listing_table([stretch])


# --- A real process: no Qt on the file commands' path. --------------------------------------------


def run_without_qt(code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter (under pytest-qt PySide6 is already loaded); it fails
    with an AssertionError if PySide6 or shiboken6 got loaded, else exits with `status`."""
    body = (
        "import sys\nstatus = 0\n"
        + code
        + "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not loaded, loaded\n"
        "sys.exit(status)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", body], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["stats", "--json"],
        ["next", "--json"],
        ["paths"],
        ["export"],
        ["stretches"],
        ["stretches", "--json"],
        ["rest", "list", "--json"],
        ["--version"],
    ],
)
def test_non_gui_commands_never_import_pyside6(argv: list[str]) -> None:
    add_breaks((MON, Outcome.COMPLETED, 4))
    result = run_without_qt(
        "from posture_break import cli\n"
        f"status = cli.main({argv!r})\n"
        "assert 'posture_break.ui' not in sys.modules\n"
    )
    assert result.returncode == 0, result.stderr


def test_the_no_pyside6_check_can_fail() -> None:
    result = run_without_qt("import PySide6.QtCore\n")
    assert result.returncode == 1
    assert "AssertionError" in result.stderr


def test_readme_documents_every_command() -> None:
    readme = Path(__file__).resolve().parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("<!-- commands:start -->") : text.index("<!-- commands:end -->")]
    for name in ["stats", "rest", "next", "export", "import", "paths", "stretches", *APP_COMMANDS]:
        assert f"`posture-break {name}" in section or f"`{name}" in section, name
