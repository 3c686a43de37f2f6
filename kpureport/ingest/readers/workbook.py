"""Excel workbooks (.xlsx) read as the text tables the readers know.

A platform that offers "CSV or XLSX" (TikTok Studio, the old Facebook Insights) writes the same
columns in both; each sheet is turned into the CSV text it would have been, so one reader per
format serves both. Cells typed by Excel (numbers, dates) come without a locale.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from kpureport import formatting as fmt
from kpureport.config import XLSX_MAX_CELLS, ZIP_MAX_BYTES, ZIP_MAX_MEMBERS
from kpureport.errors import DataError, Problem

#: The parts every .xlsx has; a ZIP without them is an archive, not a workbook.
_WORKBOOK_PART = "xl/workbook.xml"
#: A formula element of a sheet's XML (``<f>``, ``<f t="shared" .../>``, ``<x:f>``).
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


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


def refused_sizes(infos: list[zipfile.ZipInfo]) -> list[str]:
    """What is beyond the limits in an archive's members (their number, the bytes they inflate
    to), said as the message says it; empty when nothing is."""
    refused = []
    if len(infos) > ZIP_MAX_MEMBERS:
        refused.append(f"{len(infos)} berkas (paling banyak {ZIP_MAX_MEMBERS})")
    total = sum(i.file_size for i in infos)
    if total > ZIP_MAX_BYTES:
        refused.append(
            f"isi {fmt.number(total / 1024**2)} MB setelah dibuka (paling besar "
            f"{fmt.number(ZIP_MAX_BYTES // 1024**2)} MB)"
        )
    return refused


def _too_large(path: Path, found: str) -> DataError:
    return DataError(
        [
            Problem(
                path,
                found=found,
                expected="berkas Excel seperti yang diunduh dari platform atau diisi staf; "
                "salin datanya ke berkas baru, atau simpan sebagai CSV",
            )
        ]
    )


def _check_archive(path: Path, raw: bytes | None) -> bool:
    """Refuse, before anything is inflated, a workbook with too many parts or one that
    inflates beyond the limit (a "ZIP bomb"); whether any sheet holds a formula."""
    with zipfile.ZipFile(io.BytesIO(raw) if raw is not None else path) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        refused = refused_sizes(infos)
        if refused:
            raise _too_large(path, "berkas Excel berisi " + "; ".join(refused))
        return any(
            _FORMULA.search(archive.read(i))
            for i in infos
            if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
        )


def _rows(sheet, path: Path) -> list[list]:
    """A sheet's rows of values, at most XLSX_MAX_CELLS cells: a sheet whose dimension claims
    more (``A1:XFD1048576`` for one far cell) is refused before a row is read; one without a
    dimension has its cells counted as they are read (with a dimension, openpyxl reads no
    further than it claims)."""
    rows_claimed, columns_claimed = sheet.max_row or 0, sheet.max_column or 0
    if rows_claimed * columns_claimed > XLSX_MAX_CELLS:
        raise _too_large(
            path,
            f"lembar '{sheet.title}' berukuran {fmt.number(rows_claimed)} baris x "
            f"{fmt.number(columns_claimed)} kolom (paling banyak {fmt.number(XLSX_MAX_CELLS)} "
            "sel); ada isian jauh di luar tabelnya",
        )
    rows, width = [], 0
    for row in sheet.iter_rows(values_only=True):
        rows.append(row)
        width = max(width, len(row))
        if len(rows) * max(width, 1) > XLSX_MAX_CELLS:
            raise _too_large(
                path,
                f"lembar '{sheet.title}' lebih dari {fmt.number(XLSX_MAX_CELLS)} sel "
                f"(sampai baris {fmt.number(len(rows))}, kolom {fmt.number(width)})",
            )
    return [list(r) + [None] * (width - len(r)) for r in rows]


def _unsaved_formulas(path: Path, raw: bytes | None, read: dict[str, list]) -> list[str]:
    """Cells holding a formula whose value the workbook does not carry (written by a program,
    never opened and saved in Excel): read as values they would be missing."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(io.BytesIO(raw) if raw is not None else path, read_only=True)
    try:
        cells = []
        for title, rows in read.items():
            sheet = book[title]
            for r, row in enumerate(sheet.iter_rows(values_only=True)):
                for c, value in enumerate(row):
                    if (
                        isinstance(value, str)
                        and value.startswith("=")
                        and r < len(rows)
                        and rows[r][c] is None
                    ):
                        cells.append(f"{title}!{get_column_letter(c + 1)}{r + 1}")
        return cells
    finally:
        book.close()


def sheets(path: Path, raw: bytes | None = None, keep_time: bool = True) -> list[tuple[str, list]]:
    """Every visible sheet's title and rows of text cells (trailing empty rows left out); a
    hidden sheet is no part of what staff see, so never read. Archive, cells and formulas are
    checked first (see ``config``'s limits)."""
    from openpyxl import load_workbook  # only offices that keep Excel files pay for it

    try:
        formulas = _check_archive(path, raw)
        book = load_workbook(
            io.BytesIO(raw) if raw is not None else path, read_only=True, data_only=True
        )
    except DataError:
        raise
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
        values = {
            sheet.title: _rows(sheet, path)
            for sheet in book.worksheets
            if getattr(sheet, "sheet_state", "visible") == "visible"
        }
    finally:
        book.close()
    unsaved = _unsaved_formulas(path, raw, values) if formulas else []
    if unsaved:
        shown = ", ".join(unsaved[:5]) + (", ..." if len(unsaved) > 5 else "")
        raise DataError(
            [
                Problem(
                    path,
                    found=f"rumus tanpa nilai tersimpan di sel {shown}",
                    expected="nilai yang sudah dihitung: buka berkasnya di Excel atau "
                    "LibreOffice lalu simpan ulang, atau ketik nilainya langsung",
                )
            ]
        )
    out = []
    for title, rows in values.items():
        text = [[cell_text(v, keep_time) for v in row] for row in rows]
        while text and not any(c.strip() for c in text[-1]):
            text.pop()
        out.append((title, text))
    return out


def as_csv(rows: list[list[str]]) -> str:
    """Rows of text cells as CSV text, every field quoted as the platforms write them."""
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
