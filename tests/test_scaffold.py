"""Names that would break file names or Word's document properties are refused up front."""

from kpureport.cli import main
from kpureport.config import MAX_SLUG_CHARS


def test_init_refuses_an_office_folder_name_too_long_for_file_names(tmp_path, capsys):
    slug = "kabupaten-" + "a" * 225
    assert main(["init", "--office", slug, "--data", str(tmp_path / "data")]) == 1
    assert f"paling panjang {MAX_SLUG_CHARS} karakter" in capsys.readouterr().err
    assert not (tmp_path / "data" / slug).exists()
