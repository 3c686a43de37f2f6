"""check catches what would make a wrong report: examples left from init, data of a platform
without an account, a narrative for a year without data; and init sets none of these traps."""

import shutil
from pathlib import Path

import pytest
import yaml

from kpureport.cli import main
from kpureport.config import TEMPLATES_DIR
from kpureport.errors import DataError
from kpureport.ingest.load import check_office, load_report_data, years_of_office
from kpureport.ingest.oversights import placeholder_problems

from ..conftest import DATA, KKU


def scalars(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from scalars(item)
    else:
        yield value


def test_every_example_value_of_the_profile_template_is_caught(tmp_path):
    template = TEMPLATES_DIR / "office" / "profile.yml"
    raw = yaml.safe_load(template.read_text(encoding="utf-8"))
    generic = {"timezone", "accounts"}  # real values (a zone, a platform, a month) stay
    examples = [raw[k] for k in raw if k not in generic]
    examples += [a[k] for a in raw["accounts"] for k in ("name", "handle", "url")]
    found = {p.found for p in placeholder_problems([template])}
    for value in scalars(examples):
        assert any(str(value) in f for f in found), value


def test_real_values_are_not_taken_for_examples(tmp_path):
    profile = tmp_path / "profile.yml"
    profile.write_text(
        "name: Komisi Pemilihan Umum Kabupaten Nduga  # bukan Nama Daerah\n"
        "abbreviation: KPU Nduga\n"
        "city: Kenyam\n"
        "chair: Nama Ketua Contoh\n",
        encoding="utf-8",
    )
    assert placeholder_problems([profile]) == []


def test_an_untouched_init_template_is_refused_by_line_and_the_report_not_built(tmp_path, capsys):
    assert main(["init", "--office", "kota-uji", "--data", str(tmp_path)]) == 0
    folder = tmp_path / "kota-uji"
    (folder / "followers.csv").write_text(
        "tanggal,platform,pengikut\n2025-12-31,instagram,1200\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["check", "--office", "kota-uji", "--data", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    for line, text in [(3, "Nama Daerah"), (9, "humas@kab-namadaerah"), (10, "Nama Ketua")]:
        assert f"profile.yml, baris {line}: ditemukan" in out and text in out
    with pytest.raises(DataError) as refused:
        load_report_data(tmp_path, "kota-uji", 2025)
    assert "KPU NAMA DAERAH" in str(refused.value)  # named in the error, never in a report


def test_init_writes_no_narrative_that_makes_a_year_of_its_own(tmp_path):
    assert main(["init", "--office", "kota-uji", "--data", str(tmp_path)]) == 0
    folder = tmp_path / "kota-uji"
    assert [p.name for p in (folder / "narrative").iterdir()] == ["templat-tahun.yml"]
    assert years_of_office(folder) == []


def test_a_narrative_for_a_year_without_data_is_named(tmp_path):
    shutil.copytree(DATA / KKU, tmp_path / KKU)
    shutil.copy(
        tmp_path / KKU / "narrative" / "2021.yml", tmp_path / KKU / "narrative" / "2030.yml"
    )
    problems, _ = check_office(tmp_path, KKU)
    assert [p.path.name for p in problems] == ["2030.yml"]
    assert "tahun 2030 tanpa data" in str(problems[0])


def test_data_of_a_platform_without_an_account_is_named_and_the_report_says_so(tmp_path):
    shutil.copytree(DATA / KKU, tmp_path / KKU)
    followers = tmp_path / KKU / "followers.csv"
    followers.write_text(
        followers.read_text(encoding="utf-8") + "2021-12-31,whatsapp,800\n", encoding="utf-8"
    )
    problems, _ = check_office(tmp_path, KKU)
    assert len(problems) == 1 and problems[0].path.name == "profile.yml"
    assert "akun WhatsApp" in str(problems[0]) and "pengikut" in str(problems[0])
    from kpureport.document.report import Report

    table = str(Report.load(KKU, 2021, tmp_path).followers_table().html)
    assert "jumlah pengikut WhatsApp (800) tidak dimasukkan" in table
    assert "1.030" in table  # the accounts of the profile are still there


def test_the_demo_offices_pass(tmp_path):
    for office in ("contoh", "contoh-hulu", "contoh-pesisir", "kota-contoh", KKU):
        assert check_office(Path(DATA), office)[0] == [], office
