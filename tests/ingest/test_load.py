"""Reading an office's folder: the profile, followers and narrative, every problem located by
file, row and column; check refuses names that would break the report's files before anything
is built."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kpureport.cli import main
from kpureport.config import MAX_NAME_CHARS, MAX_SLUG_CHARS
from kpureport.errors import DataError, OfficeNotFoundError, YearNotAvailableError
from kpureport.ingest.load import (
    check_office,
    load_followers,
    load_narrative,
    load_profile,
    load_report_data,
    offices,
)

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


def test_profile_of_kayong_utara_is_read_as_the_seed_names_it():
    profile = load_profile(DATA / KKU)
    assert profile.name == "Komisi Pemilihan Umum Kabupaten Kayong Utara"
    assert profile.short_name == "KPU Kabupaten Kayong Utara"
    assert profile.abbrev == "KPU KKU"
    assert (profile.province, profile.city) == ("Kalimantan Barat", "Sukadana")
    assert profile.email == "ppid.kpu.kku@gmail.com"
    assert profile.since == dt.date(2016, 4, 1)
    by_platform = {a.platform: a for a in profile.accounts}
    assert by_platform["instagram"].display_name == "KPU KAYONG UTARA KAB (@kpukayongutarakab)"
    assert by_platform["twitter"].url == "https://twitter.com/kpu_kku"
    assert by_platform["facebook"].display_name == "PPID KPU KKU"
    assert by_platform["youtube"].url.endswith("UCyBCcxJkT2DIOTeo1LrBbwg")


def test_followers_are_a_tidy_typed_table():
    table = load_followers(DATA / KKU)
    assert list(table.columns) == ["date", "platform", "followers", "source"]
    assert str(table["followers"].dtype) == "int64"
    counts = dict(zip(table["platform"], table["followers"], strict=True))
    assert counts == {"instagram": 1030, "facebook": 659, "twitter": 350, "youtube": 25}
    assert set(table["date"].dt.year) == {2021}


def test_narrative_2021_carries_the_seed_parts():
    narrative = load_narrative(DATA / KKU, 2021)
    assert len(narrative.constraints) == 5 and len(narrative.solutions) == 5
    assert narrative.signature.place == "Sukadana"
    assert narrative.signature.date == dt.date(2021, 6, 1) and narrative.signature.date_is_month
    assert (narrative.signature.title, narrative.signature.name) == ("Ketua", "Rudi Handoko")


def test_a_year_without_narrative_file_gets_an_empty_narrative():
    assert load_narrative(DATA / KKU, 2019).introduction is None


def test_the_real_data_folder_has_no_problem():
    assert check_office(DATA, KKU) == ([], [])
    assert KKU in offices(DATA)


def test_unknown_office_lists_the_known_ones():
    with pytest.raises(OfficeNotFoundError, match="kayong-utara") as err:
        load_report_data(DATA, "kayong-selatan", 2021)
    assert "tidak ditemukan" in str(err.value)


def test_year_without_data_names_the_years_there_are():
    with pytest.raises(YearNotAvailableError, match="Tahun yang tersedia: 2021"):
        load_report_data(DATA, KKU, 2019)


def _followers(data_dir: Path, text: str) -> list:
    (data_dir / KKU / "followers.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_followers(data_dir / KKU)
    return err.value.problems


HEADER = "date,platform,followers\n"


def test_missing_column_is_named(data_dir):
    [problem] = _followers(data_dir, "date,platform\n2021-06-30,instagram\n")
    assert problem.column == "pengikut" and problem.row == 1
    assert (
        "kolom 'pengikut' atau 'followers' (baris judul lengkap: tanggal,platform,pengikut"
        in str(problem)
    )


def test_text_in_a_number_names_file_row_column_and_value(data_dir):
    [problem] = _followers(
        data_dir, HEADER + "2021-06-30,instagram,1030\n2021-06-30,facebook,banyak\n"
    )
    assert (problem.row, problem.column, problem.found) == (3, "followers", "banyak")
    assert str(problem).startswith(
        str(data_dir / KKU / "followers.csv") + ", baris 3, kolom 'followers'"
    )


def test_negative_count_is_refused(data_dir):
    [problem] = _followers(data_dir, HEADER + "2021-06-30,instagram,-5\n")
    assert problem.found == "-5" and "0 atau lebih" in problem.expected


def test_unknown_platform_lists_the_known_ones(data_dir):
    [problem] = _followers(data_dir, HEADER + "2021-06-30,friendster,10\n")
    assert problem.column == "platform"
    assert "facebook, instagram, twitter, youtube, tiktok" in problem.expected


def test_a_count_written_with_a_thousands_dot_is_an_error_not_a_guess(data_dir):
    [problem] = _followers(data_dir, HEADER + "2021-06-30,instagram,1.030\n")
    assert problem.found == "1.030"
    assert "tulis 1030, bukan 1.030" in problem.expected


def test_bad_dates_and_duplicates_are_all_reported_at_once(data_dir):
    problems = _followers(
        data_dir,
        HEADER + "30/06/2021,instagram,1\n2021-06-30,twitter,1\n"
        "2021-06-30,twitter,2\n1899-01-01,facebook,3\n,youtube,4\n",
    )
    rows = sorted((p.row, p.column) for p in problems)
    assert (2, "date") in rows and (5, "date") in rows and (6, "date") in rows
    assert any(
        p.row in (3, 4) and "satu baris untuk setiap date + platform" in p.expected
        for p in problems
    )


def test_row_numbers_count_blank_lines_as_staff_see_them(data_dir):
    [problem] = _followers(data_dir, HEADER + "2021-06-30,instagram,1\n\n2021-06-30,twitter,x\n")
    assert problem.row == 4


def test_empty_file_is_explained(data_dir):
    [problem] = _followers(data_dir, "")
    assert "berkas kosong" in str(problem)


def test_broken_yaml_names_the_line(data_dir):
    path = data_dir / KKU / "narrative" / "2021.yml"
    path.write_text("introduction: |\n  Teks.\nclosing: [tidak ditutup\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_narrative(data_dir / KKU, 2021)
    [problem] = err.value.problems
    assert problem.path == path and problem.row is not None
    assert "format YAML yang sah" in str(problem)


def test_profile_problems_name_the_key(data_dir):
    path = data_dir / KKU / "profile.yml"
    text = path.read_text(encoding="utf-8")
    text = (
        text.replace("platform: youtube", "platform: myspace")
        .replace("email: ppid.kpu.kku@gmail.com", "email: bukan-surel")
        .replace("province: Kalimantan Barat\n", "")
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_profile(data_dir / KKU)
    keys = {p.key for p in err.value.problems}
    assert keys == {"accounts[4].platform", "email", "province"}
    assert "Ditemukan 3 masalah" in str(err.value)


def test_unknown_narrative_key_is_reported_as_a_likely_typo(data_dir):
    path = data_dir / KKU / "narrative" / "2021.yml"
    path.write_text("introducton: Teks.\n", encoding="utf-8")
    with pytest.raises(DataError, match="introducton"):
        load_narrative(data_dir / KKU, 2021)


def test_check_lists_problems_of_every_file(data_dir):
    (data_dir / KKU / "followers.csv").write_text(
        HEADER + "2021-06-30,instagram,x\n", encoding="utf-8"
    )
    (data_dir / KKU / "narrative" / "2021.yml").write_text(
        "signature: {place: X}\n", encoding="utf-8"
    )
    problems, _ = check_office(data_dir, KKU)
    files = {p.path.name for p in problems}
    assert files == {"followers.csv", "2021.yml"}
    assert len(problems) == 4  # one bad count, three missing signature parts


def test_yaml_aliases_are_refused_before_they_expand(data_dir):
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    bomb += [
        f"{k}: &{k} [{','.join(['*' + p] * 9)}]"
        for p, k in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    path = data_dir / KKU / "narrative" / "2021.yml"
    path.write_text("\n".join(bomb) + "\nintroduction: *i\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"2021.yml, baris 2: ditemukan \"alias YAML '\*a'\""):
        load_narrative(data_dir / KKU, 2021)


@pytest.mark.parametrize("name", ["../kayong-utara", "/etc", "kayong-utara/../x", "KKU", ""])
def test_office_names_are_names_not_paths(name):
    with pytest.raises(OfficeNotFoundError, match="bukan jalur folder"):
        load_report_data(DATA, name, 2021)


def test_symlinks_leaving_the_office_folder_are_refused_by_name(data_dir, tmp_path):
    secret = tmp_path / "rahasia.csv"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (data_dir / KKU / "exports").mkdir()
    (data_dir / KKU / "exports" / "ekspor.csv").symlink_to(secret)
    (data_dir / KKU / "polls.csv").symlink_to(secret)
    problems, _ = check_office(data_dir, KKU)
    assert {p.path.name for p in problems} == {"ekspor.csv", "polls.csv"}
    assert all("symlink" in str(p) for p in problems)
    assert "root:x" not in "\n".join(map(str, problems))


def test_staff_dates_follow_the_same_rule_as_exports(data_dir):
    ahead = dt.date.today() + dt.timedelta(days=3)
    (data_dir / KKU / "followers.csv").write_text(
        HEADER + f"{ahead.isoformat()},instagram,10\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="sampai 2 hari setelah hari ini"):
        load_followers(data_dir / KKU)


def test_a_count_beyond_64_bits_is_located(data_dir):
    (data_dir / KKU / "followers.csv").write_text(
        HEADER + "2021-06-30,instagram,99999999999999999999999\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"baris 2, kolom 'followers'.*paling besar"):
        load_followers(data_dir / KKU)


def test_a_sep_line_from_excel_is_read_as_the_delimiter(data_dir):
    (data_dir / KKU / "followers.csv").write_text(
        "sep=;\ntanggal;platform;pengikut\n30/06/2021;instagram;1.030\n", encoding="utf-8"
    )
    table = load_followers(data_dir / KKU)
    assert table["followers"].tolist() == [1030]


def test_a_narrative_text_beyond_the_limit_is_cut_with_a_note(data_dir):
    from kpureport.config import MAX_TEXT_CHARS

    path = data_dir / KKU / "narrative" / "2021.yml"
    path.write_text(f"introduction: {'kata ' * 10_000}\n", encoding="utf-8")
    assert len(load_narrative(data_dir / KKU, 2021).introduction) == MAX_TEXT_CHARS
    _, notes = check_office(data_dir, KKU)
    assert ["introduction" in str(n) and "dipotong" in str(n) for n in notes] == [True]


def test_manual_only_channels_are_accepted_in_the_followers_table(data_dir):
    (data_dir / KKU / "followers.csv").write_text(
        HEADER + "2021-12-31,whatsapp,412\n2021-12-31,threads,57\n", encoding="utf-8"
    )
    table = load_followers(data_dir / KKU)
    assert dict(zip(table["platform"], table["followers"], strict=True)) == {
        "whatsapp": 412,
        "threads": 57,
    }


def test_the_data_folder_is_found_by_one_rule(tmp_path, monkeypatch):
    from kpureport.ingest.load import DATA_ENV, data_folder

    monkeypatch.delenv(DATA_ENV, raising=False)
    project = tmp_path / "proyek"
    shutil.copytree(DATA / KKU, project / "data" / KKU)
    (project / "notebooks" / "sub").mkdir(parents=True)
    monkeypatch.chdir(project / "notebooks" / "sub")
    assert data_folder() == (project / "data").resolve()  # the nearest data/, upward
    elsewhere = tmp_path / "lain"
    shutil.copytree(DATA / KKU, elsewhere / KKU)
    monkeypatch.setenv(DATA_ENV, str(elsewhere))
    assert data_folder() == elsewhere.resolve()  # the environment variable comes before it
    assert data_folder(project / "data") == (project / "data").resolve()  # an argument first
    monkeypatch.delenv(DATA_ENV)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OfficeNotFoundError, match=f"di {tmp_path.resolve()} maupun"):
        data_folder()
    with pytest.raises(OfficeNotFoundError, match=str((tmp_path / "tidak-ada").resolve())):
        data_folder("tidak-ada")


def test_offices_and_years_are_discoverable():
    import kpureport

    assert kpureport.offices(DATA) == [
        "contoh",
        "contoh-hulu",
        "contoh-pesisir",
        KKU,
        "kota-contoh",
    ]
    assert kpureport.years(KKU, str(DATA)) == [2021]  # a string path works too
    assert kpureport.years("contoh", DATA)[-1] == 2025


@pytest.mark.parametrize("year", ["dua ribu", "21", 2021.5, True])
def test_a_year_that_is_not_a_year_says_what_a_year_looks_like(year):
    from kpureport.ingest.load import load_report_data

    with pytest.raises(YearNotAvailableError, match="empat angka"):
        load_report_data(DATA, KKU, year)
