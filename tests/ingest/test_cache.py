"""The cache holds everything a read depends on, gives back only what it stored, and lives
beside the data, never in the folder a command happens to run from."""

import shutil

import pandas as pd

from kpureport.cli import main
from kpureport.ingest import cache, readers

from ..conftest import DATA, SAMPLES

ZONE = "Asia/Jakarta"


def _days(exports):
    return sorted(exports[0].table["date"].dt.year.unique())


def test_renaming_a_file_whose_name_gives_its_year_is_read_again(tmp_path):
    folder = tmp_path / "cache"
    old = tmp_path / "Overview_2022-12-31.csv"
    shutil.copy(SAMPLES / "tiktok-studio-Overview.csv", old)
    with cache.using(folder):
        assert _days(cache.read_exports(old, ZONE)) == [2022]
        new = old.rename(tmp_path / "Overview_2023-12-31.csv")
        renamed = cache.read_exports(new, ZONE)
    assert _days(renamed) == [2023]
    assert set(renamed[0].table["source"]) == {new.name}


def test_a_damaged_cached_table_is_never_used(tmp_path):
    folder = tmp_path / "cache"
    path = tmp_path / "Overview_2022-12-31.csv"
    shutil.copy(SAMPLES / "tiktok-studio-Overview.csv", path)
    with cache.using(None):
        parsed = readers.read_exports(path, ZONE)[0].table
    with cache.using(folder):
        cache.read_exports(path, ZONE)
        (table,) = folder.glob("exports/*/*/0.parquet")
        stored = table.read_bytes()
        for position in range(8, len(stored) - 8, max(1, len(stored) // 60)):
            damaged = bytearray(stored)
            damaged[position] ^= 0x10
            (table,) = folder.glob("exports/*/*/0.parquet")
            table.write_bytes(bytes(damaged))
            back = cache.read_exports(path, ZONE)[0].table
            pd.testing.assert_frame_equal(back, parsed, check_exact=True)


def test_check_keeps_its_cache_beside_the_data_not_in_the_working_folder(tmp_path, monkeypatch):
    data = tmp_path / "proyek" / "data"
    shutil.copytree(DATA / "contoh", data / "contoh")
    work = tmp_path / "kerja"
    work.mkdir()
    monkeypatch.chdir(work)
    main(["check", "--office", "contoh", "--data", str(data)])
    assert not (work / "outputs").exists()
    assert list((tmp_path / "proyek" / "outputs" / ".cache" / "exports").glob("*/*/exports.json"))


def test_inspect_of_a_lone_file_caches_in_the_user_s_cache_folder(tmp_path, monkeypatch):
    work = tmp_path / "kerja"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = tmp_path / "Overview_2024-12-31.csv"
    shutil.copy(SAMPLES / "tiktok-studio-Overview.csv", path)
    assert main(["inspect", str(path)]) == 0
    assert not (work / "outputs").exists()
    assert list((tmp_path / "xdg" / "kpureport" / "exports").glob("*/*/exports.json"))
