"""Uploads: stored byte for byte, once, only when recognised; nothing outside the office."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from kpureport.app import exports
from kpureport.ingest.load import EXPORTS_DIR
from tests.conftest import DATA, SAMPLES


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "uji"
    (folder / EXPORTS_DIR).mkdir(parents=True)
    shutil.copy(DATA / "contoh" / "profile.yml", folder / "profile.yml")
    return folder


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_a_sample_is_stored_byte_for_byte_once_and_described(office):
    sample = SAMPLES / "tweet_activity_metrics_2021-01_en.csv"
    first = exports.store(office, sample.name, sample.read_bytes())
    assert first.status == "stored"
    assert first.stored.read_bytes() == sample.read_bytes()
    assert first.summaries[0]["platform"] == "twitter"
    assert first.summaries[0]["start"] == "2021-01-07"
    again = exports.store(office, "salinan.csv", sample.read_bytes())
    assert again.status == "duplicate" and sample.name in again.reason
    assert _files(office / EXPORTS_DIR) == {sample.name}


def test_a_same_named_different_file_keeps_its_name_in_a_sub_folder(office):
    name = "Overview_20220717_1735612200_kpu.contoh.zip"
    first = DATA / "contoh" / "exports" / name
    other = DATA / "contoh" / "exports" / "Overview_20220717_1703989800_kpu.contoh.zip"
    assert exports.store(office, name, first.read_bytes()).status == "stored"
    second = exports.store(office, name, other.read_bytes())
    assert second.status == "stored"
    assert second.stored == office / EXPORTS_DIR / "unggahan-2" / name  # TikTok's anchor kept
    listed = exports.listing(office)
    assert {row.relative for row in listed} == {name, f"unggahan-2/{name}"}
    assert all(row.summaries and not row.problem for row in listed)


def test_hostile_uploads_are_refused_and_nothing_is_written(office, tmp_path):
    before = _files(tmp_path)
    escaping = io.BytesIO()
    with zipfile.ZipFile(escaping, "w") as archive:
        archive.writestr("../../keluar.csv", (SAMPLES / "google-forms-responses.csv").read_bytes())
    outcomes = [
        exports.store(office, "jahat.zip", escaping.getvalue()),
        exports.store(office, "kosong.csv", b""),
        exports.store(office, ".bashrc", b"x"),
        exports.store(office, "catatan.txt", b"halo"),
        exports.store(office, "bukan-ekspor.csv", b"a,b\n1,2\n"),
    ]
    assert [o.status for o in outcomes] == ["refused"] * 5
    assert "luar folder arsip" in outcomes[0].reason
    assert "0 bita" in outcomes[1].reason
    assert _files(tmp_path) == before
    assert not list((tmp_path).rglob("keluar.csv"))


def test_a_name_with_a_path_is_stored_under_its_last_part_inside_exports(office, tmp_path):
    sample = SAMPLES / "youtube-studio-Totals.csv"
    outcome = exports.store(office, "../../../youtube-studio-Totals.csv", sample.read_bytes())
    assert outcome.status == "stored"
    assert outcome.stored == office / EXPORTS_DIR / "youtube-studio-Totals.csv"
    assert not (tmp_path / "youtube-studio-Totals.csv").exists()


def test_removing_moves_the_file_out_of_exports_and_keeps_it(office):
    sample = SAMPLES / "youtube-studio-Totals.csv"
    exports.store(office, sample.name, sample.read_bytes())
    moved = exports.remove(office, sample.name)
    assert moved.read_bytes() == sample.read_bytes()
    assert exports.listing(office) == []
    with pytest.raises(exports.KpuReportError):
        exports.remove(office, "../profile.yml")
    assert (office / "profile.yml").is_file()


def test_coverage_marks_the_months_some_export_covers(office):
    sample = SAMPLES / "tweet_activity_metrics_2021-01_en.csv"
    exports.store(office, sample.name, sample.read_bytes())
    strips = exports.coverage(exports.listing(office), 2021, ["instagram", "twitter"])
    by_label = {s["label"]: [m["covered"] for m in s["months"]] for s in strips}
    assert by_label["Twitter"] == [True] + [False] * 11
    assert by_label["Instagram"] == [False] * 12
