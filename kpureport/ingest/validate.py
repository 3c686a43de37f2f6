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

from kpureport import formatting as fmt
from kpureport.config import (
    DAYS_AHEAD,
    EARLIEST_YEAR,
    MAX_COUNT,
    MAX_NAME_CHARS,
    MAX_SCORE,
    MAX_TEXT_CHARS,
    PLATFORMS,
    TARGET_INDICATORS,
)
from kpureport.errors import Note, Problem
from kpureport.models import PREFIX

_COUNT = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}([.,][0-9]{3})+")
_ID_GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_DMY = re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_URL = re.compile(r"https?://[^\s/]+\.[^\s]+")

PLATFORM_LIST = ", ".join(PLATFORMS)


def outside(path: Path, root: Path) -> Problem | None:
    """A problem when ``path`` is a symbolic link leading outside ``root``: refused by its
    name, never opened, so nothing of the target can reach a message or a report."""
    if path.is_symlink() and not path.resolve().is_relative_to(Path(root).resolve()):
        return Problem(
            path,
            found="tautan (symlink) ke berkas atau folder di luar folder kantor",
            expected="berkas yang benar-benar ada di dalam folder kantor; salin berkasnya ke "
            "sini, jangan ditautkan",
        )
    return None


def latest_day() -> dt.date:
    """The latest day any data may carry: the one rule for exports and tables staff fill."""
    return dt.date.today() + dt.timedelta(days=DAYS_AHEAD)


def parse_date(text: str, latest: dt.date | None = None) -> dt.date | None:
    """An ISO date (``2021-06-30``) from EARLIEST_YEAR to ``latest`` (default
    :func:`latest_day`), else ``None``."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        return None
    if value.year < EARLIEST_YEAR or value > (latest or latest_day()):
        return None
    return value


def parse_month_or_date(
    value: object, latest: dt.date | None = None
) -> tuple[dt.date, bool] | None:
    """``2021-06`` (a month) or ``2021-06-30``; the flag says whether only the month is known."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value, False
    text = str(value).strip()
    if _MONTH.fullmatch(text):
        day = parse_date(text + "-01", latest)
        return (day, True) if day else None
    day = parse_date(text, latest)
    return (day, False) if day else None


def parse_month(text: str, locale: str) -> dt.date | None:
    """The first day of a month written ``2025-01``, ``01/2025`` in the Indonesian locale, or
    as any day of it (Excel types a month as its first day).

    >>> parse_month("2025-01", "en"), parse_month("01/2025", "id"), parse_month("2025-13", "en")
    (datetime.date(2025, 1, 1), datetime.date(2025, 1, 1), None)
    """
    text = text.strip()
    if locale == "id" and re.fullmatch(r"\d{1,2}/\d{4}", text):
        month, year = text.split("/")
        text = f"{year}-{int(month):02d}"
    found = parse_month_or_date(text) if _MONTH.fullmatch(text) else None
    day = found[0] if found else parse_day(text, locale)
    return day.replace(day=1) if day else None


def signing_day(value: object) -> tuple[dt.date, bool] | None:
    """A signature may be dated ahead (a report prepared for signing), up to the next year."""
    return parse_month_or_date(value, dt.date(dt.date.today().year + 1, 12, 31))


def limit_texts(
    frame: pd.DataFrame, columns: list[str], path: Path, notes: list[Note], rows: bool = True
) -> None:
    """Cut any text longer than MAX_TEXT_CHARS in place, with a note; ``rows``: the frame is
    indexed by spreadsheet row, so the note can name it."""
    for column in columns:
        if column not in frame.columns:
            continue
        text = frame[column].astype("string")
        long = text.str.len() > MAX_TEXT_CHARS
        for row in frame.index[long.fillna(False).to_numpy()]:
            notes.append(
                Note(
                    path,
                    f"teks sepanjang {fmt.number(len(text[row]))} karakter dipotong menjadi "
                    f"{fmt.number(MAX_TEXT_CHARS)} karakter (batas satu isian)",
                    row=int(row) if rows else None,
                    column=column,
                )
            )
        if long.any():
            frame[column] = text.where(~long.fillna(False), text.str.slice(0, MAX_TEXT_CHARS))


def limit_text(value: str, path: Path, key: str, notes: list[Note]) -> str:
    """One text of a YAML file, cut to MAX_TEXT_CHARS with a note."""
    if len(value) <= MAX_TEXT_CHARS:
        return value
    notes.append(
        Note(
            path,
            f"bagian '{key}' sepanjang {fmt.number(len(value))} karakter dipotong menjadi "
            f"{fmt.number(MAX_TEXT_CHARS)} karakter (batas satu isian)",
        )
    )
    return value[:MAX_TEXT_CHARS]


