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
throughput), the peak memory of each kpureport worker (target < 500 MB), and where kpureport's
time goes: per stage (kernel, load, analysis, html, pdf, publish, as each build records them;
"host" is the command's time outside them) for the single report and per report in the batch,
and the imports a kernel pays once (with forked kernels, once per worker). All of it is also
written as JSON (``--json``, default outputs/bench_build.json).
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
    from kpureport.output.export import find_browser

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


STAGES = ("kernel", "load", "analysis", "html", "pdf", "docx", "publish")


def stage_times(out: Path) -> list[dict[str, float]]:
    """The stage times each build under ``out`` recorded."""
    found = []
    for record in sorted(out.glob("*/*/.kpureport-build.json")):
        timings = json.loads(record.read_text(encoding="utf-8")).get("timings", {})
        if timings:
            found.append(timings)
    return found


def mean_stages(records: list[dict[str, float]]) -> dict[str, float]:
    return {
        stage: round(statistics.mean(r.get(stage, 0.0) for r in records), 3)
        for stage in STAGES
        if any(stage in r for r in records)
    }


def import_seconds() -> float:
    """What a kernel spends importing the report's libraries (over a bare interpreter)."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        return time.perf_counter() - start

    bare = min(run("pass") for _ in range(3))
    warm = min(run("import ipykernel.kernelapp, kpureport.document.report") for _ in range(3))
    return round(warm - bare, 3)


def shown(stages: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in stages.items())


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
    parser.add_argument("--json", type=Path, default=ROOT / "outputs" / "bench_build.json")
    args = parser.parse_args()
    results: dict = {"cores": os.cpu_count(), "imports_s": import_seconds()}
    print(f"imports of a kernel: {results['imports_s']:.2f} s (paid once per worker when forked)")
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
            stages = mean_stages(
                [t for i in range(args.repeat) for t in stage_times(tmp / f"ours-{i}")]
            )
            stages["host"] = round(o - sum(stages.values()), 3)
            print(f"  kpureport's seconds by stage: {shown(stages)}")
            results["single"] = {
                "naive_s": naive_times,
                "kpureport_s": our_times,
                "ratio": round(o / n, 3),
                "stages_s": stages,
            }
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
            per_report = mean_stages(stage_times(tmp / "ours-batch"))
            print(f"  per report in the batch, seconds by stage: {shown(per_report)}")
            results["batch"] = {
                "reports": len(jobs),
                "built": built,
                "naive_s": round(n, 3),
                "kpureport_s": round(o, 3),
                "throughput_ratio": round(n / o, 3),
                "worker_peak_mb": peak,
                "stages_per_report_s": per_report,
            }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written: {args.json}")


if __name__ == "__main__":
    main()
