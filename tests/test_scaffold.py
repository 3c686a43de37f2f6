"""Names that would break file names or Word's document properties are refused up front."""

from kpureport.cli import main
from kpureport.config import MAX_SLUG_CHARS

from .conftest import DATA


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