def _is_blank(value: str) -> bool:
    return value.strip() == ""


def _filled(value: str) -> bool:
    return not _is_blank(value)


def _check(fn: Callable[[str], bool], expected: str) -> pa.Check:
    return pa.Check(fn, element_wise=True, error=expected)


def parse_count(text: str, locale: str) -> int | None:
    """A whole count as staff type it; ``1.030`` is a thousand and thirty only in a file whose
    locale says so (re-saved by Excel on Indonesian Windows), otherwise it is refused."""
    text = text.strip()
    if _COUNT.fullmatch(text):
        value = int(text)
    elif locale == "id" and _ID_GROUPED.fullmatch(text):
        value = int(text.replace(".", ""))
    else:
        return None
    return value if value <= MAX_COUNT else None


def _too_big(text: str) -> bool:
    digits = text.strip().replace(".", "").replace(",", "")
    return digits.isdigit() and int(digits) > MAX_COUNT


def parse_day(text: str, locale: str) -> dt.date | None:
    """An ISO date; ``30/06/2021`` too in a file re-saved by Excel on Indonesian Windows."""
    text = text.strip()
    if locale == "id" and _DMY.fullmatch(text):
        day, month, year = text.split("/")
        text = f"{year}-{int(month):02d}-{int(day):02d}"
    return parse_date(text)


REQUIRED = "terisi (tidak boleh kosong)"

#: Feedback categories, as the report groups them.
CATEGORIES = ("kritik", "saran", "pertanyaan", "apresiasi", "lainnya")


@dataclass(frozen=True)
class TableColumn:
    """A column of a table that staff fill in: canonical name, Indonesian header, kind."""

    name: str
    label: str
    kind: str  # a name of COLUMN_KINDS: date, moment, year, platform, count, decimal, ...
    required: bool = True
    choices: tuple[str, ...] = ()  # of a "choice" column; may be given when read (pillars)


DATE = TableColumn("date", "tanggal", "date")
PLATFORM = TableColumn("platform", "platform", "platform")

MANUAL_TABLES: dict[str, tuple[TableColumn, ...]] = {
    "followers": (DATE, PLATFORM, TableColumn("followers", "pengikut", "count")),
    "polls": (
        DATE,
        PLATFORM,
        TableColumn("question", "pertanyaan", "text"),
        TableColumn("option", "pilihan", "text"),
        TableColumn("votes", "suara", "count"),
    ),
    "feedback": (
        DATE,
        TableColumn("channel", "kanal", "text"),
        TableColumn("category", "kategori", "category", required=False),
        TableColumn("text", "isi", "text"),
    ),
    "targets": (
        TableColumn("year", "tahun", "year"),
        TableColumn("indicator", "indikator", "choice", choices=tuple(TARGET_INDICATORS)),
        TableColumn("platform", "platform", "platform", required=False),
        TableColumn("target", "target", "decimal"),
    ),
    "stages": (
        TableColumn("start", "mulai", "date"),
        TableColumn("end", "selesai", "date"),
        TableColumn("stage", "tahapan", "text"),
        TableColumn("source", "sumber", "text", required=False),
    ),
    "pillars": (
        PLATFORM,
        TableColumn("post_id", "id_unggahan", "text"),
        TableColumn("pillar", "pilar", "choice"),
    ),
    "questions": (
        TableColumn("received", "diterima", "moment"),
        TableColumn("answered", "dijawab", "moment", required=False),
        TableColumn("channel", "kanal", "text"),
    ),
    "clarifications": (
        DATE,
        TableColumn("issue", "isu", "text"),
        TableColumn("link", "tautan", "text", required=False),
        TableColumn("platform", "platform", "platform", required=False),
        TableColumn("hoax_seen", "hoaks_diketahui", "moment", required=False),
        TableColumn("published", "klarifikasi_terbit", "moment", required=False),
    ),
    # Figures that only the apps show (Threads, WhatsApp Channels; TikTok's posts, which no
    # export counts), copied by staff once a month: the report names them "dicatat staf".
    "monthly": (
        TableColumn("month", "bulan", "month"),
        PLATFORM,
        TableColumn("followers", "pengikut", "optional_count", required=False),
        TableColumn("posts", "unggahan", "optional_count", required=False),
        TableColumn("views", "tayangan", "optional_count", required=False),
    ),
}
#: Tables a province fills for its roll-up (not an office's): the juried scores.
ROLLUP_TABLES: dict[str, tuple[TableColumn, ...]] = {
    "jury": (
        TableColumn("office", "kantor", "choice"),
        TableColumn("criterion", "kriteria", "choice"),
        TableColumn("score", "nilai", "score"),
    ),
}
TABLES = MANUAL_TABLES | ROLLUP_TABLES
#: Columns that identify a row: a second row with the same values is a duplicate.
MANUAL_KEYS = {
    "jury": ["office", "criterion"],
    "followers": ["date", "platform"],
    "polls": ["date", "platform", "question", "option"],
    "feedback": None,
    "targets": ["year", "indicator", "platform"],
    "stages": None,
    "pillars": ["platform", "post_id"],
    "questions": None,
    "clarifications": None,
    "monthly": ["month", "platform"],
}
#: Pairs of columns whose second may not come before the first (an answer before its question).
MANUAL_ORDER = {
    "stages": ("start", "end"),
    "questions": ("received", "answered"),
    "clarifications": ("hoax_seen", "published"),
}


