"""Open a delimited text file as staff and platforms really write them.

Decides the encoding (UTF-8 with or without BOM, UTF-16 for Meta page-level files, then
cp1252), refuses binary files and files mixing encodings, finds the header line after any
preamble (``sep=,``, a metric-name line), and detects the locale of a file re-saved by Excel on
Indonesian Windows (``;`` separator, ``,`` decimals, ``.`` thousands, day-first dates).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa_lib

from kpureport.errors import DataError, Problem

#: Larger files are refused with a message instead of exhausting a modest laptop's memory.
MAX_BYTES = 500 * 1024 * 1024
#: The head read to recognise a file; it grows (doubling, so reading stays linear) until it
#: holds the preamble, the whole header line and a first row, up to ``MAX_HEADER_BYTES``.
SNIFF_BYTES = 64 * 1024
HEAD_LINES = 7  # up to five preamble lines, the header and one row
#: The longest header line read: a legacy Facebook page-level export of about 2,700 columns
#: has one of about 148 KB; a header beyond 8 MB is not an export.
MAX_HEADER_BYTES = 8 * 1024 * 1024

_MAGIC = {
    b"\x89PNG": "gambar PNG",
    b"\xff\xd8\xff": "gambar JPEG",
    b"GIF8": "gambar GIF",
    b"%PDF": "dokumen PDF",
    b"PK\x03\x04": "arsip ZIP atau berkas Excel/Word",
    b"\xd0\xcf\x11\xe0": "berkas Office lama (.xls/.doc)",
    b"Rar!": "arsip RAR",
    b"\x1f\x8b": "arsip GZIP",
}
# UTF-8 text decoded as cp1252 leaves these pairs: the sign of a file mixing both encodings.
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf\u0152-\u0178\u2018-\u203a]|â€")


@dataclass
class TextTable:
    """A delimited file: its encoding, delimiter, locale, preamble lines and header."""

    path: Path
    encoding: str
    delimiter: str
    locale: str  # "en": platform export; "id": re-saved by Excel on Indonesian Windows
    preamble: list[str]
    header: list[str]
    header_row: int  # 1-based row of the header, as a spreadsheet numbers it
    full_text: str | None = field(default=None, repr=False)
    #: The name that tells when the file was downloaded: its own, or its ZIP's.
    anchor_name: str = ""

    def __post_init__(self) -> None:
        self.anchor_name = self.anchor_name or self.path.name

    @property
    def columns(self) -> set[str]:
        return {c for c in self.header if c}

    @property
    def repeated(self) -> dict[str, list[int]]:
        """Header names written more than once, with their 1-based column positions: the first
        is the one read, the others keep their data under ``Name__2`` and so on."""
        positions: dict[str, list[int]] = {}
        for number, name in enumerate(self.header, start=1):
            if name:
                positions.setdefault(name, []).append(number)
        return {name: found for name, found in positions.items() if len(found) > 1}

    def body(self, skip: int = 0, as_text: bool = False) -> pd.DataFrame:
        """Rows after the header (and ``skip`` description rows), columns named as in the header.

        Duplicate header names get a suffix (``Name__2``). The index is each row's number as a
        spreadsheet shows it. Platform files are read by pyarrow when they allow it (fast on
        large exports); quoted line breaks and other encodings go through pandas' C parser.
        ``as_text`` keeps every cell as text, for files whose numbers follow another locale.
        """
        names = unique_names(self.header)
        options = {
            "sep": self.delimiter,
            "header": None,
            "names": names,
            "dtype": str if as_text or self.locale == "id" else None,
            "keep_default_na": False,
            "na_values": [""],
        }
        frame = None
        if self.encoding == "utf-8" and self.full_text is None:
            try:
                frame = pd.read_csv(
                    self.path,
                    engine="pyarrow",
                    encoding="utf-8",
                    skiprows=len(self.preamble) + 1 + skip,
                    **options,
                )
            except (ValueError, pa_lib.ArrowInvalid, UnicodeDecodeError):
                frame = None  # quoted line breaks, ragged rows: the C parser says where
        if frame is None:
            text = self.decoded()
            start = _offset_after_rows(text, len(self.preamble), 1 + skip, self.delimiter)
            try:
                frame = pd.read_csv(
                    io.StringIO(text[start:]),
                    engine="c",
                    index_col=False,
                    on_bad_lines="error",
                    **options,
                )
            except pd.errors.ParserError as exc:
                raise DataError([_parser_problem(self, exc, skip)]) from exc
            _check_field_counts(self, text, start, skip)
        frame.index = pd.RangeIndex(len(frame)) + self.header_row + 1 + skip
        return frame

    def decoded(self) -> str:
        """The whole file as text (read again from disk only when the head was not enough)."""
        if self.full_text is None:
            text, self.encoding = decode(self.path, self.path.read_bytes())
            self.full_text = text.lstrip("\ufeff")
        return self.full_text


def _offset_after_rows(text: str, lines: int, rows: int, delimiter: str) -> int:
    """Character offset after ``lines`` plain lines and then ``rows`` CSV records."""
    buffer = io.StringIO(text)
    for _ in range(lines):
        buffer.readline()

    def feed():
        while line := buffer.readline():
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    for _ in range(rows):
        next(reader, None)
    return buffer.tell()


def unique_names(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for position, name in enumerate(header, start=1):
        name = name or f"kolom_{position}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}__{seen[name]}")
    return names


def _parser_problem(table: TextTable, exc: Exception, skip: int) -> Problem:
    """pandas' tokenizer message, said in Bahasa Indonesia with the spreadsheet row."""
    message = str(exc)
    expected = (
        f"{len(table.header)} kolom pada setiap baris, dipisah "
        f"{_delimiter_name(table.delimiter)}, dengan tanda kutip berpasangan"
    )
    unclosed = re.search(r"EOF inside string starting at row (\d+)", message)
    if unclosed:
        row = int(unclosed.group(1)) + table.header_row + skip + 1
        return Problem(
            table.path,
            row=row,
            expected=expected + "; unduh ulang berkas ini",
            found="tanda kutip tidak ditutup sampai akhir berkas (baris terpotong)",
        )
    ragged = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if ragged:
        row = int(ragged.group(2)) + table.header_row + skip
        return Problem(table.path, row=row, found=f"{ragged.group(3)} kolom", expected=expected)
    return Problem(table.path, found=message.strip().splitlines()[-1], expected=expected)


