"""The exported files as readers get them: opened in a real browser with no network, printed
to PDF by a real Chromium, and safe against hostile text in the data; and the printed report's
length and front matter, from the real builds printed by Chromium and read by pdfinfo and
pdftotext: the demo in at most 22 A4 pages, the cover alone, the contents on one page, the
summary on one page before the targets, no lists of tables unless asked, and the chart figures
and monthly tables left to the workbook."""

import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kpureport.engine.build import build_report
from kpureport.output import export
from kpureport.output.export import BROWSER_ARGS, BROWSER_ENV, find_browser

from ..conftest import KKU, ROOT

#: Every test here runs whole builds (papermill kernels, browsers).
pytestmark = pytest.mark.build

STEM = "laporan-media-sosial-kayong-utara-2021"
BROWSER = find_browser()
needs_browser = pytest.mark.skipif(
    BROWSER is None and not os.environ.get("CI"), reason="no Chromium-family browser here"
)
SCREENSHOTS = ROOT / "outputs" / "screenshots"
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


def test_the_signature_is_printed_on_the_page_of_the_closing_text(built):
    """As an official letter is signed: never a signature alone on its page (the seed's
    chapter IV fills its page, so chapter V and the signature move on together)."""
    pages = _pages(built / f"{SEED}.pdf")
    [signed] = [page for page in pages if "Rudi Handoko" in page]
    assert "Demikian kami sampaikan" in signed


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


def open_offline(html_path: Path, screenshot: str | None = None) -> dict:
    """Load a page from disk with every network request refused; report what happened."""
    requests, console_errors = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(BROWSER), args=[*BROWSER_ARGS, "--no-sandbox"]
        )
        page = browser.new_page()

        def refuse(route):
            url = route.request.url
            if url.startswith(("data:", "file:")):
                route.continue_()
            else:
                requests.append(url)
                route.abort()

        page.route("**/*", refuse)
        page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
        page.on("pageerror", lambda e: console_errors.append(str(e)))
        page.goto(html_path.as_uri(), wait_until="load")
        result = page.evaluate("""() => ({
            headings: [...document.querySelectorAll('h1, h2, h3')].map(h => [h.tagName, h.innerText]),
            tables: [...document.querySelectorAll('table')].map(t => ({
                headers: t.querySelectorAll('th').length, rows: t.tBodies[0].rows.length})),
            images: [...document.images].map(i => ({ok: i.complete && i.naturalWidth > 0, alt: i.alt})),
            scripts: document.scripts.length,
            xss: window.__xss === true,
            lang: document.documentElement.lang,
        })""")
        if screenshot:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / screenshot), full_page=True)
        browser.close()
    return dict(result, requests=requests, console_errors=console_errors)


@needs_browser
def test_report_opens_offline_with_no_request_and_no_console_error(built: Path):
    seen = open_offline(built / f"{STEM}.html", screenshot=f"{STEM}.png")
    assert seen["requests"] == []
    assert seen["console_errors"] == []
    assert seen["lang"] == "id" and seen["scripts"] == 0
    headings = [" ".join(text.split()) for _, text in seen["headings"]]
    assert headings[0].startswith("LAPORAN PENGGUNAAN MEDIA SOSIAL")
    assert [h for h in headings if h.startswith("BAB")] == [
        "BAB I PENDAHULUAN",
        "BAB II PLATFORM MEDIA SOSIAL DI KPU KABUPATEN KAYONG UTARA",
        "BAB III PENGGUNAAN FITUR MEDIA SOSIAL",
        "BAB IV KENDALA DAN SOLUSI",
        "BAB V PENUTUP",
    ]
    levels = [int(tag[1]) for tag, _ in seen["headings"]]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    # the summary's scorecard (platform and followers: 2021 has no post export; a row per
    # account), then the followers table
    assert seen["tables"] == [{"headers": 2 + 4, "rows": 4}, {"headers": 5 + 4 + 1, "rows": 4}]
    assert seen["images"] and all(i["ok"] and i["alt"] for i in seen["images"])
    assert (SCREENSHOTS / f"{STEM}.png").stat().st_size > 10_000


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_browser
def test_pdf_is_a4_with_selectable_figures_and_page_numbers(built: Path):
    pdf = built / f"{STEM}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 5 <= pages <= 12
    assert "(A4)" in info
    text = _pdf_text(pdf)
    for expected in (
        "1.030",
        "2.064",
        "49,9%",
        "BAB V",
        "Rudi Handoko",
        f"Halaman 1 dari {pages}",
        f"Halaman {pages} dari {pages}",
        "Pemilih Berdaulat Negara Kuat",
    ):
        assert expected in text


