"""A real process that runs only the instance server, for faults the full app would be slow for.

Usage: instance_probe.py SOCKET [FD_LIMIT]. Lowers the open-file limit to FD_LIMIT (when given),
listens on SOCKET with `InstanceServer`, prints "listening" and answers commands until `quit`.
Each accepted command is printed as one line, so the test sees what the server took.
"""

from __future__ import annotations

import resource
import sys

from PySide6.QtCore import QCoreApplication

from posture_break.ui.instance import InstanceServer


def main() -> int:
    name = sys.argv[1]
    if len(sys.argv) > 2:
        limit = int(sys.argv[2])
        _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    app = QCoreApplication([])
    server = InstanceServer(name)
    server.listen()

    def on_command(command: str, argument: object) -> None:
        print(f"command {command} {argument}", flush=True)
        if command == "quit":
            app.quit()

    server.command_received.connect(on_command)
    print("listening", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
