"""The export fixtures and the small helpers that the reader tests share: one export read as
the office's zone reads it, a CSV's rows as the csv module reads them, a Google Forms sheet."""

import csv
from pathlib import Path

from kpureport.ingest import readers

from ...conftest import SAMPLES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exports"
WIB = "Asia/Pontianak"


def read(path: Path, tz: str = WIB, **kw) -> readers.Export:
    return readers.read_export(path, tz, **kw)


def csv_rows(path: Path, encoding: str = "utf-8-sig", skip: int = 0) -> list[dict]:
    with path.open(encoding=encoding, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows[skip:]


FORM_HEADER = '"Timestamp","Email Address","Kritik dan saran"\n'


def _form(tmp_path: Path, stamps: list[str], header: str = FORM_HEADER, name="f.csv") -> Path:
    path = tmp_path / name
    rows = "".join(f'"{s}","","Pesan nomor {n}"\n' for n, s in enumerate(stamps, start=1))
    path.write_text(header + rows, encoding="utf-8")
    return path


TIKTOK = SAMPLES / "tiktok-studio-Overview.csv"
