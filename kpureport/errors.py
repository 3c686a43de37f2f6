"""Exceptions of kpureport. Every message is written for humas staff, in Bahasa Indonesia."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class KpuReportError(Exception):
    """Base of every error a user is meant to read (the CLI prints it without a traceback)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input file, located as precisely as the file allows."""

    path: Path
    expected: str
    found: str | None = None
    row: int | None = None
    column: str | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = [str(self.path)]
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        if self.key is not None:
            where.append(f"bagian '{self.key}'")
        text = ", ".join(where) + ": "
        if self.found is not None:
            text += f"ditemukan {self.found!r}, "
        return text + f"seharusnya {self.expected}."


class DataError(KpuReportError):
    """One or more problems in an office's input files; all are listed, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = "Ditemukan 1 masalah" if count == 1 else f"Ditemukan {count} masalah"
        lines = [f"{head} pada data masukan:"] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class OfficeNotFoundError(KpuReportError):
    """The office slug has no folder under the data directory."""


class YearNotAvailableError(KpuReportError):
    """The office folder has no data for the requested year."""


class BuildError(KpuReportError):
    """Running or exporting the report notebook failed."""
