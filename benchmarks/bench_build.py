"""Building reports with kpureport against the naive way, side by side on this machine.

    python benchmarks/bench_build.py [--batch 12 24] [--repeat 3] [--dask 12]
                                     [--skip-single] [--skip-batch]

Single report (HTML and PDF) of the demo office, ``--repeat`` times, the runs interleaved:
  naive      papermill CLI, then `jupyter nbconvert --to html --no-input`, then the browser's
             own `--print-to-pdf`, three commands one after another
  kpureport  `kpureport build --office contoh --year 2024 --force` (cold: a new process, an
             empty export cache)
  warm       a long-lived `kpureport.engine.warm.Builder`, started once and used for one build;
             then one followers row is changed and the report rebuilt: the rebuild is timed
Batch of each ``--batch`` size (fictional copies of the demo office, six years each):
  naive      the same three commands per report, one report after another (one pass over the
             largest batch; a smaller batch is timed on its first reports)
  kpureport  one `kpureport build ... --jobs <cores> --force`
Dask (``--dask`` reports, 0: skipped): the same batch on a LocalCluster of 2 single-threaded
workers through `--scheduler`, for the per-report cost of a cluster worker.

Prints the times and the ratios (targets: single <= 0.5x the naive time, warm rebuild <= 0.2x,
batch >= 6x the naive throughput), the peak memory of each kpureport worker (target < 500 MB),
where the time goes (per stage: kernel, load, analysis, html, pdf, publish, as each build
records them; "host" is the command's time outside them), the imports a kernel pays once (with
forked kernels, once per worker), and the cost of a national run (552 reports) projected
linearly from the measured per-report cost: here, and on N Dask workers. All of it is also
written as JSON (``--json``, default outputs/bench_build.json). Run it on a quiet machine, or
read only the ratios: the naive and kpureport runs are interleaved so that both see the load.
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


def fictional_offices(data: Path, count: int, prefix: str = "bench") -> list[str]:
    names = []
    for n in range(1, count + 1):
        name = f"{prefix}-{n}"
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


#: The national run: 514 kabupaten/kota and 38 provinces, one report each.
NATIONAL = 552


def changed_followers(folder: Path, step: int) -> None:
    """One followers row changed (its last count raised by ``step``), as a staff edit would."""
    path = folder / "followers.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head, _, count = lines[-1].rstrip("\n").rpartition(",")
    lines[-1] = f"{head},{int(count) + step}\n"
    path.write_text("".join(lines), encoding="utf-8")


def single(args, tmp: Path, data: Path, chrome: str, results: dict) -> None:
    from kpureport.engine.warm import Builder

    shutil.copytree(ROOT / "data" / "contoh", data / "contoh")
    warm_data = tmp / "warm-data"
    shutil.copytree(ROOT / "data" / "contoh", warm_data / "contoh")
    naive_times, our_times, warm_times, warm_stages = [], [], [], []
    start = time.perf_counter()
    builder = Builder(warm_data, tmp / "warm-out")
    warm_start = time.perf_counter() - start
    try:
        builder.build("contoh", 2024)  # the first build of a long-lived process
        for i in range(args.repeat):
            naive_times.append(timed(naive, "contoh", 2024, data, tmp / f"naive-{i}", chrome))
            our_times.append(
                timed(ours, ["--office", "contoh", "--year", "2024"], tmp / f"ours-{i}", data)
            )
            changed_followers(warm_data / "contoh", i + 1)
            start = time.perf_counter()
            result = builder.build("contoh", 2024)
            warm_times.append(time.perf_counter() - start)
            warm_stages.append(result.timings)
    finally:
        builder.close()
    n, o, w = (statistics.median(t) for t in (naive_times, our_times, warm_times))
    print(
        f"single report: naive {n:.1f} s, kpureport {o:.1f} s, ratio {o / n:.2f}x (target <= 0.5x)"
    )
    print(
        f"warm rebuild after one followers row changed: {w:.1f} s, ratio {w / n:.2f}x "
        f"(target <= 0.2x; the builder started in {warm_start:.1f} s, once)"
    )
    stages = mean_stages([t for i in range(args.repeat) for t in stage_times(tmp / f"ours-{i}")])
    stages["host"] = round(o - sum(stages.values()), 3)
    print(f"  kpureport's seconds by stage: {shown(stages)}")
    warm_mean = mean_stages(warm_stages)
    warm_mean["host"] = round(w - sum(warm_mean.values()), 3)
    print(f"  warm rebuild's seconds by stage: {shown(warm_mean)}")
    results["single"] = {
        "naive_s": naive_times,
        "kpureport_s": our_times,
        "ratio": round(o / n, 3),
        "stages_s": stages,
    }
    results["warm"] = {
        "start_s": round(warm_start, 3),
        "rebuild_s": warm_times,
        "ratio": round(w / n, 3),
        "stages_s": warm_mean,
    }


def batch_command(offices: list[str], years: list[int], data: Path, out: Path, *extra: str):
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
            str(out),
            "--force",
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return time.perf_counter() - start, result


def batches(args, tmp: Path, data: Path, chrome: str, results: dict) -> None:
    """Each batch size timed against the naive way on the same reports, interleaved: the naive
    reports up to a size, then kpureport's batch of that size."""
    cores = os.cpu_count() or 1
    sizes = sorted(set(args.batch))
    offices = fictional_offices(data, -(-sizes[-1] // 6))
    jobs = [(o, y) for o in offices for y in range(2019, 2025)]
    naive_done, naive_s = 0, 0.0
    results["batch"] = []
    for size in sizes:
        for office, year in jobs[naive_done:size]:
            naive_s += timed(naive, office, year, data, tmp / "naive-batch", chrome)
        naive_done = size
        chosen = offices[: -(-size // 6)]
        years = list(range(2019, 2019 + min(6, size)))
        built_jobs = len(chosen) * len(years)
        out = tmp / f"ours-batch-{size}"
        o, result = batch_command(chosen, years, data, out, "--jobs", str(cores))
        o = o * size / built_jobs  # a batch not a multiple of six built a few more
        built = result.stdout.count(" dibuat ")
        print(
            f"batch of {size} reports on {cores} cores: naive {naive_s:.1f} s "
            f"({size / naive_s * 60:.1f} reports/min), kpureport {o:.1f} s "
            f"({size / o * 60:.1f} reports/min); throughput {naive_s / o:.2f}x (target >= 6x)"
        )
        print(result.stdout.splitlines()[0] if result.stdout else result.stderr[-500:])
        peak = peak_memory(result.stdout)
        if peak is not None:
            print(f"worker peak memory: {peak:.0f} MB at most (target < 500 MB)")
        per_report = mean_stages(stage_times(out))
        print(f"  per report in the batch, seconds by stage: {shown(per_report)}")
        each = o / size
        print(
            f"  national run ({NATIONAL} reports) here: {NATIONAL * each / 60:.1f} min "
            f"({each:.2f} s per report on {cores} cores)"
        )
        results["batch"].append(
            {
                "reports": size,
                "built": built,
                "naive_s": round(naive_s, 3),
                "kpureport_s": round(o, 3),
                "throughput_ratio": round(naive_s / o, 3),
                "worker_peak_mb": peak,
                "stages_per_report_s": per_report,
                "national_min_here": round(NATIONAL * each / 60, 2),
            }
        )


def dask(args, tmp: Path, data: Path, results: dict) -> None:
    """The batch on a LocalCluster of 2 single-threaded workers; projected to N workers."""
    from dask.distributed import LocalCluster

    offices = fictional_offices(data, -(-args.dask // 6), prefix="dask")
    years = list(range(2019, 2019 + min(6, args.dask)))
    reports = len(offices) * len(years)
    workers = 2
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        seconds, result = batch_command(
            offices, years, data, tmp / "ours-dask", "--scheduler", cluster.scheduler_address
        )
    if result.returncode != 0:
        print(f"dask run failed: {result.stderr[-500:]}")
        return
    per_worker = seconds * workers / reports  # seconds of one worker per report
    print(
        f"dask LocalCluster, {workers} workers of 1 thread: {reports} reports in {seconds:.1f} s, "
        f"{per_worker:.2f} s per report per worker"
    )
    projection = {n: round(NATIONAL * per_worker / n / 60, 2) for n in (2, 8, 32, 128)}
    print(
        f"  national run ({NATIONAL} reports) on N workers: "
        + ", ".join(f"N={n} {m:.1f} min" for n, m in projection.items())
    )
    print(
        "  (projected linearly: one core per worker, as fast as these; the scheduler, shipping "
        "each office's files and publishing the results keep pace; per-office data like the demo "
        "office's)"
    )
    results["dask"] = {
        "workers": workers,
        "reports": reports,
        "seconds": round(seconds, 3),
        "per_report_per_worker_s": round(per_worker, 3),
        "national_min_on_n_workers": projection,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, nargs="+", default=[12, 24])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dask", type=int, default=12, help="reports on Dask (0: skip)")
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--json", type=Path, default=ROOT / "outputs" / "bench_build.json")
    args = parser.parse_args()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    results: dict = {"cores": os.cpu_count(), "load_at_start": load}
    results["imports_s"] = import_seconds()
    print(f"load average at start: {load}")
    print(f"imports of a kernel: {results['imports_s']:.2f} s (paid once per worker when forked)")
    chrome = browser()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        data = tmp / "data"
        data.mkdir()
        if not args.skip_single:
            single(args, tmp, data, chrome, results)
        if not args.skip_batch:
            batches(args, tmp, data, chrome, results)
        if args.dask:
            dask(args, tmp, data, results)
    results["load_at_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"load average at end: {results['load_at_end']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written: {args.json}")


if __name__ == "__main__":
    main()
