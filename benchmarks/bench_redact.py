"""Redaction time on hostile tokens, side by side with a plain linear pass over the same text.

    python benchmarks/bench_redact.py [--size 1000000]

Prints, for each token shape, the seconds kpureport's redaction takes and its ratio to
``str.count`` on the same text (a floor that any linear scan pays). A pattern that backtracks
shows up as a ratio that grows with ``--size``; a linear one stays flat.
"""

from __future__ import annotations

import argparse
import time

from kpureport.redact import redact

SHAPES = {
    "letters": lambda n: "a" * n,
    "dots": lambda n: "a." * (n // 2),
    "at-runs": lambda n: ("x" * 100 + "@") * (n // 101),
    "at-signs": lambda n: "@" * n,
    "digits": lambda n: "1" * n,
    "addresses": lambda n: "a@b.co " * (n // 7),
    "zeros": lambda n: "0 " * (n // 2),
    "phones": lambda n: "wa0812 3456 7810 " * (n // 17),
    "codes": lambda n: "+62" * (n // 3),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"{'token':<10} {'seconds':>8} {'ratio':>8}  ({args.size:,} characters)")
    for name, make in SHAPES.items():
        text = make(args.size)
        start = time.perf_counter()
        text.count("@")
        floor = time.perf_counter() - start
        start = time.perf_counter()
        redact(text)
        seconds = time.perf_counter() - start
        print(f"{name:<10} {seconds:8.3f} {seconds / max(floor, 1e-9):8.0f}")


if __name__ == "__main__":
    main()
