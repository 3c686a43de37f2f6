"""Exports parsed once: the canonical tables of each export file kept on disk, addressed by
what they are made from (the file's bytes and name, the readers' code, the office's time zone
and reader settings: a TikTok file's name gives its export day, a Meta daily file's may give its
platform), so a batch of reports of one office, or a roll-up after the reports, parses
each file once.

The cache is a folder (``outputs/.cache`` for the command line, ``$KPUREPORT_CACHE`` for the
kernels it starts); without one, files are parsed every time. An entry is written to a
temporary folder and renamed into place whole, so concurrent workers and interrupted writes
never leave a partial entry to be read; an entry whose tables do not come back from Parquet
exactly as they went in is not kept at all. Each entry carries the SHA-256 of its tables and
of its listing: an entry damaged on disk (one flipped bit) does not match and is parsed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kpureport.config import PACKAGE_DIR

if TYPE_CHECKING:  # the command line sets the cache up before the heavy libraries load
    import pandas as pd

    from kpureport.ingest import readers

#: The environment variable naming the cache folder, for kernels and workers.
CACHE_ENV = "KPUREPORT_CACHE"
CACHE_DIR = ".cache"
ENTRY = "exports.json"
#: The SHA-256 of the entry's listing, which holds each table's.
DIGEST = "exports.sha256"


@contextmanager
def using(folder: Path | None) -> Iterator[None]:
    """Within the block, this process and the kernels it starts cache in ``folder`` (None:
    no cache); the setting before is restored after."""
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(Path(folder).resolve()) if folder else ""
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = before


def user_folder() -> Path:
    """The user's own cache folder for kpureport (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kpureport"


def cache_folder() -> Path | None:
    value = os.environ.get(CACHE_ENV, "")
    return Path(value) if value else None


@cache
def code_version() -> str:
    """A digest of kpureport's code and version: a reader fixed is a cache emptied."""
    from kpureport.version import __version__

    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def key(path: Path, timezone: str, feedback_column: str | None, settings: dict) -> str:
    digest = hashlib.sha256(code_version().encode())
    described = [Path(path).name, timezone, feedback_column, sorted(settings.items())]
    digest.update(json.dumps(described).encode())
    digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def _entry(path: Path, timezone: str, feedback_column: str | None, settings: dict) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    return folder / "exports" / code_version()[:16] / key(path, timezone, feedback_column, settings)


def is_cached(
    path: Path, timezone: str, feedback_column: str | None = None, **settings: str | None
) -> bool:
    """Whether the cache holds ``path``'s tables (without reading them)."""
    entry = _entry(path, timezone, feedback_column, settings)
    return entry is not None and entry.exists()


def read_exports(
    path: Path, timezone: str, feedback_column: str | None = None, **settings: str | None
) -> list[readers.Export]:
    """:func:`readers.read_exports`, through the cache when there is one. Files that do not
    read (a :class:`DataError`) are never cached: their problems are found again each time."""
    from kpureport.ingest import readers

    entry = _entry(path, timezone, feedback_column, settings)
    if entry is None:
        return readers.read_exports(path, timezone, feedback_column, **settings)
    found = _load(entry, Path(path))
    if found is not None:
        return found
    exports = readers.read_exports(path, timezone, feedback_column, **settings)
    _store(entry, Path(path), exports)
    return exports


def _relative(inner: Path, path: Path) -> str:
    """Where an export sits in its file: "" for the file itself, else the member's name."""
    return "" if inner == path else PurePosixPath(inner.relative_to(path)).as_posix()


