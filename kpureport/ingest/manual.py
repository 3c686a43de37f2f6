"""The small tables staff fill by hand (followers, polls, feedback, targets, local stages,
pillar overrides, questions answered, hoax clarifications, figures copied from the apps each
month), in CSV or Excel.

Headers may be Indonesian (``tanggal, platform, pengikut``) or the canonical English ones.
A CSV re-saved by Excel on Indonesian Windows (``;``, ``1.030``, ``30/06/2021``) is read in
that locale. Input files are only read, never rewritten.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from kpureport import formatting as fmt
from kpureport.config import PLATFORMS, TARGET_INDICATORS, TARGET_SHARES
from kpureport.errors import DataError, Note, Problem
from kpureport.ingest import validate
from kpureport.ingest.readers import workbook
from kpureport.ingest.readers.textfile import open_table

EXTENSIONS = (".csv", ".xlsx")


def columns_of(name: str) -> tuple[validate.TableColumn, ...]:
    return validate.TABLES[name]


def files_of(folder: Path, name: str) -> list[Path]:
    return [folder / f"{name}{ext}" for ext in EXTENSIONS if (folder / f"{name}{ext}").is_file()]


def _canonical_headers(header: list[str], name: str) -> tuple[list[str], dict[str, str]]:
    """Canonical column names for a header, and canonical -> header as written, for messages."""
    aliases = {}
    for column in columns_of(name):
        aliases[column.name] = column.name
        aliases[column.label] = column.name
    renamed, labels = [], {}
    for text in header:
        key = str(text).strip()
        canonical = aliases.get(key.lower(), key)
        renamed.append(canonical)
        labels[canonical] = key
    return renamed, labels


def _csv_cells(path: Path) -> tuple[pd.DataFrame, str]:
    table = open_table(path)  # encoding, delimiter and locale, decided as for platform exports
    text, delimiter, locale = table.decoded(), table.delimiter, table.locale
    skip = len(table.preamble)  # a "sep=;" line written by Excel
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            skiprows=skip,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            index_col=False,
        )
    except pd.errors.EmptyDataError as exc:
        raise DataError(
            [
                Problem(
                    path, found="berkas kosong", expected="baris judul dan minimal satu baris data"
                )
            ]
        ) from exc
    except pd.errors.ParserError as exc:
        raise DataError(
            [
                Problem(
                    path,
                    found=str(exc).strip(),
                    expected="jumlah kolom yang sama pada setiap baris",
                )
            ]
        ) from exc
    frame.index = frame.index + 2 + skip
    return frame, locale


def _xlsx_cells(path: Path, name: str) -> tuple[pd.DataFrame, str]:
    """The first sheet as text cells; dates and numbers come typed from Excel, so no locale
    (times are kept where the table has a column of moments)."""
    timed = any(c.kind == "moment" for c in columns_of(name))
    rows = workbook.sheets(path, keep_time=timed)[0][1]
    if not rows:
        raise DataError(
            [
                Problem(
                    path,
                    found="lembar kerja kosong",
                    expected="baris judul dan minimal satu baris data",
                )
            ]
        )
    header, body = rows[0], rows[1:]
    width = len(header)
    while width and not str(header[width - 1]).strip():
        width -= 1
    frame = pd.DataFrame(
        [r[:width] + [""] * (width - len(r)) for r in body], columns=header[:width], dtype=str
    )
    frame.index = frame.index + 2
    return frame, "xlsx"


def read_manual(
    folder: Path,
    name: str,
    notes: list[Note] | None = None,
    choices: dict[str, tuple[str, ...]] | None = None,
    paths: list[Path] | None = None,
) -> pd.DataFrame:
    """One manual table from ``<name>.csv`` and/or ``<name>.xlsx`` (or the files ``paths`` in
    ``folder``, for a table named by the user), validated and typed; texts longer than the
    limit are cut, with a note in ``notes``; ``choices``: the allowed values of a choice column
    known only when read (the office's pillars, the roll-up's offices)."""
    frames, problems = [], []
    for path in files_of(folder, name) if paths is None else paths:
        refused = validate.outside(path, folder)
        if refused:
            problems.append(refused)
            continue
        try:
            cells, locale = _xlsx_cells(path, name) if path.suffix == ".xlsx" else _csv_cells(path)
        except DataError as exc:
            problems += exc.problems
            continue
        cells.columns, labels = _canonical_headers(list(cells.columns), name)
        blank = cells.apply(lambda col: col.str.strip() == "").all(axis=1)
        cells = cells[~blank].copy()
        texts = [c.name for c in columns_of(name) if c.kind == "text"]
        validate.limit_texts(cells, texts, path, [] if notes is None else notes)
        schema = validate.manual_schema(name, "en" if locale == "xlsx" else locale, choices)
        found = validate.table_problems(cells, schema, path, labels)
        if found:
            problems += found
            continue
        typed = _typed(cells, name, "en" if locale == "xlsx" else locale, path)
        disordered = _out_of_order(typed, cells.index, name, path, labels)
        disordered += _target_problems(typed, cells.index, name, path, labels)
        if disordered:
            problems += disordered
            continue
        frames.append(typed)
    if problems:
        raise DataError(problems)
    if not frames:
        return _empty(name)
    table = pd.concat(frames, ignore_index=True)
    keys = validate.MANUAL_KEYS[name]
    if keys and len(frames) > 1:
        duplicated = table.duplicated(keys, keep=False)
        if duplicated.any():
            first = table[duplicated].iloc[0]
            raise DataError(
                [
                    Problem(
                        folder / f"{name}.csv",
                        found=", ".join(str(first[k]) for k in keys),
                        expected=f"setiap baris diisi di satu berkas saja: {name}.csv "
                        f"atau {name}.xlsx, bukan keduanya",
                    )
                ]
            )
    first = columns_of(name)[0].name
    return table.sort_values(first, kind="stable", ignore_index=True)


def _out_of_order(
    typed: pd.DataFrame, rows: pd.Index, name: str, path: Path, labels: dict[str, str]
) -> list[Problem]:
    """Rows whose later column comes before the earlier one (an answer before the question)."""
    if name not in validate.MANUAL_ORDER:
        return []
    before, after = validate.MANUAL_ORDER[name]
    label = {c.name: c.label for c in columns_of(name)}
    wrong = typed[after].notna() & (typed[after] < typed[before])
    return [
        Problem(
            path,
            row=int(rows[i]),
            column=labels.get(after, label[after]),
            found=str(typed.at[i, after]).removesuffix(" 00:00:00"),
            expected=f"sama dengan atau sesudah '{labels.get(before, label[before])}' "
            f"({str(typed.at[i, before]).removesuffix(' 00:00:00')})",
        )
        for i in typed.index[wrong.to_numpy()]
    ]


def _target_problems(
    typed: pd.DataFrame, rows: pd.Index, name: str, path: Path, labels: dict[str, str]
) -> list[Problem]:
    """Targets that cannot be measured (an indicator per platform without its platform) or
    reached (a share above 100%)."""
    if name != "targets":
        return []
    problems = []
    for i, row in typed.iterrows():
        platform_rule = TARGET_INDICATORS[row["indicator"]][2]
        if platform_rule == "required" and pd.isna(row["platform"]):
            problems.append(
                Problem(
                    path,
                    row=int(rows[i]),
                    column=labels.get("platform", "platform"),
                    found="kosong",
                    expected=f"platform untuk indikator {row['indicator']} (dihitung per "
                    f"platform): salah satu dari {', '.join(PLATFORMS)}",
                )
            )
        if row["indicator"] in TARGET_SHARES and row["target"] > 100:
            problems.append(
                Problem(
                    path,
                    row=int(rows[i]),
                    column=labels.get("target", "target"),
                    found=f"{fmt.number(row['target'])}%",
                    expected=f"persen 0 sampai 100 untuk {row['indicator']} (bagian dari "
                    "keseluruhan)",
                )
            )
    return problems


def _typed(cells: pd.DataFrame, name: str, locale: str, path: Path) -> pd.DataFrame:
    out = pd.DataFrame(index=cells.index)
    for column in columns_of(name):
        values = (
            cells[column.name].str.strip()
            if column.name in cells.columns
            else pd.Series("", index=cells.index)
        )
        out[column.name] = validate.COLUMN_KINDS[column.kind].typed(values, locale)
    out["source"] = path.name
    return out.reset_index(drop=True)


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame(
        {c.name: pd.Series(dtype=validate.COLUMN_KINDS[c.kind].dtype) for c in columns_of(name)}
        | {"source": pd.Series(dtype="string")}
    )


def write_templates(folder: Path) -> list[Path]:
    """Empty tables with Indonesian headers, in CSV and in Excel (with drop-down lists)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    written = []
    for name, cols in validate.MANUAL_TABLES.items():
        csv_path = folder / f"{name}.csv"
        csv_path.write_text(",".join(c.label for c in cols) + "\n", encoding="utf-8")
        book = Workbook()
        sheet = book.active
        sheet.title = name
        sheet.append([c.label for c in cols])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(cols, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = 40 if column.kind == "text" else 16
            kind = validate.COLUMN_KINDS[column.kind]
            choices = column.choices or kind.listed
            if choices:
                rule = DataValidation(
                    type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
                )
                rule.add(f"{letter}2:{letter}1000")
                sheet.add_data_validation(rule)
            if kind.excel_format:
                for row in range(2, 1001):
                    sheet.cell(row=row, column=index).number_format = kind.excel_format
        xlsx_path = folder / f"{name}.xlsx"
        book.save(xlsx_path)
        written += [csv_path, xlsx_path]
    return written


def cells(path: Path, name: str) -> tuple[pd.DataFrame, str]:
    """One table file's cells as text under canonical column names, indexed by spreadsheet
    row, and the file's locale: what :func:`read_manual` checks, for an editor to show."""
    frame, locale = _xlsx_cells(path, name) if path.suffix == ".xlsx" else _csv_cells(path)
    frame.columns = _canonical_headers(list(frame.columns), name)[0]
    return frame, locale
