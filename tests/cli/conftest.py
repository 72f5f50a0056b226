"""The command-line fixtures of support.py, shared by every command-line test file."""

from tests.cli.support import berlin, instance, launched, run

__all__ = ["berlin", "instance", "launched", "run"]
