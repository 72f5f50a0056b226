"""A tray message naming a hostile settings key reaches mako (a body-markup server) escaped.

The message is sent by the app's own `notify_on_bus`, run as a client of the session's bus;
`makoctl list` gives the body exactly as mako received it.
"""

from __future__ import annotations

import html
import json
import sys
from typing import Any

from tests.e2e.wayland.session import WaylandSession
from tests.harness.waiting import wait_for

HOSTILE = '<img src="/dev/zero">'
SEND = (
    "import sys\n"
    "from posture_break.ui.tray import notify_on_bus\n"
    "print(notify_on_bus(sys.argv[1], sys.argv[2]))\n"
)


def mako_notifications(wayland: WaylandSession) -> list[dict[str, Any]]:
    data = json.loads(wayland.run(["makoctl", "list"]))["data"][0]
    return [{key: value["data"] for key, value in item.items()} for item in data]


def capabilities(wayland: WaylandSession) -> str:
    return wayland.run(
        [
            "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications", "org.freedesktop.Notifications.GetCapabilities",
        ]
    )  # fmt: skip


def send_and_find(wayland: WaylandSession, title: str, text: str) -> dict[str, Any]:
    """Send a message through the app's `notify_on_bus`; return it as mako lists it."""
    assert wayland.run([sys.executable, "-c", SEND, title, text]).strip() == "True"
    return wait_for(
        lambda: [n for n in mako_notifications(wayland) if n["summary"] == title],
        5,
        0.05,
        "the message in makoctl list",
    )[0]


def test_a_hostile_settings_key_reaches_a_markup_server_escaped(wayland: WaylandSession) -> None:
    assert '"body-markup"' in capabilities(wayland)  # else this would not test the escaping
    title = f"Setting {HOSTILE} ignored"
    text = f"Unknown key {HOSTILE} & value <b>bold</b> in /tmp/a&b<c>.toml"
    try:
        shown = send_and_find(wayland, title, text)
        assert shown["body"] == html.escape(text, quote=False)
        assert "<img" not in shown["body"]
        assert "<b>" not in shown["body"]
        assert shown["app-name"] == "posture-break"
    finally:
        wayland.run(["makoctl", "dismiss", "--all"])


def test_a_server_without_markup_gets_the_text_as_it_is(wayland: WaylandSession) -> None:
    # mako with `markup=0` drops body-markup from its capabilities and shows bodies verbatim.
    config = wayland.runtime_dir / "config" / "mako" / "config"
    config.parent.mkdir(exist_ok=True)
    config.write_text("markup=0\n")
    config.parent.chmod(0o755)
    config.chmod(0o644)
    title = f"Plain {HOSTILE}"
    text = f"Unknown key {HOSTILE} & more"
    try:
        wayland.run(["makoctl", "reload"])
        assert '"body-markup"' not in capabilities(wayland)
        shown = send_and_find(wayland, title, text)
        assert shown["body"] == text  # escapes would show on this server as `&lt;`
    finally:
        config.unlink()
        wayland.run(["makoctl", "reload"])
        wayland.run(["makoctl", "dismiss", "--all"])
