"""`posture-break rest add|remove|list`, and rest days in `stats`, `export` and `import`."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from posture_break.core.clock import FakeClock
from posture_break.core.history import open_history
from posture_break.core.paths import AppPaths
from posture_break.core.record import BreakRecord, Outcome, Trigger
from tests.cli.support import BERLIN, MON, Runner


def goal_days(*days: date, completed: int = 4) -> None:
    records = [
        BreakRecord.at(
            datetime(day.year, day.month, day.day, 10, n, tzinfo=BERLIN),
            "cat-cow",
            Outcome.COMPLETED,
            60,
            Trigger.SCHEDULED,
        )
        for day in days
        for n in range(completed)
    ]
    clock = FakeClock(datetime(2026, 11, 25, tzinfo=BERLIN))
    with open_history(AppPaths.for_user().database, clock).history as history:
        history.record_many(records)


def listed(run: Runner) -> list[str]:
    code, out, err = run("rest", "list", "--json")
    assert (code, err) == (0, "")
    days: list[str] = json.loads(out)["rest_days"]
    return days


def test_add_list_and_remove_with_an_inclusive_range_over_new_year(run: Runner) -> None:
    code, out, err = run("rest", "add", "2026-12-30", "--until", "2027-01-02")
    assert (code, err) == (0, "")
    assert out == "4 rest days added.\n"
    assert listed(run) == ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]
    code, out, _ = run("rest", "list")
    assert out.splitlines() == [
        "Wed 2026-12-30",
        "Thu 2026-12-31",
        "Fri 2027-01-01",
        "Sat 2027-01-02",
    ]
    code, out, _ = run("rest", "remove", "2026-12-31", "--until", "2027-01-01")
    assert (code, out) == (0, "2 rest days removed.\n")
    assert listed(run) == ["2026-12-30", "2027-01-02"]


def test_adding_and_removing_again_changes_nothing_and_succeeds(run: Runner) -> None:
    assert run("rest", "add", "2026-12-24")[0] == 0
    code, out, err = run("rest", "add", "2026-12-23", "--until", "2026-12-24")
    assert (code, out, err) == (0, "1 rest day added (1 was already a rest day).\n", "")
    code, out, err = run("rest", "add", "2026-12-24")
    assert (code, out, err) == (0, "0 rest days added (1 was already a rest day).\n", "")
    code, out, err = run("rest", "remove", "2026-12-25")
    assert (code, out, err) == (0, "0 rest days removed (1 was not a rest day).\n", "")
    assert listed(run) == ["2026-12-23", "2026-12-24"]


def test_removing_with_no_history_creates_none(run: Runner) -> None:
    code, out, _ = run("rest", "remove", "2026-12-25")
    assert (code, out) == (0, "0 rest days removed.\n")
    assert not AppPaths.for_user().database.exists()
    assert listed(run) == []
    assert run("rest", "list") == (0, "No rest days.\n", "")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["rest", "add", "2027-01-01", "--until", "2028-01-02"], "367 days; at most 366 days"),
        (["rest", "remove", "2027-01-01", "--until", "2028-01-02"], "367 days; at most 366 days"),
        (
            ["rest", "add", "2027-01-02", "--until", "2027-01-01"],
            "--until 2027-01-01 is before 2027-01-02",
        ),
        (["rest", "add", "2027-02-30"], "not a real date"),
        (["rest", "add"], "required: DATE"),
        (["rest"], "required: ACTION"),
    ],
)
def test_mistakes_are_one_clear_line_and_exit_2(run: Runner, argv: list[str], needle: str) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert needle in err
    assert not AppPaths.for_user().database.exists()


def test_a_full_leap_year_is_the_largest_range(run: Runner) -> None:
    code, out, _ = run("rest", "add", "2028-01-01", "--until", "2028-12-31")
    assert (code, out) == (0, "366 rest days added.\n")


def test_stats_shows_rest_and_frozen_days_and_the_bank(run: Runner) -> None:
    last_week = [MON - timedelta(days=7 - n) for n in range(5)]
    goal_days(*last_week, MON, MON + timedelta(days=3))
    assert run("rest", "add", "2026-11-25")[0] == 0  # Wednesday
    _code, out, _ = run("stats", "--json", "--as-of", "2026-11-27")
    data = json.loads(out)
    assert (data["current_streak"], data["best_streak"], data["freezes_banked"]) == (7, 7, 0)
    days = data["week"]["days"]
    assert [day["frozen"] for day in days] == [False, True, False, False, False, False, False]
    assert [day["rest"] for day in days] == [False, False, True, False, False, False, False]
    _code, out, _ = run("stats", "--as-of", "2026-11-27")
    assert "Streak: 7 days (best: 7), no freezes in hand" in out
    assert "(frozen)" in out
    assert "(rest day)" in out
    _code, out, _ = run("stats", "--as-of", "2026-11-22")
    assert "Streak: 5 days (best: 5), 1 freeze in hand" in out


def test_stats_with_freezes_off_keeps_the_old_rules(run: Runner) -> None:
    config = AppPaths.for_user().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[goal]\nfreezes = false\n", encoding="utf-8")
    goal_days(*[MON - timedelta(days=7 - n) for n in range(5)], MON, MON + timedelta(days=3))
    code, out, err = run("stats", "--json", "--as-of", "2026-11-27")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["current_streak"], data["best_streak"], data["freezes_banked"]) == (1, 6, 0)
    assert not any(day["frozen"] for day in data["week"]["days"])
    code, out, _ = run("stats", "--as-of", "2026-11-27")
    assert out.startswith("Streak: 1 day (best: 6)\n")


def test_rest_days_are_exported_and_imported_with_the_history(run: Runner, tmp_path: Path) -> None:
    goal_days(MON)
    assert run("rest", "add", "2026-12-24", "--until", "2026-12-25")[0] == 0
    code, out, _ = run("export")
    assert code == 0
    assert out.endswith(
        "2026-11-23T10:03:00+01:00,2026-11-23,cat-cow,completed,60,scheduled,\n"
        ",2026-12-24,,rest-day,,,\n,2026-12-25,,rest-day,,,\n"
    )
    target = tmp_path / "backup.csv"
    target.write_text(out, encoding="utf-8")
    database = AppPaths.for_user().database
    for file in database.parent.glob(database.name + "*"):
        file.unlink()  # a fresh start: the file and its -wal and -shm
    code, out, err = run("import", str(target))
    assert (code, err) == (0, "")
    assert out == f"Imported 4 breaks from {target} and 2 new rest days.\n"
    assert listed(run) == ["2026-12-24", "2026-12-25"]
    code, out, _ = run("import", str(target))
    assert out == f"Imported 0 breaks from {target} (4 already present) and 0 new rest days.\n"


def test_the_plain_report_marks_frozen_and_rest_days_without_special_glyphs() -> None:
    from posture_break.core.record import DayCounts
    from posture_break.core.stats import build_stats
    from posture_break.core.stats_text import stats_text

    counts = {MON - timedelta(days=7 - n): DayCounts(completed=4) for n in range(5)}
    counts[MON + timedelta(days=3)] = DayCounts(completed=4)
    rest = {MON + timedelta(days=2)}
    report = build_stats(counts, 24, 4, range(5), MON + timedelta(days=3), rest_days=rest)
    plain = stats_text(report, fancy=False).splitlines()
    assert plain[0] == "Streak: 1 day (best: 5), no freezes in hand"
    assert plain[2] == "  Mon 23 Nov  ----   0 ~  (frozen)"
    assert plain[3] == "  Tue 24 Nov  ----   0"  # the freeze was spent on Monday: broken
    assert plain[4] == "  Wed 25 Nov  ----   0 .  (rest day)"
    assert plain[5] == "  Thu 26 Nov  ####   4 *  (today)"
    fancy = stats_text(report, fancy=True, freezes=False).splitlines()
    assert fancy[0] == "Streak: 1 day (best: 5)"
    assert fancy[2].endswith("\u2744  (frozen)")
