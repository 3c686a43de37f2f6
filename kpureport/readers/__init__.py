"""Readers of the platforms' own export files, recognized by their content, never their name.

``read_export(path, timezone)`` returns the canonical table of one file; ``detect(table)`` names
its format, or says which known format is closest and which columns the file lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kpureport.errors import DataError, Problem
from kpureport.readers import facebook_legacy, google_forms, meta, twitter, youtube
from kpureport.readers.base import Context, Format
from kpureport.readers.textfile import TextTable, open_table

FORMATS: tuple[Format, ...] = (
    *meta.FORMATS, *facebook_legacy.FORMATS, *youtube.FORMATS, *twitter.FORMATS,
    *google_forms.FORMATS,
)


@dataclass
class Export:
    """One export file as understood: its format and its rows in a canonical table."""

    path: Path
    format: Format
    table: pd.DataFrame

    @property
    def platform(self) -> str | None:
        if "platform" in self.table.columns and self.table["platform"].notna().any():
            return str(self.table["platform"].dropna().iloc[0])
        return self.format.platform


def detect(table: TextTable) -> Format:
    """The format whose required columns the file has; the most specific one if several."""
    matches = [f for f in FORMATS if f.matches(table)]
    if matches:
        return max(matches, key=lambda f: max(len(r) for r in f.required))
    closest = max(FORMATS, key=lambda f: f.overlap(table.columns))
    header = ", ".join(table.header[:8]) + (", ..." if len(table.header) > 8 else "")
    raise DataError([Problem(
        table.path, row=table.header_row, found=f"baris judul: {header}",
        expected=f"ekspor platform yang dikenal; paling mirip: {closest.title} "
                 f"({closest.name}), tetapi kolom ini tidak ada: "
                 f"{', '.join(closest.missing(table.columns))}",
    )])


def read_export(path: Path, timezone: str, feedback_column: str | None = None) -> Export:
    """Read one export file into its canonical table, or raise every problem found in it."""
    table = open_table(Path(path))
    fmt = detect(table)
    ctx = Context(timezone=timezone, feedback_column=feedback_column)
    frame = fmt.read(table, ctx)
    if ctx.problems:
        raise DataError(ctx.problems)
    frame["source"] = Path(path).name
    return Export(Path(path), fmt, frame)
