"""Building reports with kpureport against the naive way, side by side on this machine.

    python benchmarks/bench_build.py [--batch 24] [--repeat 1] [--skip-single] [--skip-batch]

Single report (HTML and PDF) of the demo office:
  naive      papermill CLI, then `jupyter nbconvert --to html --no-input`, then the browser's
             own `--print-to-pdf`, three commands one after another
  kpureport  `kpureport build --office contoh --year 2024 --force`
Batch of ``--batch`` office-years (fictional copies of the demo office, six years each):
  naive      the same three commands per report, one report after another
  kpureport  one `kpureport build ... --jobs <cores> --force`
Prints the times, the ratios (targets: single <= 0.5x the naive time; batch >= 6x the naive
throughput) and the peak memory of each kpureport worker (target < 500 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "laporan.ipynb"


def browser() -> str:
    sys.path.insert(0, str(ROOT))
    from kpureport.export import find_browser

    found = find_browser()
    if found is None:
        raise SystemExit("a Chromium-family browser is needed for the PDF part of this benchmark")
    return str(found)


def naive(office: str, year: int, data: Path, out: Path, chrome: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    executed = out / f"{office}-{year}.ipynb"
    subprocess.run(
        [
            BIN / "papermill",
            str(NOTEBOOK),
            str(executed),
            "-p",
            "office",
            office,
            "-p",
            "year",
            str(year),
            "-p",
            "data_dir",
            str(data),
            "--cwd",
            str(NOTEBOOK.parent),
            "--log-level",
            "ERROR",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", str(executed)],
        check=True,
        capture_output=True,
    )
    html = executed.with_suffix(".html")
    subprocess.run(
        [
            chrome,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={out / 'chrome-profile'}",
            f"--print-to-pdf={executed.with_suffix('.pdf')}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
    )


def ours(args: list[str], out: Path, data: Path) -> str:
    result = subprocess.run(
        [BIN / "kpureport", "build", *args, "--data", str(data), "--out", str(out), "--force"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return result.stdout + result.stderr


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def fictional_offices(data: Path, count: int) -> list[str]:
    names = []
    for n in range(1, count + 1):
        name = f"bench-{n}"
        shutil.copytree(ROOT / "data" / "contoh", data / name)
        profile = data / name / "profile.yml"
        profile.write_text(
            profile.read_text(encoding="utf-8").replace(
                "name: Komisi Pemilihan Umum Kabupaten Contoh",
                f"name: Komisi Pemilihan Umum Kabupaten Bench {n}",
            ),
            encoding="utf-8",
        )
        names.append(name)
    return names


def peak_memory(output: str) -> float | None:
    """The summary's line on the workers' peak memory (Indonesian thousands dots)."""
    match = re.search(r"Memori puncak proses pekerja: paling besar ([0-9.]+) MB", output)
    return float(match.group(1).replace(".", "")) if match else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()
    chrome = browser()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        data = tmp / "data"
        if not args.skip_single:
            shutil.copytree(ROOT / "data" / "contoh", data / "contoh")
            naive_times, our_times = [], []
            for i in range(args.repeat):
                naive_times.append(timed(naive, "contoh", 2024, data, tmp / f"naive-{i}", chrome))
                our_times.append(
                    timed(ours, ["--office", "contoh", "--year", "2024"], tmp / f"ours-{i}", data)
                )
            n, o = statistics.median(naive_times), statistics.median(our_times)
            print(
                f"single report: naive {n:.1f} s, kpureport {o:.1f} s, ratio {o / n:.2f}x (target <= 0.5x)"
            )
        if not args.skip_batch:
            offices = fictional_offices(data, max(1, args.batch // 6))
            jobs = [(o, y) for o in offices for y in range(2019, 2025)][: args.batch]
            start = time.perf_counter()
            for office, year in jobs:
                naive(office, year, data, tmp / "naive-batch", chrome)
            n = time.perf_counter() - start
            years = sorted({y for _, y in jobs})
            start = time.perf_counter()
            result = subprocess.run(
                [
                    BIN / "kpureport",
                    "build",
                    "--office",
                    *offices,
                    "--year",
                    f"{years[0]}-{years[-1]}",
                    "--data",
                    str(data),
                    "--out",
                    str(tmp / "ours-batch"),
                    "--force",
                    "--jobs",
                    str(cores),
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            o = time.perf_counter() - start
            built = result.stdout.count(" dibuat ")
            print(
                f"batch of {len(jobs)} reports on {cores} cores: naive {n:.1f} s "
                f"({len(jobs) / n * 60:.1f} reports/min), kpureport {o:.1f} s "
                f"({len(jobs) / o * 60:.1f} reports/min); throughput {n / o:.2f}x (target >= 6x)"
            )
            print(result.stdout.splitlines()[0] if result.stdout else result.stderr[-500:])
            peak = peak_memory(result.stdout)
            if peak is not None:
                print(f"worker peak memory: {peak:.0f} MB at most (target < 500 MB)")
            print(json.dumps({"built": built}))


if __name__ == "__main__":
    main()
