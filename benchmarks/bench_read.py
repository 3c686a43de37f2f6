"""Reading and validating a large platform export, against a bare pyarrow read of the same file.

    python benchmarks/bench_read.py [--rows 1000000] [--repeat 3]

Generates a Meta Business Suite post-level export (Facebook) with ``--rows`` posts, then runs,
side by side and alternating, each in a fresh process:
  baseline  pandas.read_csv(path, engine="pyarrow")
  kpureport kpureport.ingest.readers.read_export(path, "Asia/Pontianak")  (detect, parse, validate)
and prints the ratio of median times (target: at most 2x) and the peak memory of the kpureport
run above the process's start, against the size of the resulting DataFrame (target: under 3x).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

HEADER = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Link Clicks",
    "Other Clicks",
]

CHILD = r"""
import json, resource, sys, time
import pandas as pd
{imports}
path = sys.argv[1]
start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
{call}
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": elapsed, "peak_kb": peak - start_rss,
                   "frame_bytes": int(frame.memory_usage(deep=True).sum()), "rows": len(frame)}}))
"""
RUNS = {
    "baseline": CHILD.format(imports="", call='frame = pd.read_csv(path, engine="pyarrow")'),
    "kpureport": CHILD.format(
        imports="from kpureport.ingest.readers import read_export",
        call='frame = read_export(path, "Asia/Pontianak").table',
    ),
}


def generate(path: Path, rows: int) -> None:
    rng = np.random.default_rng(2021)
    start = pd.Timestamp("2023-01-01")
    minutes = np.sort(rng.integers(0, 2 * 365 * 24 * 60, rows))
    published = (start + pd.to_timedelta(minutes, unit="min")).strftime("%m/%d/%Y %H:%M")
    ids = np.arange(10**15, 10**15 + rows)
    reach = rng.integers(0, 5000, rows)
    frame = pd.DataFrame(
        {
            "Post ID": ids,
            "Page ID": 5001,
            "Page name": "PPID KPU Contoh",
            "Title": "",
            "Description": np.array(
                [
                    "Sosialisasi tahapan pemilu",
                    "Pengumuman hasil rekapitulasi",
                    "Ayo cek DPT online",
                ]
            )[rng.integers(0, 3, rows)],
            "Duration (sec)": 0,
            "Publish time": published,
            "Caption type": "",
            "Permalink": [f"https://www.facebook.com/ppid.kpu.contoh/posts/{i}" for i in ids],
            "Is crosspost": "No",
            "Is share": "No",
            "Post type": np.array(["Photos", "Videos", "Reels", "Links"])[rng.integers(0, 4, rows)],
            "Languages": "",
            "Custom labels": "",
            "Funded content status": "",
            "Data comment": "",
            "Date": "Lifetime",
            "Views": reach + rng.integers(0, 3000, rows),
            "Reach": reach,
            "Reactions": rng.integers(0, 300, rows),
            "Comments": rng.integers(0, 40, rows),
            "Shares": rng.integers(0, 30, rows),
            "Total clicks": rng.integers(0, 200, rows),
            "Link Clicks": rng.integers(0, 50, rows),
            "Other Clicks": rng.integers(0, 150, rows),
        },
        columns=HEADER,
    )
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def run(kind: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", RUNS[kind], str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facebook-posts.csv"
        generate(path, args.rows)
        print(f"file: {args.rows:,} rows, {path.stat().st_size / 1024**2:.0f} MB")
        results: dict[str, list[dict]] = {"baseline": [], "kpureport": []}
        for _ in range(args.repeat):
            for kind in results:
                results[kind].append(run(kind, path))
    base = statistics.median(r["seconds"] for r in results["baseline"])
    ours = statistics.median(r["seconds"] for r in results["kpureport"])
    last = results["kpureport"][-1]
    peak = max(r["peak_kb"] for r in results["kpureport"]) * 1024
    print(f"baseline  pandas.read_csv(engine='pyarrow'): {base:.2f} s (median of {args.repeat})")
    print(f"kpureport read_export (detect+parse+validate): {ours:.2f} s (median of {args.repeat})")
    print(f"time ratio kpureport/baseline: {ours / base:.2f}x (target <= 2x)")
    print(
        f"peak memory above start: {peak / 1024**2:.0f} MB; resulting DataFrame "
        f"{last['frame_bytes'] / 1024**2:.0f} MB; ratio {peak / last['frame_bytes']:.2f}x "
        "(target < 3x)"
    )


if __name__ == "__main__":
    main()
