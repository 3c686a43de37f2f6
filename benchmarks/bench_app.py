"""A rebuild from the staff page after one cell changed, against the command line's rebuild.

    python benchmarks/bench_app.py [--office contoh] [--year 2024] [--repeat 2]

Both rebuild the same office after one follower count is edited (so the report is out of
date and built again, HTML, PDF and Word):
  command    `kpureport build --office ... --year ... --format html,pdf,docx`, a new process
             each time (its kernel, browser and imports started cold)
  page       the page's builder (kpureport.app.build.Builder), as "Buat laporan" runs it: one
             warm batch worker kept between builds (forking parent, next kernel, browser)
The first build of the page's builder is not counted (it starts what later builds reuse).
Prints each time, the medians and the ratio page / command.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kpureport.app.build import Builder  # noqa: E402
from kpureport.app.state import State  # noqa: E402


def edit_one_cell(folder: Path, value: int) -> None:
    """The last follower count of the table set to ``value``."""
    path = folder / "followers.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[-1].split(",")
    cells[-1] = str(value)
    lines[-1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--office", default="contoh")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-app-"))
    try:
        data = work / "data"
        shutil.copytree(ROOT / "data" / args.office, data / args.office)
        folder = data / args.office
        state = State(data, work / "outputs", args.office, args.year)
        builder = Builder()
        builder.submit(state, lambda stage: None).result()  # warms the worker
        page, command = [], []
        for run in range(args.repeat):
            edit_one_cell(folder, 1000 + run)
            start = time.perf_counter()
            result = builder.submit(state, lambda stage: None).result()
            page.append(time.perf_counter() - start)
            assert not result.skipped and not result.failed, result
            edit_one_cell(folder, 2000 + run)
            start = time.perf_counter()
            subprocess.run(
                [
                    Path(sys.executable).parent / "kpureport",
                    "build",
                    "--office",
                    args.office,
                    "--year",
                    str(args.year),
                    "--data",
                    str(data),
                    "--out",
                    str(work / "cli"),
                    "--format",
                    "html,pdf,docx",
                ],
                check=True,
                capture_output=True,
            )
            command.append(time.perf_counter() - start)
            print(f"run {run + 1}: page {page[-1]:.1f} s, command {command[-1]:.1f} s", flush=True)
        p, c = statistics.median(page), statistics.median(command)
        print(
            f"median rebuild after one cell: page {p:.1f} s, command {c:.1f} s, "
            f"ratio page/command {p / c:.2f}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
