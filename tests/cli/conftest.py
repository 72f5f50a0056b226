"""The command-line fixtures of test_cli.py, shared with the other command-line test files."""

from tests.cli.test_cli import berlin, instance, launched, run

__all__ = ["berlin", "instance", "launched", "run"]
