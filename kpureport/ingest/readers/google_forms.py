"""Google Forms responses (kritik dan saran, survei kepuasan) as feedback.

Only the date, an optional category and the chosen text column are kept: names, e-mail
addresses and other answers never leave this reader.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from kpureport.errors import Problem
from kpureport.ingest.readers import parse
from kpureport.ingest.readers.base import Context, Format, columns
from kpureport.ingest.readers.textfile import TextTable

TIMESTAMP_HEADERS = ("Timestamp", "Cap waktu", "Stempel waktu")
EMAIL_HEADERS = ("Email Address", "Alamat email", "Alamat Email")
_FEEDBACK_WORDS = re.compile(
    r"kritik|saran|masukan|pesan|komentar|keluhan|aduan|pengaduan|feedback|suggest|comment",
    re.IGNORECASE,
)
_CATEGORY_WORDS = re.compile(r"^(kategori|jenis( masukan)?|category|type)\b", re.IGNORECASE)
NON_ANSWERS = {
    "-",
    "--",
    ".",
    "na",
    "n/a",
    "nil",
    "none",
    "no",
    "nothing",
    "tidak ada",
    "tidak",
    "belum ada",
    "kosong",
    "ga ada",
    "gak ada",
    "nihil",
}
FORMATS_WITH_ZONE = ("%Y/%m/%d %I:%M:%S %p %z", "%Y/%m/%d %H:%M:%S %z")
FORMATS_DAY_FIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H.%M.%S", "%d/%m/%Y %H:%M")
FORMATS_MONTH_FIRST = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H.%M.%S", "%m/%d/%Y %H:%M")
FORMATS_ISO = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S")
#: Headers written by the Indonesian interface, whose sheets write dates day first.
INDONESIAN_HEADERS = ("Cap waktu", "Stempel waktu")


def feedback_column(
    frame: pd.DataFrame, chosen: str | None, table: TextTable, ctx: Context
) -> str | None:
    """The column holding the criticism or suggestion: the user's choice, else a guess."""
    if chosen:
        if chosen in frame.columns:
            return chosen
        ctx.problems.append(
            Problem(
                table.path,
                column=chosen,
                found="kolom tidak ada",
                expected="judul kolom yang persis sama dengan salah satu: "
                + "; ".join(c for c in frame.columns[:12]),
            )
        )
        return None
    skip = set(TIMESTAMP_HEADERS) | set(EMAIL_HEADERS)
    text_columns = [c for c in frame.columns if c not in skip and not c.startswith("kolom_")]
    # Free text varies from answer to answer; choices (and checkbox lists joined by ";") repeat.
    written = {
        c: meaningful(frame[c])
        .dropna()
        .str.split(";")
        .explode()
        .str.strip()
        .drop_duplicates()
        .str.len()
        .sum()
        for c in text_columns
    }
    named = [c for c in text_columns if _FEEDBACK_WORDS.search(c) and written[c] > 0]
    candidates = named or text_columns
    return max(candidates, key=lambda c: written[c]) if candidates else None


def meaningful(series: pd.Series) -> pd.Series:
    """Answers with content: "NA", "nil", "-", "tidak ada" and the like become missing."""
    text = series.astype("string").str.strip()
    return text.mask(text.str.lower().isin(NON_ANSWERS) | (text == ""))


def _times(frame: pd.DataFrame, column: str, table: TextTable, ctx: Context) -> pd.Series:
    text = frame[column].astype("string").str.strip()
    zoned = text.str.contains(r"GMT[+-]\d", na=False)
    out = pd.Series(pd.NaT, index=frame.index, dtype=f"datetime64[ns, {ctx.timezone}]")
    if zoned.any():
        offsets = text[zoned].str.replace(
            r"GMT([+-])(\d{1,2})(?::?(\d{2}))?$",
            lambda m: f"{m.group(1)}{int(m.group(2)):02d}{m.group(3) or '00'}",
            regex=True,
        )
        offsets = offsets.str.replace(r"\b(am|pm)\b", lambda m: m.group(1).upper(), regex=True)
        parsed = pd.Series(pd.NaT, index=offsets.index, dtype="datetime64[ns, UTC]")
        for fmt in FORMATS_WITH_ZONE:
            todo = parsed.isna()
            parsed[todo] = pd.to_datetime(offsets[todo], format=fmt, errors="coerce", utc=True)
        bad = parsed.isna()
        for row, value in zip(parsed.index[bad], text[zoned][bad], strict=True):
            ctx.problems.append(
                Problem(
                    table.path,
                    row=int(row),
                    column=column,
                    found=value,
                    expected="cap waktu seperti 2021/01/23 10:58:38 pm GMT+8",
                )
            )
        out[zoned] = parsed.dt.tz_convert(ctx.timezone)
    if (~zoned).any():
        order = _date_order(text[~zoned], column, table, ctx)
        if order is None:
            return out
        formats = FORMATS_DAY_FIRST if order == parse.DAY_FIRST else FORMATS_MONTH_FIRST
        local = parse.timestamps(
            frame.loc[~zoned],
            column,
            table,
            ctx.problems,
            formats + FORMATS_ISO,
            None,
            ctx.timezone,
        )
        out[~zoned] = local
    return out


