"""Reading exports whose header is far longer than the sniff window, against pandas' C parser
on the same file: the time per byte must stay flat as the header grows (reading is linear).

    python benchmarks/bench_header.py [--widths 3000,12000,48000] [--rows 60] [--repeat 3]

Generates legacy Facebook page-level exports (``Date`` as the last column, as in a real
2,700-column export) with each number of columns, and runs, alternating:
  baseline  pandas.read_csv(path, engine="c", skiprows=[1])
  kpureport kpureport.ingest.readers.read_export(path, "Asia/Pontianak")
and prints, per width, the header size, both median times, their ratio, and kpureport's
microseconds per kilobyte (flat across widths: linear).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from kpureport.ingest import readers


def export(path: Path, width: int, rows: int) -> None:
    names = ["Lifetime Total Likes", "Daily New Likes", "Daily Unlikes"]
    names += [f"Daily Like Sources - source number {i:05d}" for i in range(width - 4)]
    lines = [",".join([*names, "Date"]), ",".join([""] * width)]
    for day in range(rows):
        stamp = (pd.Timestamp("2019-01-01") + pd.Timedelta(days=day)).strftime("%m/%d/%Y")
        lines.append(",".join([str(1000 + day), "3", "1", *(["7"] * (width - 4)), stamp]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--widths", default="3000,12000,48000")
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print("kolom    judul(KB)  baseline(s)  kpureport(s)  rasio  us/KB")
        for width in map(int, args.widths.split(",")):
            path = Path(tmp) / f"page-{width}.csv"
            export(path, width, args.rows)
            header = len(path.read_bytes().split(b"\n", 1)[0]) / 1024
            base, ours = [], []
            for _ in range(args.repeat):
                base.append(timed(lambda p=path: pd.read_csv(p, engine="c", skiprows=[1])))
                ours.append(timed(lambda p=path: readers.read_export(p, "Asia/Pontianak")))
            b, k = statistics.median(base), statistics.median(ours)
            size = path.stat().st_size / 1024
            print(
                f"{width:<8} {header:>9.0f}  {b:>11.3f}  {k:>12.3f}  {k / b:>5.2f}  {k / size * 1e6:>5.0f}"
            )


if __name__ == "__main__":
    main()
