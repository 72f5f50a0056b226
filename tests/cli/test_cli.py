"""The command line, run in-process through `main([...])` and once as a real process."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import types
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import posture_break.ui
from posture_break import __version__
from posture_break.cli import APP_COMMANDS, main
from posture_break.core.catalogue import load_catalogue
from posture_break.core.clock import FakeClock
from posture_break.core.history import open_history
from posture_break.core.listing import listing_table
from posture_break.core.paths import AppPaths
from posture_break.core.record import BreakRecord, Outcome, Trigger
from posture_break.core.safety import load_safety_note
from posture_break.core.stats import build_stats
from posture_break.core.stats_text import stats_text
from posture_break.core.timeline import build_timeline

BERLIN = ZoneInfo("Europe/Berlin")
MON = date(2026, 11, 23)

Run = tuple[int, str, str]
Runner = Callable[..., Run]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    def invoke(*argv: str) -> Run:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def paths() -> AppPaths:
    return AppPaths.for_user()


def write_settings(text: str) -> Path:
    config = paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    return config


def add_breaks(*entries: tuple[date, Outcome, int]) -> None:
    """Store `count` breaks of one outcome on each given local day."""
    records = []
    for day, outcome, count in entries:
        for n in range(count):
            started = datetime(day.year, day.month, day.day, 10, n, tzinfo=BERLIN)
            records.append(BreakRecord.at(started, "cat-cow", outcome, 60, Trigger.SCHEDULED))
    opened = open_history(paths().database, FakeClock(datetime(2026, 11, 25, tzinfo=BERLIN)))
    with opened.history as history:
        assert history.record_many(records) == len(records)


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


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


# --- stats. ---------------------------------------------------------------------------------------


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
                {
                    "date": "2026-11-23",
                    "completed": 5,
                    "skipped": 2,
                    "snoozed": 0,
                    "goal_met": True,
                    "rest": False,
                    "frozen": False,
                },
                {
                    "date": "2026-11-24",
                    "completed": 4,
                    "skipped": 0,
                    "snoozed": 0,
                    "goal_met": True,
                    "rest": False,
                    "frozen": False,
                },
                {
                    "date": "2026-11-25",
                    "completed": 1,
                    "skipped": 0,
                    "snoozed": 3,
                    "goal_met": False,
                    "rest": False,
                    "frozen": False,
                },
                {
                    "date": "2026-11-26",
                    "completed": 0,
                    "skipped": 0,
                    "snoozed": 0,
                    "goal_met": False,
                    "rest": False,
                    "frozen": False,
                },
                {
                    "date": "2026-11-27",
                    "completed": 0,
                    "skipped": 0,
                    "snoozed": 0,
                    "goal_met": False,
                    "rest": False,
                    "frozen": False,
                },
                {
                    "date": "2026-11-28",
                    "completed": 0,
                    "skipped": 0,
                    "snoozed": 0,
                    "goal_met": False,
                    "rest": False,
                    "frozen": False,
                },
                {
                    "date": "2026-11-29",
                    "completed": 0,
                    "skipped": 0,
                    "snoozed": 0,
                    "goal_met": False,
                    "rest": False,
                    "frozen": False,
                },
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


# --- Commands for the tray app: checked here, handed to ui.launch. --------------------------------


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, str | None]]:
    calls: list[tuple[str | None, str | None]] = []
    fake = types.ModuleType("posture_break.ui.launch")

    def fake_start(command: str | None, argument: str | None, app_paths: AppPaths) -> int:
        assert app_paths == paths()
        calls.append((command, argument))
        return 0

    fake.start = fake_start  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "posture_break.ui.launch", fake)
    monkeypatch.setattr(posture_break.ui, "launch", fake, raising=False)
    return calls


@pytest.mark.parametrize(
    ("argv", "call"),
    [
        ([], (None, None)),
        (["stretch"], ("stretch", None)),
        (["pause"], ("pause", "30m")),
        (["pause", "tomorrow"], ("pause", "tomorrow")),
        (["pause", "2h"], ("pause", "2h")),
        (["pause", "45m"], ("pause", "45m")),
        (["pause", "45min"], ("pause", "45min")),
        (["pause", "45 min"], ("pause", "45 min")),
        (["pause", "1H"], ("pause", "1h")),
        (["resume"], ("resume", None)),
        (["skip"], ("skip", None)),
        (["review"], ("review", None)),
        (["settings"], ("settings", None)),
        (["quit"], ("quit", None)),
    ],
)
def test_app_commands_are_handed_over(
    run: Runner,
    launched: list[tuple[str | None, str | None]],
    argv: list[str],
    call: tuple[str | None, str | None],
) -> None:
    code, _, _ = run(*argv)
    assert code == 0
    assert launched == [call]


def test_a_bad_pause_length_is_not_handed_over(
    run: Runner, launched: list[tuple[str | None, str | None]]
) -> None:
    code, _, _ = run("pause", "forever")
    assert code == 2
    assert launched == []


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


def test_readme_documents_every_command() -> None:
    readme = Path(__file__).resolve().parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("<!-- commands:start -->") : text.index("<!-- commands:end -->")]
    for name in ["stats", "rest", "next", "export", "import", "paths", "stretches", *APP_COMMANDS]:
        assert f"`posture-break {name}" in section or f"`{name}" in section, name


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


# --- App commands handed to a running instance over its socket, without argparse or Qt. ----------


class FakeInstance:
    """A listener on the instance's socket path that records each request and sends one reply."""

    def __init__(self, reply: bytes) -> None:
        runtime = paths().runtime_dir
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.requests: list[bytes] = []
        self._reply = reply
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(runtime / "posture-break.sock"))
        self._server.listen()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return  # closed
            with client:
                client.settimeout(10)
                line = b""
                while not line.endswith(b"\n"):
                    chunk = client.recv(4096)
                    if not chunk:
                        break
                    line += chunk
                self.requests.append(line)
                client.sendall(self._reply)

    def close(self) -> None:
        # close() alone does not wake a thread blocked in accept() on Linux; shutdown() does.
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self._thread.join(timeout=10)
        assert not self._thread.is_alive()


