"""Readers of the platforms' own export files, recognized by their content, never their name.

``read_export(path, timezone)`` returns the canonical table of one file; ``detect(table)`` names
its format, or says which known format is closest and which columns the file lacks.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from kpureport.errors import DataError, Note, Problem
from kpureport.ingest import canonical, validate
from kpureport.ingest.readers import (
    facebook_legacy,
    google_forms,
    meta,
    tiktok,
    twitter,
    workbook,
    youtube,
)
from kpureport.ingest.readers.base import Context, Format
from kpureport.ingest.readers.textfile import TextTable, located_header, open_member, open_table

FORMATS: tuple[Format, ...] = (
    *meta.FORMATS,
    *facebook_legacy.FORMATS,
    *youtube.FORMATS,
    *twitter.FORMATS,
    *google_forms.FORMATS,
    *tiktok.FORMATS,
)


@dataclass
class Export:
    """One export file as understood: its format and its rows in a canonical table."""

    path: Path
    format: Format
    table: pd.DataFrame
    notes: list[Note] = field(default_factory=list)
    #: Header names the file repeats, with their column positions (the first is read).
    repeated: dict[str, list[int]] = field(default_factory=dict)

    @property
    def platform(self) -> str | None:
        if "platform" in self.table.columns and self.table["platform"].notna().any():
            return str(self.table["platform"].dropna().iloc[0])
        return self.format.platform


def detect(table: TextTable) -> Format:
    """The format whose required columns the file has; the most specific one if several."""
    matches = [f for f in FORMATS if f.matches(table)]
    if matches:
        return max(matches, key=lambda f: max(len(r) for r in f.required))
    closest = max(FORMATS, key=lambda f: f.overlap(table.columns))
    header = ", ".join(table.header[:8]) + (", ..." if len(table.header) > 8 else "")
    language = interface_language(table.header)
    if language:
        raise DataError(
            [
                Problem(
                    table.path,
                    row=table.header_row,
                    found=f"ekspor berbahasa tampilan {language} (baris judul: {header})",
                    expected=LANGUAGE_HINT,
                )
            ]
        )
    raise DataError(
        [
            Problem(
                table.path,
                row=table.header_row,
                found=f"baris judul: {header}",
                expected=f"ekspor platform yang dikenal; paling mirip: {closest.title} "
                f"({closest.name}), tetapi kolom ini tidak ada: "
                f"{', '.join(closest.missing(table.columns))}",
            )
        ]
    )


LANGUAGE_HINT = (
    "ekspor dengan bahasa tampilan English: ubah bahasa tampilan akun di platformnya menjadi "
    "English (YouTube Studio dan TikTok Studio boleh juga Bahasa Indonesia), lalu unduh ulang "
    "berkas ini"
)
#: Header words of exports downloaded in other interface languages (Latin script), so that
#: such a file gets one message saying what to change; other scripts are told by their letters.
FOREIGN_WORDS = {
    "fecha": "Spanyol",
    "visualizaciones": "Spanyol",
    "alcance": "Spanyol atau Portugis",
    "impresiones": "Spanyol",
    "me gusta": "Spanyol",
    "comentarios": "Spanyol",
    "compartidos": "Spanyol",
    "visualizações": "Portugis",
    "impressões": "Portugis",
    "curtidas": "Portugis",
    "vues": "Prancis",
    "portée": "Prancis",
    "j'aime": "Prancis",
    "datum": "Jerman atau Belanda",
    "aufrufe": "Jerman",
    "reichweite": "Jerman",
    "ngày": "Vietnam",
    "lượt xem": "Vietnam",
    "tarih": "Turki",
    "görüntülemeler": "Turki",
    "petsa": "Filipina",
    "tarikh": "Melayu",
}


def interface_language(header: list[str]) -> str | None:
    """The interface language a header was written in, when it is neither English nor
    Indonesian: by its script, or by a known header word."""
    from kpureport.ingest.readers.tiktok import LANGUAGES

    text = " ".join(header)
    for pattern, name in LANGUAGES:
        if pattern.search(text):
            return name
    for name in header:
        language = FOREIGN_WORDS.get(" ".join(name.split()).casefold())
        if language:
            return language
    return None


def read_exports(
    path: Path, timezone: str, feedback_column: str | None = None, **settings: str | None
) -> list[Export]:
    """Every export in one file: the file itself, each sheet of an Excel workbook, or each CSV
    (or workbook) of a ZIP as downloaded."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        return [read_export(path, timezone, feedback_column, **settings)]
    if workbook.is_workbook(path):
        return _read_workbook(path, None, path.name, timezone, feedback_column, settings)

    def member(name: str, raw: bytes):
        if workbook.is_workbook(raw):
            return lambda: _read_workbook(
                path / name, raw, path.name, timezone, feedback_column, settings
            )
        return lambda: [
            _read_table(open_member(path, name, raw), timezone, feedback_column, settings)
        ]

    return _every([member(name, raw) for name, raw in _zip_members(path)])