def _store(entry: Path, path: Path, exports: list[readers.Export]) -> None:
    import pandas as pd

    try:
        if not entry.parent.exists():  # the first entry of this code: older ones are dead
            for old in entry.parent.parent.glob("*"):
                shutil.rmtree(old, ignore_errors=True)
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{entry.name}-", dir=entry.parent))
    except OSError:
        return  # a cache that cannot be written is no cache, never a failed report
    try:
        listed = []
        for i, export in enumerate(exports):
            table = f"{i}.parquet"
            export.table.to_parquet(staging / table, engine="pyarrow")
            kinds = _kinds(export.table)
            back = _restore(pd.read_parquet(staging / table, engine="pyarrow"), kinds)
            if not _identical(export.table, back):
                return
            listed.append(
                {
                    "path": _relative(export.path, path),
                    "format": export.format.name,
                    "table": table,
                    "sha256": _sha256(staging / table),
                    "kinds": kinds,
                    "notes": [
                        [_relative(n.path, path), n.text, n.row, n.column] for n in export.notes
                    ],
                    "repeated": export.repeated,
                }
            )
        listing = json.dumps(listed).encode()
        (staging / ENTRY).write_bytes(listing)
        (staging / DIGEST).write_text(hashlib.sha256(listing).hexdigest(), encoding="ascii")
        with contextlib.suppress(OSError):  # another worker stored it first: as good
            staging.rename(entry)
    except (OSError, ValueError, TypeError, ImportError):
        return
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Damaged(ValueError):
    """An entry whose bytes are not those stored."""


def _verified(entry: Path) -> list[dict]:
    listing = (entry / ENTRY).read_bytes()
    if hashlib.sha256(listing).hexdigest() != (entry / DIGEST).read_text(encoding="ascii"):
        raise _Damaged(entry / ENTRY)
    listed = json.loads(listing)
    for item in listed:
        if _sha256(entry / item["table"]) != item["sha256"]:
            raise _Damaged(entry / item["table"])
    return listed


def _missing_markers() -> dict:
    """How an object column marks a missing value, which Parquet writes as a plain null."""
    import pandas as pd

    return {"NA": pd.NA, "None": None, "nan": float("nan")}


def _kinds(frame: pd.DataFrame) -> dict[str, list]:
    """Per column, what Parquet does not keep: the datetime unit (seconds come back as
    milliseconds) and an object column's missing marker (pandas' NA comes back as None)."""
    import pandas as pd

    kinds = {}
    for name, dtype in frame.dtypes.items():
        missing = None
        if dtype.kind == "O":
            markers = {
                "NA" if v is pd.NA else "None" if v is None else "nan"
                for v in frame[name]
                if v is None or v is pd.NA or (isinstance(v, float) and v != v)
            }
            missing = markers.pop() if len(markers) == 1 else None
        kinds[str(name)] = [str(dtype), missing]
    return kinds


def _restore(frame: pd.DataFrame, kinds: dict[str, list]) -> pd.DataFrame:
    markers = _missing_markers()
    for name, (dtype, missing) in kinds.items():
        if dtype.startswith("datetime64") and str(frame[name].dtype) != dtype:
            frame[name] = frame[name].astype(dtype)
        elif missing in markers:
            blank = frame[name].isna()
            if blank.any():
                frame[name] = frame[name].astype(object).where(~blank, markers[missing])
    return frame


def _identical(before: pd.DataFrame, after: pd.DataFrame) -> bool:
    import pandas as pd

    try:
        pd.testing.assert_frame_equal(before, after, check_exact=True, check_freq=False)
    except AssertionError:
        return False
    return True


@cache
def _formats() -> dict[str, readers.Format]:
    from kpureport.ingest import readers

    return {f.name: f for f in readers.FORMATS}


def _load(entry: Path, path: Path) -> list[readers.Export] | None:
    import pandas as pd

    from kpureport.errors import Note
    from kpureport.ingest import readers

    try:
        listed = _verified(entry)
        return [
            readers.Export(
                path=path / item["path"] if item["path"] else path,
                format=_formats()[item["format"]],
                table=_restore(
                    pd.read_parquet(entry / item["table"], engine="pyarrow"), item["kinds"]
                ),
                notes=[
                    Note(path / p if p else path, text, row, column)
                    for p, text, row, column in item["notes"]
                ],
                repeated={k: list(v) for k, v in item["repeated"].items()},
            )
            for item in listed
        ]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):  # damaged: parsed again, stored anew
        shutil.rmtree(entry, ignore_errors=True)
        return None
