"""check refuses names that would break the report's files before anything is built."""

import shutil

from kpureport.cli import main
from kpureport.config import MAX_NAME_CHARS, MAX_SLUG_CHARS

from ..conftest import DATA, KKU


def test_check_refuses_an_office_folder_name_too_long_for_file_names(tmp_path, capsys):
    slug = "kabupaten-" + "a" * 225
    shutil.copytree(DATA / KKU, tmp_path / slug)
    assert main(["check", "--office", slug, "--data", str(tmp_path)]) == 1
    assert f"paling panjang {MAX_SLUG_CHARS} karakter" in capsys.readouterr().err


def test_check_refuses_an_office_name_longer_than_word_holds(tmp_path, capsys):
    shutil.copytree(DATA / KKU, tmp_path / KKU)
    profile = tmp_path / KKU / "profile.yml"
    text = profile.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    profile.write_text(text.replace(name, name + " " + "Raya" * 70), encoding="utf-8")
    assert main(["check", "--office", KKU, "--data", str(tmp_path)]) == 1
    assert f"paling panjang {MAX_NAME_CHARS} karakter" in capsys.readouterr().out
