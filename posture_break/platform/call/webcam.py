"""Linux camera: a `/dev/video*` device held open by one of the user's processes.

There is no notification for "a camera was opened" without privileges, so the user's processes'
open files are listed under `/proc/<pid>/fd`. Only the user's own processes are readable (and
the ones that matter); the scan runs only when a prompt is due or held.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path

_log = logging.getLogger(__name__)

VIDEO_DEVICE_PREFIX = "/dev/video"


class ProcWebcam:
    """The camera signal on Linux, read from `/proc`."""

    def __init__(
        self,
        ignored_apps: Iterable[str] = (),
        *,
        proc_root: Path = Path("/proc"),
        uid: int | None = None,
        own_pid: int | None = None,
        device_prefix: str = VIDEO_DEVICE_PREFIX,
    ) -> None:
        self._device_prefix = device_prefix
        self._ignored = {name.casefold() for name in ignored_apps}
        self._proc = proc_root
        self._uid = os.getuid() if uid is None else uid
        self._own_pid = os.getpid() if own_pid is None else own_pid

    def is_in_use(self) -> bool | None:
        """Return whether one of the user's processes has a video device open, `None` if unknown."""
        try:
            entries = list(os.scandir(self._proc))
        except OSError as error:
            _log.debug("cannot list %s: %s", self._proc, error)
            return None
        for entry in entries:
            if not entry.name.isdigit() or int(entry.name) == self._own_pid:
                continue
            try:
                if entry.stat(follow_symlinks=False).st_uid != self._uid:
                    continue
            except OSError:
                continue  # the process ended while we looked
            process = Path(entry.path)
            if self._holds_video_device(process) and not self._is_ignored(process):
                return True
        return False

    def _holds_video_device(self, process: Path) -> bool:
        try:
            descriptors = list(os.scandir(process / "fd"))
        except OSError:
            return False  # ended, or not ours to read
        for descriptor in descriptors:
            try:
                target = os.readlink(descriptor.path)
            except OSError:
                continue
            if target.startswith(self._device_prefix):
                return True
        return False

    def _is_ignored(self, process: Path) -> bool:
        if not self._ignored:
            return False
        names: list[str] = []
        # A process may end while we look: a name we cannot read just does not match.
        with contextlib.suppress(OSError):
            names.append((process / "comm").read_text(encoding="utf-8", errors="replace").strip())
        with contextlib.suppress(OSError):
            names.append(Path(os.readlink(process / "exe")).name)
        return any(name.casefold() in self._ignored for name in names)
