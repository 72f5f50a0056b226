"""The Linux camera signal: a video device open by one of the user's processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from posture_break.platform.call.webcam import ProcWebcam

USER = os.getuid()

# Opens the file, says so, and keeps it open until its standard input closes.
HOLDER = "import sys; f = open(sys.argv[1]); print('open', flush=True); sys.stdin.read()"


def add_process(
    proc: Path,
    pid: int,
    targets: list[str],
    *,
    comm: str = "app",
    exe: str = "/usr/bin/app",
    uid: int = USER,
) -> None:
    fd = proc / str(pid) / "fd"
    fd.mkdir(parents=True)
    for number, target in enumerate(targets):
        (fd / str(number)).symlink_to(target)
    (proc / str(pid) / "comm").write_text(comm + "\n")
    (proc / str(pid) / "exe").symlink_to(exe)
    if uid != USER:
        os.chown(proc / str(pid), uid, uid, follow_symlinks=False)


def test_no_video_device_open_is_no_call(tmp_path: Path) -> None:
    add_process(tmp_path, 10, ["/dev/null", "socket:[1234]", "/dev/snd/pcmC0D0c"])
    add_process(tmp_path, 11, ["/home/me/video.mp4"])
    assert ProcWebcam(proc_root=tmp_path, own_pid=1).is_in_use() is False


def test_an_open_video_device_is_a_call(tmp_path: Path) -> None:
    add_process(tmp_path, 10, ["/dev/null"])
    add_process(tmp_path, 12, ["/dev/null", "/dev/video2"], comm="zoom")
    (tmp_path / "self").symlink_to("10")  # not a pid: skipped
    (tmp_path / "meminfo").write_text("")
    assert ProcWebcam(proc_root=tmp_path, own_pid=1).is_in_use() is True


def test_our_own_process_does_not_count(tmp_path: Path) -> None:
    add_process(tmp_path, 42, ["/dev/video0"])
    assert ProcWebcam(proc_root=tmp_path, own_pid=42).is_in_use() is False


def test_other_users_processes_do_not_count(tmp_path: Path) -> None:
    if USER != 0:
        import pytest

        pytest.skip("giving a file to another user needs root")
    add_process(tmp_path, 10, ["/dev/video0"], uid=4321)
    assert ProcWebcam(proc_root=tmp_path, own_pid=1).is_in_use() is False


def test_ignored_apps_match_by_command_or_executable(tmp_path: Path) -> None:
    add_process(tmp_path, 10, ["/dev/video0"], comm="obs", exe="/usr/bin/obs")
    add_process(tmp_path, 11, ["/dev/video1"], comm="Web Content", exe="/usr/lib/firefox/firefox")
    assert ProcWebcam(("OBS",), proc_root=tmp_path, own_pid=1).is_in_use() is True
    assert ProcWebcam(("obs", "firefox"), proc_root=tmp_path, own_pid=1).is_in_use() is False


def test_missing_proc_is_unknown(tmp_path: Path) -> None:
    assert ProcWebcam(proc_root=tmp_path / "absent").is_in_use() is None


def test_real_proc_sees_a_real_process_holding_the_device(tmp_path: Path) -> None:
    # No /dev/video* can be made here (no modprobe of vivid): a real child process holds a file
    # whose path stands in for the device, and the real /proc is scanned.
    device = tmp_path / "video0"
    device.write_bytes(b"")
    prefix = str(tmp_path / "video")
    webcam = ProcWebcam(device_prefix=prefix)
    assert webcam.is_in_use() is False
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(device)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdin is not None
        assert holder.stdout is not None
        assert holder.stdout.readline() == "open\n"
        assert webcam.is_in_use() is True
        executable = Path(os.path.realpath(sys.executable)).name  # what /proc/<pid>/exe names
        assert ProcWebcam((executable,), device_prefix=prefix).is_in_use() is False
        holder.stdin.close()
    assert webcam.is_in_use() is False