def _read_workbook(
    path: Path,
    raw: bytes | None,
    anchor: str,
    timezone: str,
    feedback_column: str | None,
    settings: dict,
) -> list[Export]:
    """The sheets of a workbook that hold a known export (a TikTok tab, Facebook's "Key
    Metrics"); the explanation sheets beside them are passed over. With none, the first
    sheet's header is explained."""
    found = workbook.sheets(path, raw)
    tables = []
    for title, rows in found:
        if not rows:
            continue
        where = path if len(found) == 1 else path / title
        text = workbook.as_csv(rows)
        table = located_header(where, text, "utf-8", text)
        table.anchor_name = anchor
        tables.append(table)
    if not tables:
        raise DataError(
            [
                Problem(
                    path,
                    found="semua lembar kerja kosong",
                    expected="baris judul dan minimal satu baris data",
                )
            ]
        )
    known = [t for t in tables if any(f.matches(t) for f in FORMATS)]
    if not known:
        detect(tables[0])
    return _every(
        [(lambda t=t: [_read_table(t, timezone, feedback_column, settings)]) for t in known]
    )


def _every(reads: list[Callable[[], list[Export]]]) -> list[Export]:
    """Run every read, gather the problems of all of them, and raise them together."""
    exports, problems = [], []
    for read in reads:
        try:
            exports += read()
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    return exports


