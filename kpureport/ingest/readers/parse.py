"""Numbers and dates of platform exports, parsed a whole column at a time.

A column is read by the file's locale: platform exports write ``1234.5`` or ``1,234``;
a file re-saved by Excel on Indonesian Windows writes ``1.234,5``. A value that the locale
cannot settle (``1.030`` in a count column of a platform export, where it would be 1,03) is
reported as a problem, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kpureport.config import DAYS_AHEAD, EARLIEST_YEAR, MAX_COUNT
from kpureport.errors import Problem
from kpureport.formatting import number
from kpureport.ingest.readers.textfile import TextTable
from kpureport.ingest.validate import latest_day

_EN_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_EN_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
_ID_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_ID_PLAIN = re.compile(r"^-?\d+(,\d+)?$")
_EMPTY = {"", "-", "\u2013", "\u2014"}  # empty, hyphen, en dash, em dash

MAX_PROBLEMS_PER_COLUMN = 20


def _located(
    table: TextTable, rows: pd.Index, column: str, values: pd.Series, expected: str
) -> list[Problem]:
    problems = [
        Problem(table.path, row=int(r), column=column, found=str(v), expected=expected)
        for r, v in zip(
            rows[:MAX_PROBLEMS_PER_COLUMN], values[:MAX_PROBLEMS_PER_COLUMN], strict=False
        )
    ]
    if len(rows) > MAX_PROBLEMS_PER_COLUMN:
        problems.append(
            Problem(
                table.path,
                column=column,
                found=f"{len(rows) - MAX_PROBLEMS_PER_COLUMN} nilai lain yang serupa",
                expected=expected,
            )
        )
    return problems


def number_text(series: pd.Series, locale: str) -> tuple[pd.Series, pd.Series]:
    """Numbers from text by locale, and a mask of cells that are not numbers in that locale."""
    text = series.astype("string").str.strip()
    empty = text.isna() | text.isin(_EMPTY)
    if locale == "id":
        grouped = text.str.match(_ID_THOUSANDS.pattern, na=False)
        plain = text.str.match(_ID_PLAIN.pattern, na=False)
        cleaned = text.where(~grouped, text.str.replace(".", "", regex=False))
        cleaned = cleaned.str.replace(",", ".", regex=False)
        valid = grouped | plain
    else:
        grouped = text.str.match(_EN_THOUSANDS.pattern, na=False)
        plain = text.str.match(_EN_PLAIN.pattern, na=False)
        cleaned = text.where(~grouped, text.str.replace(",", "", regex=False))
        valid = grouped | plain
    values = pd.to_numeric(cleaned.where(valid & ~empty), errors="coerce").astype("Float64")
    return values, ~(valid | empty)


def _too_big(values: pd.Series) -> pd.Series:
    return values.notna() & (values.abs() > MAX_COUNT)


def numbers(
    frame: pd.DataFrame,
    column: str,
    table: TextTable,
    problems: list[Problem],
    *,
    count: bool = True,
    signed: bool = False,
) -> pd.Series:
    """A numeric column; counts must be whole and, unless ``signed``, not negative.

    Counts come back as nullable integers, other measures (watch hours) as floats.
    """
    series = frame[column]
    if pd.api.types.is_integer_dtype(series) and not _too_big(series).any():
        negative = series < 0
        if negative.any() and not signed:
            problems += _located(
                table, series.index[negative], column, series[negative], "bilangan 0 atau lebih"
            )
        return series.astype("Int64")
    if pd.api.types.is_numeric_dtype(series):
        values = series.astype("float64").astype("Float64")
        bad = pd.Series(False, index=series.index)
    else:
        values, bad = number_text(series, table.locale)
    huge = _too_big(values)
    if huge.any():
        problems += _located(
            table,
            series.index[huge],
            column,
            series[huge],
            f"bilangan paling besar {number(MAX_COUNT)}",
        )
        values = values.where(~huge)
    if bad.any():
        example = "1.234,5" if table.locale == "id" else "1234.5 atau 1,234"
        problems += _located(
            table, series.index[bad], column, series[bad], f"angka (mis. {example})"
        )
    if count:
        fractional = values.notna() & (values != values.round())
        if fractional.any():
            problems += _located(
                table,
                series.index[fractional],
                column,
                series[fractional],
                "bilangan bulat; nilai ini dapat terbaca dua cara (titik sebagai desimal atau "
                "sebagai pemisah ribuan), jadi tidak ditebak: periksa berkas aslinya",
            )
    if not signed:
        negative = values.notna() & (values < 0)
        if negative.any():
            problems += _located(
                table, series.index[negative], column, series[negative], "bilangan 0 atau lebih"
            )
    values = values.where(~bad)
    return values.round().astype("Int64") if count else values


def timestamps(
    frame: pd.DataFrame,
    column: str,
    table: TextTable,
    problems: list[Problem],
    formats: Sequence[str],
    tz_source: str | None,
    tz_office: str,
) -> pd.Series:
    """Date-times in the office's time zone; ``tz_source`` None means written in office time.
    Besides the export's own ``formats``, the ISO form a workbook's typed cells are written in
    (a CSV re-saved from Excel as XLSX: Excel typed its dates)."""
    series = frame[column].astype("string").str.strip()
    if table.locale == "id":
        formats = [_day_first(f) for f in formats] + list(formats)
    formats = [*formats, *(f for f in TYPED_CELL_FORMATS if f not in formats)]
    parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[s]")
    for fmt in formats:
        todo = parsed.isna() & series.notna()
        if not todo.any():
            break
        parsed[todo] = strptime(series[todo], fmt)
    unreadable = parsed.isna() & series.notna() & (series != "")
    implausible = parsed.notna() & (
        (parsed.dt.year < EARLIEST_YEAR)
        | (parsed >= pd.Timestamp(latest_day() + dt.timedelta(days=1)))
    )
    if unreadable.any():
        problems += _located(
            table,
            series.index[unreadable],
            column,
            series[unreadable],
            f"tanggal dengan format seperti {_example(formats[0])}",
        )
    if implausible.any():
        problems += _located(
            table,
            series.index[implausible],
            column,
            series[implausible],
            f"tanggal dari tahun {EARLIEST_YEAR} sampai {DAYS_AHEAD} hari setelah hari ini",
        )
    parsed = parsed.where(~implausible)
    if tz_source:
        # A clock time repeated when daylight saving ends is taken as the first of the two; one
        # skipped when it begins cannot be written by the platform and moves forward.
        ambiguous = np.ones(len(parsed), dtype=bool)
        local = parsed.dt.tz_localize(tz_source, ambiguous=ambiguous, nonexistent="shift_forward")
        return local.dt.tz_convert(tz_office)
    return parsed.dt.tz_localize(tz_office, ambiguous="NaT", nonexistent="NaT")


def strptime(series: pd.Series, fmt: str) -> pd.Series:
    """Parse with Arrow's C++ strptime (fast on large exports); what it leaves, pandas tries."""
    array = pa.array(series.astype("string[pyarrow]"))
    parsed = pd.Series(
        pc.strptime(array, format=fmt, unit="s", error_is_null=True).to_numpy(zero_copy_only=False),
        index=series.index,
    ).astype("datetime64[s]")
    left = parsed.isna() & series.notna()
    if left.any():
        parsed[left] = pd.to_datetime(series[left], format=fmt, errors="coerce", cache=False)
    return parsed


