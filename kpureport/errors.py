"""Exceptions of kpureport. Every message is written for humas staff, in Bahasa Indonesia."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path

#: The output a notebook run under a build adds to the cell that failed: the error as data,
#: for the building process to raise again (its kind, message and problems).
ERROR_MIME = "application/vnd.kpureport.error+json"
#: Set in a build's kernel: errors are then also given as data (never in an analyst's notebook).
ERRORS_AS_DATA_ENV = "KPUREPORT_ERRORS_AS_DATA"


class ErrorKind(str, Enum):
    """Every kind of error a user reads, by the name it carries across a kernel boundary."""

    ERROR = "error"
    DATA = "data"
    OFFICE = "office"
    YEAR = "year"
    BUILD = "build"
    BUSY = "busy"
    BROWSER = "browser"


#: The error class of each kind; a class that declares its ``kind`` registers itself.
ERROR_TYPES: dict[ErrorKind, type[KpuReportError]] = {}


class KpuReportError(Exception):
    """Base of every error a user is meant to read (the CLI prints it without a traceback)."""

    kind = ErrorKind.ERROR

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            ERROR_TYPES[cls.kind] = cls

    def as_data(self) -> dict:
        """The error as plain data, to cross from a kernel to the process that started it."""
        return {"kind": self.kind.value, "message": str(self), "problems": []}

    @classmethod
    def from_data(cls, data: dict) -> KpuReportError:
        """The error :meth:`as_data` described."""
        return cls(data.get("message", ""))


ERROR_TYPES[ErrorKind.ERROR] = KpuReportError


def error_from_data(data: dict) -> KpuReportError:
    """The error :meth:`KpuReportError.as_data` described, raised again in this process: the
    same type, whatever stage defines it (a kind unknown here comes back as the base type).

    >>> error_from_data(OfficeNotFoundError("tidak ada").as_data())
    OfficeNotFoundError('tidak ada')
    >>> error_from_data({"kind": "later", "message": "x"})
    KpuReportError('x')
    """
    try:
        kind = ErrorKind(data.get("kind"))
    except ValueError:
        kind = ErrorKind.ERROR
    return ERROR_TYPES.get(kind, KpuReportError).from_data(data)


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

    kind = ErrorKind.DATA

    def as_data(self) -> dict:
        problems = [{**asdict(p), "path": str(p.path)} for p in self.problems]
        return {**super().as_data(), "problems": problems}

    @classmethod
    def from_data(cls, data: dict) -> KpuReportError:
        if not data.get("problems"):
            return KpuReportError(data.get("message", ""))
        return cls([Problem(**{**p, "path": Path(p["path"])}) for p in data["problems"]])


class OfficeNotFoundError(KpuReportError):
    """The office slug has no folder under the data directory."""

    kind = ErrorKind.OFFICE


class YearNotAvailableError(KpuReportError):
    """The office folder has no data for the requested year."""

    kind = ErrorKind.YEAR


class BuildError(KpuReportError):
    """Running or exporting the report notebook failed."""

    kind = ErrorKind.BUILD


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