def _zip_members(path: Path) -> list[tuple[str, bytes]]:
    """The CSVs and workbooks of a ZIP, read in memory; anything else in it, a name that would
    leave the archive's folder or that the archive holds twice, an encrypted member, or a size
    beyond the limit is refused by name before it is inflated; a damaged member (its CRC does
    not match) is refused by name when read."""
    with zipfile.ZipFile(path) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        refused = workbook.refused_sizes(infos)
        if not infos:
            refused.append("tidak ada berkas (arsip kosong)")
        seen: set[str] = set()
        for info in infos:
            name = info.filename
            if name in seen:
                refused.append(f"'{name}' dua kali (isi yang mana yang benar tidak jelas)")
            seen.add(name)
            if info.flag_bits & 0x1:
                refused.append(f"'{name}' terkunci kata sandi")
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ".." in parts or ":" in name:
                refused.append(f"'{name}' menunjuk ke luar folder arsip")
            elif PurePosixPath(name).suffix.lower() not in (".csv", ".xlsx"):
                refused.append(f"'{name}' bukan berkas CSV atau Excel")
        if refused:
            raise DataError(
                [
                    Problem(
                        path,
                        found="ZIP berisi " + "; ".join(refused),
                        expected="ZIP seperti yang diunduh dari platform (hanya berkas CSV atau "
                        "Excel); unduh ulang, atau letakkan berkasnya langsung di exports/",
                    )
                ]
            )
        members = []
        for info in infos:
            try:
                with archive.open(info) as handle:
                    raw = handle.read(info.file_size + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                raise DataError(
                    [
                        Problem(
                            path,
                            found=f"'{info.filename}' rusak dan tidak dapat dibuka ({exc})",
                            expected="ZIP yang utuh; unduh ulang dari platformnya",
                        )
                    ]
                ) from exc
            if len(raw) > info.file_size:  # the header lied about the size
                raise DataError(
                    [
                        Problem(
                            path,
                            found=f"'{info.filename}' lebih besar dari yang tertulis",
                            expected="ZIP yang utuh",
                        )
                    ]
                )
            members.append((info.filename, raw))
    return members


def read_export(
    path: Path, timezone: str, feedback_column: str | None = None, **settings: str | None
) -> Export:
    """Read one export file into its canonical table, or raise every problem found in it.

    ``settings`` are the office's reader settings from its profile (see :class:`Context`).
    """
    return _read_table(open_table(Path(path)), timezone, feedback_column, settings)


def _read_table(
    table: TextTable, timezone: str, feedback_column: str | None, settings: dict
) -> Export:
    path = table.path
    fmt = detect(table)
    table.header = fmt.spelled(table.header)
    given = {k: v for k, v in settings.items() if v is not None}
    ctx = Context(timezone=timezone, feedback_column=feedback_column, **given)
    frame = fmt.read(table, ctx)
    validate.limit_texts(frame, ["text"], table.path, ctx.notes, rows=False)
    if frame.empty and not ctx.problems:
        ctx.problems.append(
            Problem(
                table.path,
                found="tidak ada baris data (hanya baris judul, atau semua jawaban kosong)",
                expected=f"ekspor {fmt.title} yang berisi data; hapus berkas ini "
                "bila periodenya memang kosong",
            )
        )
    if ctx.problems:
        raise DataError(ctx.problems)
    frame["source"] = Path(path).name
    return Export(Path(path), fmt, frame, ctx.notes, table.repeated)


def summary(export: Export, timezone: str = "UTC") -> dict[str, object]:
    """What ``kpureport inspect --json`` prints: format, platform, rows, period, totals, the
    download day the name states (which orders overlapping downloads), the posts whose time of
    day is known, and an audience file's dimensions."""
    from kpureport.ingest.readers import stated

    table = export.table
    kind = export.format.kind
    if kind in ("posts", "top"):
        moments = table["published"]
        rows = len(table)
    elif kind == "audience":
        moments = table["snapshot"]
        rows = len(table)
    else:
        moments = table["date"]
        rows = int(table["date"].nunique()) if kind == "daily" else len(table)
    dates = pd.DatetimeIndex(moments.dropna())
    totals: dict[str, float | int] = {}
    if kind in ("posts", "top"):
        for metric in canonical.METRICS:
            if metric in table.columns:
                totals[metric] = _plain(table[metric].sum())
    elif kind == "daily":
        sums = table[table["metric"].isin(canonical.METRICS)].groupby("metric")["value"].sum()
        totals = {metric: _plain(value) for metric, value in sums.items()}
    return {
        "file": str(export.path),
        "format": export.format.name,
        "title": export.format.title,
        "kind": kind,
        "platform": export.platform,
        "rows": rows,
        "start": dates.min().date().isoformat() if len(dates) else None,
        "end": dates.max().date().isoformat() if len(dates) else None,
        "totals": totals,
        "repeated_columns": export.repeated,
        "downloaded": _downloaded(export.path, timezone, stated),
        "timed_posts": int(table["timed"].sum()) if "timed" in table.columns else None,
        "dimensions": sorted(table["dimension"].dropna().unique().tolist())
        if kind == "audience"
        else None,
    }


def _downloaded(path: Path, timezone: str, stated) -> str | None:
    """The download day the file's name (or its ZIP's) states, ISO, or None."""
    names = [path.name] + ([path.parent.name] if path.parent.suffix.lower() == ".zip" else [])
    for name in reversed(names):
        day = stated.stated_day(name, timezone)
        if day:
            return day.isoformat()
    return None


def _plain(value: object) -> float | int:
    number = float(value)
    return int(number) if number.is_integer() else round(number, 4)
