"""A Meta export re-saved from Excel as a workbook reads as the CSV it was."""

import csv
import datetime as dt

import openpyxl
import pandas as pd

from kpureport.ingest import readers

from ...conftest import ROOT

CSV = ROOT / "tests" / "fixtures" / "exports" / "meta-facebook-posts.csv"


def test_a_meta_csv_saved_as_xlsx_with_dates_typed_by_excel_reads_the_same(tmp_path):
    with open(CSV, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("Publish time")
    book = openpyxl.Workbook()
    for i, row in enumerate(rows):
        cells = list(row)
        if i:
            cells[column] = dt.datetime.strptime(row[column], "%m/%d/%Y %H:%M")
        book.active.append(cells)
    path = tmp_path / "meta-facebook-posts.xlsx"
    book.save(path)
    typed = readers.read_exports(path, "Asia/Jakarta")[0].table
    plain = readers.read_exports(CSV, "Asia/Jakarta")[0].table
    pd.testing.assert_series_equal(typed["published"], plain["published"])
    assert len(typed) == len(plain)
