"""A report is "sudah mutakhir" only while its inputs are the same files in the same places."""

import shutil

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
