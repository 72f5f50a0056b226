"""`import` of big and bad files: progress on a terminal only, and a capped error report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from posture_break.cli import main
from posture_break.cli_files import PROGRESS_EVERY, export_target, import_csv
from posture_break.cli_shared import CommandError, open_user_history
from posture_break.core.history import open_history_to_read
from posture_break.core.paths import AppPaths

HEADER = "started_at,local_date,stretch,outcome,duration_s,trigger\n"


def good_rows(count: int) -> str:
    return "".join(
        f"2026-11-24T10:{i // 60 % 60:02d}:{i % 60:02d}+01:00,2026-11-24,open-book,"
        f"completed,{i // 3600},scheduled\n"
        for i in range(count)
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_and_ends_its_line(tmp_path: Path) -> None:
    terminal = Terminal()
    source = io.StringIO(HEADER + good_rows(2 * PROGRESS_EVERY + 5), newline="")
    done = import_csv(source, "big.csv", tmp_path / "h.sqlite3", open_user_history, errors=terminal)
    assert (done.added, done.present) == (2 * PROGRESS_EVERY + 5, 0)
    assert terminal.getvalue() == "\rReading rows: 10,000\rReading rows: 20,000\n"


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    quiet = io.StringIO()
    source = io.StringIO(HEADER + good_rows(PROGRESS_EVERY + 1), newline="")
    import_csv(source, "big.csv", tmp_path / "h.sqlite3", open_user_history, errors=quiet)
    assert quiet.getvalue() == ""


def test_the_error_report_is_capped_and_nothing_is_imported(tmp_path: Path) -> None:
    report = io.StringIO()
    bad = "2026-11-24T10:15:00+01:00,2026-11-24,open-book,done,60,scheduled\n" * 1000
    source = io.StringIO(HEADER + good_rows(5) + bad, newline="")
    database = tmp_path / "h.sqlite3"
    with pytest.raises(CommandError, match="nothing imported, 1000 problems found"):
        import_csv(source, "bad.csv", database, open_user_history, errors=report)
    lines = report.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[0].startswith("bad.csv: line 7, column outcome: 'done' is not one of")
    assert lines[-1] == "bad.csv: … and 990 more"
    history = open_history_to_read(database)
    assert history is not None
    with history:
        assert history.records() == []


@pytest.mark.parametrize(
    ("name", "atomic"),
    [
        ("/dev/null", False),
        ("/dev/stdout", False),
        ("/dev/fd/63", False),
        ("/proc/self/fd/1", False),
    ],
)
def test_devices_and_process_files_are_streams(name: str, atomic: bool) -> None:
    target = export_target(name)
    assert target is not None
    assert target.atomic is atomic


def test_stdout_and_files_by_kind(tmp_path: Path) -> None:
    assert export_target(None) is None
    assert export_target("-") is None
    new = export_target(str(tmp_path / "new.csv"))
    assert new is not None
    assert new.atomic
    (tmp_path / "real.csv").write_text("x")
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    linked = export_target(str(tmp_path / "link.csv"))
    assert linked is not None
    assert (linked.path, linked.atomic) == (tmp_path / "real.csv", True)


def test_import_dash_reads_stdin_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO((HEADER + good_rows(3)).encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["import", "-"]) == 0
    assert "Imported 3 breaks from stdin." in capsys.readouterr().out
    assert AppPaths.for_user().database.exists()
