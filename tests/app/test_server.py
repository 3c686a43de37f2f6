"""The launcher: loopback only, a token, foreign hosts and origins refused, no network
needed, Ctrl-C stops it all, and a clear word when the extra is missing."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kpureport.app import server


def _get(url: str, headers: dict | None = None) -> tuple[int, str, dict]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), exc.headers


def test_the_page_answers_only_with_its_token_and_only_on_loopback(app_server):
    import psutil

    parts = urlsplit(app_server.url)
    base = f"{parts.scheme}://{parts.netloc}"
    listening = [
        c.laddr.ip
        for c in psutil.Process(app_server.process.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]
    assert listening == ["127.0.0.1"]
    status, _, _ = _get(base + "/")
    assert status in (302, 403)  # to the login page: no page without the token
    status, page, _ = _get(app_server.url)
    assert status == 200
    assert "App()" not in page  # the notebook's code is not in the page
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert external == []  # no CDN: the page loads with no network
    assert 'lang="id"' in page
    status, _, _ = _get(app_server.url, {"Host": f"contoh.example:{parts.port}"})
    assert status == 403  # a foreign Host header (DNS rebinding) is refused
    status, _, _ = _get(f"{base}/voila/files/aplikasi.ipynb?{parts.query}")
    assert status in (403, 404)


def test_a_kernel_socket_from_another_origin_is_refused(app_server):
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    parts = urlsplit(app_server.url)
    _, page, headers = _get(app_server.url)
    kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
    cookies = "; ".join(c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or [])
    assert cookies  # the visit with the token left the login cookie

    async def connect(origin: str) -> None:
        request = HTTPRequest(
            f"ws://{parts.netloc}/api/kernels/{kernel}/channels",
            headers={"Origin": origin, "Cookie": cookies},
        )
        (await websocket_connect(request)).close()

    with pytest.raises(HTTPClientError) as refused:
        asyncio.run(connect("http://contoh.example"))
    assert refused.value.code == 403
    asyncio.run(connect(f"http://{parts.netloc}"))  # the page's own origin is let in


def test_the_command_prints_the_address_and_stops_on_ctrl_c(tmp_path):
    if server.missing():
        pytest.skip("the app extra is not installed")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kpureport",
            "app",
            "--no-browser",
            "--data",
            str(tmp_path / "data"),
            "--out",
            str(tmp_path / "outputs"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )
    lines = []
    deadline = time.monotonic() + 120
    url = None
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=\S+", line)
        url = found.group(0) if found else None
    assert url, "".join(lines)
    port = int(re.search(r":(\d+)/", url).group(1))
    assert _get(url)[0] == 200
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "Halaman staf dihentikan" in out
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
    assert (tmp_path / "data").is_dir()


def test_without_the_extra_the_command_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    from kpureport.cli import main

    monkeypatch.setattr(server, "missing", lambda: ["voila"])
    assert main(["app", "--no-browser", "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert 'pip install "kpureport[app]"' in err and "voila" in err
    assert "Traceback" not in err


def test_the_notebook_is_found_and_carries_no_output():
    import nbformat

    path = server.notebook()
    assert path.name == "aplikasi.ipynb" and path.is_file()
    nb = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")
    assert os.path.samefile(path.parent, Path(__file__).resolve().parents[2] / "notebooks")