def test_without_a_browser_the_html_is_still_written_and_the_message_says_how(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(BROWSER_ENV, raising=False)
    result = build_report(KKU, 2021, ROOT / "data", tmp_path / "out")
    assert sorted(p.suffix for p in result.files) == [".html", ".ipynb", ".xlsx"]
    [warning] = result.warnings
    assert "PDF tidak dibuat" in warning and "apt-get install chromium" in warning
    assert BROWSER_ENV in warning


def test_a_browser_path_that_does_not_exist_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(BROWSER_ENV, str(tmp_path / "chrome.exe"))
    result = build_report(KKU, 2021, ROOT / "data", tmp_path / "out", formats=["pdf"])
    assert [p.suffix for p in result.files] == [".ipynb"]
    assert str(tmp_path / "chrome.exe") in result.warnings[0]


@needs_browser
def test_a_printer_whose_browser_driver_is_gone_closes_without_an_error():
    """A batch or Dask worker ending stops its children before its finalizers close the
    printer; closing it then must not print a traceback at exit."""
    printer = export.PdfPrinter(find_browser()).__enter__()
    assert printer.print("<p>Uji</p>").startswith(b"%PDF")
    printer._playwright.stop()
    printer.__exit__(None, None, None)


@needs_browser
def test_a_printer_made_on_a_thread_that_has_ended_closes_without_an_error():
    """A Dask worker's printer is made on the worker's thread; the process's finalizers close
    it from the main thread after that thread is gone."""
    import threading

    made = []
    thread = threading.Thread(
        target=lambda: made.append(export.PdfPrinter(find_browser()).__enter__())
    )
    thread.start()
    thread.join()
    made[0].__exit__(None, None, None)


HOSTILE = [
    "<script>window.__xss = true</script>",
    '<img src=x onerror="window.__xss = true">',
    "[klik di sini](javascript:window.__xss=true)",
    '<a href="javascript:window.__xss=true">tautan</a>',
    "![pelacak](https://contoh.invalid/pelacak.png)",
    '<iframe src="https://contoh.invalid"></iframe>',
    "{{ 7*7 }} {% raw %}",
]


@needs_browser
def test_hostile_text_in_every_input_is_shown_as_text_never_run(data_dir, tmp_path):
    hostile = " ".join(HOSTILE)
    folder = data_dir / KKU
    profile = folder / "profile.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8")
        .replace("name: PPID KPU KKU", f"name: {hostile!r}")
        .replace("city: Sukadana", "city: '<b onmouseover=alert(1)>Sukadana</b>'"),
        encoding="utf-8",
    )
    narrative = folder / "narrative" / "2021.yml"
    text = narrative.read_text(encoding="utf-8")
    text = text.replace("introduction: |\n", f"introduction: |\n  {hostile}\n\n")
    text = text.replace(
        "  - KPU KKU memaksimalkan anggaran yang telah disediakan.", f"  - {hostile!r}"
    )
    text = text.replace("name: Rudi Handoko", "name: '<script>window.__xss = true</script>'")
    narrative.write_text(text, encoding="utf-8")
    (folder / "feedback.csv").write_text(
        "tanggal,kanal,kategori,isi\n"
        + "".join(
            f'2021-03-0{i},WhatsApp,kritik,"{h.replace(chr(34), chr(39))} belum jelas"\n'
            for i, h in enumerate(HOSTILE[:4], start=1)
        ),
        encoding="utf-8",
    )
    exports = folder / "exports"
    exports.mkdir()
    caption = HOSTILE[0] + " " + HOSTILE[1].replace('"', "'")
    (exports / "ig.csv").write_text(
        "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,"
        "Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves\n"
        f'1,2,kpu,KPU,"{caption}",0,03/27/2021 06:08,javascript:window.__xss=true,IG image,,Lifetime,'
        "160,50,30,2,4,45,1\n",
        encoding="utf-8",
    )

    result = build_report(KKU, 2021, data_dir, tmp_path / "out", formats=["html"])
    html_path = next(p for p in result.files if p.suffix == ".html")
    html = html_path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|iframe)|<img[^>]*onerror|<[^>]+onmouseover", html)
    assert not re.search(r"<a[^>]+href=\"javascript:|<[^>]+src=\"https://contoh", html)
    assert "&lt;script&gt;window.__xss = true&lt;/script&gt;" in html
    assert "C. Unggahan dengan Interaksi Terbanyak" in html and "E. Kritik dan Saran" in html
    seen = open_offline(html_path)
    assert seen["xss"] is False
    assert seen["requests"] == [] and seen["console_errors"] == []


