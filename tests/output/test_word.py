"""The Word document as staff get it: opened by python-docx, converted to PDF by a real
LibreOffice, styled by a reference document an office may replace, and safe against text
from data; and the Word file staff edit, from the real demo build: lists numbered from 1 each,
columns as wide as their content, the cover alone without a page number, captions as SEQ
fields, and the build's own date and description; LibreOffice renders it so."""

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kpureport.engine.build import build_report
from kpureport.errors import DataError
from kpureport.output import word

from ..conftest import DATA, KKU

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed here"
)


STEM = "laporan-media-sosial-contoh-2024"


@pytest.fixture(scope="module")
def document(built_demo):
    return Document(str(built_demo / f"{STEM}.docx"))


def _numbered(document) -> list[tuple[str, str]]:
    """(numId, text) of every paragraph with its own numbering."""
    found = []
    for paragraph in document.paragraphs:
        num = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num is not None:
            found.append((num.get(qn("w:val")), paragraph.text))
    return found


def test_column_widths_follow_the_content():
    rows = [
        ("thead", ["No.", "Tanggal", "Cuplikan", "Interaksi"]),
        ("tbody", ["1", "15 Maret 2024", "Bimbingan teknis bagi PPK dan PPS " * 3, "3.108"]),
    ]
    widths = word.column_widths(rows, 4)
    assert sum(widths) == pytest.approx(word.TEXT_WIDTH_CM)
    # a date never wraps: its column holds all of "15 Maret 2024"
    assert widths[1] >= len("15 Maret 2024") * word.CHAR_CM
    assert widths[0] < widths[1] < widths[2]


@pytest.mark.build
def test_every_numbered_list_starts_at_one(document):
    numbered = _numbered(document)
    solutions = [n for n, text in numbered if text.startswith("Pelatihan desain")]
    constraints = [n for n, text in numbered if text.startswith("Jumlah staf humas")]
    # the summary's actions and chapter IV's solutions are two lists, each its own
    assert len(solutions) == 2 and solutions[0] != solutions[1]
    assert constraints[0] not in solutions
    numbering = document.part.numbering_part.element
    for num_id in {*solutions, *constraints}:
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
        start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start is not None and start.get(qn("w:val")) == "1"


@pytest.mark.build
def test_columns_cover_is_alone_captions_are_fields_and_the_date_is_the_build(document):
    for table in document.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) == pytest.approx(17 * 567, rel=0.02)  # twips in 17 cm
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_footer.paragraphs).strip()
    contents = next(p for p in document.paragraphs if p.text == "DAFTAR ISI")
    assert contents.paragraph_format.page_break_before
    instructions = [
        t.text.strip() for t in document.element.body.iter(qn("w:instrText")) if "SEQ" in t.text
    ]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    tables = [c for c in captions if re.match(r"Tabel \d+\. ", c)]
    figures = [c for c in captions if re.match(r"Gambar \d+\. ", c)]
    assert instructions.count("SEQ Tabel \\* ARABIC") == len(tables) >= 20
    assert instructions.count("SEQ Gambar \\* ARABIC") == len(figures) >= 7
    core = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs(core.created.replace(tzinfo=None) - now) < dt.timedelta(hours=6)
    assert "kpureport" in core.comments and core.created.year != 2013


@needs_office
@pytest.mark.build
def test_libreoffice_renders_the_lists_from_one_and_no_number_on_the_cover(built_demo, tmp_path):
    text = _to_pdf(built_demo / f"{STEM}.docx", tmp_path)
    pages = text.split("\f")
    assert "Halaman" not in pages[0] and "RINGKASAN EKSEKUTIF" not in pages[0]
    assert "Halaman 2 dari" in pages[1]
    solutions = text[text.index("B. Solusi") :]
    assert re.search(r"1\.\s+Pelatihan desain", solutions)
    assert not re.search(r"[4-6]\.\s+Pelatihan desain", text)
    # the monthly tables are in the workbook, not in the Word file
    assert "per bulan, tahun 2023 dan 2024" not in " ".join(text.split())


OUTSIDE = "http://contoh-penyerang.invalid/"
HTML = (
    '<main class="laporan"><section class="bab"><h2 id="bab-1">BAB I&nbsp;JUDUL</h2>'
    "<p>Isi laporan.</p><table><thead><tr><th>Platform</th></tr></thead>"
    "<tbody><tr><td>Facebook</td></tr></tbody></table></section></main>"
)


