"""Starting files: a new office folder with its tables to fill, and a province's rubric and
jury table; nothing that exists is ever overwritten."""

import csv

import pytest

from kpureport import scaffold
from kpureport.cli import main
from kpureport.config import MAX_SLUG_CHARS
from kpureport.errors import KpuReportError
from kpureport.ingest import validate

from .conftest import DATA


def test_a_new_office_gets_its_profile_narrative_and_every_table(tmp_path):
    written = scaffold.create_office(tmp_path, "kota-baru", 2025)
    names = {p.relative_to(tmp_path / "kota-baru").as_posix() for p in written}
    assert {"profile.yml", "BACA-SAYA.txt"} <= {n.rsplit("/", 1)[-1] for n in names}
    assert "narrative/templat-tahun.yml" in names  # not 2025.yml: no year is built without data
    for table, columns in validate.MANUAL_TABLES.items():
        header = (tmp_path / "kota-baru" / f"{table}.csv").read_text(encoding="utf-8")
        assert header.strip() == ",".join(c.label for c in columns)
        assert (tmp_path / "kota-baru" / f"{table}.xlsx").is_file()


def test_an_existing_folder_and_a_bad_name_are_refused(tmp_path):
    (tmp_path / "ada").mkdir()
    with pytest.raises(KpuReportError, match="tidak menimpa"):
        scaffold.create_office(tmp_path, "ada")
    with pytest.raises(KpuReportError, match="huruf kecil"):
        scaffold.create_office(tmp_path, "Kota Baru")


def test_a_province_gets_a_jury_row_per_office_and_juried_criterion(tmp_path):
    rubric, jury = scaffold.rollup_templates(tmp_path, DATA, "Kalimantan Barat", None)
    rows = list(csv.reader(jury.open(encoding="utf-8")))
    assert rows[0] == [c.label for c in validate.ROLLUP_TABLES["jury"]]
    assert rows[1:] and all(score == "" for _, _, score in rows[1:])
    with pytest.raises(KpuReportError, match="tidak ditimpa"):
        scaffold.rollup_templates(tmp_path, DATA, "Kalimantan Barat", None)
    assert rubric.read_bytes()


def test_init_refuses_an_office_folder_name_too_long_for_file_names(tmp_path, capsys):
    slug = "kabupaten-" + "a" * 225
    assert main(["init", "--office", slug, "--data", str(tmp_path / "data")]) == 1
    assert f"paling panjang {MAX_SLUG_CHARS} karakter" in capsys.readouterr().err
    assert not (tmp_path / "data" / slug).exists()


def test_rekap_templates_refuse_an_office_name_that_is_a_formula(tmp_path, capsys):
    folder = tmp_path / "rekap"
    office = '=HYPERLINK("http://contoh.invalid","klik")'
    command = ["rekap", "--year", "2024", "--siapkan", str(folder), "--office", office]
    assert main([*command, "--data", str(DATA)]) == 1
    assert not (folder / "nilai-juri.csv").exists()
    assert "tidak sah" in capsys.readouterr().err
