"""Read an office's data folder into validated records and tidy DataFrames.

Input files are only ever read. Every reader collects all problems of a file before raising
one :class:`~kpureport.errors.DataError`, so staff can fix a file in one pass.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from kpureport import validate
from kpureport.errors import DataError, OfficeNotFoundError, Problem, YearNotAvailableError
from kpureport.models import Account, Narrative, Profile, Signature

PROFILE_FILE = "profile.yml"
FOLLOWERS_FILE = "followers.csv"
NARRATIVE_DIR = "narrative"


@dataclass(frozen=True)
class ReportData:
    """Everything one year's report of one office is made from."""

    profile: Profile
    year: int
    followers: pd.DataFrame
    narrative: Narrative


def offices(data_dir: Path) -> list[str]:
    """Slugs of the offices that have a profile in ``data_dir``."""
    return sorted(p.parent.name for p in Path(data_dir).glob(f"*/{PROFILE_FILE}"))


def office_dir(data_dir: Path, office: str) -> Path:
    """The folder of one office, or a message that lists the offices there are."""
    folder = Path(data_dir) / office
    if not (folder / PROFILE_FILE).is_file():
        known = ", ".join(offices(data_dir)) or "belum ada"
        raise OfficeNotFoundError(
            f"Kantor '{office}' tidak ditemukan: berkas {folder / PROFILE_FILE} tidak ada. "
            f"Kantor yang tersedia di {data_dir}: {known}."
        )
    return folder


def read_yaml(path: Path) -> object:
    """Parse a YAML file; a syntax error names the line and column where it was found."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            [
                Problem(
                    path,
                    expected="berkas teks berpengodean UTF-8",
                    found=f"bita tidak terbaca pada posisi {exc.start}",
                )
            ]
        ) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or "format YAML tidak sah"
        raise DataError(
            [
                Problem(
                    path,
                    row=row,
                    found=reason,
                    expected="format YAML yang sah (periksa indentasi, titik dua setelah kunci, "
                    "dan tanda kutip yang berpasangan)",
                )
            ]
        ) from exc


def read_table(path: Path) -> pd.DataFrame:
    """A CSV file as text cells, indexed so that ``index + 2`` is the line in the file."""
    try:
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
            skip_blank_lines=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except UnicodeDecodeError as exc:
        raise DataError(
            [
                Problem(
                    path,
                    expected="berkas CSV berpengodean UTF-8",
                    found=f"bita tidak terbaca pada posisi {exc.start}",
                )
            ]
        ) from exc
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
    frame.columns = [str(c).strip() for c in frame.columns]
    blank = frame.apply(lambda col: col.str.strip() == "").all(axis=1)
    return frame[~blank]


def load_profile(folder: Path) -> Profile:
    path = folder / PROFILE_FILE
    raw = read_yaml(path)
    problems = validate.mapping_problems(raw, validate.PROFILE_FIELDS, path)
    if problems:
        raise DataError(problems)
    accounts = tuple(
        Account(
            platform=a["platform"],
            name=a["name"].strip(),
            url=a["url"].strip(),
            handle=a.get("handle"),
            since=validate.parse_month_or_date(a["since"])[0] if a.get("since") else None,
        )
        for a in raw["accounts"]
    )
    optional = {
        k: raw[k]
        for k in ("abbreviation", "timezone", "website", "jdih", "email", "chair")
        if raw.get(k)
    }
    return Profile(
        slug=folder.name,
        name=raw["name"].strip(),
        province=raw["province"],
        city=raw["city"],
        accounts=accounts,
        **optional,
    )


def load_followers(folder: Path) -> pd.DataFrame:
    """Follower counts as a tidy table: ``date`` (datetime), ``platform``, ``followers`` (int)."""
    path = folder / FOLLOWERS_FILE
    if not path.is_file():
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                "platform": pd.Series(dtype=str),
                "followers": pd.Series(dtype="int64"),
            }
        )
    frame = read_table(path)
    problems = validate.table_problems(frame, validate.FOLLOWERS_SCHEMA, path)
    if problems:
        raise DataError(problems)
    return pd.DataFrame(
        {
            "date": pd.to_datetime(frame["date"].str.strip(), format="%Y-%m-%d"),
            "platform": frame["platform"].str.strip(),
            "followers": frame["followers"].str.strip().astype("int64"),
        }
    ).sort_values(["date", "platform"], ignore_index=True)


def narrative_years(folder: Path) -> list[int]:
    return sorted(int(p.stem) for p in (folder / NARRATIVE_DIR).glob("*.yml") if p.stem.isdigit())


def load_narrative(folder: Path, year: int) -> Narrative:
    """The hand-written parts for ``year``; an absent file means every part is generated."""
    path = folder / NARRATIVE_DIR / f"{year}.yml"
    if not path.is_file():
        return Narrative(year=year)
    raw = read_yaml(path)
    if raw is None:
        return Narrative(year=year)
    problems = validate.mapping_problems(raw, validate.NARRATIVE_FIELDS, path)
    if problems:
        raise DataError(problems)
    signature = None
    if raw.get("signature"):
        sig = raw["signature"]
        day, month_only = validate.parse_month_or_date(sig["date"])
        signature = Signature(
            place=sig["place"],
            date=day,
            date_is_month=month_only,
            title=sig["title"],
            name=sig["name"],
        )
    return Narrative(
        year=year,
        introduction=raw.get("introduction"),
        platforms=raw.get("platforms"),
        features=raw.get("features"),
        constraints_intro=raw.get("constraints_intro"),
        constraints=tuple(raw.get("constraints") or ()),
        solutions=tuple(raw.get("solutions") or ()),
        closing=raw.get("closing"),
        signature=signature,
    )


def years(folder: Path, followers: pd.DataFrame) -> list[int]:
    """Years for which the office has any data: follower counts or a narrative."""
    counted = set(followers["date"].dt.year.unique().tolist())
    return sorted(counted | set(narrative_years(folder)))


def load_report_data(data_dir: Path, office: str, year: int) -> ReportData:
    """Load and validate everything one report needs, or raise one error listing all problems."""
    folder = office_dir(data_dir, office)
    problems: list[Problem] = []
    results = {}
    for name, loader in (
        ("profile", lambda: load_profile(folder)),
        ("followers", lambda: load_followers(folder)),
        ("narrative", lambda: load_narrative(folder, year)),
    ):
        try:
            results[name] = loader()
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    available = years(folder, results["followers"])
    if year not in available:
        listed = ", ".join(map(str, available)) or "belum ada"
        raise YearNotAvailableError(
            f"Tidak ada data tahun {year} untuk kantor '{office}' di {folder}: tidak ada jumlah "
            f"pengikut bertanggal tahun {year} di {FOLLOWERS_FILE} dan tidak ada berkas "
            f"{NARRATIVE_DIR}/{year}.yml. Tahun yang tersedia: {listed}."
        )
    return ReportData(
        profile=results["profile"],
        year=year,
        followers=results["followers"],
        narrative=results["narrative"],
    )


def check_office(data_dir: Path, office: str) -> list[Problem]:
    """Every problem in an office's folder, across all its files and years."""
    folder = office_dir(data_dir, office)
    problems: list[Problem] = []
    loaders = [lambda: load_profile(folder), lambda: load_followers(folder)]
    loaders += [lambda y=y: load_narrative(folder, y) for y in narrative_years(folder)]
    for loader in loaders:
        try:
            loader()
        except DataError as exc:
            problems += exc.problems
    return problems
