"""Text files as they come: their encoding (Windows, UTF-16 without a BOM, a mixture refused),
Excel's Indonesian re-save, binary and huge files refused unread, truncated rows, headers of any
length, repeated column names, and rows whose field count differs from the header's."""

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from kpureport.errors import DataError
from kpureport.ingest import readers
from kpureport.ingest.readers import textfile

from ...conftest import SAMPLES
from .helpers import FIXTURES, read

WIB = "Asia/Pontianak"


def _wide_page_export(path: Path, width: int = 3000) -> list[dict]:
    """The real legacy page-level sample widened to ``width`` columns with ``Date`` moved to
    the last one (as in a real 2,700-column export, whose header is about 148 KB)."""
    with (SAMPLES / "facebook-insights-legacy-page-level.csv").open(encoding="cp1252") as f:
        rows = list(csv.reader(f))
    header, description, data = rows[0], rows[1], rows[2:]
    date = header.index("Date")
    extra = width - len(header)
    filler = [
        f"Lifetime Post Stories by action type and audience - filler {i:04d}" for i in range(extra)
    ]

    def widened(row: list[str], fill: list[str]) -> list[str]:
        return row[:date] + row[date + 1 :] + fill + [row[date]]

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(widened(header, filler))
    writer.writerow(widened(description, [""] * extra))
    for number, row in enumerate(data):
        writer.writerow(widened(row, [str(number % 7)] * extra))
    path.write_text(out.getvalue(), encoding="cp1252")
    return [dict(zip(header, row, strict=True)) for row in data]


def test_a_header_longer_than_the_sniff_window_is_read_whole(tmp_path):
    path = tmp_path / "page.csv"
    expected = _wide_page_export(path)
    header_bytes = len(path.read_bytes().split(b"\n", 1)[0])
    assert header_bytes > 2 * textfile.SNIFF_BYTES
    table = textfile.open_table(path)
    assert len(table.header) == 3000 and table.header[-1] == "Date"
    export = readers.read_export(path, WIB)
    assert export.format.name == "facebook-insights-page"
    gained = export.table[export.table["metric"] == "followers_gained"]
    wanted = {
        pd.Timestamp(pd.to_datetime(r["Date"], format="%m/%d/%Y")): int(r["Daily New Likes"])
        - int(r["Daily Unlikes"] or 0)
        for r in expected
        if r["Daily New Likes"]
    }
    assert dict(zip(gained["date"], gained["value"].astype(int), strict=True)) == wanted


def test_a_row_with_fewer_fields_is_an_error_naming_it_never_a_shift(tmp_path):
    path = tmp_path / "page.csv"
    _wide_page_export(path)
    lines = path.read_text(encoding="cp1252").split("\n")
    lines[5] = lines[5].rsplit(",", 3)[0]  # three fields short, the date among them
    path.write_text("\n".join(lines), encoding="cp1252")
    with pytest.raises(DataError) as err:
        readers.read_export(path, WIB)
    [problem] = err.value.problems
    assert problem.row == 6 and problem.found == "2997 kolom"
    assert "3000 kolom pada setiap baris" in problem.expected


def test_a_row_with_more_fields_after_a_long_header_is_an_error(tmp_path):
    path = tmp_path / "page.csv"
    _wide_page_export(path)
    lines = path.read_text(encoding="cp1252").split("\n")
    lines[3] = "1.0," + lines[3]  # the shift that once read '1.0' as the date
    path.write_text("\n".join(lines), encoding="cp1252")
    with pytest.raises(DataError) as err:
        readers.read_export(path, WIB)
    assert [(p.row, p.found) for p in err.value.problems] == [(4, "3001 kolom")]


