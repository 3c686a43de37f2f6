"""The demo office: generated deterministically, and every section of its report renders."""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA, ROOT


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_generator_reproduces_the_committed_demo_data(tmp_path):
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "make_contoh.py"),
            "--out",
            str(tmp_path / "contoh"),
        ],
        check=True,
        capture_output=True,
    )
    assert _digest(tmp_path / "contoh") == _digest(DATA / "contoh")


@pytest.fixture(scope="module")
def contoh_html(built_demo) -> str:
    return (built_demo / "laporan-media-sosial-contoh-2024.html").read_text(encoding="utf-8")


def test_every_section_of_the_demo_report_renders(contoh_html):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", contoh_html))
    for heading in (
        "Pertumbuhan Pengikut",
        "A. Aktivitas Unggahan",
        "B. Interaksi Pengikut",
        "C. Unggahan dengan Interaksi Terbanyak",
        "D. Polling Pendapat",
        "E. Kritik dan Saran",
        "METODE DAN SUMBER DATA",
    ):
        assert heading in text
    assert "Instagram 21,4% (54.405 menjadi 66.042 pengikut)" in text
    assert "Selang kepercayaan" not in text  # a self-selected poll is shown by its counts
    assert contoh_html.count("<img") >= 7  # the charts of every part but the polls (tables)
    assert "tidak tersedia, sehingga aktivitas unggahan" not in text


def test_the_demo_report_says_it_is_fictional_on_its_first_page(contoh_html):
    first_page = contoh_html.split('class="daftar-isi"')[0]
    assert "DOKUMEN CONTOH" in first_page and "fiktif" in first_page


def test_no_personal_data_reaches_the_demo_report(contoh_html):
    for secret in (
        "0812-5566-7788",
        "6104015708900003",
        "guru@sman1contoh.sch.id",
        "warga0@contoh.id",
    ):
        assert secret not in contoh_html
    assert "[nomor telepon dihapus]" in contoh_html or "[NIK dihapus]" in contoh_html
    assert re.search(
        r"dihapus (\d+|\w+) NIK, (\d+|\w+) nomor telepon, dan (\d+|\w+) alamat surel", contoh_html
    )


def _tiktok_rows(tab: str, year: int) -> list[dict]:
    """A TikTok tab of the demo office's year-end download (2023 or 2024), read straight from
    its ZIP: the download times in the names sort the years."""
    import csv
    import io
    import zipfile

    candidates = sorted((DATA / "contoh" / "exports").glob(f"{tab}_*.zip"))
    path = candidates[-1] if year == 2024 else candidates[0]
    with zipfile.ZipFile(path) as archive:
        text = archive.read(f"{tab}.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_demo_report_shows_tiktok_and_instagram_stories(contoh_html):
    import pandas as pd

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", contoh_html))
    overview = [r for r in _tiktok_rows("Overview", 2024) if r["Video Views"] != "undefined"]
    views = sum(int(r["Video Views"]) for r in overview)
    interactions = sum(int(r[k]) for r in overview for k in ("Likes", "Comments", "Shares"))
    rate = f"{interactions / views * 100:.2f}".replace(".", ",") + "%"
    assert f"{interactions:,}".replace(",", ".") + " interaksi" in text
    assert f"dari {views:,}".replace(",", ".") + " penayangan video, atau " + rate in text
    assert "sampai 29 Desember 2024" in text  # TikTok lags: the last two days are not in yet
    followers = _tiktok_rows("FollowerHistory", 2024)
    assert followers[-1]["Followers"] == "undefined"
    assert "TikTok 86,4% (5.260 menjadi 9.804 pengikut)" in text
    assert "Video TikTok dengan penayangan terbanyak" in text
    assert "Waktu Aktif dan Sebaran Pengikut" in text and "perempuan" in text

    instagram = pd.read_csv(DATA / "contoh" / "exports" / "instagram-2024.csv")
    stories = instagram[instagram["Post type"] == "IG story"]
    published = (
        pd.to_datetime(stories["Publish time"], format="%m/%d/%Y %H:%M")
        .dt.tz_localize("America/Los_Angeles")
        .dt.tz_convert("Asia/Pontianak")
    )
    in_year = int((published.dt.year == 2024).sum())
    assert f"menerbitkan {in_year} story di Instagram" in text
    assert "Story per platform" in text and "Ketukan stiker" in text  # in the story table
    assert (
        "waktu Pasifik Amerika Serikat" in text
        and "TikTok Studio menulis tanggal tanpa tahun" in text
    )
    assert "Cakupan data" in text


def test_figures_that_exist_only_in_a_chart_are_also_text(contoh_html):
    """The follower lines' earlier years and the platform split of monthly posts are in the
    charts' folded data tables, for a screen reader and for the printed copy."""
    from kpureport.document.report import Report
    from kpureport.formatting import number

    report = Report.load("contoh", 2024, DATA)
    folded = "".join(
        re.findall(r'<details class="data-grafik[^"]*">.*?</details>', contoh_html, re.S)
    )
    assert folded.count("<table") >= 4
    for row in report.figures.history[
        report.figures.history["year"].between(2020, 2022)
    ].itertuples():
        assert f'<td class="angka">{number(row.followers)}</td>' in folded
    march = report.figures.per_month.loc[3]
    assert all(f">{number(int(v))}<" in folded for v in march)
