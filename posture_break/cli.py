"""The command line; the tray app is its default command."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    del argv
    print("posture-break: the tray app is not built yet", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
