"""`status [--json]`, `pause --from --until` and quiet times in `next`, through `main([...])`.

A fake instance (support.py's, its fixtures shared by conftest.py) listens on the instance's
socket and answers as the app would; the command line's clock is a FakeClock, so "already
passed" does not depend on the hour the tests run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from posture_break import status_client
from posture_break.core.clock import FakeClock
from tests.cli.support import BERLIN, FakeInstance, Runner, one_line, write_settings

HELD: dict[str, object] = {
    "state": "held",
    "next_prompt": None,
    "held_because": ["call"],
    "paused_until": None,
}
COUNTING: dict[str, object] = {
    "state": "counting",
    "next_prompt": "2026-11-26T09:45:00+01:00",
    "held_because": [],
    "paused_until": None,
}


def reply_with(status: object) -> bytes:
    return json.dumps({"ok": True, "status": status}).encode() + b"\n"


@pytest.fixture
def at_one_pm(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's clock reads Wednesday 13:00 in Berlin."""
    clock = FakeClock(datetime(2026, 11, 25, 13, 0, tzinfo=BERLIN))
    monkeypatch.setattr(status_client, "SystemClock", lambda: clock)


def test_status_json_prints_exactly_the_apps_status(
    run: Runner, instance: Callable[..., FakeInstance]
) -> None:
    fake = instance(reply_with(HELD))
    code, out, err = run("status", "--json")
    assert (code, err) == (0, "")
    assert out == json.dumps(HELD) + "\n"
    assert list(json.loads(out)) == ["state", "next_prompt", "held_because", "paused_until"]
    assert [json.loads(line) for line in fake.requests] == [{"command": "status", "argument": None}]


def test_status_in_words(
    run: Runner, instance: Callable[..., FakeInstance], at_one_pm: None
) -> None:
    instance(reply_with(HELD))
    assert run("status") == (
        0,
        "Held: you are on a call.\nThe stretch comes when that ends.\n",
        "",
    )


def test_status_counting_in_words(
    run: Runner, instance: Callable[..., FakeInstance], at_one_pm: None
) -> None:
    instance(reply_with(COUNTING))
    code, out, _ = run("status")
    assert (code, out) == (0, "Counting down; the next stretch is at Thu 09:45.\n")


def test_status_without_a_running_app_is_one_line_and_exit_1(
    run: Runner, launched: list[tuple[str | None, str | None]]
) -> None:
    code, out, err = run("status", "--json")
    assert (code, out) == (1, "")
    assert one_line(err) == "posture-break: error: posture-break is not running"
    assert launched == []  # asking never starts the app


@pytest.mark.parametrize(
    "status",
    [
        {**HELD, "state": "sleeping"},
        {**HELD, "held_because": ["lunch"]},
        {**COUNTING, "next_prompt": "soon"},
        {"state": "due"},
        "counting",
    ],
)
def test_an_unreadable_status_is_refused_in_one_line(
    run: Runner, instance: Callable[..., FakeInstance], status: object
) -> None:
    instance(reply_with(status))
    code, out, err = run("status", "--json")
    assert (code, out) == (1, "")
    assert "posture-break: error: the running app sent" in one_line(err)


def test_pause_from_until_hands_a_quiet_time_to_the_app(
    run: Runner, instance: Callable[..., FakeInstance], at_one_pm: None
) -> None:
    fake = instance()
    assert run("pause", "--from", "14:00", "--until", "15:30") == (0, "", "")
    assert [json.loads(line) for line in fake.requests] == [
        {"command": "quiet", "argument": "14:00-15:30"}
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "11:00", "--until", "12:00"], "--until 12:00 has already passed"),
        (["--from", "15:00", "--until", "14:00"], "must be later today than --from 15:00"),
        (["--from", "14:00", "--until", "25:00"], "'25:00' is not a time of day"),
        (["--until", "15:00"], "--from and --until go together"),
    ],
)
def test_pause_from_until_refuses_clearly_and_sends_nothing(
    run: Runner,
    instance: Callable[..., FakeInstance],
    at_one_pm: None,
    argv: list[str],
    message: str,
) -> None:
    fake = instance()
    code, out, err = run("pause", *argv)
    assert (code, out) == (1, "")
    assert message in one_line(err)
    assert fake.requests == []


def test_pause_takes_a_length_or_a_quiet_time_not_both(run: Runner) -> None:
    code, _, err = run("pause", "1h", "--from", "14:00", "--until", "15:00")
    assert code == 2
    assert "not both" in one_line(err)


def test_next_respects_quiet_times(run: Runner) -> None:
    write_settings('[quiet]\ntimes = ["11:30-12:30"]\n[schedule]\ninterval_minutes = 60\n')
    code, out, err = run("next", "--json", "--from", "2026-11-25T09:00", "--count", "3")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "breaks": [
            "2026-11-25T10:00:00+01:00",
            "2026-11-25T11:00:00+01:00",
            "2026-11-25T12:30:00+01:00",
        ]
    }


def test_the_readme_documents_status_and_quiet_times() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[
        readme.index("<!-- commands:start -->") : readme.index("<!-- commands:end -->")
    ]
    assert "`posture-break status [--json]`" in section
    assert "`posture-break pause --from HH:MM --until HH:MM`" in section
