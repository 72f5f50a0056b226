"""Start and stop the processes under test, and read what the kernel says about them.

PSS from `/proc/<pid>/smaps_rollup`, voluntary context switches (wake-ups) per thread from
`/proc/<pid>/task/*/status`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


def terminate(
    proc: subprocess.Popen[bytes] | subprocess.Popen[str] | None, grace: float = 3
) -> None:
    """Terminate `proc` (SIGTERM, then SIGKILL after `grace` seconds) and reap it."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(grace)


def spawn(
    command: Sequence[str], env: Mapping[str, str], log: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` in its own session, its output going to `log` (or nowhere)."""
    out = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    try:
        return subprocess.Popen(
            list(command),
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        if log is not None and not isinstance(out, int):
            out.close()


def stop_process(proc: subprocess.Popen[bytes], grace: float = 5) -> None:
    """End `proc` politely (SIGTERM), then firmly; always reap it."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGCONT)
    terminate(proc, grace)


def smaps_rollup(pid: int) -> dict[str, int]:
    """Return the kB figures of `/proc/<pid>/smaps_rollup` (Rss, Pss, Private_Dirty, ...)."""
    figures: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            figures[key.strip()] = int(parts[0])
    return figures


def pss_kib(pid: int) -> int:
    """Return the proportional set size of `pid` in KiB."""
    return smaps_rollup(pid)["Pss"]


def uss_kib(pid: int) -> int:
    """Return the unique set size (private pages) of `pid` in KiB."""
    rollup = smaps_rollup(pid)
    return rollup["Private_Clean"] + rollup["Private_Dirty"]


def thread_switches(pid: int) -> dict[int, int]:
    """Return voluntary context switches per thread id of process `pid`."""
    counts: dict[int, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    counts[int(task.name)] = int(line.split()[1])
    return counts


def switches_between(before: Mapping[int, int], after: Mapping[int, int]) -> int:
    """Return the voluntary switches of all threads from `before` to `after`.

    A thread that appeared in between counts in full; one that ended counts as zero (its last
    figures are gone with it), so a pool that churns threads is, if anything, undercounted.
    """
    return sum(count - before.get(tid, 0) for tid, count in after.items())
