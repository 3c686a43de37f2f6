"""The report as an editable Word document, built from the same exported HTML.

Real Word structure, not pasted HTML: BAB titles are Heading 1 and sections Heading 2 (the
navigation pane and the table of contents field use them), tables are Word tables whose header
row repeats on every page, charts are pictures at print resolution with their "Gambar N."
captions, the running head and "Halaman N dari M" are fields. Styles come from a reference
document (``templates/word/referensi.docx``, or the office's own ``referensi.docx``).

The HTML is kpureport's own (its templates), so a small walker over its elements is enough.
Text from data arrives already escaped and redacted; here it only ever becomes the text of a
run, never a field, a hyperlink or markup, and characters XML cannot hold are dropped.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from docx import Document as open_docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from kpureport.config import TEMPLATES_DIR
from kpureport.errors import DataError, Problem
from kpureport.writing.wording import wording

#: The Word reference document; an office may put its own ``referensi.docx`` in its folder.
REFERENCE = TEMPLATES_DIR / "word" / "referensi.docx"
#: Width of a chart on the page (the text block of A4 with 2 cm margins is 17 cm).
FIGURE_WIDTH = Cm(15)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Office's extension for an SVG picture with a PNG fallback (Word 2016 and later).
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_NSMAP = {"asvg": SVG_NAMESPACE}
_VOID = {"br", "img", "meta", "link", "hr", "input", "col", "wbr"}
#: A numbered caption: its label (the SEQ field's name) and number.
CAPTION = re.compile(r"(Tabel|Gambar) (\d+)(?=\.)")
#: The text block of A4 with 2 cm margins, and an average character of the table font.
TEXT_WIDTH_CM = 17.0
CHAR_CM = 0.21
#: A cell's left and right margins together.
PADDING_CM = 0.45
#: A cell this short never wraps (a date, a number, a platform's name).
NO_WRAP_CHARS = 18


@dataclass
class Node:
    """An element of the exported HTML: its tag, attributes, and children (nodes or text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """The text inside, whitespace collapsed as a browser shows it (``<br>`` a space)."""
        return " ".join(self._raw().split())

    def _raw(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append(" ")
            elif child.tag not in ("style", "script"):
                parts.append(child._raw())
        return "".join(parts)

    def runs(self) -> list[tuple[str, bool, bool]]:
        """The text inside as runs of ``(text, italic, bold)``, whitespace collapsed as
        :meth:`text` collapses it, so emphasis (foreign terms in italics) reaches Word."""
        pieces: list[tuple[str, bool, bool]] = []

        def walk(node: Node, italic: bool, bold: bool) -> None:
            for child in node.children:
                if isinstance(child, str):
                    pieces.append((child, italic, bold))
                elif child.tag == "br":
                    pieces.append((" ", italic, bold))
                elif child.tag not in ("style", "script"):
                    walk(
                        child,
                        italic or child.tag in ("em", "i"),
                        bold or child.tag in ("strong", "b"),
                    )

        walk(self, False, False)
        out: list[tuple[str, bool, bool]] = []
        spaced = True  # no space at the start
        for text, italic, bold in pieces:
            text = re.sub(r"\s+", " ", text)
            if spaced:
                text = text.lstrip(" ")
            if not text:
                continue
            spaced = text.endswith(" ")
            if out and out[-1][1:] == (italic, bold):
                out[-1] = (out[-1][0] + text, italic, bold)
            else:
                out.append((text, italic, bold))
        if out:
            out[-1] = (out[-1][0].rstrip(" "), *out[-1][1:])
        return [r for r in out if r[0]]

    def find_all(self, tag: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    found.append(child)
                found += child.find_all(tag)
        return found


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def clean(text: str) -> str:
    """Text as a Word run may hold it: characters XML 1.0 cannot carry are dropped."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class Setup:
    """What the document carries besides the report's body."""

    title: str
    header: str
    footer: str
    author: str = ""
    subject: str = ""
    reference: Path = REFERENCE
    #: When the build made the document (UTC); its core properties say so, not python-docx's
    #: template date.
    created: dt.datetime | None = None
    #: What the build should tell the user about the office's reference (styles it lacks).
    notes: list[str] = field(default_factory=list)


Rasterize = Callable[[list[str]], list[bytes]]


def to_docx(html: str, setup: Setup, rasterize: Rasterize) -> bytes:
    """The Word document of an exported report. ``rasterize`` turns chart images (data URIs
    of SVG) into PNG at print resolution, all in one call."""
    tree = parse(html)
    main = next((n for n in tree.find_all("main")), tree)
    images = [
        img.attrs.get("src", "")
        for img in main.find_all("img")
        if img.attrs.get("src", "").startswith("data:image/svg+xml")
    ]
    pictures = dict(zip(images, rasterize(images) if images else [], strict=True))
    document = _styled(Path(setup.reference), setup.notes)
    _clear_body(document)
    writer = _Writer(document, pictures)
    writer.block(main)
    if writer.contents_at is not None:
        _contents(writer.contents_at, writer.headings)
    _page_setup(document, setup)
    core = document.core_properties
    core.title, core.author, core.subject = setup.title, setup.author, setup.subject
    core.language, core.keywords = "id-ID", "KPU; media sosial; laporan tahunan"
    created = setup.created or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    core.created = core.modified = created.replace(microsecond=0)
    core.last_modified_by = setup.author
    core.revision = 1
    core.comments = description(setup.subject, created)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def description(subject: str, created: dt.datetime) -> str:
    """The file's description: what it is, which kpureport made it, and when (UTC)."""
    from kpureport.version import __version__

    return wording("workbook.yml")["description"].format(
        subject=subject, version=__version__, created=created.strftime("%Y-%m-%d %H.%M")
    )


#: Styles the writer asks for by name; kpureport's own ones are not in a document saved from
#: plain Word.
USED_STYLES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Caption",
    "Quote",
    "List Bullet",
    "List Number",
    "Table Grid",
    "Header",
    "Footer",
    "Isi Tabel",
    "Catatan Tabel",
)


def _styled(reference: Path, notes: list[str]):
    """The shipped reference with the office's style definitions in place of its own: only
    styles are taken from an office's document, never its headers, links, fields, pictures,
    macros or attached template. A style it lacks stays the built-in one, said in ``notes``."""
    document = open_docx(str(REFERENCE))
    if reference.resolve() == REFERENCE.resolve():
        return document
    office = _office_styles(reference)
    styles = document.styles.element
    own = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    for style in office.findall(qn("w:style")):
        before = own.get(style.get(qn("w:styleId")))
        if before is not None:
            styles.replace(before, copy.deepcopy(style))
        else:
            styles.append(copy.deepcopy(style))
    defaults = office.find(qn("w:docDefaults"))
    if defaults is not None and styles.find(qn("w:docDefaults")) is not None:
        styles.replace(styles.find(qn("w:docDefaults")), copy.deepcopy(defaults))
    names = {
        s.find(qn("w:name")).get(qn("w:val"))
        for s in office.findall(qn("w:style"))
        if s.find(qn("w:name")) is not None
    }
    lacking = [n for n in USED_STYLES if n not in names and n.lower() not in names]
    if lacking:
        notes.append(
            f"Dokumen referensi {reference.name} tidak memuat gaya {', '.join(lacking)}: "
            "dipakai gaya bawaan kpureport untuk bagian itu."
        )
    return document


def _office_styles(reference: Path):
    """The styles part of an office's reference document, or a problem in Indonesian."""
    from kpureport.ingest.readers.workbook import refused_sizes

    def refused(found: str) -> DataError:
        return DataError(
            [
                Problem(
                    reference,
                    found=found,
                    expected="dokumen Word biasa (.docx) yang disimpan dari Word atau "
                    "LibreOffice: buka lalu Simpan Sebagai 'Dokumen Word (*.docx)', bukan .docm "
                    "atau templat; atau hapus berkas ini untuk memakai gaya bawaan",
                )
            ]
        )

    try:
        with zipfile.ZipFile(reference) as archive:
            too_large = refused_sizes(archive.infolist())
            if too_large:
                raise refused("dokumen berisi " + "; ".join(too_large))
            types = archive.read("[Content_Types].xml")
            if b"macroEnabled" in types or b"template.main" in types:
                raise refused("dokumen bermakro atau templat Word, bukan dokumen .docx")
            styles = archive.read("word/styles.xml")
        return etree.fromstring(styles, etree.XMLParser(resolve_entities=False, no_network=True))
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
        raise refused(f"bukan dokumen Word .docx yang utuh ({type(exc).__name__})") from exc


def _clear_body(document) -> None:
    """A reference document may hold sample text: only its styles and page setup are kept."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


class _Writer:
    """Walks the report's HTML and writes Word paragraphs, tables and pictures."""

    def __init__(self, document, pictures: dict[str, bytes]):
        self.document = document
        self.pictures = pictures
        self.same_page = False  # the next chapter title shares the page of what came before
        self.headings: list[tuple[int, str]] = []
        self.contents_at = None
        self.svg_count = 0

    def block(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, Node):
                self.element(child)
            elif child.strip() and node.tag not in ("root", "main", "style"):
                self.paragraph(child)

    def element(self, node: Node) -> None:
        tag, classes = node.tag, node.classes
        if tag in ("style", "script", "meta", "link", "title") or "hanya-layar" in classes:
            return  # parts on screen only are in the data workbook, as in the PDF
        if tag == "nav" and "daftar-isi" in classes:
            self.contents()
        elif tag == "header" and "kop" in classes:
            for line in _lines(node):
                self.paragraph(
                    line, bold=True, center=True, size=14
                ).paragraph_format.space_after = 0
            self.rule()
        elif tag == "h1":
            self.title(node)
        elif tag == "h2":
            self.heading(node.text(), 1)
        elif tag in ("h3", "h4"):
            self.heading(node.text(), 2 if tag == "h3" else 3)
        elif tag == "figure" and "tabel" in classes:
            self.table_figure(node)
        elif tag == "figure" and "gambar" in classes:
            self.picture_figure(node)
        elif tag == "table":  # a chart's figures, below it
            self.table(node)
        elif tag == "summary":
            self.paragraph(node, style="Catatan Tabel")
        elif tag == "ol" or tag == "ul":
            items = [
                self.paragraph(item, style="List Number" if tag == "ol" else "List Bullet")
                for item in node.children
                if isinstance(item, Node) and item.tag == "li"
            ]
            if tag == "ol" and items:
                _restart_numbering(self.document, items)
        elif tag == "dl":
            self.definitions(node)
        elif tag == "blockquote":
            self.quote(node)
        elif tag == "div" and "tanda-tangan" in classes:
            self.signature(node)
        elif tag == "p":
            self.text_paragraph(node)
        elif tag in ("section", "div", "main", "footer", "article", "aside", "span"):
            self.block(node)
        elif tag == "a":
            self.paragraph(node.text())
        else:
            self.block(node)

    # Paragraph kinds.

    def paragraph(
        self,
        text: str | Node,
        style: str | None = None,
        bold: bool = False,
        italic: bool = False,
        center: bool = False,
        size: float | None = None,
    ):
        """A paragraph of plain text, or of an element's text with its own emphasis."""
        paragraph = self.document.add_paragraph(style=style)
        runs = text.runs() if isinstance(text, Node) else [(" ".join(text.split()), False, False)]
        for run_text, run_italic, run_bold in runs or [("", False, False)]:
            run = paragraph.add_run(clean(run_text))
            run.bold = (bold or run_bold) or None
            run.italic = (italic or run_italic) or None
            if size:
                run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def text_paragraph(self, node: Node) -> None:
        classes = node.classes
        text = node.text()
        if not text:
            return
        if "catatan-tabel" in classes:
            self.paragraph(node, style="Catatan Tabel")
        elif "gambaran-umum" in classes:  # opens chapter I's page, above its title
            overview = self.paragraph(text, bold=True, center=True)
            overview.paragraph_format.page_break_before = True
            overview.paragraph_format.keep_with_next = True
            self.same_page = True
        elif "tahun" in classes or "provinsi" in classes:
            self.paragraph(text, bold="provinsi" not in classes, center=True)
        elif "fiktif" in classes or "slogan" in classes:
            self.paragraph(text, bold=True, center=True)
        elif "ruang-tanda-tangan" in classes:
            return
        elif "catatan-data" in classes:
            self.paragraph(text, italic=True)
        else:
            paragraph = self.paragraph(node)
            if not classes:  # running text, indented as in the PDF
                paragraph.paragraph_format.first_line_indent = Cm(1.25)

    def title(self, node: Node) -> None:
        for line in _lines(node):
            self.paragraph(line, style="Title")

    def heading(self, text: str, level: int) -> None:
        text = clean(" ".join(text.split()))
        if level == 1 and text.startswith(("DAFTAR ISI",)):
            return
        heading = self.document.add_heading(text, level=level)
        if level == 1 and self.same_page:
            heading.paragraph_format.page_break_before = False
        self.same_page = False
        self.headings.append((level, text))

    def contents(self) -> None:
        """The table of contents as a Word field, filled in when the document is opened
        (Word asks to update fields; LibreOffice updates them on conversion)."""
        title = self.paragraph("DAFTAR ISI", bold=True)
        title.paragraph_format.page_break_before = True  # the cover has its page
        self.contents_at = self.document.add_paragraph()

    def rule(self) -> None:
        """The letterhead's double line."""
        paragraph = self.document.add_paragraph()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (
            ("w:val", "double"),
            ("w:sz", "6"),
            ("w:space", "1"),
            ("w:color", "auto"),
        ):
            bottom.set(qn(key), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def table_figure(self, node: Node) -> None:
        caption = next(
            (c for c in node.children if isinstance(c, Node) and c.tag == "figcaption"), None
        )
        if caption is not None:
            self.caption(caption)
        for table in node.find_all("table"):
            self.table(table)
        for note in node.children:
            if isinstance(note, Node) and note.tag == "p":
                self.text_paragraph(note)

    def caption(self, node: Node) -> None:
        """``Tabel 3. ...`` with the number as a SEQ field, so Word renumbers the captions and
        can list them (References > Insert Table of Figures)."""
        runs = node.runs()
        found = CAPTION.match(runs[0][0]) if runs else None
        if found is None:
            self.paragraph(node, style="Caption")
            return
        paragraph = self.document.add_paragraph(style="Caption")
        label, number = found.group(1), found.group(2)
        paragraph.add_run(f"{label} ")
        _field(paragraph, f"SEQ {label} \\* ARABIC", number)
        rest = [(runs[0][0][found.end() :], *runs[0][1:]), *runs[1:]]
        for text, italic, bold in rest:
            if text:
                run = paragraph.add_run(clean(text))
                run.italic, run.bold = italic or None, bold or None

    def table(self, node: Node) -> None:
        rows = []
        for section in ("thead", "tbody", "tfoot"):
            for part in node.find_all(section):
                for row in part.find_all("tr"):
                    cells = [
                        c for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")
                    ]
                    rows.append((section, cells))
        if not rows:
            return
        width = max(len(cells) for _, cells in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, (section, cells) in enumerate(rows):
            row = table.rows[index]
            _cant_split(row)
            if section == "thead":
                _repeat_header(row)
            column = 0
            for cell in cells:
                span = int(cell.attrs.get("colspan", "1") or 1)
                target = row.cells[column]
                if span > 1:
                    target = target.merge(row.cells[min(column + span, width) - 1])
                paragraph = target.paragraphs[0]
                paragraph.style = self.document.styles["Isi Tabel"]
                run = paragraph.add_run(clean(cell.text()))
                run.bold = (section != "tbody" or cell.tag == "th") or None
                if "angka" in cell.classes:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif section == "thead":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                column += span
        _fit_columns(table, rows, width)

    def picture_figure(self, node: Node) -> None:
        for image in node.find_all("img"):
            png = self.pictures.get(image.attrs.get("src", ""))
            if png is None:
                continue
            self.document.add_picture(io.BytesIO(png), width=FIGURE_WIDTH)
            picture = self.document.paragraphs[-1]
            self.svg_beside(picture, image.attrs.get("src", ""))
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
            _alt_text(picture, image.attrs.get("alt", ""))
        caption = next(
            (c for c in node.children if isinstance(c, Node) and c.tag == "figcaption"), None
        )
        if caption is not None:
            self.caption(caption)

        for details in node.find_all("details"):
            if "data-cetak" in details.classes:  # else the figures are in the data workbook
                self.block(details)

    def svg_beside(self, picture, uri: str) -> None:
        """The chart's SVG next to its PNG: Word 2016 and later draw the SVG (sharp at any
        zoom), older Word and LibreOffice the PNG."""
        if not uri.startswith("data:image/svg+xml;base64,"):
            return
        svg = base64.b64decode(uri.split(",", 1)[1])
        self.svg_count += 1
        part = Part(
            PackURI(f"/word/media/grafik{self.svg_count}.svg"),
            "image/svg+xml",
            svg,
            self.document.part.package,
        )
        relation = self.document.part.relate_to(part, RT.IMAGE)
        for blip in picture._p.iter(qn("a:blip")):
            extensions = OxmlElement("a:extLst")
            extension = OxmlElement("a:ext")
            extension.set("uri", SVG_EXTENSION)
            svg_blip = etree.SubElement(extension, f"{{{SVG_NAMESPACE}}}svgBlip", nsmap=SVG_NSMAP)
            svg_blip.set(qn("r:embed"), relation)
            extensions.append(extension)
            blip.append(extensions)

    def definitions(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, Node) and child.tag == "dt":
                self.paragraph(child.text(), bold=True).paragraph_format.keep_with_next = True
            elif isinstance(child, Node) and child.tag == "dd":
                self.paragraph(child).paragraph_format.left_indent = Cm(1.25)

    def quote(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, Node) and child.tag == "p":
                self.paragraph(child.text(), style="Quote").paragraph_format.keep_with_next = True
            elif isinstance(child, Node) and child.tag == "footer":
                self.paragraph(child.text(), size=10).paragraph_format.left_indent = Cm(1)

    def signature(self, node: Node) -> None:
        """Place, date, title, space to sign and the name, kept on one page."""
        lines = [c for c in node.children if isinstance(c, Node) and c.tag == "p"]
        for number, line in enumerate(lines):
            if "ruang-tanda-tangan" in line.classes:
                paragraph = self.paragraph("")
                paragraph.paragraph_format.space_after = Pt(48)
            else:
                paragraph = self.paragraph(line.text(), bold="penanda-tangan" in line.classes)
                if "penanda-tangan" in line.classes:
                    paragraph.runs[0].underline = True
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.left_indent = Cm(9)
            paragraph.paragraph_format.space_after = paragraph.paragraph_format.space_after or Pt(0)
            paragraph.paragraph_format.keep_with_next = number < len(lines) - 1
            paragraph.paragraph_format.keep_together = True


def _lines(node: Node) -> list[str]:
    """The lines of a block written with ``<br>`` or one ``<span>`` per line."""
    elements = [c for c in node.children if isinstance(c, Node)]
    if len(elements) == 1 and elements[0].tag == "p":
        return _lines(elements[0])
    spans = [c for c in elements if c.tag == "span"]
    if spans:
        return [s.text() for s in spans if s.text()]
    lines, current = [], []
    for child in node.children:
        if isinstance(child, Node) and child.tag == "br":
            lines.append(" ".join("".join(current).split()))
            current = []
        else:
            current.append(child if isinstance(child, str) else child.text())
    lines.append(" ".join("".join(current).split()))
    return [line for line in lines if line]


def _field(paragraph, instruction: str, placeholder: str = "", end: bool = True) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) that Word and LibreOffice compute; ``placeholder``
    is its result until then (``end=False`` leaves the field open for a longer result)."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    if placeholder:
        paragraph.add_run(placeholder)
    if end:
        _field_end(paragraph)


def _field_end(paragraph) -> None:
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _contents(paragraph, headings: list[tuple[int, str]]) -> None:
    """The table of contents field (chapters and sections), its last known result the titles:
    Word fills in the pages when it updates the field on opening."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "", end=False)
    for number, (level, title) in enumerate(headings):
        run = paragraph.add_run(("    " if level > 1 else "") + title)
        if number < len(headings) - 1:
            run.add_break()
    _field_end(paragraph)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


def column_widths(rows: list[tuple[str, list[str]]], width: int) -> list[float]:
    """Widths in cm that follow the content: a short cell (a date, a number) never wraps, a
    long one wraps at its words, and the columns fill the text block.

    >>> [round(w, 1) for w in column_widths([("tbody", ["15 Maret 2024", "x" * 120])], 2)]
    [3.2, 13.8]
    """
    natural, least = [0.0] * width, [0.0] * width
    for section, cells in rows:
        for column, text in enumerate(cells[:width]):
            words = min(max((len(w) for w in text.split()), default=0), 30)
            short = section != "thead" and len(text) <= NO_WRAP_CHARS
            least[column] = max(least[column], len(text) if short else words)
            natural[column] = max(natural[column], len(text))
    natural = [max(n, 1) * CHAR_CM + PADDING_CM for n in natural]
    least = [max(n, 1) * CHAR_CM + PADDING_CM for n in least]
    if sum(natural) <= TEXT_WIDTH_CM:
        scale = TEXT_WIDTH_CM / sum(natural)
        return [n * scale for n in natural]
    if sum(least) >= TEXT_WIDTH_CM:  # too many columns: each gives up the same share
        return [m * TEXT_WIDTH_CM / sum(least) for m in least]
    spare = max(TEXT_WIDTH_CM - sum(least), 0.0)
    extra = [n - m for n, m in zip(natural, least, strict=True)]
    total = sum(extra) or 1.0
    return [m + spare * e / total for m, e in zip(least, extra, strict=True)]


def _fit_columns(table, rows: list[tuple[str, list[Node]]], width: int) -> None:
    texts = [(section, [c.text() for c in cells]) for section, cells in rows]
    widths = column_widths(texts, width)
    table.autofit = False
    for column, cm in zip(table.columns, widths, strict=True):
        column.width = Cm(cm)
        for cell in column.cells:
            cell.width = Cm(cm)


def _restart_numbering(document, paragraphs) -> None:
    """A numbered list that starts at 1: a numbering instance of its own on the list style's
    definition, with the start overridden (Word otherwise runs every list on: 4. 5. 6.)."""
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.findall(qn("w:num"))
        if n.get(qn("w:numId")) == str(style_num)
    )
    num_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    reference = OxmlElement("w:abstractNumId")
    reference.set(qn("w:val"), abstract)
    num.append(reference)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    for paragraph in paragraphs:
        properties = paragraph._p.get_or_add_pPr()
        numbered = OxmlElement("w:numPr")
        level = OxmlElement("w:ilvl")
        level.set(qn("w:val"), "0")
        ident = OxmlElement("w:numId")
        ident.set(qn("w:val"), str(num_id))
        numbered.append(level)
        numbered.append(ident)
        properties.insert(1 if properties.find(qn("w:pStyle")) is not None else 0, numbered)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _alt_text(paragraph, text: str) -> None:
    """The chart's alt text on the picture, for screen readers in Word."""
    for properties in paragraph._p.iter(qn("wp:docPr")):
        properties.set("descr", clean(text))


def _page_setup(document, setup: Setup) -> None:
    """A4 with the PDF's margins, the running head, and "<foot> Halaman N dari M" below."""
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.different_first_page_header_footer = True  # the cover: no running head, no number
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.left_margin = section.right_margin = Cm(2)
    head = section.header.paragraphs[0]
    head.text = ""
    head.style = document.styles["Header"]
    head.add_run(clean(setup.header))
    foot = section.footer.paragraphs[0]
    foot.text = ""
    foot.style = document.styles["Footer"]
    foot.add_run(clean(setup.footer) + "\t\tHalaman ")
    _field(foot, "PAGE", "1")
    foot.add_run(" dari ")
    _field(foot, "NUMPAGES", "1")
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
