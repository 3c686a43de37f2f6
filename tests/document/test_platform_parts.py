"""The report parts from the 2025 exports and the staff's monthly table, on the demo office's
2025 data; figures are computed again here from the files with the csv module."""

import csv
import datetime as dt
import re
import shutil
from zoneinfo import ZoneInfo

import pytest

from kpureport.document.report import Report

from ..conftest import DATA, KKU

EXPORTS = DATA / "contoh" / "exports"


@pytest.fixture(scope="module")
def report() -> Report:
    return Report.load("contoh", 2025, DATA)


def _text(fragment) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment.html))


def _rows(name: str) -> list[dict]:
    with (EXPORTS / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_staff_figures_are_shown_with_their_source_named(report):
    text = _text(report.staff_figures())
    with (DATA / "contoh" / "monthly.csv").open(encoding="utf-8") as handle:
        whatsapp = [r for r in csv.DictReader(handle) if r["platform"] == "whatsapp"]
    views = sum(int(r["tayangan"]) for r in whatsapp)
    last = int(whatsapp[-1]["pengikut"])
    assert f"WhatsApp 12 {last:,} (Desember 2025)".replace(",", ".") in text
    assert f"{views:,}".replace(",", ".") + " dicatat staf" in text


def test_organic_and_boosted_reach_uses_the_later_download(report):
    text = _text(report.distribution())

    def year(row: dict) -> int:  # Publish time is US Pacific time; the office is WIB
        written = dt.datetime.strptime(row["Publish time"], "%m/%d/%Y %H:%M")
        pacific = written.replace(tzinfo=ZoneInfo("America/Los_Angeles"))
        return pacific.astimezone(ZoneInfo("Asia/Pontianak")).year

    rows = [r for r in _rows("Jan-01-2025_Dec-31-2025_1029384756.csv") if year(r) == 2025]
    organic = sum(int(r["Reach from Organic posts"]) for r in rows)
    paid = sum(int(r["Reach from Boosted posts"]) for r in rows)
    share = f"{paid * 100 / (organic + paid):.1f}".replace(".", ",")
    assert f"Dari jangkauan unggahan Facebook, {share}% berasal dari unggahan berbayar" in text
    assert f"{organic:,}".replace(",", ".") in text


def test_the_meta_audience_section_gives_age_gender_and_cities_with_the_snapshot(report):
    text = _text(report.meta_audience())
    assert "Pengikut Facebook menurut usia dan jenis kelamin, 31 Desember 2025" in text
    assert "Kota asal pengikut Facebook terbanyak, 31 Desember 2025" in text


def test_the_appendix_names_the_download_used_for_posts_in_two_downloads(report):
    notes = " ".join(report.export_notes())
    june = {r["Post ID"] for r in _rows("Jan-01-2025_Jun-30-2025_1029384756.csv")}
    assert (
        f"{len(june)} unggahan Facebook pada \u201cJan-01-2025_Jun-30-2025_1029384756.csv\u201d"
        in notes
    )
    assert "\u201cJan-01-2025_Dec-31-2025_1029384756.csv\u201d, diunduh 31 Desember 2025" in notes
    assert "Waktu berkas di komputer tidak dipakai" in notes


def _facebook(path, column: str, rows: list[tuple[str, str, int, int]], reach: bool = True):
    header = ["Post ID", "Page ID", "Publish time", "Permalink", "Post type", column, "Reactions"]
    header += ["Reach"] if reach else []
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for post, when, seen, likes in rows:
            link = f"https://www.facebook.com/x/posts/{post}"
            writer.writerow(
                [post, "5001", when, link, "Photos", seen, likes] + ([seen // 2] if reach else [])
            )


@pytest.mark.parametrize("reach", [True, False])
def test_a_year_with_impressions_in_january_and_views_in_december_says_so(tmp_path, reach):
    folder = tmp_path / KKU
    shutil.copytree(DATA / KKU, folder)
    shutil.rmtree(folder / "exports", ignore_errors=True)
    (folder / "exports").mkdir()
    _facebook(
        folder / "exports" / "Jan-01-2024_Jan-31-2024_5001.csv",
        "Impressions",
        [("1", "01/10/2024 10:00", 1000, 30), ("2", "01/20/2024 10:00", 800, 20)],
        reach,
    )
    _facebook(
        folder / "exports" / "Dec-01-2024_Dec-31-2024_5001.csv",
        "Views",
        [("3", "12/10/2024 10:00", 1200, 50)],
        reach,
    )
    report = Report.load(KKU, 2024, tmp_path)
    notes = " ".join(report.export_notes())
    assert "impresi untuk unggahan Januari dan penayangan (Views) untuk unggahan Desember" in notes
    rate = report.rates.set_index("platform").loc["facebook"]
    if reach:
        assert rate["base_label"] == "jangkauan" and rate["denominator"] == (1000 + 800 + 1200) // 2
    else:
        assert rate["base_label"] == "impresi (unggahan Januari) dan penayangan (unggahan Desember)"
        assert rate["denominator"] == 1000 + 800 + 1200


@pytest.mark.build
def test_the_demo_offices_2025_report_builds_with_the_new_parts(tmp_path):
    from kpureport.cli import main

    out = tmp_path / "outputs"
    args = ["build", "--office", "contoh", "--year", "2025", "--data", str(DATA)]
    assert main([*args, "--out", str(out), "--format", "html"]) == 0
    html = (out / "contoh" / "2025" / "laporan-media-sosial-contoh-2025.html").read_text("utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for heading in (
        "Angka dari Aplikasi yang Dicatat Staf",
        "Jangkauan Organik dan Berbayar",
        "Sebaran Pengikut Facebook dan Instagram",
        "Urutan unduhan ditentukan oleh tanggal unduh",
    ):
        assert heading in text
