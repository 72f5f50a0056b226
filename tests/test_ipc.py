"""The Qt-free command protocol and its one client (`posture_break.ipc`)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_break import ipc
from posture_break.ipc import CommandError, Delivery, SendResult


@given(st.text(), st.none() | st.text())
def test_a_request_reads_back_as_it_was_sent(command: str, argument: str | None) -> None:
    line = ipc.encode_request(command, argument)
    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1
    assert ipc.decode_request(line.rstrip(b"\n")) == (command, argument)


def test_the_usual_replies() -> None:
    assert ipc.decode_reply(ipc.encode_reply(None)) == SendResult(Delivery.ACCEPTED)
    assert ipc.decode_reply(ipc.encode_reply("no ü")) == SendResult(Delivery.REFUSED, "no ü")
    assert ipc.decode_reply(b"\xff garbage") == SendResult(
        Delivery.REFUSED, "the running instance sent an unreadable reply"
    )
    assert ipc.decode_reply(b"[1, 2]") == SendResult(Delivery.REFUSED, "refused")


@pytest.mark.parametrize("line", [b"rm -rf /", b"[]", b'{"command": 3}', b"\xff"])
def test_a_request_that_is_not_a_command_is_refused(line: bytes) -> None:
    with pytest.raises(CommandError):
        ipc.decode_request(line)


@pytest.mark.parametrize("argument", [None, "30m", "45min", "45 min", "2h", "tomorrow"])
def test_pause_takes_the_one_grammar(argument: str | None) -> None:
    ipc.validate_command("pause", argument)


@pytest.mark.parametrize(
    ("command", "argument", "needle"),
    [
        ("pause", "a while", "pause takes"),
        ("pause", "25h", "up to 24h"),
        ("stretch", "now", "takes no argument"),
        ("frobnicate", None, "unknown command"),
    ],
)
def test_bad_commands_are_refused_in_words(command: str, argument: str | None, needle: str) -> None:
    with pytest.raises(CommandError, match=needle):
        ipc.validate_command(command, argument)


def test_the_socket_is_in_the_runtime_dir_unless_too_deep(tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    assert ipc.server_name(runtime) == str(runtime / "posture-break.sock")
    deep = tmp_path / ("d" * 120)
    short = ipc.server_name(deep)
    assert len(short.encode()) <= ipc.MAX_SOCKET_PATH
    assert short != ipc.server_name(tmp_path / ("e" * 120))


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[str, list[bytes]]]:
    """A socket that answers every request with `{"ok": true}` and keeps what it was sent."""
    name = str(tmp_path / "posture-break.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(name)
    server.listen()
    seen: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            with client:
                seen.append(client.recv(4096))
                client.sendall(ipc.encode_reply(None))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield name, seen
    server.shutdown(socket.SHUT_RDWR)
    server.close()
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_send_hands_the_command_over_once(listener: tuple[str, list[bytes]]) -> None:
    name, seen = listener
    assert ipc.send(name, "pause", "45 min") == SendResult(Delivery.ACCEPTED)
    assert [json.loads(line) for line in seen] == [{"command": "pause", "argument": "45 min"}]


def test_send_to_nobody_says_so(tmp_path: Path) -> None:
    assert ipc.send(str(tmp_path / "none.sock"), "stretch", None) is None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(tmp_path / "dead.sock"))  # bound, never listening: refused
        assert ipc.send(str(tmp_path / "dead.sock"), "stretch", None) is None


def test_report_turns_each_delivery_into_an_exit_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert ipc.report(SendResult(Delivery.ACCEPTED), "activate") == 0
    assert capsys.readouterr().out == "posture-break is already running\n"
    assert ipc.report(SendResult(Delivery.REFUSED, "busy"), "stretch") == 2
    assert capsys.readouterr().err == "posture-break: busy\n"
    assert ipc.report(SendResult(Delivery.NO_ANSWER), "skip") == 1
    assert "did not answer" in capsys.readouterr().err


def test_an_answered_command_carries_what_happened(capsys: pytest.CaptureFixture[str]) -> None:
    line = ipc.encode_reply(None, message="Paused until 23:08")
    assert json.loads(line) == {"ok": True, "message": "Paused until 23:08"}
    result = ipc.decode_reply(line)
    assert result == SendResult(Delivery.ACCEPTED, message="Paused until 23:08")
    assert ipc.report(result, "pause") == 0
    assert capsys.readouterr().out == "Paused until 23:08\n"
    # Words from the instance reach a terminal with their control characters escaped.
    ipc.report(SendResult(Delivery.ACCEPTED, message="odd\x1b[2Jtext"), "skip")
    assert capsys.readouterr().out == "odd\\x1b[2Jtext\n"
    assert {"pause", "resume", "skip"} == ipc.ANSWERED_COMMANDS


@pytest.mark.parametrize(
    "line",
    [
        b"[" * 3000 + b"]" * 3000,
        b'{"command": ' + b"9" * 5000 + b"}",
        b'{"command": "ping", "argument": ' + b'{"a":' * 2000 + b"1" + b"}" * 2001,
        b"\xff\xfe",
        b'{"command": "ping"' + b" " * 5000 + b"}",
    ],
    ids=["nested", "huge-int", "nested-argument", "not-utf8", "too-long"],
)
def test_decode_request_turns_every_malformed_line_into_a_command_error(line: bytes) -> None:
    with pytest.raises(ipc.CommandError):
        ipc.decode_request(line)


def test_a_refusal_with_control_characters_is_printed_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = ipc.report(ipc.SendResult(ipc.Delivery.REFUSED, "bad \x1b[2J thing"), "pause")
    assert status == 2
    assert capsys.readouterr().err == "posture-break: bad \\x1b[2J thing\n"
