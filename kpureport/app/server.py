"""``kpureport app``: start Voila on the page's notebook, on this computer only, and stop it.

Voila's defaults are wrong for this page in several ways (../shared/voila.md lists what was
measured); the launcher sets each one: a free port it picks itself on 127.0.0.1, a token it
makes and puts in the address it opens, foreign Host headers refused, a websocket large enough
for a pick of exports, a template with no link to a CDN, no notebook file served, the kernels
of closed tabs culled, and Ctrl-C or the page's "Selesai" stopping it all.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kpureport.errors import Interrupted, KpuReportError

from . import notebook
from .common import LOG_ENV, LOG_NAME, TEMPLATES
from .exports import MAX_PICK_BYTES
from .state import OUT_ENV, STOP_ENV

#: The packages the page needs beyond kpureport's own (the ``app`` extra).
NEEDED = ("voila", "ipywidgets", "ipykernel")
INSTALL_HELP = (
    "Halaman staf (kpureport app) memerlukan paket tambahan yang belum terpasang: {missing}.\n"
    "Pasang dengan salah satu perintah ini, lalu jalankan lagi 'kpureport app':\n"
    '  pip install "kpureport[app]"\n'
    '  pipx install --force "kpureport[app]"        (bila kpureport dipasang dengan pipx)\n'
    '  pip install -e ".[app]"                      (dari folder proyek kpureport)'
)
HOST = "127.0.0.1"
#: Seconds Voila gets to answer before the launcher gives up.
START_SECONDS = 90
#: Kernels of closed or refreshed tabs are stopped after this long without activity.
CULL_SECONDS = 600


def missing() -> list[str]:
    return [name for name in NEEDED if importlib.util.find_spec(name) is None]


def free_port() -> int:
    """A port nobody listens on now, on the loopback address."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def voila_config(port: int, token: str) -> dict:
    """Everything Voila is told, as its JSON configuration (dicts on its command line would
    arrive as strings)."""
    return {
        "Voila": {
            "ip": HOST,
            "port": port,
            "port_retries": 0,
            "open_browser": False,
            "token": token,
            "tornado_settings": {
                "allow_remote_access": False,
                "websocket_max_message_size": MAX_PICK_BYTES + 16 * 1024 * 1024,
                "max_body_size": MAX_PICK_BYTES + 16 * 1024 * 1024,
            },
        },
        "VoilaConfiguration": {
            "template": "kpureport",
            "theme": "light",
            "allow_template_override": "NO",
            "allow_theme_override": "NO",
            "show_tracebacks": False,
            "strip_sources": True,
            "file_allowlist": [],
        },
        "HTMLExporter": {"language_code": "id"},
        "MappingKernelManager": {"cull_idle_timeout": CULL_SECONDS, "cull_interval": 60},
    }


@dataclass
class Server:
    """A running page: its address (with the token) and the Voila process serving it."""

    url: str
    process: subprocess.Popen
    stop_file: Path
    log: Path
    home: Path

    def stopped(self) -> bool:
        return self.process.poll() is not None or self.stop_file.exists()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.home, ignore_errors=True)


def start(data_dir: Path, out_dir: Path, port: int | None = None) -> Server:
    """Start Voila on the page's notebook; returns once the page answers."""
    absent = missing()
    if absent:
        raise KpuReportError(INSTALL_HELP.format(missing=", ".join(absent)))
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = notebook()
    port = port or free_port()
    token = secrets.token_urlsafe(24)
    home = Path(tempfile.mkdtemp(prefix="kpureport-app-"))
    (home / "voila.json").write_text(json.dumps(voila_config(port, token)), encoding="utf-8")
    log = out_dir / LOG_NAME
    paths = [str(TEMPLATES), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    env = {
        **os.environ,
        "JUPYTER_PATH": os.pathsep.join(paths),
        "KPUREPORT_DATA": str(data_dir),
        OUT_ENV: str(out_dir),
        STOP_ENV: str(home / "selesai"),
        LOG_ENV: str(log),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "voila",
        str(page),
        "--no-browser",
        f"--Voila.config_file_paths={home}",
    ]
    detached = (
        {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        if sys.platform == "win32"
        else {"start_new_session": True}  # Ctrl-C reaches the launcher, which stops Voila
    )
    with log.open("ab") as out:
        process = subprocess.Popen(
            command,
            cwd=page.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            **detached,
        )
    server = Server(f"http://{HOST}:{port}/?token={token}", process, home / "selesai", log, home)
    deadline = time.monotonic() + START_SECONDS
    while not _answers(port):
        if process.poll() is not None or time.monotonic() > deadline:
            server.close()
            raise KpuReportError(
                f"Halaman staf tidak dapat dijalankan (Voila berhenti atau tidak menjawab). "
                f"Rinciannya ada di {log}."
            )
        time.sleep(0.2)
    return server


def _answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((HOST, port)) == 0


def serve(
    data_dir: Path,
    out_dir: Path,
    open_browser: bool = True,
    port: int | None = None,
    say: Callable[[str], None] | None = None,
) -> int:
    """Run the page until Ctrl-C or the page's "Selesai"."""
    say = say or (lambda text: print(text, flush=True))  # seen at once, also through a pipe
    # A launcher started from a background shell inherits "ignore SIGINT": Ctrl-C must work.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    server = None
    try:
        server = start(data_dir, out_dir, port)
        say(
            "Halaman staf kpureport berjalan di komputer ini saja. Buka alamat ini di peramban "
            f"(bila tidak terbuka sendiri):\n  {server.url}\n"
            f"Data kantor: {Path(data_dir).resolve()}\nLaporan: {Path(out_dir).resolve()}\n"
            f"Catatan kesalahan: {server.log}\n"
            "Tekan Ctrl-C di sini, atau tombol Selesai di halaman, untuk berhenti."
        )
        if open_browser:
            webbrowser.open(server.url)
        while not server.stopped():
            time.sleep(0.3)
    except (KeyboardInterrupt, Interrupted):
        pass
    finally:
        if server is not None:
            server.close()
    say("Halaman staf dihentikan. Semua yang disimpan tetap ada di folder data.")
    return 0
