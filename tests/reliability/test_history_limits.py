"""A full disk, a read-only folder and an interrupted migration: plain words, history intact."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from posture_break.core.clock import FakeClock
from posture_break.core.history import SCHEMA_VERSION, BreakHistory, open_history
from tests.harness.waiting import wait_for
from tests.reliability.history_writer import make_record, verify_history

HERE = Path(__file__).parent
WRITER = HERE / "history_writer.py"
PROBE = HERE / "history_probe.py"
NOBODY = 65534
IS_ROOT = sys.platform != "win32" and os.geteuid() == 0

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and signals")


def seeded_history(path: Path, count: int) -> None:
    with BreakHistory(sqlite3.connect(path)) as history:
        history.record_many(make_record(i) for i in range(count))


def tree_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temp folder the unprivileged user can reach (pytest's own is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="posture-break-ro-"))
    os.chmod(base, 0o755)
    try:
        yield base
    finally:
        for folder in base.rglob("*"):
            if folder.is_dir():
                os.chmod(folder, 0o700)
        shutil.rmtree(base)


def run_probe(db: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(PROBE), str(db)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    if "skip" in result:
        pytest.skip(str(result["skip"]))
    if IS_ROOT:
        assert result["uid"] == NOBODY, "the probe must run unprivileged"
    return result


def make_read_only_data_dir(base: Path, with_history: int | None) -> Path:
    data = base / "data dir ü"
    data.mkdir()
    db = data / "history.sqlite3"
    if with_history is not None:
        seeded_history(db, with_history)
    if IS_ROOT:
        for path in (data, *data.iterdir()):
            os.chown(path, NOBODY, NOBODY)
    os.chmod(data, 0o500)
    return db


@posix_only
def test_read_only_data_dir_shows_history_and_refuses_writes_in_words(shared_tmp: Path) -> None:
    db = make_read_only_data_dir(shared_tmp, with_history=25)
    before = tree_state(db.parent)

    result = run_probe(db)

    assert result["records"] == 25
    assert result["is_persistent"] is False
    assert isinstance(result["problem"], str)
    assert "read-only" in result["problem"]
    assert "nothing was changed" in result["problem"]
    assert result["moved_aside"] is None
    assert isinstance(result["write_error"], str)
    assert result["write_error"].startswith("The break could not be saved: ")
    assert "read-only" in result["write_error"]
    assert tree_state(db.parent) == before


@posix_only
def test_read_only_data_dir_without_history_carries_on_in_memory(shared_tmp: Path) -> None:
    db = make_read_only_data_dir(shared_tmp, with_history=None)

    result = run_probe(db)

    assert isinstance(result["problem"], str)
    assert "read-only" in result["problem"]
    assert "will not be kept" in result["problem"]
    assert result["is_persistent"] is False
    assert result["write_error"] is None  # counted for this session
    assert list(db.parent.iterdir()) == []


@posix_only
def test_file_size_limit_mid_write_gives_a_plain_error_and_keeps_the_history(
    tmp_path: Path,
) -> None:
    # `ulimit -f`: the kernel refuses to grow any file past the limit, like a full disk would.
    import resource  # POSIX only, so imported here

    db = tmp_path / "history.sqlite3"
    seeded_history(db, 50)
    limit = db.stat().st_size + 64 * 1024

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, str(WRITER), str(db)],
        capture_output=True,
        text=True,
        preexec_fn=limit_file_size,  # fine here: the test process starts no threads
        check=False,
        timeout=120,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    message = done.stdout.splitlines()[-1]
    assert message.startswith("write error: The break could not be saved: ")
    assert message.endswith("Your earlier history is unchanged.")
    # All 50 seeded records and every whole batch after them, nothing half written.
    assert verify_history(db, known=0, start=50) > 50


@posix_only
@pytest.mark.slow
def test_kill_9_during_a_migration_keeps_the_old_version_and_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    seeded_history(db, 40)
    # A long second migration step, killed half way through its single transaction.
    script = (
        "import sqlite3, sys\n"
        "from posture_break.core.history import MIGRATIONS, migrate\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "step = ('CREATE TABLE filler (n INTEGER, pad TEXT)',\n"
        "        'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) '\n"
        "        'INSERT INTO filler SELECT n, printf(\"%0200d\", n) FROM c',)\n"
        "print('migrating', flush=True)\n"
        "migrate(db, (*MIGRATIONS, step))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline() == b"migrating\n"
    backup = db.with_name(f"history.sqlite3.v{SCHEMA_VERSION}-backup")
    wal = db.with_name(db.name + "-wal")

    def under_way() -> bool:
        assert proc.poll() is None, "the migrating process ended early"
        return backup.exists() and wal.exists() and wal.stat().st_size > 4 * 1024 * 1024

    wait_for(under_way, 30, 0.01, "the migration to be well under way")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()

    opened = open_history(db, FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)))
    try:
        assert opened.problem is None
        conn: sqlite3.Connection = opened.history._db
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "filler" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert len(opened.history.records()) == 40
    finally:
        opened.history.close()
    old = sqlite3.connect(backup)
    try:
        assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert old.execute("SELECT count(*) FROM break_record").fetchone()[0] == 40
    finally:
        old.close()
