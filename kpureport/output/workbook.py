"""The report's data workbook (lampiran data): every table of the report on its own sheet,
named and numbered as in the report, and the figures of every chart, with numbers as numbers.

Built from the same exported HTML as the PDF and the Word file, so a sheet holds exactly what
the report prints; the first sheet lists the others. Staff paste these tables into their LKj,
and the province reads them. Cell text from data only ever becomes a cell's value (never a
formula: a value that starts with ``=`` is stored as text).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kpureport import formatting as fmt
from kpureport.output.word import Node, clean, description, parse
from kpureport.writing.wording import wording

#: ``1.030``, ``-308``, ``+11.637``, ``21,39``: Indonesian thousands dots and decimal comma.
_NUMBER = re.compile(r"[+\-\u2212]?\d{1,3}(?:\.\d{3})*(?:,\d+)?|[+\-\u2212]?\d+(?:,\d+)?")
_MONTHS = {fmt.month_name(n).lower(): n for n in range(1, 13)}
_DATE = re.compile(r"(\d{1,2}) ([A-Za-z]+) (\d{4})")
#: Excel's limit on a sheet name, and the characters it refuses in one.
_SHEET_NAME = 31
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = PatternFill("solid", fgColor="F1F1F1")


@dataclass
class Sheet:
    """One table of the report: its sheet name, the caption as printed, header and body rows
    (cell texts as printed), and the note under it."""

    name: str
    caption: str
    headers: list[list[str]]
    rows: list[list[str]]
    note: str = ""


def value(text: str) -> tuple[object, str | None]:
    """A printed cell as a typed value and its Excel number format.

    >>> value("1.030"), value("21,39%"), value("-308"), value("+0,04 poin")
    ((1030, '#,##0'), (0.2139, '0.00%'), (-308, '#,##0'), (0.04, '+0.00 "poin";-0.00 "poin"'))
    >>> value("2024"), value("15 Maret 2024"), value("14.00\u201314.59"), value("=1+1")
    ((2024, '0'), (datetime.date(2024, 3, 15), 'd mmmm yyyy'), ('14.00\u201314.59', None), ('=1+1', None))
    """
    text = text.strip()
    suffix, signed = "", text[:1] == "+"
    body = text
    if body.endswith("%"):
        body, suffix = body[:-1], "%"
    elif body.endswith(" poin"):
        body, suffix = body[: -len(" poin")], " poin"
    if _NUMBER.fullmatch(body):
        digits = len(body.split(",", 1)[1]) if "," in body else 0
        number = float(body.replace("\u2212", "-").replace(".", "").replace(",", "."))
        places = "0" + ("." + "0" * digits if digits else "")
        if suffix == "%":
            return round(number / 100, digits + 2), f"{places}%"
        if suffix:
            return number, f'+{places} "poin";-{places} "poin"'
        if not digits and "." not in body and abs(number) >= 1000:
            return int(number), "0"  # written without separators: a year, not a count
        grouped = "#,##0" + ("." + "0" * digits if digits else "")
        shown = number if digits else int(number)
        return shown, (f"+{grouped};-{grouped};0" if signed else grouped)
    date = _DATE.fullmatch(text)
    if date and date.group(2).lower() in _MONTHS:
        day, month, year = int(date.group(1)), _MONTHS[date.group(2).lower()], int(date.group(3))
        try:
            return dt.date(year, month, day), "d mmmm yyyy"
        except ValueError:
            pass
    return text, None


def sheets(html: str) -> list[Sheet]:
    """The report's tables and chart figures, in the order the report shows them."""
    words = wording("workbook.yml")
    tree = parse(html)
    main = next(iter(tree.find_all("main")), tree)
    found: list[Sheet] = []
    for figure in main.find_all("figure"):
        classes = figure.classes
        caption = _child(figure, "figcaption")
        label = caption.text() if caption else ""
        number = re.match(r"(Tabel|Gambar) (\d+)\.", label)
        if "tabel" in classes:
            table = next(iter(figure.find_all("table")), None)
            if table is None:
                continue
            name = f"Tabel {number.group(2)}" if number else label
            note = " ".join(p.text() for p in figure.children if _is(p, "p"))
            headers, rows = _rows(table)
            screen = any("hanya-layar" in s.classes for s in _ancestors(main, figure))
            found.append(
                Sheet(name, label, headers, rows, note + (" " + words["screen_only_note"]) * screen)
            )
        elif "gambar" in classes and number:
            table = next(iter(figure.find_all("table")), None)
            if table is None:
                continue
            shown = f"Gambar {number.group(2)}"
            headers, rows = _rows(table)
            found.append(
                Sheet(
                    words["chart_data"].format(figure=shown),
                    label,
                    headers,
                    rows,
                    words["chart_note"].format(figure=shown),
                )
            )
    return _unique(found)


