import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpureport import formatting as fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1030, "1.030"),
        (2064, "2.064"),
        (66042, "66.042"),
        (25, "25"),
        (0, "0"),
        (1234567, "1.234.567"),
    ],
)
def test_counts_group_thousands_with_a_dot(value, expected):
    assert fmt.number(value) == expected


@pytest.mark.parametrize(
    ("part", "whole", "digits", "expected"),
    [
        (1030, 2064, 1, "49,9%"),
        (659, 2064, 1, "31,9%"),
        (350, 2064, 1, "17,0%"),
        (25, 2064, 1, "1,2%"),
        (1, 8, 1, "12,5%"),
        (1, 8, 0, "13%"),
        (1, 800, 2, "0,13%"),
    ],
)
def test_shares_round_half_up_with_a_decimal_comma(part, whole, digits, expected):
    assert fmt.percent(fmt.share(part, whole), digits) == expected


def test_half_rounds_up_where_babel_would_round_to_even():
    assert fmt.number(Decimal("0.125"), 2) == "0,13"
    assert fmt.number(2.5) == "3"
    assert fmt.percent(21.385, 2) == "21,39%"


def test_dates_use_indonesian_month_names():
    assert fmt.date(dt.date(2021, 6, 30)) == "30 Juni 2021"
    assert fmt.month(dt.date(2021, 6, 1)) == "Juni 2021"
    assert fmt.month(dt.date(2016, 4, 1)) == "April 2016"
    assert fmt.date(dt.date(2024, 2, 1)) == "1 Februari 2024"


@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_counts_read_back_to_the_same_number(n):
    text = fmt.number(n)
    assert int(text.replace(".", "")) == n
    groups = text.split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_shares_match_exact_half_up_rounding(part, whole):
    exact = Decimal(part) * 100 / Decimal(whole)
    text = fmt.percent(fmt.share(part, whole), 1)
    shown = Decimal(text.rstrip("%").replace(".", "").replace(",", "."))
    assert abs(shown - exact) <= Decimal("0.05")
    assert shown == exact.quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