def test_pdftotext_and_pdfinfo_are_installed():
    """The PDF checks above need poppler; CI installs it with chromium."""
    assert shutil.which("pdftotext") and shutil.which("pdfinfo")


DEMO_STEM = "laporan-media-sosial-contoh-2024"


def _reports(built: Path, built_demo: Path) -> list[Path]:
    return [built / STEM, built_demo / DEMO_STEM]


@needs_browser
@pytest.mark.parametrize("width", [360, 320])
def test_on_a_phone_the_page_never_scrolls_sideways(built: Path, built_demo: Path, width: int):
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(BROWSER), args=[*BROWSER_ARGS, "--no-sandbox"]
        )
        for stem in _reports(built, built_demo):
            page = browser.new_page(viewport={"width": width, "height": 740})
            page.goto(stem.with_suffix(".html").as_uri(), wait_until="load")
            seen = page.evaluate("""() => {
                const width = document.documentElement.clientWidth;
                const tables = [...document.querySelectorAll('table')].map(table => {
                    const box = table.closest('.gulir') || table.parentElement;
                    box.scrollLeft = box.scrollWidth;  // scrolled to the end inside its box
                    return {
                        boxRight: box.getBoundingClientRect().right,
                        tableRight: table.getBoundingClientRect().right,
                        focusable: box.tabIndex === 0,
                    };
                });
                const images = [...document.images].map(i => i.getBoundingClientRect().right);
                const smallest = Math.min(...[...document.querySelectorAll('main p, main td')]
                    .map(e => parseFloat(getComputedStyle(e).fontSize)));
                return {width, scroll: document.documentElement.scrollWidth, tables, images,
                        smallest};
            }""")
            assert seen["scroll"] <= seen["width"], stem.name
            for table in seen["tables"]:
                assert table["boxRight"] <= seen["width"] + 0.5
                assert table["tableRight"] <= table["boxRight"] + 1  # its right edge is reachable
                assert table["focusable"]  # keyboard users can scroll it too
            assert all(right <= seen["width"] + 0.5 for right in seen["images"])
            assert seen["smallest"] >= 12  # px: readable without zooming
            link = page.locator("nav.daftar-isi a").last
            target = link.get_attribute("href")
            link.click()
            assert page.evaluate("() => location.hash") == target
            assert page.locator(target).is_visible()
            page.close()
        browser.close()


def _pages(pdf: Path) -> list[str]:
    """The text of each page, whitespace collapsed."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    return [
        " ".join(
            subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        )
        for n in range(1, count + 1)
    ]


def _contents(pdf: Path) -> list[tuple[str, int]]:
    """The printed contents as (title, page): from the "DAFTAR ISI" line on, every line that
    ends in a page number, with the lines before it that carried the rest of a long title."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    start = next(n for n, page in enumerate(pages) if "DAFTAR ISI" in page)
    pages[start] = pages[start].split("DAFTAR ISI", 1)[1]
    entries, pending, first_page = [], [], None
    for page_number, page in enumerate(pages[start:], start=start + 1):
        if first_page and page_number >= first_page:
            break
        for line in page.split("\n"):
            if not line.strip() or "Halaman" in line or line.strip().startswith("Laporan "):
                continue
            if line.strip() in ("DAFTAR TABEL", "DAFTAR GAMBAR"):
                continue
            found = re.match(r"\s*(.*\S)\s{2,}(\d+)$", line)
            if not found:
                pending.append(line.strip())
                continue
            title = " ".join([*pending, found.group(1)])
            pending = []
            entries.append((title, int(found.group(2))))
            first_page = first_page or int(found.group(2))
    return entries


