"""Entry point for the PyInstaller bundle: the same command line as the installed script."""

import sys

from posture_break.cli import main

if __name__ == "__main__":
    sys.exit(main())
