"""The Word file staff edit, from the real demo build: lists numbered from 1 each, columns as
wide as their content, the cover alone without a page number, captions as SEQ fields, and the
build's own date and description; LibreOffice renders it so."""

import datetime as dt
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

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
    assert instructions.count("SEQ Gambar \\* ARABIC") == len(figures) >= 8
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
