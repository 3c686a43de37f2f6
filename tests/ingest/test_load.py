"""Reading an office's folder: the profile, followers and narrative, every problem located by
file, row and column; its exports together (overlapping downloads and repeated form answers
counted once); check lists every problem across files, notes gaps and disagreeing downloads, and
refuses names that would break the report's files before anything is built."""

import datetime as dt
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kpureport.cli import main
from kpureport.config import MAX_NAME_CHARS, MAX_SLUG_CHARS
from kpureport.errors import DataError, OfficeNotFoundError, YearNotAvailableError
from kpureport.ingest.load import (
    check_office,
    load_exports,
    load_followers,
    load_narrative,
    load_profile,
    load_report_data,
    offices,
)

from ..conftest import DATA, KKU, SAMPLES
from .readers.helpers import _form, csv_rows


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


def _office_with(tmp_path: Path, files: dict[str, Path | str]) -> Path:
    folder = tmp_path / KKU
    shutil.copytree(DATA / KKU, folder)
    (folder / "exports").mkdir()
    for index, (name, content) in enumerate(files.items()):
        target = folder / "exports" / name
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
        os.utime(target, (1_700_000_000 + index, 1_700_000_000 + index))
    return folder


def test_overlapping_exports_count_each_post_once_and_the_newest_wins(tmp_path):
    sample = SAMPLES / "tweet_activity_metrics_2021-01_en.csv"
    text = sample.read_text(encoding="utf-8")
    newer = text.replace(
        '"1346954699635892225","https://twitter.com/rOpenSci/status/1346954699635892225"',
        '"1346954699635892225","https://twitter.com/rOpenSci/status/1346954699635892225"',
        1,
    )
    rows = csv_rows(sample)
    old_impressions = int(
        float(next(r for r in rows if r["Tweet id"] == "1346954699635892225")["impressions"])
    )
    newer = newer.replace(f'"{old_impressions}.0"', f'"{old_impressions + 100}.0"', 1)
    folder = _office_with(
        tmp_path,
        {
            # the later download is told by the day its name states, never by file times: here
            # the older download is the file written last
            "januari-diunduh-2021-02-10.csv": newer,
            "januari-diunduh-2021-02-01.csv": text,
            "views-a.csv": SAMPLES / "youtube-studio-Totals.csv",
            "views-b.csv": SAMPLES / "youtube-studio-Totals.csv",
        },
    )
    exports = load_exports(folder, load_profile(folder))
    assert len(exports.posts) == 40
    tweet = exports.posts.set_index("post_id").loc["1346954699635892225"]
    assert tweet["impressions"] == old_impressions + 100
    assert tweet["source"] == "januari-diunduh-2021-02-10.csv"
    coverage = exports.coverage.set_index("source")
    assert coverage.loc["januari-diunduh-2021-02-01.csv", "replaced"] == 40
    assert coverage.loc["januari-diunduh-2021-02-10.csv", "replaced"] == 0
    assert coverage.loc["januari-diunduh-2021-02-10.csv", "downloaded"] == pd.Timestamp(
        "2021-02-10"
    )
    assert len(exports.daily) == 365


def test_check_lists_every_problem_across_export_files(tmp_path, capsys):
    from kpureport.cli import main

    folder = _office_with(
        tmp_path,
        {
            "kosong.csv": "",
            "catatan.txt": "bukan ekspor",
            "aneh.csv": "Tanggal,Sesuatu\n2021-01-01,1\n",
        },
    )
    (folder / "exports" / "foto.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert main(["check", "--office", KKU, "--data", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "kosong.csv" in out and "foto.csv" in out and "aneh.csv" in out
    assert "gambar PNG" in out and "catatan.txt" not in out


def test_the_same_form_answers_in_two_exports_are_counted_once(tmp_path):
    folder = tmp_path / "kantor"
    shutil.copytree(DATA / KKU, folder)
    (folder / "exports").mkdir()
    first = ["2/1/2024 10:00:00", "2/13/2024 11:00:00"]
    _form(folder / "exports", first, name="jawaban.csv")
    _form(folder / "exports", first, name="jawaban (1).csv")  # a copy
    _form(folder / "exports", [*first, "3/1/2024 09:00:00"], name="jawaban-maret.csv")
    exports = load_exports(folder, load_profile(folder))
    assert len(exports.feedback) == 3
    assert any("4 jawaban formulir muncul lebih dari sekali" in str(n) for n in exports.notes)


def _overview(days: list[tuple[str, int]]) -> str:
    header = '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
    return header + "".join(f'"{d}","{v}","1","1","0","0"\n' for d, v in days)


def test_check_notes_months_without_daily_data_and_exports_that_disagree(tmp_path, capsys):
    from kpureport.cli import main

    folder = _office_with(
        tmp_path,
        {
            "Overview_2024-05-01.csv": _overview(
                [("January 30", 10), ("January 31", 12), ("April 29", 40)]
            ),
            "Overview_2024-05-02.csv": _overview([("April 29", 55), ("April 30", 41)]),
        },
    )
    profile = folder / "profile.yml"  # the TikTok account the data belongs to (check asks it)
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            "accounts:\n",
            "accounts:\n  - platform: tiktok\n    name: KPU KKU\n"
            "    url: https://www.tiktok.com/@kpu.kku\n    since: 2022-01\n",
            1,
        ),
        encoding="utf-8",
    )
    assert main(["check", "--office", KKU, "--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "data harian TikTok tidak ada untuk bulan Februari 2024, Maret 2024" in out
    assert (
        "\u201cOverview_2024-05-01.csv\u201d dan \u201cOverview_2024-05-02.csv\u201d berbeda "
        "untuk TikTok (views) pada 29 April 2024 (40 dan 55)"
    ) in out
    assert "yang dipakai angka dari unduhan yang lebih baru" in out