@pytest.fixture
def instance() -> Iterator[Callable[[bytes], FakeInstance]]:
    made: list[FakeInstance] = []

    def start(reply: bytes = b'{"ok": true}\n') -> FakeInstance:
        made.append(FakeInstance(reply))
        return made[-1]

    yield start
    for fake in made:
        fake.close()


@pytest.mark.parametrize(
    ("argv", "request_line", "out"),
    [
        (["stretch"], {"command": "stretch", "argument": None}, ""),
        (["pause"], {"command": "pause", "argument": "30m"}, ""),
        (["pause", "45M"], {"command": "pause", "argument": "45m"}, ""),
        (["pause", "tomorrow"], {"command": "pause", "argument": "tomorrow"}, ""),
        (["quit"], {"command": "quit", "argument": None}, ""),
        ([], {"command": "activate", "argument": None}, "posture-break is already running\n"),
    ],
)
def test_a_running_instance_gets_the_command_over_its_socket(
    run: Runner,
    launched: list[tuple[str | None, str | None]],
    instance: Callable[..., FakeInstance],
    argv: list[str],
    request_line: dict[str, str | None],
    out: str,
) -> None:
    fake = instance()
    assert run(*argv) == (0, out, "")
    assert [json.loads(line) for line in fake.requests] == [request_line]
    assert launched == []  # handed over without ui.launch


def test_a_refusal_from_the_instance_is_one_line_and_exit_2(
    run: Runner, instance: Callable[..., FakeInstance]
) -> None:
    instance(b'{"ok": false, "error": "a stretch is already showing"}\n')
    assert run("stretch") == (2, "", "posture-break: a stretch is already showing\n")


def test_an_instance_that_hangs_up_without_answering_is_reported(
    run: Runner, instance: Callable[..., FakeInstance]
) -> None:
    instance(b"")
    code, out, err = run("skip")
    assert (code, out) == (1, "")
    assert "did not answer" in one_line(err)


def test_a_dead_instances_socket_falls_back_to_the_launcher(
    run: Runner, launched: list[tuple[str | None, str | None]]
) -> None:
    runtime = paths().runtime_dir
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(runtime / "posture-break.sock"))  # bound, never listening: refused
        assert run("review") == (0, "", "")
    assert launched == [("review", None)]


def test_stretch_in_a_real_process_hands_over_without_qt(
    instance: Callable[..., FakeInstance],
) -> None:
    fake = instance()
    # What the `posture-break` console script runs.
    entry = "import sys; from posture_break.cli import main; sys.exit(main())"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", entry, "stretch"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert [json.loads(line) for line in fake.requests] == [
        {"command": "stretch", "argument": None}
    ]
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "posture_break.ipc" in imported
    assert not [name for name in imported if name.startswith(("PySide6", "shiboken6"))]
    assert "posture_break.ui.launch" not in imported
