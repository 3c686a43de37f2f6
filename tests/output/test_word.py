"""The Word file staff edit, from the real demo build: lists numbered from 1 each, columns as
wide as their content, the cover alone without a page number, captions as SEQ fields, and the
build's own date and description; LibreOffice renders it so."""

import datetime as dt
import io
import os
import re
import zipfile

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kpureport.errors import DataError
from kpureport.output import word

from ..test_word import _to_pdf, needs_office

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