def test_a_short_row_in_a_file_pandas_reads_with_its_c_parser_is_named(tmp_path):
    """Quoted line breaks send a file to pandas' C parser, which pads short rows in silence."""
    path = tmp_path / "Totals.csv"
    path.write_text('Date,Views\n2025-06-01,"1"\n2025-06-02\n2025-06-03,"3\n"\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        readers.read_export(path, WIB)
    assert [(p.row, p.found) for p in err.value.problems] == [(3, "1 kolom")]


def test_a_header_beyond_the_limit_is_refused_with_the_limit_named(tmp_path, monkeypatch):
    monkeypatch.setattr(textfile, "MAX_HEADER_BYTES", 200_000)
    path = tmp_path / "page.csv"
    path.write_text(",".join(f"kolom{i}" for i in range(60_000)) + "\n1\n", encoding="utf-8")
    with pytest.raises(DataError, match="baris judul lebih panjang dari"):
        textfile.open_table(path)


def test_utf16_without_bom_is_recognised_by_its_zero_bytes():
    text = "Tanggal,Pengikut\n2024-01-01,10\n"
    assert textfile.utf16_order(text.encode("utf-16-le")) == "utf-16-le"
    assert textfile.utf16_order(text.encode("utf-16-be")) == "utf-16-be"
    assert textfile.utf16_order(text.encode("utf-8")) is None


def test_repeated_and_empty_column_names_are_kept_apart():
    assert textfile.unique_names(["Tayangan", "", "Tayangan"]) == [
        "Tayangan",
        "kolom_2",
        "Tayangan__2",
    ]


def test_a_real_sample_opens_with_its_encoding_and_header(tmp_path):
    path = tmp_path / "ekspor.csv"
    path.write_bytes("\ufeffDate,Views\n2024-01-01,5\n".encode("utf-16"))
    table = textfile.open_table(path)
    assert table.encoding.startswith("utf-16") and table.header == ["Date", "Views"]
    assert table.header_row == 1


def test_excel_indonesian_resave_is_read_in_its_locale():
    table = readers.textfile.open_table(FIXTURES / "youtube-Totals-excel-id.csv")
    assert (table.delimiter, table.locale) == (";", "id")
    daily = read(FIXTURES / "youtube-Totals-excel-id.csv").table.set_index("date")["value"]
    assert daily.to_dict() == {
        pd.Timestamp("2025-06-13"): 1224,
        pd.Timestamp("2025-06-14"): 147,
        pd.Timestamp("2025-06-15"): 2811,
    }


def test_truncated_last_row_is_reported(tmp_path):
    sample = (SAMPLES / "tweet_activity_metrics_2021-01_en.csv").read_text(encoding="utf-8")
    path = tmp_path / "tweets.csv"
    path.write_text(
        sample.rstrip("\n")[: sample.rstrip("\n").rfind(',"0"') - 200], encoding="utf-8"
    )
    with pytest.raises(DataError, match="tanda kutip tidak ditutup") as err:
        read(path)
    assert err.value.problems[0].row == 41  # the 40th tweet, under the header


def test_mixed_encoding_is_reported_with_its_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"Date,Views\n2025-06-01,1\n"
        + "2025-06-02,2 café\n".encode()
        + "2025-06-03,3 caf\xe9\n".encode("cp1252")
    )
    with pytest.raises(DataError, match="campuran pengodean") as err:
        read(path)
    assert err.value.problems[0].row == 3


def test_binary_and_huge_files_are_refused_without_reading_them(tmp_path):
    image = tmp_path / "laporan.csv"
    image.write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    with pytest.raises(DataError, match="gambar JPEG"):
        read(image)
    huge = tmp_path / "besar.csv"
    with huge.open("wb") as handle:
        handle.truncate(textfile.MAX_BYTES + 1)  # sparse: no disk is used
    with pytest.raises(DataError, match="paling besar 500 MB"):
        read(huge)


def test_a_row_with_too_many_fields_is_located(tmp_path):
    path = tmp_path / "Totals.csv"
    path.write_text("Date,Views\n2025-06-01,1\n2025-06-02,2,3\n", encoding="utf-8")
    with pytest.raises(DataError, match="ditemukan '3 kolom', seharusnya 2 kolom") as err:
        read(path)
    assert err.value.problems[0].row == 3


def test_utf16_without_bom_is_read_as_text(tmp_path):
    path = tmp_path / "Instagram follows.csv"
    path.write_bytes('"Date","Primary"\n"2025-08-01T00:00:00","20"\n'.encode("utf-16-le"))
    export = read(path)
    assert export.table["value"].tolist() == [20]


def test_repeated_column_names_keep_every_value_and_are_listed(capsys):
    from kpureport import cli

    path = SAMPLES / "facebook-insights-legacy-post-level.csv"
    export = read(path)
    header = next(csv.reader(path.open(encoding="utf-8-sig")))
    first = header.index(
        "Lifetime Engaged Users"
    )  # a column after the repeated ones is not shifted
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))[2:]
    assert export.table["engagements"].tolist() == [int(r[first]) for r in rows]
    assert export.repeated["Lifetime Organic Video Views"] == [39, 40]
    assert cli.main(["inspect", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "Kolom ganda" in shown and "Lifetime Paid views to 95% (kolom 36, 37)" in shown