def _check_field_counts(table: TextTable, text: str, start: int, skip: int) -> None:
    """Every row has as many fields as the header: pandas fills a short row with empty cells
    and may shift a long one, so a row that differs is an error that names it, never read.
    A last row cut short without a line break is a download interrupted."""
    width = len(table.header)
    if width < 2:
        return
    reader = csv.reader(io.StringIO(text[start:]), delimiter=table.delimiter)
    problems, number = [], 0
    for number, record in enumerate(reader, start=table.header_row + 1 + skip):
        if record and len(record) != width:
            problems.append((number, len(record)))
    if not problems:
        return
    last = problems[-1][0] == number and not text.endswith(("\n", "\r"))
    expected = (
        f"{width} kolom pada setiap baris, seperti baris judulnya, dipisah "
        f"{_delimiter_name(table.delimiter)}"
    )
    found = [
        Problem(table.path, row=row, found=f"{count} kolom", expected=expected)
        for row, count in problems[:MAX_ROW_PROBLEMS]
    ]
    if len(problems) > MAX_ROW_PROBLEMS:
        found.append(
            Problem(
                table.path,
                found=f"{len(problems) - MAX_ROW_PROBLEMS} baris lain dengan jumlah kolom berbeda",
                expected=expected,
            )
        )
    if last and problems[-1][1] < width:
        found[-1 if len(problems) <= MAX_ROW_PROBLEMS else 0] = Problem(
            table.path,
            row=problems[-1][0],
            found="baris terakhir terpotong",
            expected="berkas unduhan yang utuh; unduh ulang berkas ini",
        )
    raise DataError(found)


MAX_ROW_PROBLEMS = 20


def _delimiter_name(delimiter: str) -> str:
    return {",": "koma", ";": "titik koma", "\t": "tab"}.get(delimiter, repr(delimiter))


def check_size_and_kind(path: Path) -> bytes:
    """The file's first bytes, after refusing a missing, empty, huge or binary file."""
    if not path.is_file():
        raise DataError([Problem(path, expected="berkas yang ada", found="berkas tidak ditemukan")])
    size = path.stat().st_size
    if size == 0:
        raise DataError(
            [
                Problem(
                    path,
                    found="berkas kosong (0 bita)",
                    expected="baris judul dan minimal satu baris data",
                )
            ]
        )
    if size > MAX_BYTES:
        raise DataError(
            [
                Problem(
                    path,
                    found=f"berkas berukuran {size / 1024**2:,.0f} MB".replace(",", "."),
                    expected=f"berkas paling besar {MAX_BYTES // 1024**2} MB; ekspor per bulan atau per "
                    "triwulan lalu letakkan semua berkasnya di folder exports/",
                )
            ]
        )
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            raise DataError(
                [
                    Problem(
                        path,
                        found=f"{kind}, bukan berkas teks",
                        expected="berkas CSV (teks) seperti yang diunduh dari platform",
                    )
                ]
            )
    if (
        b"\x00" in head
        and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
        and not utf16_order(head)
    ):
        raise DataError(
            [
                Problem(
                    path,
                    found="berkas biner, bukan berkas teks",
                    expected="berkas CSV (teks) seperti yang diunduh dari platform",
                )
            ]
        )
    return head


