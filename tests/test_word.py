"""The Word document as staff get it: opened by python-docx, converted to PDF by a real
LibreOffice, styled by a reference document an office may replace, and safe against text
from data."""

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from kpureport.engine.build import build_report
from kpureport.output import word

from .conftest import DATA, KKU

#: Every test here runs whole builds (papermill kernels, browsers).
pytestmark = pytest.mark.build

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed here"
)


def _to_pdf(docx: Path, out: Path) -> str:
    """LibreOffice's PDF of a Word file, as text; its own profile folder, so that two runs
    never share one."""
    profile = out / "lo-profile"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = out / docx.with_suffix(".pdf").name
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("word")
    built = {}
    for office, year in ((KKU, 2021), ("contoh", 2024)):
        result = build_report(office, year, DATA, out, formats=["html", "docx"])
        assert not result.failed, result.failed
        built[office] = next(p for p in result.files if p.suffix == ".docx")
    return built


def test_the_word_file_has_word_structure(documents):
    document = Document(str(documents[KKU]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "RINGKASAN EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PLATFORM MEDIA SOSIAL DI KPU KABUPATEN KAYONG UTARA",
        "BAB III PENGGUNAAN FITUR MEDIA SOSIAL",
        "BAB IV KENDALA DAN SOLUSI",
        "BAB V PENUTUP",
        "LAMPIRAN METODE DAN SUMBER DATA",
    ]
    assert "A. Kendala" in [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    table = document.tables[1]  # after the summary's scorecard
    assert table.rows[0].cells[1].text == "Platform" and table.rows[1].cells[1].text == "Instagram"
    assert table.rows[0]._tr.trPr.find(word.qn("w:tblHeader")) is not None  # repeats per page
    assert [r.cells[3].text for r in table.rows[1:5]] == ["1.030", "659", "350", "25"]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Tabel 1.") and any(c.startswith("Gambar 1.") for c in captions)
    assert len(document.inline_shapes) >= 1  # the charts are pictures
    names = zipfile.ZipFile(documents[KKU]).namelist()
    assert any(n.endswith(".png") for n in names) and any(n.endswith(".svg") for n in names)
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.top_margin.cm, 1) == 2.5
    xml = zipfile.ZipFile(documents[KKU]).read("word/document.xml").decode()
    assert 'w:instrText xml:space="preserve"> TOC' in xml
    assert "asvg:svgBlip" in xml  # SVG for Word 2016 and later, the PNG for the rest
    footer = zipfile.ZipFile(documents[KKU]).read("word/footer1.xml").decode()
    assert "PAGE" in footer and "NUMPAGES" in footer and "Halaman" in footer
    styles = zipfile.ZipFile(documents[KKU]).read("word/styles.xml").decode()
    assert 'w:lang w:val="id-ID"' in styles
    assert document.core_properties.author == "Komisi Pemilihan Umum Kabupaten Kayong Utara"


def test_emphasis_in_running_text_stays_italic_in_word(documents):
    """The seed's staff write *mobile*; the demo's generated text sets *story* in italics."""
    for office, term in ((KKU, "mobile"), ("contoh", "story")):
        runs = [r for p in Document(str(documents[office])).paragraphs for r in p.runs]
        italic = {r.text.strip() for r in runs if r.italic}
        assert term in italic, (office, sorted(italic)[:10])
        plain = " ".join(r.text for r in runs if not r.italic)
        assert not re.search(rf"\b{term}\b", plain), office


@needs_office
def test_libreoffice_prints_the_word_files_with_every_figure_and_title(documents, tmp_path):
    seed = " ".join(_to_pdf(documents[KKU], tmp_path).split())
    for expected in (
        "1.030",
        "659",
        "350",
        "25",
        "BAB I PENDAHULUAN",
        "BAB V PENUTUP",
        "Tabel 2. Gambaran dan kondisi media sosial",
        "Gambar 1.",
        "Rudi Handoko",
        "Halaman 2 dari",  # the cover has no page number
    ):
        assert expected in seed, expected
    demo = " ".join(_to_pdf(documents["contoh"], tmp_path).split())
    for expected in ("TikTok", "Story per platform", "Tabel 16.", "Gambar 7.", "Nama Ketua Contoh"):
        assert expected in demo, expected


@needs_office
def test_an_office_reference_document_sets_the_fonts(tmp_path):
    shutil.copytree(DATA / KKU, tmp_path / "data" / KKU)
    reference = Document(str(word.REFERENCE))  # an office's own: every style in its font
    for style in reference.styles:
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None:
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(word.qn(attribute), "DejaVu Sans")
    reference.save(str(tmp_path / "data" / KKU / "referensi.docx"))
    result = build_report(KKU, 2021, tmp_path / "data", tmp_path / "out", formats=["docx"])
    built = next(p for p in result.files if p.suffix == ".docx")
    assert Document(str(built)).styles["Normal"].font.name == "DejaVu Sans"
    _to_pdf(built, tmp_path)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / built.with_suffix(".pdf").name)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "DejaVuSans" in fonts and "LiberationSerif" not in fonts


def test_text_from_data_stays_text_in_word():
    hostile = (
        'Lihat { INCLUDETEXT "c:\\\\rahasia.txt" } dan <w:fldSimple w:instr="HYPERLINK x"/>'
        "\x0b\x1f selesai &amp; <b>tebal</b>"
    )
    html = (
        '<main class="laporan"><section class="bab"><h2 id="bab-1">BAB I&nbsp;JUDUL</h2>'
        f'<div class="narasi"><p>{hostile.replace("<", "&lt;")}</p></div>'
        '<p><a href="javascript:alert(1)">tautan</a></p></section></main>'
    )
    setup = word.Setup(title="Uji", header="Kepala", footer="Kaki")
    data = word.to_docx(html, setup, lambda uris: [])
    xml = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml").decode()
    assert "w:fldSimple" not in xml.replace("&lt;w:fldSimple", "")  # only as text
    assert xml.count("<w:instrText") == 0  # no field at all in the body here
    assert "INCLUDETEXT" in xml and "javascript" not in xml and "<w:hyperlink" not in xml
    text = " ".join(p.text for p in Document(__import__("io").BytesIO(data)).paragraphs)
    assert "selesai & <b>tebal</b>" in text and "\x0b" not in text
    assert re.search(r"BAB I JUDUL", text)


def test_word_files_are_published_with_the_others_and_skipped_when_current(tmp_path):
    formats = ["html", "docx"]
    first = build_report(KKU, 2021, DATA, tmp_path, formats=formats, force=False)
    assert {p.suffix for p in first.files} >= {".html", ".docx"}
    again = build_report(KKU, 2021, DATA, tmp_path, formats=formats, force=False)
    assert again.skipped
    only_html = build_report(KKU, 2021, DATA, tmp_path, formats=["html"], force=True)
    assert ".docx" in {p.suffix for p in only_html.files}  # same inputs: carried over
