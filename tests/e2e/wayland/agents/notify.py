"""Agent: posture-break's notification prompt; prints the id it got and the signal it emits.

Prints `{"ready": ...}` (whether the server offers actions), then for a `show` line on stdin
`{"shown": id}`, then `{"signal": "started" | "snoozed" | "skipped" | "ignored"}` and exits.
Argument: seconds before an unanswered prompt counts as ignored.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QSocketNotifier

from posture_break.core.clock import SystemClock
from posture_break.ui.notification_prompt import NotificationPrompt


def main() -> int:
    app = QCoreApplication(sys.argv)
    ignore_after_s = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0
    prompt = NotificationPrompt.open(
        "Seated reach & twist", 60, 10, clock=SystemClock(), ignore_after_s=ignore_after_s
    )
    print(json.dumps({"ready": prompt is not None}), flush=True)
    if prompt is None:
        return 1

    def report(name: str) -> None:
        print(json.dumps({"signal": name}), flush=True)
        app.quit()

    for name in ("started", "snoozed", "skipped", "ignored", "unavailable"):
        getattr(prompt, name).connect(lambda name=name: report(name))

    def on_stdin() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
        elif line.strip() == "show":
            prompt.show_near(None)
            print(json.dumps({"shown": prompt.notification_id}), flush=True)

    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    stdin.activated.connect(on_stdin)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
