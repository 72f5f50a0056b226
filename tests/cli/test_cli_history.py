"""The history commands on the command line: `stats`, `export` and `import` (`rest`: see
test_rest_cli.py).
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest

from posture_break.core.record import Outcome
from posture_break.core.stats import build_stats
from posture_break.core.stats_text import stats_text
from tests.cli.support import MON, Runner, add_breaks, one_line, paths, write_settings

# --- stats. ---------------------------------------------------------------------------------------


def _json_day(
    date: str, *, completed: int = 0, skipped: int = 0, snoozed: int = 0, goal_met: bool = False
) -> dict[str, object]:
    """One day of `stats --json`, every key spelled out; no rest or freeze days in these tests."""
    return {
        "date": date,
        "completed": completed,
        "skipped": skipped,
        "snoozed": snoozed,
        "goal_met": goal_met,
        "rest": False,
        "frozen": False,
    }


def test_stats_json_on_a_new_install_creates_nothing(run: Runner) -> None:
    code, out, err = run("stats", "--json", "--as-of", "2026-11-25")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["as_of"] == "2026-11-25"
    assert data["current_streak"] == data["best_streak"] == data["total_completed"] == 0
    assert data["week"]["start"] == "2026-11-23"
    assert len(data["week"]["days"]) == 7
    assert not paths().database.exists()


def test_stats_json_counts_the_history(run: Runner) -> None:
    add_breaks(
        (MON - timedelta(days=3), Outcome.COMPLETED, 4),  # Friday before
        (MON, Outcome.COMPLETED, 5),
        (MON, Outcome.SKIPPED, 2),
        (MON + timedelta(days=1), Outcome.COMPLETED, 4),
        (MON + timedelta(days=2), Outcome.COMPLETED, 1),
        (MON + timedelta(days=2), Outcome.SNOOZED, 3),
        (MON + timedelta(days=3), Outcome.COMPLETED, 9),  # after as_of: ignored
    )
    code, out, err = run("stats", "--json", "--as-of", "2026-11-25")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data == {
        "as_of": "2026-11-25",
        "daily_goal": 4,
        "current_streak": 3,  # Fri, (weekend passed over), Mon, Tue; Wed is today
        "best_streak": 3,
        "freezes_banked": 0,
        "week": {
            "start": "2026-11-23",
            "days": [
                _json_day("2026-11-23", completed=5, skipped=2, goal_met=True),
                _json_day("2026-11-24", completed=4, goal_met=True),
                _json_day("2026-11-25", completed=1, snoozed=3),
                _json_day("2026-11-26"),
                _json_day("2026-11-27"),
                _json_day("2026-11-28"),
                _json_day("2026-11-29"),
            ],
            "completed": 10,
            "goal_days_met": 2,
        },
        "total_completed": 14,
    }


def test_stats_follows_the_goal_in_the_settings_and_warns_about_bad_keys(
    run: Runner,
) -> None:
    config = write_settings("[goal]\ndaily = 2\n[schedule]\ninterval_minutes = 1\n")
    add_breaks((MON, Outcome.COMPLETED, 2))
    code, out, err = run("stats", "--json", "--as-of", "2026-11-23")
    assert code == 0
    assert json.loads(out)["current_streak"] == 1
    line = one_line(err)
    assert line.startswith("posture-break: warning:")
    assert str(config) in line
    assert "schedule.interval_minutes" in line


def test_stats_text_shows_streak_and_the_week(run: Runner) -> None:
    add_breaks((MON, Outcome.COMPLETED, 4), (MON + timedelta(days=1), Outcome.COMPLETED, 2))
    code, out, _ = run("stats", "--as-of", "2026-11-24")
    assert code == 0
    assert "Streak: 1 day (best: 1)" in out
    assert "Mon 23 Nov" in out
    assert "(today)" not in out  # the as-of day is not today
    assert "Tue 24 Nov" in next(line for line in out.splitlines() if "(as of)" in line)
    assert "goal met on 1 day" in out
    legend = out.splitlines()[-1]
    assert legend.startswith(("✓ goal met   · day off", "* goal met   . day off")), legend


def test_stats_text_says_today_only_for_today() -> None:
    report = build_stats({}, 0, 4, [0, 1, 2, 3, 4], MON + timedelta(days=5))  # a Saturday
    text = stats_text(report, fancy=True, today=MON + timedelta(days=5))
    [marked] = [line for line in text.splitlines() if "(today)" in line]
    assert marked.startswith("  Sat 28 Nov"), marked
    assert marked.endswith("·  (today)"), marked
    assert text.splitlines()[-1] == (
        "✓ goal met   · day off (not a work day, or a rest day)   ❄ frozen"
    )
    earlier = stats_text(report, fancy=True, today=MON + timedelta(days=9))
    assert "(today)" not in earlier
    assert "(as of)" in earlier


def test_stats_with_a_garbage_database_says_why_and_leaves_it_alone(
    run: Runner,
) -> None:
    database = paths().database
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(b"not a database at all" * 50)
    code, out, err = run("stats", "--json", "--as-of", "2026-11-25")
    assert code == 1
    assert out == ""
    assert "it is not a SQLite database" in one_line(err)
    assert "left untouched" in err
    assert [p.name for p in database.parent.iterdir()] == ["history.sqlite3"]
    assert database.read_bytes() == b"not a database at all" * 50


# --- export and import. ---------------------------------------------------------------------------

GOOD_CSV = (
    "started_at,local_date,stretch,outcome,duration_s,trigger\n"
    "2026-11-24T10:15:00+01:00,2026-11-24,cat-cow,completed,60,scheduled\n"
    "2026-11-24T23:30:00-05:00,2026-11-24,open-book,completed,45,on-demand\n"
)
# The same, as export writes it today: with the (here empty) checkin column.
GOOD_CSV_EXPORTED = (
    "started_at,local_date,stretch,outcome,duration_s,trigger,checkin\n"
    "2026-11-24T10:15:00+01:00,2026-11-24,cat-cow,completed,60,scheduled,\n"
    "2026-11-24T23:30:00-05:00,2026-11-24,open-book,completed,45,on-demand,\n"
)


def test_import_then_export_round_trips_and_reimport_adds_nothing(
    run: Runner, tmp_path: Path
) -> None:
    source = tmp_path / "my breaks ü.csv"
    source.write_text(GOOD_CSV, encoding="utf-8")
    code, out, err = run("import", str(source))
    assert (code, err) == (0, "")
    assert "Imported 2 breaks" in out
    code, out, _ = run("import", str(source))
    assert code == 0
    assert "Imported 0 breaks" in out
    assert "2 already present" in out
    code, out, _ = run("export")
    assert code == 0
    assert out == GOOD_CSV_EXPORTED
    # Travel: the New York stretch counts for the day it happened there, not the UTC day.
    code, out, _ = run("stats", "--json", "--as-of", "2026-11-24")
    assert json.loads(out)["week"]["days"][1]["completed"] == 2


def test_import_with_bad_rows_reports_each_and_imports_nothing(run: Runner, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(
        GOOD_CSV
        + "2026-11-25T10:15:00,2026-11-25,cat-cow,completed,60,scheduled\n"
        + "2026-11-25T10:15:00+01:00,2026-11-25,cat-cow,done,60,scheduled\n",
        encoding="utf-8",
    )
    code, out, err = run("import", str(source))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 3
    assert "line 4, column started_at" in lines[0]
    assert "line 5, column outcome" in lines[1]
    assert lines[2].endswith("nothing imported, 2 problems found")
    # One transaction, rolled back whole: nothing of the file was kept.
    code, out, _ = run("export")
    assert out == GOOD_CSV_EXPORTED.splitlines(keepends=True)[0]


def test_import_of_a_missing_file(run: Runner, tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "nope.csv"))
    assert code == 1
    assert "cannot be read" in one_line(err)


def test_export_to_a_file_is_private(run: Runner, tmp_path: Path) -> None:
    add_breaks((MON, Outcome.COMPLETED, 2))
    target = tmp_path / "export dir" / "out.csv"
    target.parent.mkdir()
    old = os.umask(0o022)
    try:
        code, out, _ = run("export", str(target))
    finally:
        os.umask(old)
    assert (code, out) == (0, "")
    assert target.stat().st_mode & 0o777 == 0o600
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3
    assert [p.name for p in target.parent.iterdir()] == ["out.csv"]


def test_export_with_no_history_is_just_the_header(run: Runner) -> None:
    code, out, _ = run("export")
    assert code == 0
    assert out == "started_at,local_date,stretch,outcome,duration_s,trigger,checkin\n"
    assert not paths().database.exists()


def test_import_into_a_history_that_cannot_be_kept_is_refused(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What open_history answers when the file can be neither used nor moved aside.
    import sqlite3

    from posture_break.core import history as history_module

    problem = "The history file cannot be opened. Breaks will not be kept."

    def unusable(path: Path, clock: object) -> history_module.HistoryOpen:
        return history_module.HistoryOpen(
            history_module.BreakHistory(sqlite3.connect(":memory:")), problem
        )

    monkeypatch.setattr(history_module, "open_history", unusable)
    source = tmp_path / "in.csv"
    source.write_text(GOOD_CSV, encoding="utf-8")
    code, out, err = run("import", str(source))
    assert code == 1
    assert out == ""
    assert one_line(err) == f"posture-break: error: nothing imported: {problem}"


def test_stats_json_is_exactly_what_json_dumps_writes(run: Runner) -> None:
    add_breaks((MON, Outcome.COMPLETED, 5), (MON, Outcome.SKIPPED, 2))
    code, out, _ = run("stats", "--json", "--as-of", "2026-11-25")
    assert code == 0
    assert out == json.dumps(json.loads(out)) + "\n"
