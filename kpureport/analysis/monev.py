"""The monev rubric of the roll-up: offices scored 0-100 on declared criteria and weights (the
shipped ``templates/monev.yml`` or a province's own file), totalled, ranked with and without
the juried part, ties stated as ties."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from kpureport import formatting as fmt
from kpureport import safe_yaml
from kpureport.analysis import metrics, responsiveness
from kpureport.config import PLATFORMS, TEMPLATES_DIR
from kpureport.errors import DataError, Problem
from kpureport.ingest import manual
from kpureport.ingest.load import ReportData

RUBRIC_FILE = "monev.yml"
#: The criteria computed from the data, and how a raw value becomes a score: "share" values
#: are already percentages (0-100), "relative" ones are scored against the best office.
MEASURED = {
    "konsistensi": "share",
    "pertumbuhan": "relative",
    "interaksi": "relative",
    "kehadiran": "share",
    "responsivitas": "share",
}
MISSING_RULES = ("nol", "lewati")
#: Platforms whose posts kpureport reads from exports; a WhatsApp channel has no post export.
POSTING = ("facebook", "instagram", "twitter", "youtube", "tiktok", "threads")
#: The year counted in 52 weeks of seven days from 1 January; its last one or two days fall in
#: the 52nd.
WEEKS = 52


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    weight: float
    juried: bool = False
    missing: str = "nol"  # "nol": no data scores 0; "lewati": left out, its weight spread


@dataclass(frozen=True)
class Rubric:
    name: str
    total_weight: float
    channels: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    path: Path

    @property
    def juried(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.juried)

    @property
    def measured(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.juried)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _criterion(item: object, i: int, path: Path, seen: set[str]) -> tuple[Criterion | None, list]:
    where = f"kriteria {i}"
    if not isinstance(item, dict):
        return None, [Problem(path, column=where, found=str(item), expected="kode, nama, bobot")]
    problems = []
    code = str(item.get("kode", "")).strip().lower()
    juried = item.get("juri", False)
    missing = str(item.get("tanpa_data", "nol")).strip().lower()
    if not isinstance(juried, bool):
        problems.append(
            Problem(path, column=f"{where}: juri", found=str(juried), expected="true atau false")
        )
        juried = False
    if not code or not code.replace("_", "").replace("-", "").isalnum():
        problems.append(
            Problem(path, column=f"{where}: kode", found=code or "kosong", expected="kode singkat")
        )
    elif not juried and code not in MEASURED:
        problems.append(
            Problem(
                path,
                column=f"{where}: kode",
                found=code,
                expected=f"salah satu dari {', '.join(MEASURED)}, atau kriteria juri "
                "(juri: true) yang nilainya diisi provinsi",
            )
        )
    elif code in seen:
        problems.append(
            Problem(path, column=f"{where}: kode", found=code, expected="kode yang belum dipakai")
        )
    seen.add(code)
    name = item.get("nama")
    if not isinstance(name, str) or not name.strip():
        problems.append(
            Problem(path, column=f"{where}: nama", found=str(name), expected="nama kriteria")
        )
    weight = item.get("bobot")
    if not _number(weight) or weight < 0:
        problems.append(
            Problem(
                path, column=f"{where}: bobot", found=str(weight), expected="angka 0 atau lebih"
            )
        )
    if missing not in MISSING_RULES:
        problems.append(
            Problem(path, column=f"{where}: tanpa_data", found=missing, expected="nol atau lewati")
        )
    if problems:
        return None, problems
    return Criterion(code, name.strip(), float(weight), juried, missing), []


def read_rubric(path: Path) -> Rubric:
    """A rubric file, or an error naming everything wrong in it (weights that do not add up to
    the declared total among them)."""
    raw = safe_yaml.read(path)
    if not isinstance(raw, dict):
        raise DataError(
            [Problem(path, found="bukan daftar isian", expected="berkas seperti monev.yml")]
        )
    problems: list[Problem] = []
    declared = raw.get("jumlah_bobot")
    if not _number(declared) or declared <= 0:
        problems.append(
            Problem(path, column="jumlah_bobot", found=str(declared), expected="angka di atas 0")
        )
    channels = raw.get("kanal_resmi", ["whatsapp", "facebook", "twitter", "instagram"])
    if not isinstance(channels, list) or not channels or any(c not in PLATFORMS for c in channels):
        problems.append(
            Problem(
                path,
                column="kanal_resmi",
                found=str(channels),
                expected=f"daftar platform dari: {', '.join(PLATFORMS)}",
            )
        )
    items = raw.get("kriteria")
    if not isinstance(items, list) or not items:
        problems.append(
            Problem(
                path,
                column="kriteria",
                found=str(items),
                expected="daftar kriteria berisi kode, nama, bobot",
            )
        )
        items = []
    criteria, seen = [], set()
    for i, item in enumerate(items, start=1):
        criterion, found = _criterion(item, i, path, seen)
        problems += found
        if criterion:
            criteria.append(criterion)
    if not problems:
        weights = sum(c.weight for c in criteria)
        if not math.isclose(weights, declared, abs_tol=1e-9):
            problems.append(
                Problem(
                    path,
                    column="bobot",
                    found=f"jumlah bobot {weight_text(weights)} ("
                    + " + ".join(weight_text(c.weight) for c in criteria)
                    + ")",
                    expected=f"jumlah bobot {weight_text(declared)} seperti tertulis pada "
                    "'jumlah_bobot'",
                )
            )
        elif weights == 0:
            problems.append(
                Problem(path, column="bobot", found="semua bobot 0", expected="bobot di atas 0")
            )
    if problems:
        raise DataError(problems)
    name = " ".join(str(raw.get("nama", "")).split()) or f"rubrik provinsi ({path.name})"
    return Rubric(name, float(declared), tuple(channels), tuple(criteria), path)


def weight_text(weight: float) -> str:
    """A weight as a rubric writes it.

    >>> weight_text(25.0), weight_text(12.5), weight_text(100)
    ('25', '12,5', '100')
    """
    if float(weight).is_integer():
        return fmt.number(weight)
    return fmt.number(weight, 2).rstrip("0")


@cache
def default_rubric() -> Rubric:
    return read_rubric(TEMPLATES_DIR / RUBRIC_FILE)


def load_rubric(path: Path | str | None = None) -> Rubric:
    return read_rubric(Path(path)) if path else default_rubric()


def read_jury(path: Path | str, rubric: Rubric, offices: list[str]) -> pd.DataFrame:
    """The province's juried scores (``office, criterion, score``) from a CSV or Excel file:
    offices and criteria must be those of the roll-up and the rubric, and every office needs a
    score for every juried criterion."""
    path = Path(path).resolve()
    if not path.is_file() or path.suffix.lower() not in manual.EXTENSIONS:
        raise DataError(
            [Problem(path, found="berkas tidak ada", expected="tabel nilai juri .csv atau .xlsx")]
        )
    juried = [c.code for c in rubric.juried]
    if not juried:
        raise DataError(
            [
                Problem(
                    path,
                    found="nilai juri diberikan",
                    expected=f"rubrik dengan kriteria juri (juri: true); {rubric.path.name} "
                    "tidak memilikinya",
                )
            ]
        )
    table = manual.read_manual(
        path.parent,
        "jury",
        choices={"office": tuple(offices), "criterion": tuple(juried)},
        paths=[path],
    )
    have = set(zip(table["office"], table["criterion"], strict=True))
    lacking = [f"{o} ({c})" for o in offices for c in juried if (o, c) not in have]
    if lacking:
        raise DataError(
            [
                Problem(
                    path,
                    column="nilai",
                    found="tidak ada nilai untuk " + ", ".join(lacking),
                    expected="satu baris nilai untuk setiap kantor dan setiap kriteria juri",
                )
            ]
        )
    return table[["office", "criterion", "score"]]


def weekly_consistency(data: ReportData, rubric: Rubric) -> pd.DataFrame:
    """Per official channel that can carry posts and where the office has an account or
    posted in the year: weeks with at least one feed post, and their share of the 52 weeks.

    An account without a single post in the data counts 0 weeks: the roll-up judges the data
    the office keeps."""
    columns = {"platform": "object", "weeks": "int64", "share": "float64"}
    posts = metrics.posts_in_year(data.posts, data.year)
    accounts = {a.platform for a in present_accounts(data)}
    posted = set(posts["platform"]) if not posts.empty else set()
    platforms = [p for p in rubric.channels if p in POSTING and p in accounts | posted]
    if not platforms:
        return metrics.typed_empty(columns)
    rows = []
    for platform in platforms:
        days = posts.loc[posts["platform"] == platform, "published"] if posted else pd.Series()
        weeks = {min((d.day_of_year - 1) // 7, WEEKS - 1) for d in days}
        rows.append({"platform": platform, "weeks": len(weeks), "share": len(weeks) * 100 / WEEKS})
    return pd.DataFrame(rows).astype(columns)


def present_accounts(data: ReportData) -> list:
    """The profile's accounts opened by the end of the report's year."""
    return [a for a in data.profile.accounts if a.since is None or a.since.year <= data.year]


def measures(data: ReportData, rubric: Rubric, growth: float, engagement: float) -> dict:
    """One office's raw value of each measured criterion (NaN where its data lacks one)."""
    consistency = weekly_consistency(data, rubric)
    channels = {a.platform for a in present_accounts(data)} & set(rubric.channels)
    answers = responsiveness.answer_times(
        data.questions if data.questions is not None else _no_questions(), data.year
    )
    return {
        "konsistensi": float(consistency["share"].mean()) if len(consistency) else math.nan,
        "pertumbuhan": growth,
        "interaksi": engagement,
        "kehadiran": len(channels) * 100 / len(rubric.channels),
        "responsivitas": float(answers["within_share"].iloc[-1]) if len(answers) else math.nan,
    }


