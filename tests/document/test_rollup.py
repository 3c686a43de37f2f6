"""The roll-up of a province: offices compared by name, tables numbered in one numbering, its
sections lettered in the order shown; offices without the year are listed, not dropped."""

import pytest

from kpureport.document.rollup import Rollup

from ..conftest import DATA
from ..tables import tables


@pytest.fixture(scope="module")
def rollup() -> Rollup:
    return Rollup.load(2021, DATA, province="Kalimantan Barat")


def test_offices_without_the_year_are_named_and_the_rest_compared(rollup):
    assert len(rollup.datasets) == 2 and len(rollup.missing) == 3
    assert list(rollup.table["name"]) == sorted(rollup.table["name"])


def test_sections_and_tables_are_numbered_in_the_order_shown(rollup):
    html = rollup.comparison_section().html + rollup.rubric_section().html
    assert "<h3>A. Perbandingan Kantor</h3>" in html
    assert "<h3>B. Penilaian Monev dan Peringkat</h3>" in html
    shown = tables(html)
    assert list(shown) == [
        "perbandingan",
        "peringkat",
        "nilai-kriteria",
        "angka-dasar",
        "konsistensi",
    ]
    assert [rollup.numbers.table(k) for k in shown] == [1, 2, 3, 4, 5]
    assert shown["perbandingan"][0][0] == "Kantor"
