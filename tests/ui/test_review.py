"""The week review: history in, the numbers and figures a user sees out.

Rest days and freezes have their own file (`test_review_rest_days.py`), sharing this history.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time as walltime
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from posture_break import cli
from posture_break.core.clock import FakeClock
from posture_break.core.history import BreakHistory
from posture_break.core.paths import AppPaths, ensure_private_dir
from posture_break.core.plan import work_day_numbers
from posture_break.core.record import CSV_HEADER, BreakRecord, Outcome, Trigger
from posture_break.core.settings import GoalSettings, Settings
from posture_break.core.stats import build_stats
from posture_break.ui import review
from posture_break.ui.review import ReviewWindow

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 26)  # a Thursday
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=BERLIN)
THIS_MONDAY = date(2026, 11, 23)
TITLES = {"hug": "Hug and round", "twist": "Seated twist", "cobra": "Prone cobra"}

# completed, skipped, snoozed per day; the daily goal is 4 (the default).
PLAN: dict[date, tuple[int, int, int]] = {
    # Two weeks ago: Monday to Friday all met, then a quiet weekend.
    **{date(2026, 11, 9) + timedelta(days=d): (4, 1, 0) for d in range(5)},
    # Last week: met Monday to Thursday, Friday missed (2), Saturday a bonus day (4).
    **{date(2026, 11, 16) + timedelta(days=d): (5, 0, 1) for d in range(4)},
    date(2026, 11, 20): (2, 3, 1),
    date(2026, 11, 21): (4, 0, 0),
    # This week: Monday met, Tuesday not, Wednesday met, today two so far.
    date(2026, 11, 23): (5, 1, 2),
    date(2026, 11, 24): (3, 2, 0),
    date(2026, 11, 25): (4, 0, 1),
    date(2026, 11, 26): (2, 0, 0),
}


def plan_records() -> list[BreakRecord]:
    records: list[BreakRecord] = []
    stretches = ("hug", "hug", "twist", "cobra", "hug", "twist")
    for day, (done, skipped, snoozed) in sorted(PLAN.items()):
        start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=BERLIN)
        outcomes = [Outcome.COMPLETED] * done + [Outcome.SKIPPED] * skipped
        outcomes += [Outcome.SNOOZED] * snoozed
        for index, outcome in enumerate(outcomes):
            completed = outcome is Outcome.COMPLETED
            records.append(
                BreakRecord.at(
                    start + timedelta(minutes=45 * index),
                    stretches[index % len(stretches)],
                    outcome,
                    60 if completed else 0,
                    Trigger.SCHEDULED,
                    # Check-ins on this week's first completed stretch each day: 4, 5, 6, 7.
                    checkin=(day - THIS_MONDAY).days + 4
                    if completed and index == 0 and day >= THIS_MONDAY
                    else None,
                )
            )
    return records


@pytest.fixture
def history() -> Iterator[BreakHistory]:
    made = BreakHistory(sqlite3.connect(":memory:"))
    made.record_many(plan_records())
    yield made
    made.close()


def open_window(
    qtbot: QtBot, history: BreakHistory, settings: Settings | None = None
) -> ReviewWindow:
    window = ReviewWindow(history, settings or Settings(), FakeClock(NOW), titles=TITLES)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def expected_sentence(day: dict[str, object], goal: int) -> str:
    when = date.fromisoformat(str(day["date"]))
    name = f"{when:%A} {when.day} {when:%B}"  # English names: the tests run in English
    if when > TODAY:
        return f"{name}: still to come"
    verdict = "goal met" if day["goal_met"] else "goal not met"
    if when == TODAY and not day["goal_met"]:
        verdict += " yet"
    if day["rest"]:
        verdict += ", a rest day"
    elif day["frozen"]:
        verdict += ", frozen: a freeze kept the streak"
    rest = "" if when.weekday() < 5 else " (not a work day)"
    return f"{name}: {day['completed']} of {goal}, {verdict}{rest}"


def shown_numbers(window: ReviewWindow) -> dict[str, object]:
    """Read what the window shows, in the shape of `stats --json`."""
    return {
        "current_streak": int(window.current_card.value.text()),
        "best_streak": int(window.best_card.value.text()),
        "total_completed": int(window.total_card.value.text()),
        "week_completed": int(window.week_card.value.text()),
        "days": list(window.bars.day_descriptions()),
    }


def cli_stats(
    capsys: pytest.CaptureFixture[str], history_records: list[BreakRecord], as_of: date
) -> dict[str, object]:
    """Run `posture-break stats --json --as-of` on the same history, stored where the CLI looks."""
    paths = AppPaths.for_user()
    if not paths.database.exists():
        ensure_private_dir(paths.database.parent)
        stored = BreakHistory(sqlite3.connect(paths.database))
        stored.record_many(history_records)
        stored.close()
    capsys.readouterr()
    assert cli.main(["stats", "--json", "--as-of", as_of.isoformat()]) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def expected_from(report: dict[str, object], goal: int) -> dict[str, object]:
    week = report["week"]
    assert isinstance(week, dict)
    return {
        "current_streak": report["current_streak"],
        "best_streak": report["best_streak"],
        "total_completed": report["total_completed"],
        "week_completed": week["completed"],
        "days": [expected_sentence(day, goal) for day in week["days"]],
    }


def test_numbers_match_build_stats_and_the_cli(
    qtbot: QtBot, history: BreakHistory, capsys: pytest.CaptureFixture[str]
) -> None:
    window = open_window(qtbot, history)
    settings = Settings()
    report = build_stats(
        history.day_counts(None, TODAY),
        history.total_completed(TODAY),
        settings.goal.daily,
        work_day_numbers(settings.schedule),
        TODAY,
    ).to_json_dict()
    from_cli = cli_stats(capsys, plan_records(), TODAY)
    assert from_cli == report
    assert shown_numbers(window) == expected_from(report, 4)
    # The premise, by hand: Monday and Wednesday met this week, today not yet.
    assert shown_numbers(window)["current_streak"] == 1
    # 9-13 Nov earned a freeze, which covered Friday 20th: 9-13, 16-19, Sat 21 and Mon 23.
    assert report["best_streak"] == 11
    assert report["freezes_banked"] == 0
    assert window.current_card.note.text() == "\u2744 no freezes in hand"
    assert window.week_summary.text().startswith("Goal met on 2 of 4 days")
    assert "14 stretches done" in window.week_summary.text()
    assert "3 skipped" in window.week_summary.text()


def test_previous_week_matches_the_cli_for_that_week(
    qtbot: QtBot, history: BreakHistory, capsys: pytest.CaptureFixture[str]
) -> None:
    window = open_window(qtbot, history)
    QTest.mouseClick(window.previous_button, Qt.MouseButton.LeftButton)
    sunday = date(2026, 11, 22)
    that_week = cli_stats(capsys, plan_records(), sunday)["week"]
    assert isinstance(that_week, dict)
    assert window.week().to_json_dict() == that_week
    assert window.title.text() == "Week of 16 \u2013 22 November 2026"
    assert int(window.week_card.value.text()) == that_week["completed"] == 26
    assert window.bars.day_descriptions() == tuple(
        expected_sentence(day, 4) for day in that_week["days"]
    )
    assert window.bars.day_descriptions()[4] == (
        "Friday 20 November: 2 of 4, goal not met, frozen: a freeze kept the streak"
    )
    assert window.bars.day_descriptions()[5] == (
        "Saturday 21 November: 4 of 4, goal met (not a work day)"
    )
    # The streaks stay those of today.
    assert int(window.current_card.value.text()) == 1


def test_keyboard_moves_between_weeks(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.title.text() == "This week"
    assert not window.next_button.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert window.week().start == date(2026, 11, 16)
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert window.week().start == date(2026, 11, 9)
    assert not window.previous_button.isEnabled()  # the history starts that week
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert window.week().start == date(2026, 11, 9)
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.week().start == date(2026, 11, 16)
    QTest.keyClick(window, Qt.Key.Key_Home)
    assert window.week().start == THIS_MONDAY
    QTest.keyClick(window, Qt.Key.Key_Right)  # never past this week
    assert window.week().start == THIS_MONDAY


def test_bars_stand_against_a_visible_goal_line(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    bars = window.bars
    goal_y = bars.goal_line_y()
    assert 0 < goal_y < bars.height()
    monday, tuesday, _wed, today, friday = (bars.bar_rect(i) for i in range(5))
    assert monday.top() < goal_y  # 5 of 4 reaches over the line
    assert tuesday.top() > goal_y  # 3 of 4 stays under it
    assert today.top() > goal_y
    assert friday.height() == 0  # still to come
    assert bars.day_descriptions()[4:] == (
        "Friday 27 November: still to come",
        "Saturday 28 November: still to come",
        "Sunday 29 November: still to come",
    )
    assert "Monday 23 November: 5 of 4, goal met" in bars.accessibleDescription()
    assert bars.accessibleName() == "Stretches each day, week of Monday 23 November"


def test_figures_paint_with_the_palette(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    bars = window.bars
    centre = bars.bar_rect(0).center().toPoint()  # Monday met the goal: the accent colour
    for accent in ("#d0306a", "#30a0d0"):
        palette = QPalette(window.palette())
        palette.setColor(QPalette.ColorRole.Highlight, QColor(accent))
        palette.setColor(QPalette.ColorRole.Window, QColor("#202225"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
        window.setPalette(palette)
        image = bars.grab().toImage()
        scale = image.devicePixelRatio()
        pixel = image.pixelColor(QPoint(int(centre.x() * scale), int(centre.y() * scale)))
        assert pixel.name() == accent
        cell = window.heatmap.cell_rect(11, 0).center().toPoint()  # this Monday: goal met
        heat = window.heatmap.grab().toImage()
        assert (
            heat.pixelColor(QPoint(int(cell.x() * scale), int(cell.y() * scale))).name() == accent
        )


def test_heatmap_shows_twelve_weeks_ending_this_week(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    cells = window.heatmap.cells()
    assert len(cells) == 12
    assert all(len(week) == 7 for week in cells)
    assert cells[-1][0].day == THIS_MONDAY
    assert cells[0][0].day == THIS_MONDAY - timedelta(weeks=11)
    levels = {cell.day: cell.level for week in cells for cell in week}
    assert levels[date(2026, 11, 23)] == 3  # goal met
    assert levels[date(2026, 11, 24)] == 2  # 3 of 4: half way or more
    assert levels[date(2026, 11, 26)] == 2  # 2 of 4
    assert levels[date(2026, 11, 20)] == 2
    assert levels[date(2026, 11, 15)] == 0  # nothing
    assert levels[date(2026, 11, 27)] == -1  # still to come
    assert "week of 16 November: goal met on 5 days, 26 stretches" in (
        window.heatmap.accessibleDescription()
    )
    # Clicking a column shows that week.
    target = window.heatmap.cell_rect(10, 2).center().toPoint()
    QTest.mouseClick(window.heatmap, Qt.MouseButton.LeftButton, pos=target)
    assert window.week().start == date(2026, 11, 16)


def test_favourites_and_checkins(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    shown = window.favourites()
    assert shown[0].startswith("1. Hug and round")
    assert [line.split(". ", 1)[1].rsplit(" \u2013 ", 1)[0] for line in shown] == [
        "Hug and round",
        "Seated twist",
        "Prone cobra",
    ]
    counts = dict(history.stretch_counts(THIS_MONDAY - timedelta(weeks=11), TODAY))
    assert shown[0].endswith(f"{counts['hug']}\u00d7")
    assert window.sparkline.isVisible()
    assert [value for _day, value in window.sparkline.points()] == [4, 5, 6, 7]
    assert window.latest_checkin.text().startswith("Latest: 7 of 10 on Thursday 26 November")
    assert "4 of 10 at first, 7 of 10 latest" in window.sparkline.accessibleDescription()


def test_empty_history_opens_calmly(qtbot: QtBot) -> None:
    empty = BreakHistory(sqlite3.connect(":memory:"))
    try:
        window = open_window(qtbot, empty)
        assert window.current_card.value.text() == "0"
        assert window.total_card.value.text() == "0"
        assert not window.previous_button.isEnabled()
        assert not window.sparkline.isVisible()  # no check-ins: no trend shown
        assert window.no_favourites.isVisible()
        assert window.favourites() == ()
    finally:
        empty.close()


def test_unknown_stretch_ids_show_as_ids(qtbot: QtBot, history: BreakHistory) -> None:
    window = ReviewWindow(history, Settings(), FakeClock(NOW), titles={})
    qtbot.addWidget(window)
    assert window.favourites()[0].startswith("1. hug")


def test_export_writes_every_break_as_csv(
    qtbot: QtBot, history: BreakHistory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, history)
    target = tmp_path / "out.csv"
    asked: list[Path] = []

    def ask(parent: object, suggested: Path) -> Path | None:
        asked.append(suggested)
        return target

    monkeypatch.setattr(review, "ask_export_path", ask)
    QTest.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    assert asked
    assert asked[0].name == "posture-break-2026-11-26.csv"
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) - 1 == len(plan_records())
    assert window.status.text() == f"Exported {len(plan_records())} breaks to {target}."


def test_export_problems_are_told_in_words(
    qtbot: QtBot, history: BreakHistory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, history)
    monkeypatch.setattr(review, "ask_export_path", lambda parent, suggested: None)
    assert window.export_csv() is None
    assert window.status.text() == ""
    missing = tmp_path / "no-such-folder" / "out.csv"
    monkeypatch.setattr(review, "ask_export_path", lambda parent, suggested: missing)
    assert window.export_csv() is None
    assert window.status.text() == f"Could not export to {missing}: No such file or directory."


def test_a_new_day_is_picked_up_when_shown_again(qtbot: QtBot, history: BreakHistory) -> None:
    clock = FakeClock(NOW)
    window = ReviewWindow(history, Settings(), clock, titles=TITLES)
    qtbot.addWidget(window)
    window.show()
    window.hide()
    clock.advance(timedelta(days=4))  # Monday 30 November: a new week
    window.show()
    assert window.week().start == date(2026, 11, 30)
    assert window.title.text() == "This week"


def test_opens_quickly_on_a_year_of_history(qtbot: QtBot) -> None:
    # A guard against accidental per-record work; benchmarks/review_open.py measures 10 years.
    records = [
        BreakRecord.at(
            datetime(day.year, day.month, day.day, 9, tzinfo=BERLIN) + timedelta(minutes=50 * i),
            ("hug", "twist", "cobra")[i % 3],
            Outcome.COMPLETED if i % 3 else Outcome.SKIPPED,
            60 if i % 3 else 0,
            Trigger.SCHEDULED,
            checkin=i if i % 3 and i < 10 else None,
        )
        for day in (TODAY - timedelta(days=n) for n in range(365))
        for i in range(10)
    ]
    big = BreakHistory(sqlite3.connect(":memory:"))
    try:
        big.record_many(records)
        begin = walltime.perf_counter()
        window = ReviewWindow(big, Settings(), FakeClock(NOW), titles=TITLES)
        qtbot.addWidget(window)
        window.show()
        window.repaint()
        elapsed_ms = (walltime.perf_counter() - begin) * 1000
        assert elapsed_ms < 1000, f"took {elapsed_ms:.0f} ms"
        assert int(window.total_card.value.text()) == sum(
            r.outcome is Outcome.COMPLETED for r in records
        )
    finally:
        big.close()


def test_a_new_goal_applies_to_the_open_window(qtbot: QtBot, history: BreakHistory) -> None:
    window = open_window(qtbot, history)
    assert window.week().goal_days_met == 2
    window.apply_settings(Settings(goal=GoalSettings(daily=3)))
    assert window.week().goal_days_met == 3  # Tuesday's 3 now meets the goal
    assert "daily goal 3 stretches" in window.subtitle.text()
    assert window.bars.day_descriptions()[1] == "Tuesday 24 November: 3 of 3, goal met"


def test_an_unreadable_history_is_told_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    broken = BreakHistory(sqlite3.connect(":memory:"))
    broken.record_many(plan_records())
    window = open_window(qtbot, broken)
    broken.close()  # the file went away under the open window
    window.refresh()
    assert window.status.text().startswith("The history could not be read")
    assert window.total_card.value.text() == "0"
    target = tmp_path / "out.csv"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(review, "ask_export_path", lambda parent, suggested: target)
        assert window.export_csv() is None
    assert window.status.text().startswith("Nothing was exported: The history could not be read")
    assert not target.exists()


def shown_tooltip() -> str:
    """Return the words the tooltip shows (its text is escaped rich text, `plain_tooltip`)."""
    document = QTextDocument()
    document.setHtml(QToolTip.text())
    return document.toPlainText()


def test_the_bars_and_the_heatmap_name_the_day_under_the_pointer(
    qtbot: QtBot, history: BreakHistory
) -> None:
    window = open_window(qtbot, history)

    def tooltip_at(widget: QWidget, point: QPoint) -> str | None:
        event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
        QApplication.sendEvent(widget, event)
        # An ignored tooltip event is Qt's "nothing to say here" (the tip fades on its own).
        return shown_tooltip() if event.isAccepted() else None

    monday_bar = window.bars.bar_rect(0).center().toPoint()
    assert tooltip_at(window.bars, monday_bar) == window.bars.day_descriptions()[0]
    cell = window.heatmap.cells()[11][0]
    cell_centre = window.heatmap.cell_rect(11, 0).center().toPoint()
    assert tooltip_at(window.heatmap, cell_centre) == window.heatmap.cell_sentence(cell)
    assert "23 November" in shown_tooltip()
    assert tooltip_at(window.bars, QPoint(0, 0)) is None
    assert tooltip_at(window.heatmap, QPoint(0, 0)) is None  # no cell there: no tooltip
