"""Excel workbooks (.xlsx) read as the text tables the readers know.

A platform that offers "CSV or XLSX" (TikTok Studio, the old Facebook Insights) writes the same
columns in both; each sheet is turned into the CSV text it would have been, so one reader per
format serves both. Cells typed by Excel (numbers, dates) come without a locale.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from kpureport.errors import DataError, Problem

#: The parts every .xlsx has; a ZIP without them is an archive, not a workbook.
_WORKBOOK_PART = "xl/workbook.xml"


def is_workbook(source: Path | bytes) -> bool:
    """Whether a file (or the bytes of a ZIP member) is an Excel workbook."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(handle) as archive:
            return _WORKBOOK_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def cell_text(value: object, keep_time: bool = True) -> str:
    """A cell as the text a CSV export would hold: ``2024-04-12`` for a date, ``2024-04-12
    09:00:00`` for a moment (``keep_time``), ``12`` for the float Excel stores for 12.

    >>> cell_text(12.0), cell_text(None), cell_text(dt.datetime(2024, 4, 12, 9))
    ('12', '', '2024-04-12 09:00:00')
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if keep_time and value.time() != dt.time(0):
            return value.strftime("%Y-%m-%d %H:%M:%S")
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheets(path: Path, raw: bytes | None = None, keep_time: bool = True) -> list[tuple[str, list]]:
    """Every sheet's title and rows of text cells (trailing empty rows left out)."""
    from openpyxl import load_workbook  # only offices that keep Excel files pay for it

    try:
        book = load_workbook(
            io.BytesIO(raw) if raw is not None else path, read_only=True, data_only=True
        )
    except Exception as exc:  # openpyxl raises several kinds for a file that is not xlsx
        raise DataError(
            [
                Problem(
                    path,
                    found=f"berkas Excel tidak terbaca ({type(exc).__name__})",
                    expected="berkas .xlsx yang disimpan oleh Excel, LibreOffice, atau platformnya",
                )
            ]
        ) from exc
    try:
        out = []
        for sheet in book.worksheets:
            rows = [
                [cell_text(v, keep_time) for v in row] for row in sheet.iter_rows(values_only=True)
            ]
            while rows and not any(c.strip() for c in rows[-1]):
                rows.pop()
            out.append((sheet.title, rows))
        return out
    finally:
        book.close()


def as_csv(rows: list[list[str]]) -> str:
    """Rows of text cells as CSV text, every field quoted as the platforms write them."""
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
