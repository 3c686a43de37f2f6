"""A report is "sudah mutakhir" only while its inputs are the same files in the same places."""

import shutil

import pytest

from kpureport.cli import main
from kpureport.engine import build

from ..conftest import DATA

OFFICE = "contoh"


def _stamp(data_dir, out):
    doc, inputs = build.report_document(OFFICE, 2024, data_dir, out)
    return build.fingerprint(inputs, doc.notebook)


def test_moving_an_export_out_of_exports_changes_the_fingerprint(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA / OFFICE, data_dir / OFFICE)
    before = _stamp(data_dir, tmp_path / "out")
    moved = sorted(p for p in (data_dir / OFFICE / "exports").rglob("*") if p.is_file())[-1]
    (data_dir / OFFICE / "exports.lama").mkdir()  # the same place in the sorted files
    moved.rename(data_dir / OFFICE / "exports.lama" / moved.name)
    assert _stamp(data_dir, tmp_path / "out") != before


def test_provinces_in_another_script_get_file_names_of_their_own():
    assert build._area_slug("Папуа") != build._area_slug("Бали")
    assert build._area_slug("Папуа").strip("-")


@pytest.mark.build
def test_a_roll_up_that_leaves_an_office_out_says_which_and_fails(tmp_path, capsys):
    for office in ("contoh-hulu", "kota-contoh"):
        shutil.copytree(DATA / office, tmp_path / "data" / office)
    followers = tmp_path / "data" / "kota-contoh" / "followers.csv"
    lines = followers.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",banyak"
    followers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = ["rekap", "--year", "2024", "--office", "contoh-hulu", "kota-contoh"]
    options = ["--data", str(tmp_path / "data"), "--out", str(tmp_path / "out")]
    assert main([*command, *options, "--format", "html"]) == 1
    said = capsys.readouterr()
    assert "Tidak termasuk dalam rekap: kota-contoh: " in said.err and "banyak" in said.err
    (page,) = (tmp_path / "out" / "rekap").glob("*/2024/*.html")
    assert "kota-contoh" in page.read_text(encoding="utf-8")