def parse_moment(text: str, locale: str) -> dt.datetime | None:
    """A day with an optional time: ``2024-03-01 08:30`` (also ``08.30``, seconds allowed),
    ``01/03/2024 08.30`` in the Indonesian locale, or a day alone (its start).

    >>> parse_moment("2024-03-01 08.30", "en")
    datetime.datetime(2024, 3, 1, 8, 30)
    >>> parse_moment("2024-03-01 25:00", "en") is None
    True
    """
    day_text, _, time_text = text.strip().partition(" ")
    day = parse_day(day_text, locale)
    if day is None:
        return None
    if not time_text.strip():
        return dt.datetime.combine(day, dt.time())
    match = _TIME.fullmatch(time_text.strip())
    if not match:
        return None
    hour, minute, second = (int(g) if g else 0 for g in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.datetime.combine(day, dt.time(hour, minute, second))


def _unsigned(text: str, locale: str) -> float | None:
    """A number without sign, with a decimal point, or a comma in the Indonesian locale."""
    value = text.strip()
    if locale == "id":
        value = value.replace(".", "") if _ID_GROUPED.fullmatch(value) else value
        value = value.replace(",", ".")
    return float(value) if _DECIMAL.fullmatch(value) else None


def parse_decimal(text: str, locale: str) -> float | None:
    """A number above 0 with a decimal point (``5.5``), or a comma in the Indonesian locale.

    >>> parse_decimal("5,5", "id"), parse_decimal("5.5", "en"), parse_decimal("-1", "en")
    (5.5, 5.5, None)
    """
    number = _unsigned(text, locale)
    return number if number is not None and 0 < number <= MAX_COUNT else None


def parse_score(text: str, locale: str) -> float | None:
    """A juried score from 0 to 100.

    >>> parse_score("87,5", "id"), parse_score("0", "en"), parse_score("101", "en")
    (87.5, 0.0, None)
    """
    number = _unsigned(text, locale)
    return number if number is not None and number <= MAX_SCORE else None


Rule = tuple[Callable[[str], bool], str]


@dataclass(frozen=True)
class ColumnKind:
    """A kind of column staff fill in: the rules a cell must meet, each with the message a
    broken rule gives (in the file's ``locale``; ``allowed`` are a choice column's values),
    how checked cells become typed values, the type of an empty column, and in the Excel
    template the drop-down list of its values and the format of its cells."""

    name: str
    rules: Callable[[str, tuple[str, ...]], list[Rule]] = lambda locale, allowed: []
    typed: Callable[[pd.Series, str], object] = lambda values, locale: values
    dtype: str = "string"
    listed: tuple[str, ...] = ()
    excel_format: str | None = None


#: Every kind of column, by name (``TableColumn.kind``).
COLUMN_KINDS: dict[str, ColumnKind] = {}


def column_kind(kind: ColumnKind) -> ColumnKind:
    """Register a kind of column."""
    COLUMN_KINDS[kind.name] = kind
    return kind


def _lowered(values: pd.Series, locale: str) -> pd.Series:
    return values.str.lower().replace("", pd.NA)


def _parsed(parse: Callable[[str, str], object], dtype: str) -> Callable[[pd.Series, str], object]:
    return lambda values, locale: pd.array([parse(v, locale) for v in values], dtype=dtype)


def _year_rules(locale: str, allowed: tuple[str, ...]) -> list[Rule]:
    last = dt.date.today().year + 1
    return [
        (
            lambda v: v.strip().isdigit() and EARLIEST_YEAR <= int(v.strip()) <= last,
            f"tahun empat angka dari {EARLIEST_YEAR} sampai {last}",
        )
    ]


def _count_rules(locale: str, allowed: tuple[str, ...]) -> list[Rule]:
    rules = [
        (
            lambda v: (
                parse_count(v, locale) is not None
                or _GROUPED.fullmatch(v.strip()) is not None
                or _too_big(v)
            ),
            "bilangan bulat 0 atau lebih, hanya angka (mis. 1030)",
        ),
        (lambda v: not _too_big(v), f"bilangan paling besar {fmt.number(MAX_COUNT)}"),
    ]
    if locale != "id":
        rules.append(
            (
                lambda v: _GROUPED.fullmatch(v.strip()) is None,
                "angka tanpa pemisah ribuan: tulis 1030, bukan 1.030 (titik bisa "
                "terbaca sebagai desimal, jadi nilai ini tidak ditebak)",
            )
        )
    return rules


column_kind(ColumnKind("text"))
column_kind(
    ColumnKind(
        "choice",
        lambda locale, allowed: [
            (lambda v: v.strip().lower() in allowed, f"salah satu dari: {', '.join(allowed)}")
        ],
        _lowered,
    )
)
column_kind(
    ColumnKind(
        "platform",
        lambda locale, allowed: [
            (lambda v: v.strip() in PLATFORMS, f"salah satu dari: {PLATFORM_LIST} (huruf kecil)")
        ],
        _lowered,
        listed=PLATFORMS,
    )
)
column_kind(
    ColumnKind(
        "category",
        lambda locale, allowed: [
            (
                lambda v: v.strip().lower() in CATEGORIES,
                f"kosong atau salah satu dari: {', '.join(CATEGORIES)}",
            )
        ],
        _lowered,
        listed=CATEGORIES,
    )
)
column_kind(
    ColumnKind(
        "year",
        _year_rules,
        lambda values, locale: pd.array([int(v) for v in values], dtype="int64"),
        "int64",
    )
)
column_kind(
    ColumnKind(
        "decimal",
        lambda locale, allowed: [
            (
                lambda v: parse_decimal(v, locale) is not None,
                f"angka lebih dari 0, mis. 1200 atau {'5,5' if locale == 'id' else '5.5'}",
            )
        ],
        _parsed(parse_decimal, "float64"),
        "float64",
    )
)
column_kind(
    ColumnKind(
        "score",
        lambda locale, allowed: [
            (
                lambda v: parse_score(v, locale) is not None,
                f"nilai dari 0 sampai {MAX_SCORE}, mis. {'87,5' if locale == 'id' else '87.5'}",
            )
        ],
        _parsed(parse_score, "float64"),
        "float64",
    )
)
column_kind(
    ColumnKind(
        "moment",
        lambda locale, allowed: [
            (
                lambda v: parse_moment(v, locale) is not None,
                "tanggal dengan atau tanpa jam, mis. "
                + ("01/03/2024 08.30" if locale == "id" else "2024-03-01 08:30"),
            )
        ],
        lambda values, locale: pd.to_datetime(
            [parse_moment(v, locale) if v else None for v in values]
        ),
        "datetime64[ns]",
        excel_format="yyyy-mm-dd hh:mm",
    )
)
column_kind(
    ColumnKind(
        "date",
        lambda locale, allowed: [
            (
                lambda v: parse_day(v, locale) is not None,
                "tanggal seperti "
                + ("30/06/2021 atau 2021-06-30" if locale == "id" else "2021-06-30")
                + f", dari tahun {EARLIEST_YEAR} sampai {DAYS_AHEAD} hari setelah hari ini",
            )
        ],
        lambda values, locale: pd.to_datetime([parse_day(v, locale) for v in values]),
        "datetime64[ns]",
        excel_format="yyyy-mm-dd",
    )
)
column_kind(
    ColumnKind(
        "month",
        lambda locale, allowed: [
            (
                lambda v: parse_month(v, locale) is not None,
                "bulan seperti "
                + ("01/2025 atau 2025-01" if locale == "id" else "2025-01")
                + f", dari tahun {EARLIEST_YEAR} sampai bulan ini",
            )
        ],
        lambda values, locale: pd.to_datetime([parse_month(v, locale) for v in values]),
        "datetime64[ns]",
        excel_format="yyyy-mm",
    )
)
column_kind(ColumnKind("count", _count_rules, _parsed(parse_count, "int64"), "int64"))
#: A count staff may leave blank (a figure the app did not show that month).
column_kind(
    ColumnKind(
        "optional_count",
        _count_rules,
        lambda values, locale: pd.array(
            [parse_count(v, locale) if v else None for v in values], dtype="Int64"
        ),
        "Int64",
    )
)


def _column_checks(
    column: TableColumn, locale: str, choices: tuple[str, ...] = ()
) -> list[pa.Check]:
    """The checks of one column: filled when required, then its kind's rules on filled cells."""
    checks = [_check(_filled, REQUIRED)] if column.required else []
    for test, expected in COLUMN_KINDS[column.kind].rules(locale, choices or column.choices):
        checks.append(_check(lambda v, test=test: _is_blank(v) or test(v), expected))
    return checks


def manual_schema(
    name: str, locale: str, choices: Mapping[str, tuple[str, ...]] | None = None
) -> pa.DataFrameSchema:
    """The rules of one staff-filled table, for a file in ``locale`` ("en" or "id");
    ``choices`` gives the allowed values of a choice column known only when read."""
    columns = TABLES[name]
    choices = choices or {}
    return pa.DataFrameSchema(
        {
            c.name: pa.Column(
                str, _column_checks(c, locale, choices.get(c.name, ())), required=c.required
            )
            for c in columns
        },
        unique=MANUAL_KEYS[name],
        name=name,
    )


def table_problems(
    frame: pd.DataFrame,
    schema: pa.DataFrameSchema,
    path: Path,
    labels: dict[str, str] | None = None,
) -> list[Problem]:
    """Every rule of ``schema`` that ``frame`` (text cells, indexed by spreadsheet row) breaks.

    ``labels`` maps canonical column names to the header the file uses, for the messages.
    """
    labels = labels or {}
    missing = [
        name for name, col in schema.columns.items() if col.required and name not in frame.columns
    ]
    if missing:
        header = ",".join(labels.get(c, c) for c in frame.columns)
        indonesian = {c.name: c.label for c in TABLES.get(schema.name, ())}
        wanted = ",".join(indonesian.get(c, c) for c in schema.columns)
        return [
            Problem(
                path,
                row=1,
                column=indonesian.get(name, name),
                found=f"baris judul {header}",
                expected=f"baris judul memuat kolom '{indonesian.get(name, name)}' atau "
                f"'{name}' (baris judul lengkap: {wanted}; pemisah koma)",
            )
            for name in missing
        ]
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _schema_problems(exc.failure_cases, frame, path, schema, labels)
    return []


def _schema_problems(
    cases: pd.DataFrame,
    frame: pd.DataFrame,
    path: Path,
    schema: pa.DataFrameSchema,
    labels: dict[str, str],
) -> list[Problem]:
    problems = []
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            continue
        row = int(case.index)
        if case.column is None or case.check == "multiple_fields_uniqueness":
            keys = schema.unique or []
            values = ", ".join(str(frame.at[case.index, c]) for c in keys)
            problems.append(
                Problem(
                    path,
                    row=row,
                    found=values,
                    expected=f"satu baris untuk setiap {' + '.join(labels.get(k, k) for k in keys)} "
                    "(baris ini mengulang baris lain)",
                )
            )
            continue
        problems.append(
            Problem(
                path,
                row=row,
                column=labels.get(case.column, case.column),
                found=case.failure_case,
                expected=case.check,
            )
        )
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
    return (
        _text(value)
        and str(value).startswith(PREFIX)
        and len(PREFIX) < len(str(value)) <= MAX_NAME_CHARS
    )


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
    Field(
        "name",
        _office_name,
        f"nama lengkap lembaga yang diawali '{PREFIX.strip()}', paling panjang "
        f"{MAX_NAME_CHARS} karakter",
        True,
    ),
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
        "slogan", _text, "semboyan pada kop kantor bila berbeda dari Pemilih Berdaulat Negara Kuat"
    ),
    Field("feedback_column", _text, "judul kolom formulir yang berisi kritik dan saran"),
    Field(
        "form_date_order",
        lambda v: v in ("day-first", "month-first"),
        "day-first (cap waktu formulir ditulis tanggal/bulan/tahun) atau month-first "
        "(bulan/tanggal/tahun, formulir berbahasa Inggris AS)",
    ),
    Field(
        "meta_timezone",
        _timezone,
        "zona waktu IANA tempat Meta Business Suite menulis Publish time "
        "(bawaan: America/Los_Angeles)",
    ),
    Field(
        "fictional",
        lambda v: isinstance(v, bool),
        "true untuk kantor rekaan (contoh), selain itu hapus baris ini",
    ),
    Field(
        "lists_of_tables",
        lambda v: isinstance(v, bool),
        "true bila daftar isi cetak juga memuat daftar tabel dan daftar gambar",
    ),
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
    Field("date", lambda v: signing_day(v) is not None, MONTH, True),
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