def _date_order(text: pd.Series, column: str, table: TextTable, ctx: Context) -> str | None:
    """Day-first or month-first, never guessed: the column's own values settle it (a number
    above 12), then the office's ``form_date_order``, then the interface language of the sheet
    (Indonesian headers, or a file re-saved by Indonesian Excel). An explicit setting that the
    values contradict, or values that contradict each other, are errors."""
    seen, mixed = parse.numeric_date_order(text)
    numeric = text.str.match(parse.NUMERIC_DATE, na=False)
    hint = "profile.yml: form_date_order (day-first untuk tanggal/bulan/tahun, month-first untuk bulan/tanggal/tahun)"
    if mixed:
        ctx.problems.append(
            Problem(
                table.path,
                column=column,
                found=f"urutan tanggal yang bertentangan: {mixed}",
                expected="satu urutan hari dan bulan untuk seluruh kolom; unduh ulang jawaban "
                "formulir dari Google Formulir",
            )
        )
        return None
    if seen and ctx.form_date_order and seen != ctx.form_date_order:
        ctx.problems.append(
            Problem(
                table.path,
                column=column,
                found=f"tanggal yang hanya dapat dibaca {seen}, padahal profil menulis "
                f"form_date_order: {ctx.form_date_order}",
                expected=f"{hint} yang sesuai dengan isi kolom",
            )
        )
        return None
    order = seen or ctx.form_date_order
    if order is None and (column in INDONESIAN_HEADERS or table.locale == "id"):
        order = parse.DAY_FIRST
    if order is None and numeric.any():
        example = text[numeric].iloc[0]
        ctx.problems.append(
            Problem(
                table.path,
                row=int(text[numeric].index[0]),
                column=column,
                found=f"{example}: tidak dapat dipastikan apakah angka pertama hari atau bulan "
                "(tidak ada nilai di atas 12 pada kolom ini)",
                expected=f"urutan tanggal yang dinyatakan: tulis {hint}",
            )
        )
        return None
    return order or parse.DAY_FIRST


def _responses(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = table.body(as_text=True)
    stamp = next(c for c in TIMESTAMP_HEADERS if c in frame.columns)
    column = feedback_column(frame, ctx.feedback_column, table, ctx)
    category = next((c for c in frame.columns if _CATEGORY_WORDS.search(c)), None)
    text = meaningful(frame[column]) if column else pd.Series(pd.NA, index=frame.index)
    out = pd.DataFrame(
        {
            "date": _times(frame, stamp, table, ctx).dt.tz_localize(None),  # office time
            "channel": "Google Formulir",
            "category": frame[category].astype("string").str.strip().str.lower()
            if category
            else pd.NA,
            "text": text,
        }
    )
    out["answer_key"] = _answer_keys(frame)
    out.attrs["feedback_column"] = column
    return out[out["text"].notna()].reset_index(drop=True)


def _answer_keys(frame: pd.DataFrame) -> pd.Series:
    """One response's identity: its timestamp and every answer given (blank answers left out,
    so a question added to the form later does not make an old response look new)."""
    cells = frame.astype("string").apply(lambda col: col.str.strip())
    keys = []
    for row in cells.itertuples(index=False):
        given = sorted((h, v) for h, v in zip(frame.columns, row, strict=True) if pd.notna(v) and v)
        keys.append(hashlib.sha256(repr(given).encode("utf-8")).hexdigest()[:24])
    return pd.Series(keys, index=frame.index, dtype="string")


FORMATS = tuple(
    Format(
        f"google-forms{suffix}",
        "Google Formulir, jawaban (kritik dan saran)",
        "feedback",
        (columns(header),),
        _responses,
        excludes=columns("Tweet id", "Post id", "Content"),
    )
    for header, suffix in (("Timestamp", ""), ("Cap waktu", "-id"), ("Stempel waktu", "-id-lama"))
)
