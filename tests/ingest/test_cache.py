"""Exports parsed once: the cache gives back exactly what the readers give, is keyed by the
file's bytes (one byte edited, the report changes), survives damage, and can be bypassed. It
holds everything a read depends on, gives back only what it stored, and lives beside the data,
never in the folder a command happens to run from."""

import shutil

import pandas as pd

from kpureport.cli import main
from kpureport.ingest import cache, readers
from kpureport.ingest.load import load_report_data

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


OFFICE = "contoh-pesisir"


def _entries(folder):
    return sorted((folder / "exports").glob("*/*/exports.json"))


def _same(a, b):
    for name in ("posts", "daily", "feedback", "audience", "top_videos", "coverage"):
        left, right = getattr(a, name), getattr(b, name)
        if left is None:
            assert right is None
        else:
            pd.testing.assert_frame_equal(left, right, check_exact=True)


def test_cached_tables_are_exactly_the_parsed_ones(tmp_path):
    with cache.using(None):
        parsed = load_report_data(DATA, "contoh", 2024)
    folder = tmp_path / "cache"
    with cache.using(folder):
        cold = load_report_data(DATA, "contoh", 2024)
        stored = _entries(folder)
        warm = load_report_data(DATA, "contoh", 2024)
    # every export of the demo office (Meta, X, YouTube, TikTok ZIPs, forms) is stored
    assert len(stored) == len(list((DATA / "contoh" / "exports").iterdir()))
    assert _entries(folder) == stored  # the warm load added nothing: it read them all
    _same(parsed, cold)
    _same(parsed, warm)


def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path):
    folder = tmp_path / "cache"
    with cache.using(folder):
        first = load_report_data(DATA, OFFICE, 2024)
        for table in (folder / "exports").glob("*/*/0.parquet"):
            table.write_bytes(b"not parquet")
        # a staging folder left by a killed worker is never read
        (folder / "exports" / cache.code_version()[:16] / ".half-written").mkdir()
        again = load_report_data(DATA, OFFICE, 2024)
        third = load_report_data(DATA, OFFICE, 2024)
    _same(first, again)
    _same(first, third)
    assert all(
        t.read_bytes().startswith(b"PAR1") for t in (folder / "exports").glob("*/*/0.parquet")
    )


def _build(data, out, *extra):
    args = ["build", "--office", OFFICE, "--year", "2024", "--data", str(data)]
    assert main([*args, "--out", str(out), "--format", "html", "--force", *extra]) == 0
    return (out / OFFICE / "2024" / f"laporan-media-sosial-{OFFICE}-2024.html").read_text(
        encoding="utf-8"
    )


def test_reports_are_identical_with_and_without_the_cache_and_follow_an_edited_byte(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / OFFICE, data / OFFICE)
    out = tmp_path / "out"
    plain = _build(data, out, "--no-cache")
    assert not (out / cache.CACHE_DIR).exists()
    cold = _build(data, out)
    warm = _build(data, out)
    assert plain == cold == warm
    assert len(_entries(out / cache.CACHE_DIR)) == 4

    # one byte of one export changed: a post's likes, 1xx -> 9xx
    export = data / OFFICE / "exports" / "instagram-2024.csv"
    lines = export.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[1].split(",")
    likes = cells[13]
    cells[13] = "9" + likes[1:]
    lines[1] = ",".join(cells)
    export.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    edited = _build(data, out)
    assert edited != warm
    with cache.using(None):
        reread = _build(data, tmp_path / "fresh", "--no-cache")
    assert edited == reread


def test_entries_of_older_code_are_removed_when_new_code_stores(tmp_path):
    folder = tmp_path / "cache"
    old = folder / "exports" / "0123456789abcdef" / "f00d"
    old.mkdir(parents=True)
    (old / "exports.json").write_text("[]", encoding="utf-8")
    with cache.using(folder):
        load_report_data(DATA, OFFICE, 2024)
    assert not old.parent.exists()
    assert len(_entries(folder)) == 4