def to_xlsx(html: str, title: str, author: str = "", created: dt.datetime | None = None) -> bytes:
    """The workbook of an exported report: a first sheet listing the others, then one sheet
    per table and per chart's figures."""
    words = wording("workbook.yml")
    book = Workbook()
    contents = book.active
    contents.title = words["contents_sheet"]
    contents.append([clean(words["contents_title"].format(title=title))])
    contents["A1"].font = Font(bold=True, size=12)
    contents.append([])
    contents.append(list(words["contents_headers"]))
    _header_style(contents, 3)
    for sheet in sheets(html):
        ws = book.create_sheet(sheet.name)
        ws.append([clean(sheet.caption)])
        ws["A1"].font = Font(bold=True)
        ws.append([])
        first = 3
        for line in sheet.headers:
            ws.append([clean(c) for c in line])
        for r in range(first, first + len(sheet.headers)):
            _header_style(ws, r)
        for line in sheet.rows:
            ws.append([_cell_value(c) for c in line])
            for column, text in enumerate(line, start=1):
                _, number_format = value(text)
                if number_format:
                    ws.cell(ws.max_row, column).number_format = number_format
        if sheet.note:
            ws.append([])
            ws.append([clean(sheet.note)])
            ws.cell(ws.max_row, 1).font = Font(italic=True)
        _widths(ws, [*sheet.headers, *sheet.rows])
        ws.freeze_panes = ws.cell(first + len(sheet.headers), 1)
        row = contents.max_row + 1
        contents.append([sheet.name, clean(sheet.caption), clean(sheet.note)])
        contents.cell(row, 1).hyperlink = f"#'{sheet.name}'!A1"
        contents.cell(row, 1).style = "Hyperlink"
    _widths(contents, [[c.value or "" for c in r] for r in contents.iter_rows(min_row=3)])
    book.properties.title = title
    book.properties.creator = author or None
    book.properties.language = "id-ID"
    if created is not None:
        book.properties.created = book.properties.modified = created
        book.properties.description = description(title, created)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell_value(text: str) -> object:
    typed, _ = value(text)
    if isinstance(typed, str):
        typed = clean(typed)
        return typed if not typed.startswith("=") else "'" + typed  # never a formula
    return typed


def _rows(table: Node) -> tuple[list[list[str]], list[list[str]]]:
    """Header and body rows of a table as texts, a cell spanning columns written once and
    followed by empty cells so the columns stay aligned."""
    headers, rows = [], []
    for section in ("thead", "tbody", "tfoot"):
        for part in table.find_all(section):
            for tr in part.find_all("tr"):
                line = []
                for cell in tr.children:
                    if _is(cell, "th") or _is(cell, "td"):
                        line.append(cell.text())
                        line += [""] * (int(cell.attrs.get("colspan", "1") or 1) - 1)
                (headers if section == "thead" else rows).append(line)
    return headers, rows


def _is(node: object, tag: str) -> bool:
    return isinstance(node, Node) and node.tag == tag


def _child(node: Node, tag: str) -> Node | None:
    return next((c for c in node.children if _is(c, tag)), None)


def _ancestors(root: Node, target: Node) -> list[Node]:
    """The elements from ``root`` down to ``target``'s parent."""
    path: list[Node] = []

    def walk(node: Node) -> bool:
        for child in node.children:
            if child is target:
                return True
            if isinstance(child, Node):
                path.append(child)
                if walk(child):
                    return True
                path.pop()
        return False

    walk(root)
    return path


def _unique(found: list[Sheet]) -> list[Sheet]:
    """Sheet names Excel accepts (31 characters, no ``[]:*?/\\``), each once."""
    seen: set[str] = set()
    for sheet in found:
        base = _NOT_IN_NAME.sub(" ", sheet.name).strip()[:_SHEET_NAME] or "Tabel"
        name, n = base, 2
        while name.lower() in seen:
            suffix = f" ({n})"
            name, n = base[: _SHEET_NAME - len(suffix)] + suffix, n + 1
        seen.add(name.lower())
        sheet.name = name
    return found


def _header_style(ws, row: int) -> None:
    for cell in ws[row]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(ws, lines: list[list[str]]) -> None:
    """Columns as wide as their longest text, within reason."""
    widest: dict[int, int] = {}
    for line in lines:
        for column, text in enumerate(line, start=1):
            widest[column] = max(widest.get(column, 0), len(str(text)))
    for column, width in widest.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
