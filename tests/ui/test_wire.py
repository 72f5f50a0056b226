"""The quick wire protocol: exactly what `json` writes and reads, with hardly any imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from posture_break.ui import wire
from posture_break.ui.command import Delivery, server_name

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(st.text(), st.none() | st.text())
def test_a_request_is_exactly_what_json_writes(command: str, argument: str | None) -> None:
    expected = json.dumps({"command": command, "argument": argument}).encode() + b"\n"
    assert wire.encode_request(command, argument) == expected


def _reference_decode(line: bytes) -> tuple[str, str]:
    """The reply as a plain `json` reading takes it."""
    try:
        reply = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "refused", "the running instance sent an unreadable reply"
    if isinstance(reply, dict) and reply.get("ok") is True:
        return "accepted", ""
    error = reply.get("error") if isinstance(reply, dict) else None
    return "refused", str(error) if error else "refused"


@given(
    st.one_of(
        st.dictionaries(st.sampled_from(["ok", "error", "other"]), _JSON_VALUES, max_size=3).map(
            lambda reply: json.dumps(reply).encode()
        ),
        _JSON_VALUES.map(lambda value: json.dumps(value).encode()),
        st.binary(max_size=40),
    )
)
def test_a_reply_reads_as_json_reads_it(line: bytes) -> None:
    assert wire.decode_reply(line) == _reference_decode(line)


def test_the_usual_replies() -> None:
    assert wire.decode_reply(json.dumps({"ok": True}).encode()) == (Delivery.ACCEPTED.value, "")
    refused = json.dumps({"ok": False, "error": "no ü"}).encode()
    assert wire.decode_reply(refused) == (Delivery.REFUSED.value, "no ü")


def test_the_socket_path_is_the_instances(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    assert wire.socket_path(runtime) == server_name(runtime)
    assert wire.socket_path(str(runtime)) == str(runtime / "posture-break.sock")
    deep = tmp_path / ("d" * 120)
    assert wire.socket_path(deep) is None  # the instance uses a short hashed name instead
    assert server_name(deep) != str(deep / "posture-break.sock")


def test_importing_it_loads_no_heavy_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import posture_break.ui.wire"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "posture_break.ui.wire" in imported
    assert not {"enum", "re", "json", "socket", "dataclasses", "pathlib", "typing"} & imported
