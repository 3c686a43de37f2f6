"""Kernels forked warm: a parent process per batch worker imports the report's libraries once,
then forks a fresh kernel process for each report.

Each report still runs in a process of its own, never reused, so nothing one report changes
(a module attribute, matplotlib's settings) reaches the next; but the child starts with pandas,
matplotlib, ipykernel and kpureport already imported, so the ~1 s of booting and importing per
report is gone. SageMathCell serves its requests from kernels forked this way.

The parent (``python -m kpureport.engine.zygote``) reads one request per line on its stdin (the
kernel's connection file, working folder and environment), forks, and answers the child's pid.
It forks only while it has a single thread (a library that started a thread would leave the
child a lock held by nobody) and reaps its children as they end. Where ``fork`` does not exist
(Windows, macOS's default) or the parent cannot start, kernels start the plain way.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner

#: What the parent imports before its first fork: what every report imports.
WARM = ("ipykernel.kernelapp", "kpureport.document.report")
#: Libraries that would start threads at import, kept to the main thread: OpenBLAS's workers
#: (the reports' arithmetic is small) and the Arrow allocator's background purger.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "JE_ARROW_MALLOC_CONF": "background_thread:false"}


def _warm_up() -> None:
    """Made once in the parent, before its first fork, what every report makes the same way
    and never changes: the Indonesian stemmer and stop words, the national election calendars,
    the phone number tables, matplotlib's fonts, the wording files and HTML fragments, Babel's
    Indonesian data, and pandera's backends with the staff tables' rules (none of it starts a
    thread). Measured on four warm rebuilds of the demo: load and analysis 1.40 s -> 1.16 s."""
    import datetime as dt

    import matplotlib
    import pandas as pd
    import phonenumbers
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from kpureport import formatting as fmt
    from kpureport.analysis import feedback, stages
    from kpureport.config import TEMPLATES_DIR
    from kpureport.ingest import validate
    from kpureport.writing import render, wording
    from kpureport.writing.charts import STYLE

    feedback.stem("pemilihan")
    feedback.stopwords()
    stages.national()
    list(phonenumbers.PhoneNumberMatcher("Telp. 0812-3456-7890", "ID"))
    with matplotlib.rc_context(STYLE):
        figure = Figure()
        figure.subplots().set_title("Pengikut 1.234")
        FigureCanvasAgg(figure).draw()
    for path in sorted(TEMPLATES_DIR.glob("*.yml")):
        wording.wording(path.name)
    environment = render.environment()
    for name in environment.list_templates(extensions=["j2"]):
        environment.get_template(name)
    fmt.number(1234.5, 1), fmt.date(dt.date(2024, 2, 14)), fmt.month_name(2)
    for name, columns in validate.TABLES.items():
        row = pd.DataFrame({c.name: ["1"] for c in columns}, index=[2])
        validate.table_problems(row, validate.manual_schema(name, "id"), TEMPLATES_DIR / name)


def available() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


class Zygote:
    """The forking parent of one batch worker; used from that worker's thread only."""

    def __init__(self):
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kpureport.engine.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )

    def fork(self, connection_file: str, cwd: str, env: dict[str, str], argv: list[str]) -> int:
        """A new kernel process for ``connection_file``; its pid."""
        request = {"connection_file": connection_file, "cwd": cwd, "env": env, "argv": argv}
        with self._lock:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError("the forking parent of the kernels has stopped")
        reply = json.loads(answer)
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return int(reply["pid"])

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()  # the parent ends at the end of its input
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class ForkedProcess:
    """A kernel forked by the zygote, seen through the part of ``Popen`` that the provisioner
    uses. It is the zygote's child, not ours: its end is seen by its pid disappearing (the
    zygote reaps it at once)."""

    stdin = stdout = stderr = None
    returncode: int | None = None

    def __init__(self, pid: int):
        self.pid = pid

    def poll(self) -> int | None:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            self.returncode = 0
            return 0
        except PermissionError:
            return None
        return None

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return 0

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):
    """Launches the kernel by asking the worker's zygote to fork one."""

    zygote: Zygote | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        connection_file = cmd[cmd.index("-f") + 1]
        argv = [a for i, a in enumerate(cmd) if i > cmd.index("-f") + 1]
        cwd = str(kwargs.get("cwd") or Path.cwd())
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        pid = self.zygote.fork(connection_file, cwd, env, argv)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid  # the child leads a process group of its own
        self.cwd = cwd
        return self.connection_info


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _reap(*_: object) -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _child(request: dict) -> None:
    """In the forked child: become a kernel for the request's connection file."""
    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    code = 0
    try:
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = ["ipykernel_launcher", "-f", request["connection_file"], *request["argv"]]
        IPKernelApp.launch_instance(argv=sys.argv[1:])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def serve() -> None:
    """The zygote's loop: import once, then one fork per request line, until stdin ends."""
    import importlib

    os.environ.update(SINGLE_THREADED)
    for name in WARM:
        importlib.import_module(name)
    _warm_up()
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker's Ctrl-C is the worker's to handle
    for line in sys.stdin:
        request = json.loads(line)
        if _threads() != 1:
            reply = {"error": f"the forking parent has {_threads()} threads; cannot fork safely"}
        else:
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                _child(request)
            reply = {"pid": pid}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
