"""A report's fingerprint is made of contents, never of places: the same office in two folders
is the same report, and every file of the package that can change a report is in it."""

import shutil
from pathlib import Path

import pytest

from kpureport.config import PACKAGE_DIR
from kpureport.engine import build
from kpureport.engine.batch import Job, _current

from ..conftest import DATA, KKU


def stamp(data_dir: Path, office: str = "contoh", year: int = 2024) -> str:
    doc, inputs = build.report_document(office, year, data_dir, data_dir.parent / "out")
    return build.fingerprint(inputs, doc.notebook, doc.data_dir)


@pytest.fixture
def package(tmp_path, monkeypatch) -> Path:
    """A copy of the package installed in another folder (as a wheel puts it in site-packages),
    with its notebooks inside it."""
    copy = tmp_path / "MMM" / "site-packages" / "kpureport"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(build.notebooks_dir(), copy / "notebooks")
    monkeypatch.setattr(build, "PACKAGE_DIR", copy)
    monkeypatch.setattr(build, "notebooks_dir", lambda: copy / "notebooks")
    return copy


def test_two_copies_of_an_office_in_different_folders_agree(tmp_path, package):
    # One copy's folder sorts before the package's, the other after it.
    first, second = tmp_path / "AAA" / "data", tmp_path / "zzz" / "deeper" / "data"
    for data in (first, second):
        shutil.copytree(DATA / "contoh", data / "contoh")
    assert stamp(first) == stamp(second)


def test_the_package_in_a_checkout_or_installed_gives_the_same_fingerprint(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "contoh", data / "contoh")
    in_checkout = stamp(data)
    with pytest.MonkeyPatch.context() as patch:
        copy = tmp_path / "venv" / "kpureport"
        shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(build.notebooks_dir(), copy / "notebooks")
        patch.setattr(build, "PACKAGE_DIR", copy)
        patch.setattr(build, "notebooks_dir", lambda: copy / "notebooks")
        assert stamp(data) == in_checkout


def test_moving_an_export_out_of_exports_or_editing_a_byte_changes_it(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "contoh", data / "contoh")
    before = stamp(data)
    exports = data / "contoh" / "exports"
    moved = data / "contoh" / "instagram-2024.csv"
    (exports / "instagram-2024.csv").rename(moved)
    assert stamp(data) != before
    moved.rename(exports / "instagram-2024.csv")
    assert stamp(data) == before
    followers = data / "contoh" / "followers.csv"
    followers.write_bytes(followers.read_bytes() + b"\n")
    assert stamp(data) != before


def test_every_file_that_can_change_a_report_is_in_it():
    names = dict(build.package_files())
    for kind in ("tahapan/*.yml", "lexicon/*.yml", "templates/**/*.*", "**/*.py"):
        shipped = [p for p in PACKAGE_DIR.glob(kind) if "__pycache__" not in p.parts]
        assert shipped, kind
        assert {p.relative_to(PACKAGE_DIR).as_posix() for p in shipped} <= set(names), kind
    assert {"notebooks/laporan.ipynb", "notebooks/rekap.ipynb"} <= set(names)
    assert "templates/word/referensi.docx" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


@pytest.mark.build
def test_editing_one_calendar_file_rebuilds(tmp_path, package):
    out = tmp_path / "out"
    data = tmp_path / "data"
    shutil.copytree(DATA / KKU, data / KKU)
    result = build.build_report(KKU, 2021, data, out, formats=["html"], force=False)
    assert not result.skipped
    job = Job(KKU, 2021)
    assert _current(job, data, out, ("html",)) is not None  # up to date: would be skipped
    calendar = package / "tahapan" / "pilkada-2020.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + "\n# dikoreksi\n", "utf-8")
    assert _current(job, data, out, ("html",)) is None
    rebuilt = build.build_report(KKU, 2021, data, out, formats=["html"], force=False)
    assert not rebuilt.skipped
