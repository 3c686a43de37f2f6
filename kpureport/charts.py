"""Charts in one consistent style, returned as SVG text with alt text for the report.

Figures are drawn with matplotlib's object API (no global pyplot state), so building many
reports in one process never leaks figures.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from kpureport import formatting as fmt
from kpureport.config import platform_label

PLATFORM_COLORS = {
    "facebook": "#1f4e8c",
    "instagram": "#b8336a",
    "twitter": "#2a7fb8",
    "youtube": "#c0392b",
    "tiktok": "#333333",
}
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "kpureport",
}


@dataclass(frozen=True)
class Chart:
    """An SVG drawing and the sentence a screen reader says instead of it."""

    svg: str
    alt: str


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "kpureport"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def followers_by_platform(table: pd.DataFrame, year: int) -> Chart:
    """Horizontal bars of followers per platform, largest on top, each bar labelled."""
    known = table[table["followers"].notna()].iloc[::-1]
    labels = [platform_label(p, year) for p in known["platform"]]
    values = [int(v) for v in known["followers"]]
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 0.6 + 0.55 * max(len(values), 1)))
        ax = fig.subplots()
        bars = ax.barh(labels, values, color=[PLATFORM_COLORS[p] for p in known["platform"]])
        ax.bar_label(bars, labels=[fmt.number(v) for v in values], padding=4)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: fmt.number(x)))
        ax.set_xlabel("Jumlah pengikut")
        ax.set_xlim(0, max(values, default=1) * 1.15)
        svg = _svg(fig)
    parts = [
        f"{label} {fmt.number(v)}" for label, v in zip(labels[::-1], values[::-1], strict=True)
    ]
    alt = (
        f"Diagram batang jumlah pengikut per platform tahun {year}: " + "; ".join(parts) + "."
        if parts
        else f"Tidak ada data jumlah pengikut tahun {year}."
    )
    return Chart(svg=svg, alt=alt)