def utf16_order(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text saved without a BOM: ASCII characters
    leave a zero byte at every odd (little-endian) or even (big-endian) position."""
    sample = head[: len(head) // 2 * 2][:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-16 by its BOM (or its zero bytes, without one), else UTF-8
    (BOM optional), else cp1252."""
    order = None if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16_order(raw[:4096])
    if order:
        try:
            return raw.decode(order), "utf-16"
        except UnicodeDecodeError as exc:
            raise DataError(
                [Problem(path, found="UTF-16 yang rusak", expected=_ENCODINGS)]
            ) from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DataError(
                [Problem(path, found="UTF-16 yang rusak", expected=_ENCODINGS)]
            ) from exc
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        text = raw.decode("cp1252", errors="replace")
        mixed = _MOJIBAKE.search(text)
        if mixed:
            row = text.count("\n", 0, mixed.start()) + 1
            raise DataError(
                [
                    Problem(
                        path,
                        row=row,
                        found="campuran pengodean UTF-8 dan Windows-1252",
                        expected="satu pengodean untuk seluruh berkas; simpan ulang sebagai CSV UTF-8",
                    )
                ]
            ) from utf8_error
        return text, "cp1252"


_ENCODINGS = "teks berpengodean UTF-8, UTF-16, atau Windows-1252"


def open_table(path: Path) -> TextTable:
    """Decode the head of ``path`` and locate its header: the first line that looks like one."""
    path = Path(path)
    head = check_size_and_kind(path)
    size = path.stat().st_size
    if not (head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_order(head)):
        head = _head_lines(path, head, size)
    if size <= len(head) or head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_order(head):
        text, encoding = decode(path, path.read_bytes())
        full_text = text.lstrip("\ufeff")
    else:
        text, encoding = decode(path, head[: head.rfind(b"\n") + 1] or head)
        full_text = None if encoding == "utf-8" else decode(path, path.read_bytes())[0]
    return located_header(path, text, encoding, full_text)


def _head_lines(path: Path, head: bytes, size: int) -> bytes:
    """The head, read further until it holds ``HEAD_LINES`` lines (a header longer than the
    sniff window is read whole, never cut) or the whole file; each read doubles the head."""
    grown = bytearray(head)
    with path.open("rb") as handle:
        handle.seek(len(grown))
        while grown.count(b"\n") < HEAD_LINES and len(grown) < size:
            if len(grown) > MAX_HEADER_BYTES + SNIFF_BYTES:
                raise DataError(
                    [
                        Problem(
                            path,
                            row=1,
                            found=f"baris judul lebih panjang dari "
                            f"{MAX_HEADER_BYTES // 1024**2} MB",
                            expected="berkas CSV ekspor platform (satu baris judul, lalu satu "
                            "baris per data); unduh ulang berkas ini",
                        )
                    ]
                )
            block = handle.read(len(grown))
            if not block:
                break
            grown += block
    return bytes(grown)


def open_member(archive: Path, name: str, raw: bytes) -> TextTable:
    """One CSV inside a ZIP, from its bytes (never unpacked to disk); its download time is
    read from the ZIP's name."""
    path = archive / name
    if not raw.strip():
        raise DataError(
            [
                Problem(
                    path, found="berkas kosong", expected="baris judul dan minimal satu baris data"
                )
            ]
        )
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise DataError(
                [
                    Problem(
                        path, found=f"{kind}, bukan berkas teks", expected="berkas CSV di dalam ZIP"
                    )
                ]
            )
    text, encoding = decode(path, raw)
    table = located_header(path, text, encoding, text.lstrip("\ufeff"))
    table.anchor_name = archive.name
    return table


def located_header(path: Path, text: str, encoding: str, full_text: str | None) -> TextTable:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DataError(
            [
                Problem(
                    path,
                    found="berkas tanpa isi",
                    expected="baris judul dan minimal satu baris data",
                )
            ]
        )
    lines = text.splitlines(keepends=True)
    preamble: list[str] = []
    declared = None
    for line in lines[:5]:
        stripped = line.strip().strip('"')
        if stripped.lower().startswith("sep="):
            declared = stripped[4:5] or ","
            preamble.append(line)
        elif len(lines) > len(preamble) + 1 and _is_title_line(line, lines[len(preamble) + 1]):
            preamble.append(line)  # a metric-name line above the real header (Meta daily files)
        else:
            break
    header_line = lines[len(preamble)] if len(lines) > len(preamble) else ""
    delimiter = declared or _sniff_delimiter(header_line)
    header = [h.strip() for h in next(csv.reader([header_line], delimiter=delimiter), [])]
    locale = "id" if delimiter == ";" else "en"
    return TextTable(
        path=path,
        encoding=encoding,
        delimiter=delimiter,
        locale=locale,
        preamble=preamble,
        header=header,
        header_row=len(preamble) + 1,
        full_text=full_text,
    )


def _is_title_line(line: str, following: str) -> bool:
    """One quoted field alone on a line, followed by a line with several fields."""
    fields = next(csv.reader([line]), [])
    return len(fields) == 1 and line.strip().startswith('"') and following.count(",") >= 1


def _sniff_delimiter(line: str) -> str:
    counts = {d: _count_outside_quotes(line, d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _count_outside_quotes(line: str, char: str) -> int:
    inside, count = False, 0
    for c in line:
        if c == '"':
            inside = not inside
        elif c == char and not inside:
            count += 1
    return count
