"""Numbers as each platform writes them, read in the file's locale; what is not a number is
located, never guessed."""

import pandas as pd
import pytest

from kpureport.ingest.readers import parse


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
