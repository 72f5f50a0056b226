"""The rotating log: warnings and errors only, private files, a bounded size."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from posture_break.core.log_file import (
    LOG_BACKUPS,
    LOG_BYTES,
    LOG_FILE_NAME,
    start_log_file,
)


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "log" / "posture-break"
    yield folder
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_warnings_and_errors_go_to_a_private_file_in_the_log_folder(log_dir: Path) -> None:
    target = start_log_file(log_dir)
    assert target == log_dir / LOG_FILE_NAME
    assert start_log_file(log_dir) == target  # a second call adds no second handler
    assert sum(isinstance(h, RotatingFileHandler) for h in logging.getLogger().handlers) == 1
    log = logging.getLogger("posture_break.test")
    log.info("an everyday thing")
    log.warning("the settings file has a bad value")
    log.error("could not save a break")
    text = target.read_text(encoding="utf-8")
    assert "an everyday thing" not in text
    assert "WARNING posture_break.test: the settings file has a bad value" in text
    assert "ERROR posture_break.test: could not save a break" in text
    assert mode(log_dir) == 0o700
    assert mode(target) == 0o600


def test_the_log_rolls_over_and_keeps_a_few_private_files(log_dir: Path) -> None:
    target = start_log_file(log_dir)
    assert target is not None
    assert 100 * 1024 <= LOG_BYTES <= 512 * 1024
    assert LOG_BACKUPS == 3
    line = "x" * 1000
    for _ in range(LOG_BYTES * (LOG_BACKUPS + 2) // 1000):
        logging.getLogger("posture_break.test").warning(line)
    files = sorted(log_dir.iterdir())
    assert [f.name for f in files] == [LOG_FILE_NAME] + [
        f"{LOG_FILE_NAME}.{n}" for n in range(1, LOG_BACKUPS + 1)
    ]
    assert all(mode(f) == 0o600 for f in files)
    assert all(f.stat().st_size <= LOG_BYTES for f in files)


def test_an_unwritable_log_folder_is_no_reason_to_stop(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert start_log_file(blocker / "log") is None
