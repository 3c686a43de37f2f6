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
        text = _where(self.path, self.row, self.column, self.key) + ": "
        if self.found is not None:
            text += f"ditemukan {self.found!r}, "
        return text + f"seharusnya {self.expected}."


@dataclass(frozen=True)
class Note:
    """Something staff should know about an input file that does not stop the report
    (a text cut to the length limit, answers counted once); ``check`` lists them."""

    path: Path
    text: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        return _where(self.path, self.row, self.column) + ": " + self.text


def _where(path: Path, row: int | None, column: str | None, key: str | None = None) -> str:
    """``file, baris 3, kolom 'x'``: where in a file something was found."""
    where = [str(path)]
    if row is not None:
        where.append(f"baris {row}")
    if column is not None:
        where.append(f"kolom '{column}'")
    if key is not None:
        where.append(f"bagian '{key}'")
    return ", ".join(where)


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


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: unwinds like KeyboardInterrupt (every ``finally`` stops its kernel,
    browser and staging folder), never caught as an ordinary error. ``code`` is the exit code."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.code = 128 + signum


def stop_on_signals() -> None:
    """Turn SIGINT and SIGTERM into :class:`Interrupted` in this process (main thread only).
    After the first signal both are ignored, so that the clean-up itself is not interrupted."""
    import signal

    def handler(signum: int, _frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Interrupted(signum)

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
