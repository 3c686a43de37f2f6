"""The printed report's length and front matter, from the real builds printed by Chromium and
read by pdfinfo and pdftotext: the demo in at most 22 A4 pages, the cover alone, the contents on
one page, the summary on one page before the targets, no lists of tables unless asked, and
the chart figures and monthly tables left to the workbook."""

import re
import subprocess
from pathlib import Path

import pytest

from kpureport.output import export

from ..test_export import _pages, needs_browser

DEMO = "laporan-media-sosial-contoh-2024"
SEED = "laporan-media-sosial-kayong-utara-2021"
#: The most pages the demo report may print (issue 23: half of its former 40).
MOST_PAGES = 22


def _count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


@needs_browser
@pytest.mark.build
def test_the_demo_prints_in_at_most_22_pages_with_its_front_matter_in_order(built_demo):
    pdf = built_demo / f"{DEMO}.pdf"
    assert _count(pdf) <= MOST_PAGES
    pages = _pages(pdf)
    # the cover alone; the contents on the next page, all of it
    assert "LAPORAN PENGGUNAAN MEDIA SOSIAL" in pages[0] and "DAFTAR ISI" not in pages[0]
    assert "DAFTAR ISI" in pages[1] and "LAMPIRAN METODE DAN SUMBER DATA" in pages[1]
    # the summary is page 3 whole, the targets follow on page 4
    summary = pages[2]
    assert "RINGKASAN EKSEKUTIF" in summary and "CAPAIAN TARGET KINERJA" not in summary
    for part in ("Kartu kinerja per platform", "Catatan Penting", "Tindak Lanjut Tahun 2025"):
        assert part in summary, part
    assert "Memaksimalkan kolaborasi dengan akun pemerintah daerah" in summary
    assert "CAPAIAN TARGET KINERJA" in pages[3]
    text = " ".join(pages)
    # lists of tables only when asked; no chart's data table unless the text relies on it
    assert "DAFTAR TABEL" not in text and "DAFTAR GAMBAR" not in text
    assert "Instagram per bulan, tahun 2023 dan 2024" not in text
    assert "tidak dicetak: tabel itu ada pada lampiran data" in text
    assert text.count("Data grafik") == 3  # trend, posts per month, active hours
    html = (built_demo / f"{DEMO}.html").read_text(encoding="utf-8")
    assert html.count('<details class="data-grafik') > 3  # all folded under their charts
    assert "Instagram per bulan, tahun 2023 dan 2024" in html


@needs_browser
@pytest.mark.build
def test_the_seed_keeps_its_cover_and_summary_on_pages_of_their_own(built):
    pages = _pages(built / f"{SEED}.pdf")
    assert "DAFTAR ISI" not in pages[0] and "DAFTAR ISI" in pages[1]
    assert "RINGKASAN EKSEKUTIF" in pages[2] and "BAB I" not in pages[2]
    assert "1.030" in pages[2]  # Instagram's followers, in the scorecard


@needs_browser
@pytest.mark.build
def test_the_lists_of_tables_and_figures_are_printed_when_the_office_asks(built_demo):
    html = (built_demo / f"{DEMO}.html").read_text(encoding="utf-8")
    asked = html.replace("<nav ", "<nav data-daftar-lain ", 1)
    assert asked != html
    pdf = export.print_pdf(asked, export.find_browser(), export.PageSetup())
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "DAFTAR TABEL" in text and "DAFTAR GAMBAR" in text
