"""Agent: the idle time GNOME's Mutter reports over D-Bus (posture-break's existing backend)."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication

from posture_break.platform.idle import mutter_idle_source


def main() -> int:
    QCoreApplication(sys.argv)
    print(json.dumps({"idle": mutter_idle_source().idle_seconds()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
