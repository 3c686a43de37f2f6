"""The benchmark scripts keep running as the code changes (no timing is asserted here)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_read_benchmark_runs_on_a_small_file():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_read.py"),
            "--rows",
            "2000",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "time ratio kpureport/baseline" in result.stdout
    assert "2,000 rows" in result.stdout