def days(
    frame: pd.DataFrame,
    column: str,
    table: TextTable,
    problems: list[Problem],
    formats: Sequence[str],
) -> pd.Series:
    """Calendar days (no time of day). Numeric day-month orders are decided from the whole
    column: a day above 12 settles it; a column that never settles it is an error."""
    series = frame[column].astype("string").str.strip()
    numeric = series.str.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}", na=False)
    if numeric.any():
        parts = series[numeric].str.split(r"[-/.]", regex=True)
        first, second = parts.str[0].astype(int), parts.str[1].astype(int)
        sep = series[numeric].iloc[0][len(parts.iloc[0][0])]
        if (first > 12).any() and (second > 12).any():
            order = None
        elif (first > 12).any() or table.locale == "id":
            order = f"%d{sep}%m{sep}%Y"
        elif (second > 12).any():
            order = f"%m{sep}%d{sep}%Y"
        else:
            order = _consecutive_order(series[numeric], sep)
        if order is None:
            problems.append(
                Problem(
                    table.path,
                    column=column,
                    found=series[numeric].iloc[0],
                    expected="tanggal yang urutan hari dan bulannya dapat "
                    "dipastikan; gunakan format TTTT-BB-HH",
                )
            )
            formats = []
        else:
            formats = [order, *formats]
    stamps = timestamps(frame, column, table, problems, formats or ["%Y-%m-%d"], None, "UTC")
    return stamps.dt.tz_localize(None).dt.normalize()


DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
NUMERIC_DATE = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b"


def numeric_date_order(series: pd.Series) -> tuple[str | None, str | None]:
    """How a column of ``1/5/2024``-like dates is ordered, judged from the whole column: a first
    number above 12 means day-first, a second above 12 month-first. Returns the order (None
    when the column cannot tell) and, when rows contradict each other, an example of each."""
    parts = series.astype("string").str.extract(NUMERIC_DATE).dropna()
    if parts.empty:
        return None, None
    first, second = parts[0].astype(int), parts[1].astype(int)
    day_first, month_first = first > 12, second > 12
    if day_first.any() and month_first.any():
        rows = (series[day_first[day_first].index[0]], series[month_first[month_first].index[0]])
        return None, f"{rows[0]!s} dan {rows[1]!s}"
    if day_first.any():
        return DAY_FIRST, None
    if month_first.any():
        return MONTH_FIRST, None
    return None, None


def _consecutive_order(series: pd.Series, sep: str) -> str | None:
    """Daily exports run day after day: the reading that gives one-day steps is the right one."""
    for order in (f"%d{sep}%m{sep}%Y", f"%m{sep}%d{sep}%Y"):
        parsed = pd.to_datetime(series, format=order, errors="coerce")
        steps = parsed.sort_values().diff().dropna()
        if parsed.notna().all() and len(steps) and (steps == pd.Timedelta(days=1)).all():
            return order
    return None


#: How :func:`workbook.cell_text` writes a cell Excel typed as a moment or a day.
TYPED_CELL_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def _day_first(fmt: str) -> str:
    return fmt.replace("%m/%d/%Y", "%d/%m/%Y")


def _example(fmt: str) -> str:
    return dt.datetime(2021, 6, 30, 14, 5).strftime(fmt)
