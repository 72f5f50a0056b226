"""The commands for the tray app: checked here, handed to a running instance over its socket, or to
ui.launch when nobody answers (in-process, and once as a real process without Qt).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable

import pytest

from tests.cli.support import (
    FakeInstance,
    Runner,
    one_line,
    paths,
)

# --- Commands for the tray app: checked here, handed to ui.launch. --------------------------------


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


# --- App commands handed to a running instance over its socket, without argparse or Qt. ----------


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
