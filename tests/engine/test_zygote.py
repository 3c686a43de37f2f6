"""Kernels forked warm from a worker's parent: each report still gets a process of its own,
nothing one report changes reaches the next, and the reports come out byte for byte as from
kernels booted the plain way."""

from pathlib import Path

import pytest

from kpureport.cli import main
from kpureport.engine import zygote
from kpureport.engine.kernel import Kernel

from ..conftest import DATA, ROOT

#: Every test here runs kernels and whole builds.
pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(not zygote.available(), reason="fork is Linux-only here"),
]


def run(kernel: Kernel, code: str) -> str:
    """What ``code`` prints in ``kernel``."""
    printed = []

    def output(message):
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])

    # a forked kernel is up before the client has subscribed to its output: wait until the
    # output channel is live, as papermill's client does, or the first messages are lost
    kernel._client.wait_for_ready(timeout=60)
    reply = kernel._client.execute_interactive(code, timeout=60, output_hook=output)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(printed).strip()


@pytest.fixture
def parent():
    forking = zygote.Zygote()
    yield forking
    forking.close()


def test_a_change_made_by_one_report_is_invisible_to_the_next(parent):
    first = Kernel(ROOT / "notebooks", zygote=parent)
    try:
        assert first.forked
        shown = run(
            first,
            "import os, kpureport.config as c; c.SLOGAN = 'diubah'; "
            "print(os.getpid(), os.getppid(), c.SLOGAN)",
        )
        pid, ppid, slogan = shown.split(" ", 2)
        assert int(ppid) == parent.process.pid  # forked from the warm parent
        assert slogan == "diubah"
    finally:
        first.close()
    second = Kernel(ROOT / "notebooks", zygote=parent)
    try:
        assert second.forked
        shown = run(second, "import os, kpureport.config as c; print(os.getpid(), c.SLOGAN)")
        other, slogan = shown.split(" ", 1)
        assert other != pid
        assert slogan == "Pemilih Berdaulat Negara Kuat"
    finally:
        second.close()


def test_a_kernel_boots_the_plain_way_when_its_parent_is_gone(parent):
    parent.close()
    kernel = Kernel(ROOT / "notebooks", zygote=parent)
    try:
        assert not kernel.forked
        assert run(kernel, "print(6 * 7)") == "42"
    finally:
        kernel.close()


def _batch(out: Path, monkeypatch, forked: bool) -> dict[str, str]:
    if not forked:
        monkeypatch.setenv("KPUREPORT_NO_FORK", "1")
    args = ["build", "--office", "contoh-pesisir", "kota-contoh", "--year", "2024"]
    args += ["--data", str(DATA), "--out", str(out), "--format", "html", "--jobs", "2"]
    assert main([*args, "--no-cache"]) == 0
    monkeypatch.delenv("KPUREPORT_NO_FORK", raising=False)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*/*/*.html"))}


def test_forked_and_plain_kernels_make_identical_reports(tmp_path, monkeypatch):
    forked = _batch(tmp_path / "forked", monkeypatch, True)
    plain = _batch(tmp_path / "plain", monkeypatch, False)
    assert len(forked) == 2 and forked == plain
