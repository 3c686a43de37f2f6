"""The rules of the tables staff fill in, checked on small tables (no file, no kernel): each
kind of column refuses what it should, with the message staff read."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpureport.ingest import validate
from kpureport.ingest.validate import COLUMN_KINDS, manual_schema, table_problems

PATH = Path("data/x/tabel.csv")


def problems(name: str, rows: list[dict], locale: str = "en", **choices) -> list:
    """The problems of ``rows`` (text cells as read) in table ``name``, rows numbered as in
    a spreadsheet (header on row 1)."""
    frame = pd.DataFrame(rows, index=range(2, len(rows) + 2), dtype=str)
    return table_problems(frame, manual_schema(name, locale, choices or None), PATH)


def test_every_column_of_every_table_has_a_registered_kind():
    kinds = {c.kind for columns in validate.TABLES.values() for c in columns}
    assert kinds <= set(COLUMN_KINDS)
    assert set(COLUMN_KINDS) == kinds  # and no kind is registered that no table uses


def test_a_good_followers_table_has_no_problem():
    rows = [{"date": "2021-12-31", "platform": "instagram", "followers": "1030"}]
    assert problems("followers", rows) == []


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        ("1.030", "en", "tanpa pemisah ribuan"),
        ("-5", "en", "bilangan bulat 0 atau lebih"),
        ("99999999999999", "en", "bilangan paling besar"),
    ],
)
def test_a_count_is_refused_with_the_reason(value, locale, expected):
    rows = [{"date": "2021-12-31", "platform": "instagram", "followers": value}]
    found = problems("followers", rows, locale)
    assert found and all(p.row == 2 and p.column == "followers" for p in found)
    assert any(expected in p.expected for p in found), [p.expected for p in found]


def test_a_grouped_count_is_a_thousand_in_the_indonesian_locale_only():
    rows = [{"date": "31/12/2021", "platform": "instagram", "followers": "1.030"}]
    assert problems("followers", rows, "id") == []


def test_a_platform_must_be_a_known_one_in_lower_case():
    rows = [{"date": "2021-12-31", "platform": "Instagram", "followers": "10"}]
    (problem,) = problems("followers", rows)
    assert problem.column == "platform" and "huruf kecil" in problem.expected


def test_a_required_cell_left_blank_is_refused_and_an_optional_one_is_not():
    rows = [{"date": "2021-03-01", "channel": "", "category": "", "text": "Mohon info DPT"}]
    (problem,) = problems("feedback", rows)
    assert problem.column == "channel" and problem.expected == validate.REQUIRED


def test_a_choice_column_takes_its_values_when_read():
    rows = [{"platform": "instagram", "post_id": "1", "pillar": "edukasi"}]
    assert problems("pillars", rows, pillar=("edukasi", "lainnya")) == []
    (problem,) = problems("pillars", rows, pillar=("sosialisasi", "lainnya"))
    assert problem.expected == "salah satu dari: sosialisasi, lainnya"


def test_a_date_and_a_moment_name_the_locale_s_example():
    rows = [{"received": "kemarin", "answered": "", "channel": "WhatsApp"}]
    (problem,) = problems("questions", rows, "id")
    assert "01/03/2024 08.30" in problem.expected
    (problem,) = problems("questions", rows, "en")
    assert "2024-03-01 08:30" in problem.expected


def test_typed_values_follow_the_kind():
    values = pd.Series(["1.030", "7"])
    assert list(COLUMN_KINDS["count"].typed(values, "id")) == [1030, 7]
    assert list(COLUMN_KINDS["platform"].typed(pd.Series(["x", ""]), "en").isna()) == [
        False,
        True,
    ]
    assert COLUMN_KINDS["date"].typed(pd.Series(["30/06/2021"]), "id")[0] == pd.Timestamp(
        2021, 6, 30
    )


@given(st.integers(min_value=0, max_value=10**9))
def test_counts_parse_back_in_both_locales(n):
    assert validate.parse_count(str(n), "en") == n
    grouped = f"{n:,}".replace(",", ".")
    assert validate.parse_count(grouped, "id") == n
    if n >= 1000:
        assert validate.parse_count(grouped, "en") is None


@given(st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date.today()))
def test_dates_parse_back_in_both_locales(day):
    assert validate.parse_day(day.isoformat(), "en") == day
    assert validate.parse_day(day.strftime("%d/%m/%Y"), "id") == day
    assert validate.parse_day(day.strftime("%d/%m/%Y"), "en") is None
