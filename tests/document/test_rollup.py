"""The roll-up of a province: offices compared by name, tables numbered in one numbering, its
sections lettered in the order shown; offices without the year are listed, not dropped."""

import shutil

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


def test_an_office_left_out_is_named_with_its_first_problem(tmp_path):
    for office in ("contoh-hulu", "kota-contoh"):
        shutil.copytree(DATA / office, tmp_path / office)
    followers = tmp_path / "kota-contoh" / "followers.csv"
    lines = followers.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",banyak"
    lines[2] = lines[2].rsplit(",", 1)[0] + ",sekali"
    followers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rollup = Rollup.load(2024, tmp_path, offices=["contoh-hulu", "kota-contoh"])
    (reason,) = rollup.missing
    assert reason.startswith("kota-contoh: ") and "followers.csv" in reason
    assert "banyak" in reason and "dan 1 masalah lain" in reason
    assert "kpureport check --office kota-contoh" in reason
