"""Exports parsed once: the cache gives back exactly what the readers give, is keyed by the
file's bytes (one byte edited, the report changes), survives damage, and can be bypassed."""

import shutil

import pandas as pd

from kpureport.cli import main
from kpureport.ingest import cache
from kpureport.ingest.load import load_report_data

from .conftest import DATA

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
