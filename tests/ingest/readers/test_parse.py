"""Numbers and dates as each platform writes them, read in the file's locale; what is not a
number or a plausible date is located by file, row and column, never guessed."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpureport.errors import DataError
from kpureport.ingest.readers import parse

from .helpers import read


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [("1,234", "en", 1234.0), ("1.234", "id", 1234.0), ("12,5", "id", 12.5), ("7", "en", 7.0)],
)
def test_a_number_reads_in_its_locale(text, locale, value):
    values, bad = parse.number_text(pd.Series([text]), locale)
    assert values[0] == value and not bad[0]


def test_text_in_a_number_is_marked_and_an_empty_cell_is_missing():
    values, bad = parse.number_text(pd.Series(["abc", "", None, "1.5"]), "en")
    assert list(bad) == [True, False, False, False]
    assert values.isna().tolist() == [True, True, True, False]


def test_numeric_dates_settle_their_order_only_when_a_day_shows_it():
    dates = pd.Series(["13/01/2024", "02/01/2024"])
    assert parse.numeric_date_order(dates) == (parse.DAY_FIRST, None)
    assert parse.numeric_date_order(pd.Series(["01/13/2024"])) == (parse.MONTH_FIRST, None)
    assert parse.numeric_date_order(pd.Series(["01/02/2024"])) == (None, None)  # never a guess
    order, clash = parse.numeric_date_order(pd.Series(["13/01/2024", "01/13/2024"]))
    assert order is None and clash == "13/01/2024 dan 01/13/2024"


BAD = {
    "header only": ("Date,Views\n", "tidak ada baris data"),
    "negative count": ("Date,Views\n2025-06-01,12\n2025-06-02,-3\n", "bilangan 0 atau lebih"),
    "ambiguous decimal": ("Date,Views\n2025-06-01,1.030\n", "dapat terbaca dua cara"),
    "implausible date": ("Date,Views\n1899-06-01,3\n", "dari tahun 2004"),
    "future date": ("Date,Views\n2099-06-01,3\n", "dari tahun 2004"),
    "text in number": ("Date,Views\n2025-06-01,banyak\n", "angka"),
}


@pytest.mark.parametrize(("content", "message"), BAD.values(), ids=BAD.keys())
def test_bad_values_name_file_row_column(tmp_path, content, message):
    path = tmp_path / "Totals.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        read(path)
    problem = err.value.problems[0]
    assert problem.path == path
    if "baris data" not in message:
        assert problem.row is not None and problem.column is not None


@given(
    st.floats(min_value=0, max_value=1e12, allow_nan=False).map(lambda x: round(x, 2)),
    st.sampled_from(["en", "id"]),
)
def test_platform_numbers_parse_back_in_their_locale(value, locale):
    from kpureport.ingest.readers.parse import number_text

    if locale == "id":
        text = f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    else:
        text = f"{value:,.2f}"
    parsed, bad = number_text(pd.Series([text, str(value)]), locale)
    assert not bad.iloc[0]
    assert parsed.iloc[0] == pytest.approx(value)


def test_a_number_beyond_any_count_is_located_not_overflowed(tmp_path):
    path = tmp_path / "Totals.csv"
    path.write_text(
        "Date,Views\n2024-06-01,3\n2024-06-02,99999999999999999999999\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"baris 3, kolom 'Views'.*paling besar") as err:
        read(path)
    assert "OverflowError" not in str(err.value)
