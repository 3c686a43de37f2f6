"""The rules of every input file, written once as declarations.

Tables are checked with pandera schemas; YAML files with small field specs. Both report every
problem at once as :class:`~kpureport.errors.Problem` records naming the file, row or key,
what was found and what was expected, in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import pandera.pandas as pa

from kpureport.config import EARLIEST_YEAR, PLATFORMS
from kpureport.errors import Problem
from kpureport.models import PREFIX

#: Lines above the first data row of a CSV file (the header); row numbers in messages are lines.
HEADER_LINES = 1

_COUNT = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}([.,][0-9]{3})+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_URL = re.compile(r"https?://[^\s/]+\.[^\s]+")

PLATFORM_LIST = ", ".join(PLATFORMS)


def parse_date(text: str) -> dt.date | None:
    """An ISO date (``2021-06-30``) within the plausible range, else ``None``."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        return None
    if not EARLIEST_YEAR <= value.year <= dt.date.today().year + 1:
        return None
    return value


def parse_month_or_date(value: object) -> tuple[dt.date, bool] | None:
    """``2021-06`` (a month) or ``2021-06-30``; the flag says whether only the month is known."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value, False
    text = str(value).strip()
    if _MONTH.fullmatch(text):
        day = parse_date(text + "-01")
        return (day, True) if day else None
    day = parse_date(text)
    return (day, False) if day else None


def _is_blank(value: str) -> bool:
    return value.strip() == ""


def _is_count(value: str) -> bool:
    value = value.strip()
    return bool(_is_blank(value) or _GROUPED.fullmatch(value) or _COUNT.fullmatch(value))


def _not_grouped(value: str) -> bool:
    return _GROUPED.fullmatch(value.strip()) is None


def _is_date(value: str) -> bool:
    return _is_blank(value) or parse_date(value.strip()) is not None


def _is_platform(value: str) -> bool:
    return _is_blank(value) or value.strip() in PLATFORMS


def _filled(value: str) -> bool:
    return not _is_blank(value)


def _check(fn: Callable[[str], bool], expected: str) -> pa.Check:
    return pa.Check(fn, element_wise=True, error=expected)


REQUIRED = "terisi (tidak boleh kosong)"

FOLLOWERS_SCHEMA = pa.DataFrameSchema(
    {
        "date": pa.Column(
            str,
            [
                _check(_filled, REQUIRED),
                _check(
                    _is_date,
                    f"tanggal berformat TTTT-BB-HH (mis. 2021-06-30) antara tahun {EARLIEST_YEAR} "
                    "dan tahun depan",
                ),
            ],
        ),
        "platform": pa.Column(
            str,
            [
                _check(_filled, REQUIRED),
                _check(_is_platform, f"salah satu dari: {PLATFORM_LIST} (huruf kecil)"),
            ],
        ),
        "followers": pa.Column(
            str,
            [
                _check(_filled, REQUIRED),
                _check(_is_count, "bilangan bulat 0 atau lebih, hanya angka (mis. 1030)"),
                _check(
                    _not_grouped,
                    "angka tanpa pemisah ribuan: tulis 1030, bukan 1.030 (titik bisa terbaca "
                    "sebagai desimal, jadi nilai ini tidak ditebak)",
                ),
            ],
        ),
    },
    unique=["date", "platform"],
    name="followers",
)


def table_problems(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> list[Problem]:
    """Every rule of ``schema`` that ``frame`` (all columns as text) breaks, one Problem each."""
    missing = [name for name in schema.columns if name not in frame.columns]
    if missing:
        header = ",".join(map(str, frame.columns))
        return [
            Problem(
                path,
                row=1,
                column=name,
                found=f"baris judul {header}",
                expected=f"baris judul memuat kolom '{name}' "
                f"(kolom wajib: {', '.join(schema.columns)}; pemisah koma)",
            )
            for name in missing
        ]
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _schema_problems(exc.failure_cases, frame, path)
    return []


def _schema_problems(cases: pd.DataFrame, frame: pd.DataFrame, path: Path) -> list[Problem]:
    problems = []
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            continue
        row = int(case.index) + HEADER_LINES + 1
        if case.column is None or case.check == "multiple_fields_uniqueness":
            cols = list(frame.columns[:2])
            values = ", ".join(str(frame.at[case.index, c]) for c in cols)
            problems.append(
                Problem(
                    path,
                    row=row,
                    found=values,
                    expected=f"satu baris untuk setiap pasangan {' dan '.join(cols)} "
                    "(baris ini mengulang baris sebelumnya)",
                )
            )
            continue
        problems.append(
            Problem(path, row=row, column=case.column, found=case.failure_case, expected=case.check)
        )
    # A duplicated pair is reported on each of its rows; keep one message per row.
    unique = {(p.row, p.column, p.expected): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.row or 0, p.column or ""))


@dataclass(frozen=True)
class Field:
    """One key of a YAML mapping: how to check it and what to tell the user it should be."""

    key: str
    check: Callable[[object], bool]
    expected: str
    required: bool = False
    items: tuple[Field, ...] | None = None  # for a list of mappings


def _text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(_text(v) for v in value)


def _url(value: object) -> bool:
    return isinstance(value, str) and _URL.fullmatch(value.strip()) is not None


def _email(value: object) -> bool:
    return isinstance(value, str) and _EMAIL.fullmatch(value.strip()) is not None


def _timezone(value: object) -> bool:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _office_name(value: object) -> bool:
    return _text(value) and str(value).startswith(PREFIX) and len(str(value)) > len(PREFIX)


def _mapping(value: object) -> bool:
    return isinstance(value, Mapping)


def _list_of_mappings(value: object) -> bool:
    return isinstance(value, list) and len(value) > 0 and all(_mapping(v) for v in value)


TEXT = "teks"
MONTH = "bulan (TTTT-BB, mis. 2016-04) atau tanggal (TTTT-BB-HH)"

ACCOUNT_FIELDS = (
    Field("platform", lambda v: v in PLATFORMS, f"salah satu dari: {PLATFORM_LIST}", True),
    Field("name", _text, "nama akun seperti tampil di platform", True),
    Field("url", _url, "alamat lengkap yang diawali http:// atau https://", True),
    Field("handle", _text, "nama pengguna, mis. @kpu_kku"),
    Field("since", lambda v: parse_month_or_date(v) is not None, MONTH),
)

PROFILE_FIELDS = (
    Field("name", _office_name, f"nama lengkap lembaga yang diawali '{PREFIX.strip()}'", True),
    Field("abbreviation", _text, "singkatan, mis. KPU KKU"),
    Field("province", _text, "nama provinsi, mis. Kalimantan Barat", True),
    Field("city", _text, "kota tempat laporan ditandatangani, mis. Sukadana", True),
    Field(
        "timezone",
        _timezone,
        "zona waktu IANA: Asia/Jakarta, Asia/Pontianak, Asia/Makassar, atau Asia/Jayapura",
    ),
    Field("website", _url, "alamat situs yang diawali http:// atau https://"),
    Field("jdih", _url, "alamat JDIH yang diawali http:// atau https://"),
    Field("email", _email, "alamat surel, mis. nama@domain.go.id"),
    Field("chair", _text, "nama ketua"),
    Field(
        "accounts",
        _list_of_mappings,
        "daftar akun media sosial (minimal satu)",
        True,
        items=ACCOUNT_FIELDS,
    ),
)

SIGNATURE_FIELDS = (
    Field("place", _text, "tempat penandatanganan, mis. Sukadana", True),
    Field("date", lambda v: parse_month_or_date(v) is not None, MONTH, True),
    Field("title", _text, "jabatan penanda tangan, mis. Ketua", True),
    Field("name", _text, "nama penanda tangan", True),
)

NARRATIVE_FIELDS = (
    Field("introduction", _text, TEXT),
    Field("platforms", _text, TEXT),
    Field("features", _text, TEXT),
    Field("constraints_intro", _text, TEXT),
    Field("constraints", _texts, "daftar butir teks (setiap butir diawali '- ')"),
    Field("solutions", _texts, "daftar butir teks (setiap butir diawali '- ')"),
    Field("closing", _text, TEXT),
    Field(
        "signature", _mapping, "bagian berisi place, date, title, dan name", items=SIGNATURE_FIELDS
    ),
)


def mapping_problems(
    data: object, fields: tuple[Field, ...], path: Path, prefix: str = ""
) -> list[Problem]:
    """Every key of a YAML mapping that is missing, unknown or of the wrong form."""
    if not isinstance(data, Mapping):
        return [
            Problem(
                path,
                key=prefix or None,
                found=type(data).__name__,
                expected="pasangan 'kunci: nilai' seperti pada contoh",
            )
        ]
    problems: list[Problem] = []
    known = {f.key for f in fields}
    for key in data:
        if key not in known:
            problems.append(
                Problem(
                    path,
                    key=f"{prefix}{key}",
                    expected=f"salah satu bagian yang dikenal: {', '.join(sorted(known))}",
                )
            )
    for spec in fields:
        where = f"{prefix}{spec.key}"
        value = data.get(spec.key)
        if value is None:
            if spec.required:
                problems.append(Problem(path, key=where, expected=f"diisi dengan {spec.expected}"))
            continue
        if not spec.check(value):
            problems.append(Problem(path, key=where, found=_shown(value), expected=spec.expected))
        elif spec.items is not None:
            values = value if isinstance(value, list) else [value]
            for number, item in enumerate(values, start=1):
                inner = f"{where}[{number}]." if isinstance(value, list) else f"{where}."
                problems += mapping_problems(item, spec.items, path, inner)
    return problems


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