def _docx(reference):
    setup = word.Setup(title="Uji", header="Kepala", footer="Kaki", reference=reference)
    return word.to_docx(HTML, setup, lambda uris: []), setup


def _hostile_reference(path):
    document = Document(str(word.REFERENCE))
    settings = document.settings.element
    template = OxmlElement("w:attachedTemplate")
    template.set(
        qn("r:id"),
        document.part._settings_part.relate_to(
            OUTSIDE + "t.dotm",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
            is_external=True,
        ),
    )
    settings.append(template)
    header = document.sections[0].header
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f'INCLUDEPICTURE "{OUTSIDE}p.png"')
    header.paragraphs[0]._p.append(field)
    header.part.relate_to(OUTSIDE + "link", RT.HYPERLINK, is_external=True)
    package = document.part.package
    macros = Part(
        PackURI("/word/vbaProject.bin"), "application/vnd.ms-office.vbaProject", b"M" * 100, package
    )
    document.part.relate_to(
        macros, "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
    )
    picture = Part(PackURI("/word/media/besar.png"), "image/png", os.urandom(3_000_000), package)
    document.part.relate_to(picture, RT.IMAGE)
    document.save(str(path))
    return path


def test_only_the_styles_of_an_office_reference_reach_the_report(tmp_path):
    reference = _hostile_reference(tmp_path / "referensi.docx")
    made, _ = _docx(reference)
    archive = zipfile.ZipFile(io.BytesIO(made))
    names = archive.namelist()
    assert "word/vbaProject.bin" not in names
    assert not any(n.startswith("word/media/") for n in names)
    everything = b"".join(archive.read(n) for n in names)
    assert OUTSIDE.encode() not in everything and b"INCLUDEPICTURE" not in everything
    assert len(made) < 200_000


def test_a_reference_from_plain_word_falls_back_to_the_built_in_styles_and_says_so(tmp_path):
    document = Document(str(word.REFERENCE))
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")) in ("Isi Tabel", "Catatan Tabel"):
            styles.remove(style)
    document.save(str(tmp_path / "referensi.docx"))
    made, setup = _docx(tmp_path / "referensi.docx")
    assert "Isi Tabel" in Document(io.BytesIO(made)).styles
    assert any("Isi Tabel" in note and "bawaan" in note for note in setup.notes)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"bukan dokumen", "bukan dokumen Word .docx yang utuh"),
        ("macro", "bermakro"),
    ],
)
def test_a_bad_reference_is_refused_in_indonesian(tmp_path, content, said):
    path = tmp_path / "referensi.docx"
    if content == "macro":
        with zipfile.ZipFile(word.REFERENCE) as source, zipfile.ZipFile(path, "w") as target:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(
                        b"wordprocessingml.document.main+xml",
                        b"ms-word.document.macroEnabled.main+xml",
                    )
                target.writestr(item, data)
    else:
        path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        _docx(path)
    problem = caught.value.problems[0]
    assert problem.path == path and said in problem.found and "Simpan Sebagai" in problem.expected


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


@pytest.mark.build
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


@pytest.mark.build
def test_emphasis_in_running_text_stays_italic_in_word(documents):
    """The seed's staff write *mobile*; the demo's generated text sets *story* in italics."""
    for office, term in ((KKU, "mobile"), ("contoh", "story")):
        runs = [r for p in Document(str(documents[office])).paragraphs for r in p.runs]
        italic = {r.text.strip() for r in runs if r.italic}
        assert term in italic, (office, sorted(italic)[:10])
        plain = " ".join(r.text for r in runs if not r.italic)
        assert not re.search(rf"\b{term}\b", plain), office


@needs_office
@pytest.mark.build
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
@pytest.mark.build
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


@pytest.mark.build
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


@pytest.mark.build
def test_word_files_are_published_with_the_others_and_skipped_when_current(tmp_path):
    formats = ["html", "docx"]
    first = build_report(KKU, 2021, DATA, tmp_path, formats=formats, force=False)
    assert {p.suffix for p in first.files} >= {".html", ".docx"}
    again = build_report(KKU, 2021, DATA, tmp_path, formats=formats, force=False)
    assert again.skipped
    only_html = build_report(KKU, 2021, DATA, tmp_path, formats=["html"], force=True)
    assert ".docx" in {p.suffix for p in only_html.files}  # same inputs: carried over
