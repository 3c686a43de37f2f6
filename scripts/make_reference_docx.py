"""Write the Word reference document ``kpureport/templates/word/referensi.docx``.

    python scripts/make_reference_docx.py

Its styles are the report's look in Word: A4 with the PDF's margins, Times New Roman (Liberation
Serif where Times is missing) 12 pt at 1.5 line spacing, BAB titles as Heading 1 starting a new
page, sections as Heading 2, captions, quotes, table grid, Bahasa Indonesia as the language. An
office may replace the file with its own (data/<office>/referensi.docx): kpureport takes every
style from it, so its fonts and colours are the office's.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.shared import OxmlElement
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "kpureport" / "templates" / "word" / "referensi.docx"
FONT = "Times New Roman"
INK = RGBColor(0x1A, 0x1A, 0x1A)


def _language(document) -> None:
    """Bahasa Indonesia for every run that does not say otherwise (spelling, hyphenation)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), "id-ID")


def _font(style, size: float, bold: bool = False, italic: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = INK
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the font named here


def main() -> None:
    document = Document()
    _language(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    styles = document.styles

    normal = styles["Normal"]
    _font(normal, 12)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    title = styles["Title"]
    _font(title, 18, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(4)
    title.element.get_or_add_pPr()  # no border line under the title
    for border in title.element.pPr.findall(qn("w:pBdr")):
        title.element.pPr.remove(border)

    for name, size, before in (("Heading 1", 13, 0), ("Heading 2", 12, 14), ("Heading 3", 12, 10)):
        heading = styles[name]
        _font(heading, size, bold=True)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(8)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    styles["Heading 1"].paragraph_format.page_break_before = True

    caption = styles["Caption"]
    _font(caption, 11, bold=True)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(8)

    quote = styles["Quote"]
    _font(quote, 12, italic=True)
    quote.paragraph_format.left_indent = Cm(1)

    for name, size, italic in (("Catatan Tabel", 10, True), ("Isi Tabel", 11, False)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _font(style, size, italic=italic)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.space_after = Pt(2)

    for name in ("List Number", "List Bullet", "Header", "Footer"):
        _font(styles[name], 12 if name.startswith("List") else 9)
    styles["Header"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    OUT.parent.mkdir(parents=True, exist_ok=True)
    document.core_properties.author = "kpureport"
    document.core_properties.language = "id-ID"
    document.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
