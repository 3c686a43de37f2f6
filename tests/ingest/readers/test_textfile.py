"""Text files as the platforms save them: UTF-16 without a byte-order mark recognised, repeated
column names kept apart."""

from kpureport.ingest.readers import textfile


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
