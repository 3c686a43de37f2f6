"""Workbooks: an XLSX export reads like its CSV, a workbook with no known sheet names the closest
format; they are bounded before they are read (archive bytes, cells however many the sheet
claims), read from the sheets staff can see, and formulas without values are refused."""

import csv
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kpureport.errors import DataError
from kpureport.ingest import manual, readers
from kpureport.ingest.readers import workbook

from .helpers import TIKTOK, WIB, read

HEADER = ["tanggal", "platform", "pengikut"]


def _followers(path, rows, hidden_first=False, far_cell=False):
    book = openpyxl.Workbook()
    sheet = book.active
    if hidden_first:
        sheet.append(HEADER)
        sheet.append(["2024-01-01", "facebook", 1])
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet("Data")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if far_cell:
        sheet["XFD1048576"] = 1
    book.save(path)
    return path


def test_a_sheet_claiming_the_whole_grid_is_refused_quickly_as_a_staff_table(tmp_path):
    path = _followers(tmp_path / "followers.xlsx", [["2024-12-31", "facebook", 10]], far_cell=True)
    assert path.stat().st_size < 10_000
    with pytest.raises(DataError) as caught:
        manual.read_manual(tmp_path, "followers")
    problem = caught.value.problems[0]
    assert problem.path == path and "sel" in problem.found
    assert "CSV" in problem.expected


def test_a_sheet_claiming_the_whole_grid_is_refused_as_an_export(tmp_path):
    path = tmp_path / "Overview_2024-12-31.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"])
    book.active["XFD1048576"] = 1
    book.save(path)
    with pytest.raises(DataError) as caught:
        readers.read_exports(path, "Asia/Jakarta")
    assert "1.048.576 baris x 16.384 kolom" in caught.value.problems[0].found


def test_a_staff_workbook_inflating_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    path = _followers(tmp_path / "followers.xlsx", [["2024-12-31", "facebook", 10]])
    monkeypatch.setattr(workbook, "ZIP_MAX_BYTES", 1024)
    with pytest.raises(DataError) as caught:
        manual.read_manual(tmp_path, "followers")
    assert caught.value.problems[0].path == path and "MB" in caught.value.problems[0].found


def test_a_hidden_first_sheet_is_passed_over(tmp_path):
    rows = [[f"2024-0{m}-01", "facebook", 100 + m] for m in range(1, 4)]
    _followers(tmp_path / "followers.xlsx", rows, hidden_first=True)
    assert len(manual.read_manual(tmp_path, "followers")) == 3


def test_formulas_without_saved_values_are_refused_by_cell(tmp_path):
    _followers(tmp_path / "followers.xlsx", [["2024-12-31", "facebook", "=10+5"]])
    with pytest.raises(DataError) as caught:
        manual.read_manual(tmp_path, "followers")
    assert "C2" in caught.value.problems[0].found and "simpan ulang" in (
        caught.value.problems[0].expected
    )


def _tiktok_workbook(path: Path, extra_sheet: bool = False) -> Path:
    """The real Overview sample saved as TikTok's XLSX choice writes it (numbers typed)."""
    import openpyxl

    book = openpyxl.Workbook()
    rows = list(csv.reader(TIKTOK.open(encoding="utf-8-sig")))
    for row in rows:
        book.active.append([int(v) if v.isdigit() else v for v in row])
    if extra_sheet:
        book.create_sheet("Keterangan").append(["Catatan", "Diunduh dari TikTok Studio"])
    book.save(path)
    return path


def test_a_tiktok_xlsx_reads_like_its_csv(tmp_path):
    workbook = _tiktok_workbook(tmp_path / "Overview_2024-04-20.xlsx", extra_sheet=True)
    plain = tmp_path / "Overview_2024-04-20.csv"
    shutil.copy(TIKTOK, plain)
    (from_xlsx,) = readers.read_exports(workbook, WIB)
    from_csv = read(plain)
    assert from_xlsx.format.name == "tiktok-overview"
    columns = ["platform", "date", "metric", "value"]
    pd.testing.assert_frame_equal(
        from_xlsx.table[columns], from_csv.table[columns], check_dtype=False
    )


def test_a_tiktok_zip_holding_an_xlsx_takes_the_zip_anchor(tmp_path):
    import zipfile

    book = _tiktok_workbook(tmp_path / "Overview.xlsx")
    path = tmp_path / "Overview_20220101_1713600000_kpu_contoh.zip"  # exported 20 April 2024
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(book, "Overview.xlsx")
    book.unlink()
    (export,) = readers.read_exports(path, WIB)
    assert export.table["date"].min() == pd.Timestamp("2024-04-12")
    assert readers.summary(export)["rows"] == 7


def test_a_workbook_with_no_known_sheet_names_the_closest_format(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Tanggal", "Catatan"])
    book.active.append(["2024-01-01", "rapat"])
    path = tmp_path / "catatan.xlsx"
    book.save(path)
    with pytest.raises(DataError, match="paling mirip"):
        readers.read_exports(path, WIB)
