"""Windows' ways, each behind one seam of kpureport.engine.build or .batch and tested here on
Linux (CI runs Linux only): the lock's byte, a file held open by Word or Acrobat, staging
folders of dead builds found without process ids, and a batch stopped without signals."""

import errno
import importlib.util
import os
import subprocess
import sys
import threading
import time
from multiprocessing.process import BaseProcess
from pathlib import Path

import psutil
import pytest

from kpureport.engine import batch, build
from kpureport.errors import Interrupted, KpuReportError

from ..conftest import KKU
from .test_batch import kernels_left, make_offices

#: msvcrt.locking as Windows does it, on Linux: ``nbytes`` locked from the file's current
#: position (a POSIX record lock, so another process is refused exactly when Windows refuses).
FAKE_MSVCRT = """
import fcntl, os
LK_NBLCK = 2
def locking(fd, mode, nbytes):
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, nbytes, 0, os.SEEK_CUR)
    except OSError as exc:
        raise PermissionError(13, "Permission denied") from exc
"""

SECOND_BUILD = """
import importlib.util, sys
from pathlib import Path
from kpureport.engine import build
from kpureport.engine.build import BusyError
spec = importlib.util.spec_from_file_location("msvcrt", sys.argv[1])
sys.modules["msvcrt"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sys.modules["msvcrt"])
build.WINDOWS = True
try:
    with build.target_lock(Path(sys.argv[2])):
        print("terkunci juga")
except BusyError:
    print("ditolak")
"""


@pytest.fixture
def windows_lock(tmp_path, monkeypatch) -> Path:
    """Windows' branch of the lock, with the fake msvcrt (never on sys.path: the standard
    library takes an importable msvcrt for a sign of Windows)."""
    path = tmp_path / "msvcrt.py"
    path.write_text(FAKE_MSVCRT, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("msvcrt", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "msvcrt", module)
    monkeypatch.setattr(build, "WINDOWS", True)
    return path


def test_the_windows_lock_refuses_a_second_build(tmp_path, windows_lock):
    target = tmp_path / "out" / KKU / "2021"
    with build.target_lock(target):  # the holder writes its PID: the file is no longer empty
        second = subprocess.run(
            [sys.executable, "-c", SECOND_BUILD, str(windows_lock), str(target)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    # (Read only now: closing any handle of the file would drop a POSIX record lock.)
    assert (target.parent / ".2021.lock").read_text() == str(os.getpid())
    assert second.stdout.strip() == "ditolak", second.stderr
    again = subprocess.run(  # released with the first build
        [sys.executable, "-c", SECOND_BUILD, str(windows_lock), str(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.stdout.strip() == "terkunci juga", again.stderr


def _sharing_violation(*_args):
    """What Windows raises when a folder is moved while Word or Acrobat holds a file in it."""
    exc = PermissionError(errno.EACCES, "The process cannot access the file", "laporan")
    exc.winerror = 32
    raise exc


def test_a_file_open_in_word_or_acrobat_gets_its_own_message(tmp_path, monkeypatch):
    target = tmp_path / "out" / KKU / "2021"
    first = build.publish_files(target, {"laporan.html": b"<p>lama</p>", "laporan.pdf": b"%PDF"})
    assert len(first) == 2
    monkeypatch.setattr(build, "_swap", _sharing_violation)
    with pytest.raises(KpuReportError) as refused:
        build.publish_files(target, {"laporan.html": b"<p>baru</p>", "laporan.pdf": b"%PDF2"})
    message = str(refused.value)
    assert "Tutup berkas laporan.pdf di Word/Acrobat lalu ulangi" in message
    assert "tidak ada izin menulis" not in message
    assert (target / "laporan.html").read_bytes() == b"<p>lama</p>"
    assert not list(target.parent.glob(".2021-staging-*"))


def test_a_folder_without_permission_still_says_so(tmp_path):
    refused = pytest.raises(KpuReportError, match="tidak ada izin menulis")
    with refused, build._writing(tmp_path / "2021"):
        raise PermissionError(errno.EACCES, "Permission denied")


def test_staging_folders_of_dead_builds_are_found_by_the_lock_not_by_pid(tmp_path, monkeypatch):
    target = tmp_path / "out" / KKU / "2021"
    target.parent.mkdir(parents=True)
    # A build killed a minute ago: its PID is now another, living process (here: our parent),
    # and on Windows no PID can be checked at all. Only the lock says it is gone.
    left = [
        target.parent / f".2021-staging-{os.getppid()}-a1b2c3",
        target.parent / ".2021-staging-unknown",
    ]
    for folder in left:
        folder.mkdir()
        (folder / "laporan.html").write_text("setengah jadi", encoding="utf-8")
    other = target.parent / ".2022-staging-1-x"  # another report's: not ours to remove
    other.mkdir()
    build.publish_files(target, {"laporan.html": b"<p>baru</p>"})
    assert not [f for f in left if f.exists()]
    assert other.exists()


def _processes(root: psutil.Process) -> set[psutil.Process]:
    """What the batch started below this process (not multiprocessing's resource tracker,
    which serves this process as long as it lives)."""
    found = set()
    try:
        children = root.children(recursive=True)
    except psutil.Error:
        return found
    for child in children:
        try:
            if "resource_tracker" not in " ".join(child.cmdline()):
                found.add(child)
        except psutil.Error:
            continue
    return found


@pytest.mark.build
def test_a_stopped_batch_ends_its_kernels_without_signals(tmp_path, monkeypatch):
    """Stopping a batch must not rely on a signal to the workers: on Windows terminate() kills a
    worker at once, leaving its kernels (and browser) running. Here terminate() does just that,
    as on Windows; the workers must still end everything they started."""
    monkeypatch.setattr(BaseProcess, "terminate", BaseProcess.kill)
    runtime = tmp_path / "runtime"
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    data, out = tmp_path / "data", tmp_path / "out"
    names = make_offices(data, 3)
    jobs = [batch.Job(name, 2021) for name in names]
    me = psutil.Process()
    seen: set[psutil.Process] = set()

    def stop_once_kernels_run() -> None:
        deadline = time.time() + 900
        while time.time() < deadline:
            seen.update(_processes(me))
            if list(out.glob("uji-*/.2021-staging-*")) and kernels_left(runtime):
                time.sleep(1)  # the notebook runs in its kernel
                seen.update(_processes(me))
                import _thread

                _thread.interrupt_main()
                return
            time.sleep(0.1)

    watcher = threading.Thread(target=stop_once_kernels_run, daemon=True)
    watcher.start()
    # KeyboardInterrupt, or kpureport's Interrupted where an earlier command of this process
    # installed its signal handlers (stop_on_signals)
    with pytest.raises((KeyboardInterrupt, Interrupted)):
        batch.run_local(jobs, data, out, ("html",), True, 2, lambda _: None)
    watcher.join()
    assert seen, "the batch never reached its kernels"
    psutil.wait_procs(list(seen), timeout=30)
    left = [p for p in seen if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not left, [" ".join(p.cmdline()[:3]) for p in left]
    assert kernels_left(runtime) == 0
    assert not list(out.glob("uji-*/.2021-staging-*"))
    assert not list(runtime.glob("kernel-*.json"))
