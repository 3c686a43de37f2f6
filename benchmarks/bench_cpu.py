"""The CPU a report costs, all processes counted, and the bound it sets on a batch's throughput.

    python benchmarks/bench_cpu.py [--reports 12]

Runs the batch of ``bench_build.py`` (``--reports`` fictional copies of the demo office, one
``kpureport build`` on every core) and one naive report (papermill, nbconvert, the browser's
print), and reads the CPU seconds of every process each started (the command, its kernels, the
browser: ``getrusage(RUSAGE_CHILDREN)`` once each has been waited for). With C cores a batch
cannot beat C x the naive wall time / kpureport's CPU per report, whatever it overlaps: that
is the floor under the throughput target of ``bench_build.py``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench_build import ROOT, batch_command, browser, fictional_offices, naive


def used(run) -> tuple[float, float]:
    """Wall seconds of ``run()`` and the CPU seconds of the processes it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=12)
    args = parser.parse_args()
    chrome = browser()
    cores = os.cpu_count() or 1
    tmp = Path(tempfile.mkdtemp(prefix="kpureport-bench-cpu-"))
    try:
        data = tmp / "data"
        shutil.copytree(ROOT / "data" / "contoh", data / "contoh")
        offices = fictional_offices(data, args.reports)
        wall, cpu = used(lambda: batch_command(offices, [2024], data, tmp / "out"))
        per_report = cpu / len(offices)
        print(
            f"kpureport batch of {len(offices)} on {cores} cores: {wall:.1f} s wall, "
            f"{cpu:.1f} CPU s, {per_report:.2f} CPU s per report"
        )
        naive_wall, naive_cpu = used(
            lambda: naive("contoh", 2024, ROOT / "data", tmp / "naive", chrome)
        )
        print(f"naive, one report: {naive_wall:.1f} s wall, {naive_cpu:.1f} CPU s")
        print(
            f"throughput bound on {cores} cores: {cores} x {naive_wall:.1f} / {per_report:.2f} "
            f"= {cores * naive_wall / per_report:.1f}x the naive way; measured here "
            f"{naive_wall * len(offices) / wall:.1f}x"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