def _no_questions() -> pd.DataFrame:
    return pd.DataFrame(
        {"received": pd.Series(dtype="datetime64[ns]"), "answered": pd.Series(dtype="object")}
    )


def _subscore(values: pd.Series, scaling: str) -> pd.Series:
    """0-100 per office: shares as they are; relative values against the best office
    (negatives score 0; when no office is above 0, all score 0).

    >>> _subscore(pd.Series([10.0, 5.0, -2.0, None]), "relative").tolist()
    [100.0, 50.0, 0.0, nan]
    """
    if scaling == "share":
        return values.clip(0, 100)
    best = values.max()
    if pd.isna(best) or best <= 0:
        return values.where(values.isna(), 0.0)
    return (values.clip(lower=0) * 100 / best).astype("float64")


def _rank(totals: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Ranks on totals rounded to the two decimals shown (equal shown totals tie, ranked
    1, 2, 2, 4), and whether each rank is shared."""
    shown = totals.map(lambda v: math.nan if pd.isna(v) else float(fmt.round_half_up(v, 2)))
    ranks = shown.rank(ascending=False, method="min", na_option="bottom").astype("int64")
    return ranks, ranks.duplicated(keep=False)


def _weighted(scores: pd.DataFrame, criteria: tuple[Criterion, ...]) -> pd.Series:
    """Sum of weight x score over the criteria an office is scored on, divided by their
    weights ("lewati" criteria without data leave the sum and the divisor)."""
    top = pd.Series(0.0, index=scores.index)
    bottom = pd.Series(0.0, index=scores.index)
    for c in criteria:
        value = scores[c.code]
        counted = value.notna() | (c.missing == "nol")
        top += value.fillna(0.0).where(counted, 0.0) * c.weight
        bottom += counted.astype("float64") * c.weight
    return (top / bottom).where(bottom > 0)


def score(offices: pd.DataFrame, rubric: Rubric, jury: pd.DataFrame | None) -> pd.DataFrame:
    """The rubric table: per office (``offices`` has ``office, name`` and one raw column per
    measured code) every sub-score (``<code>``, 0-100), ``total``, ``rank``, ``tied``, and
    ``total_data``, ``rank_data``, ``tied_data`` from the measured criteria alone; ordered by
    rank, then name. Without juried scores the juried criteria are left out of the total."""
    table = offices[["office", "name"]].copy()
    for c in rubric.measured:
        scored = _subscore(offices[c.code].astype("float64"), MEASURED[c.code])
        table[c.code] = scored.fillna(0.0) if c.missing == "nol" else scored
    counted = list(rubric.measured)
    for c in rubric.juried:
        if jury is None:
            table[c.code] = math.nan
            continue
        given = jury[jury["criterion"] == c.code].set_index("office")["score"]
        table[c.code] = table["office"].map(given).astype("float64")
        counted.append(c)
    table["total"] = _weighted(table, tuple(counted))
    table["total_data"] = _weighted(table, rubric.measured)
    table["rank"], table["tied"] = _rank(table["total"])
    table["rank_data"], table["tied_data"] = _rank(table["total_data"])
    return table.sort_values(["rank", "name"], ignore_index=True)


def ties(table: pd.DataFrame, rank: str = "rank", tied: str = "tied") -> list[tuple[int, list]]:
    """Each shared rank with the names sharing it, in rank order."""
    shared = table[table[tied]]
    return [
        (int(r), list(group["name"])) for r, group in shared.groupby(rank, sort=True) if len(group)
    ]
