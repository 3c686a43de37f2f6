"""The data workbook (lampiran data) as staff open it: written by the real build beside the
other files, read back with openpyxl; every numbered table of the HTML has its sheet, with the
same title and its numbers as numbers."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from kpureport.output import workbook


def test_printed_cells_become_typed_values():
    assert workbook.value("114.369") == (114369, "#,##0")
    assert workbook.value("+11.637")[0] == 11637
    assert workbook.value("-308") == (-308, "#,##0")
    assert workbook.value("57,7%") == (0.577, "0.0%")
    assert workbook.value("5,38%") == (0.0538, "0.00%")
    assert workbook.value("1,1") == (1.1, "#,##0.0")
    assert workbook.value("27 November 2024") == (dt.date(2024, 11, 27), "d mmmm yyyy")
    for text in ("-", "data tidak tersedia", "20.00\u201320.59", "X (Twitter)", "31 Februari 2024"):
        assert workbook.value(text) == (text, None)


def test_text_from_data_never_becomes_a_formula(tmp_path):
    html = (
        '<main><figure class="tabel"><figcaption>Tabel 1. Masukan</figcaption><table>'
        "<thead><tr><th>Isi</th><th>Jumlah</th></tr></thead>"
        "<tbody><tr><th>=HYPERLINK(&quot;http://x&quot;)</th><td>3</td></tr></tbody>"
        "</table></figure></main>"
    )
    path = tmp_path / "w.xlsx"
    path.write_bytes(workbook.to_xlsx(html, "Laporan"))
    sheet = load_workbook(path)["Tabel 1"]
    assert sheet["A4"].value.startswith("'=") and sheet["A4"].data_type == "s"
    assert sheet["B4"].value == 3


class _Captions(HTMLParser):
    """The numbered table captions of a report's HTML, as printed."""

    def __init__(self):
        super().__init__()
        self.found, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "figcaption" and (dict(attrs).get("id") or "").startswith(
            "keterangan-tabel-"
        )
        self._text = ""

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "figcaption" and self._in:
            self.found.append(" ".join(self._text.split()))
            self._in = False


@pytest.mark.build
def test_the_build_writes_every_table_of_the_report_to_its_own_sheet(built_demo):
    stem = "laporan-media-sosial-contoh-2024"
    path = built_demo / f"{stem}.xlsx"
    assert path.is_file()
    book = load_workbook(path)
    html = (built_demo / f"{stem}.html").read_text(encoding="utf-8")
    parser = _Captions()
    parser.feed(html)
    captions = parser.found
    assert len(captions) >= 25
    listed = {
        row[0]: row[1]
        for row in book["Daftar Isi"].iter_rows(min_row=4, values_only=True)
        if row[0]
    }
    for caption in captions:
        name = re.match(r"Tabel \d+", caption).group(0)
        assert book[name]["A1"].value == caption  # named and numbered as in the report
        assert listed[name] == caption  # and listed on the first sheet
    assert book.sheetnames[0] == "Daftar Isi"
    # numbers are numbers: the followers table (Tabel 3) and the targets (Tabel 2)
    followers = book["Tabel 3"]
    assert followers["B3"].value == "Platform"
    rows = {r[1]: r for r in followers.iter_rows(min_row=4, values_only=True) if r[1]}
    assert rows["Instagram"][3] == 66042 and isinstance(rows["Instagram"][4], float)
    targets = list(book["Tabel 2"].iter_rows(min_row=4, max_row=12, values_only=True))
    assert all(isinstance(r[0], int) for r in targets)
    assert [r[5] for r in targets].count("Belum tercapai") == 5
    # the monthly tables the PDF leaves out are here
    assert any("per bulan, tahun 2023 dan 2024" in c for c in listed.values())
    # a chart's figures too
    monthly = next(name for name, c in listed.items() if "Jumlah unggahan per bulan" in c)
    assert monthly.startswith("Data Gambar ")
    assert book[monthly]["A4"].value == "Januari"
    assert isinstance(book[monthly]["B4"].value, int)
    assert book.properties.creator == "Komisi Pemilihan Umum Kabupaten Contoh"
    assert abs(book.properties.created - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < (
        dt.timedelta(hours=6)
    )
