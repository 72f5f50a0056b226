"""Agent: posture-break's Wayland full-screen source; `sample` prints its answer and the windows."""

from __future__ import annotations

import json
import sys

from posture_break.platform.wayland_client import shared_connection
from posture_break.platform.wayland_toplevel import WaylandFullscreenSource, list_toplevels


def main() -> int:
    source = WaylandFullscreenSource()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() != "sample":
            continue
        connection = shared_connection()  # one connection a process, as the app (wayland_client)
        assert connection is not None
        windows = [
            {"app_id": t.app_id, "activated": t.is_activated, "fullscreen": t.is_fullscreen}
            for t in list_toplevels(connection) or []
        ]
        print(
            json.dumps({"fullscreen": source.is_fullscreen_active(), "windows": windows}),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
