"""A long-lived process builds warm: the same report a fresh command makes, after every
change of the data, from any thread."""

import asyncio
from pathlib import Path

import pytest

from kpureport.cli import main
from kpureport.engine.warm import Builder
from kpureport.errors import YearNotAvailableError

from ..conftest import KKU

STEM = f"laporan-media-sosial-{KKU}-2021"


def _raise_last_count(data_dir: Path, count: int) -> None:
    path = data_dir / KKU / "followers.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head, _, _old = lines[-1].rstrip("\n").rpartition(",")
    lines[-1] = f"{head},{count}\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.build
def test_a_warm_rebuild_after_a_change_equals_a_fresh_command(data_dir, tmp_path):
    out = tmp_path / "warm"
    with Builder(data_dir, out) as builder:
        first = builder.build(KKU, 2021)
        assert not first.failed and first.timings["pdf"] > 0
        _raise_last_count(data_dir, 98765)

        async def from_an_event_loop():  # as a Voila or web app calls it
            return builder.build(KKU, 2021, formats=("html", "pdf"))

        second = asyncio.run(from_an_event_loop())
        with pytest.raises(YearNotAvailableError):
            builder.build(KKU, 1999)
    assert not second.failed
    warm = (out / KKU / "2021" / f"{STEM}.html").read_text(encoding="utf-8")
    assert "98.765" in warm
    assert (out / KKU / "2021" / f"{STEM}.pdf").read_bytes().startswith(b"%PDF")
    cold = tmp_path / "cold"
    command = ["build", "--office", KKU, "--year", "2021", "--data", str(data_dir)]
    assert main([*command, "--out", str(cold), "--format", "html", "--no-cache"]) == 0
    assert warm == (cold / KKU / "2021" / f"{STEM}.html").read_text(encoding="utf-8")