@needs_browser
def test_the_pdf_contents_give_the_page_each_title_is_printed_on(built: Path, built_demo: Path):
    for stem in _reports(built, built_demo):
        pages = _pages(stem.with_suffix(".pdf"))
        entries = _contents(stem.with_suffix(".pdf"))
        chapters = [t for t, _ in entries if t.startswith("BAB")]
        assert len(chapters) == 5, (stem.name, entries)
        assert any(t.startswith("LAMPIRAN") for t, _ in entries)
        for title, page in entries:
            words = title.split()
            start = " ".join(words[:6])  # a long title wraps differently on its own page
            assert start in pages[page - 1], (stem.name, title, page)
            body = entries[0][1] - 1  # the pages before the first chapter hold the contents
            earlier = [n + 1 for n in range(body, page - 1) if start in pages[n]]
            assert not earlier, (stem.name, title, page, earlier)  # the first page it is on
    demo = _contents(built_demo / f"{DEMO_STEM}.pdf")
    # the lists of tables and figures only when the office asks (tested in this file)
    assert not any(t.startswith(("Tabel", "Gambar")) for t, _ in demo)


def _flat(outline: list) -> list:
    """The entries of a PDF outline, nested ones included, in order."""
    return [e for item in outline for e in (_flat(item) if isinstance(item, list) else [item])]


@needs_browser
def test_the_pdf_has_bookmarks_and_says_who_issued_it(built: Path, built_demo: Path):
    from pypdf import PdfReader

    for stem, office in zip(
        _reports(built, built_demo),
        ("Komisi Pemilihan Umum Kabupaten Kayong Utara", "Komisi Pemilihan Umum Kabupaten Contoh"),
        strict=True,
    ):
        reader = PdfReader(stem.with_suffix(".pdf"))
        titles = [" ".join(item.title.split()) for item in _flat(reader.outline)]
        for number, start in (("I", "PENDAHULUAN"), ("II", "PLATFORM"), ("V", "PENUTUP")):
            assert any(t.startswith(f"BAB {number} {start}") for t in titles), titles
        assert "LAMPIRAN METODE DAN SUMBER DATA" in titles
        assert not [t for t in titles if "@@" in t]  # no print mark left behind
        meta = reader.metadata
        assert meta.author == office
        assert meta.title.startswith("Laporan Penggunaan Media Sosial")
        assert "penggunaan media sosial" in meta.subject
        assert reader.trailer["/Root"]["/Lang"] == "id"
        # poppler, as readers' PDF viewers do, follows the appended document information
        shown = subprocess.run(
            ["pdfinfo", str(stem.with_suffix(".pdf"))], capture_output=True, text=True, check=True
        ).stdout
        assert re.search(rf"^Author:\s+{office}$", shown, re.M) and "Tagged:          yes" in shown


@needs_browser
def test_no_page_ends_with_a_table_header_a_caption_or_a_heading(built_demo: Path):
    html = (built_demo / f"{DEMO_STEM}.html").read_text(encoding="utf-8")
    headers = {
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<thead>(.*?)</thead>", html, flags=re.S)
    }
    titles = {
        " ".join(re.sub(r"<[^>]+>", " ", h).split())
        for h in re.findall(r"<h3[^>]*>(.*?)</h3>", html, flags=re.S)
    }
    pdf = built_demo / f"{DEMO_STEM}.pdf"
    pages = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    for number, page in enumerate(pages, start=1):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        lines = [line for line in lines if not line.startswith(("Halaman", "KPU Contoh |"))]
        if not lines:
            continue
        tail = " ".join(lines[-3:])
        assert not any(tail.endswith(header) for header in headers), (number, lines[-3:])
        assert lines[-1] not in titles, (number, lines[-1])  # a heading stays with its text
        # A table's caption is above it (a figure's below it may end a page)
        assert not re.match(r"Tabel \d+\. ", lines[-1]) or number == len(pages), (
            number,
            lines[-1],
        )


@needs_browser
def test_axe_core_finds_no_accessibility_violation(built: Path, built_demo: Path):
    """WCAG 2.1 A and AA, and axe's best practices, in a real Chromium."""
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(BROWSER), args=[*BROWSER_ARGS, "--no-sandbox"]
        )
        for stem in _reports(built, built_demo):
            page = browser.new_page()
            page.goto(stem.with_suffix(".html").as_uri(), wait_until="load")
            found = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
            violations = [
                (v["id"], [n["target"] for n in v["nodes"][:3]])
                for v in found.response["violations"]
            ]
            assert violations == [], (stem.name, violations)
            landmarks = page.evaluate(
                "() => [...document.querySelectorAll('body > .laporan > *')].map(e => e.tagName)"
            )
            assert landmarks[0] == "HEADER" and "MAIN" in landmarks and landmarks[-1] == "FOOTER"
            page.close()
        browser.close()
