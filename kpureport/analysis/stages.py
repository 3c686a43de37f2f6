"""Election stages (tahapan): the national calendars kpureport ships, with the PKPU that set
each, plus an office's own events, and the year's activity read against them.

An office's work follows the stages: posting rises in the campaign and around voting day. The
calendars live in ``kpureport/tahapan/*.yml``; an office adds local events (a re-vote, a
by-election) in ``stages.csv`` of its data folder.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from kpureport import safe_yaml
from kpureport.analysis.metrics import posts_in_year, typed_empty
from kpureport.config import PACKAGE_DIR

CALENDAR_DIR = PACKAGE_DIR / "tahapan"
#: The kind of an office's own event (``stages.csv``).
LOCAL = "setempat"
#: Stage kinds the narrative speaks of; the others are in the table only.
SPOKEN = ("kampanye", "masa_tenang", "pemungutan_suara", LOCAL)
COLUMNS = {
    "election": "string",
    "stage": "string",
    "kind": "string",
    "start": "datetime64[ns]",
    "end": "datetime64[ns]",
    "source": "string",
}


@cache
def national() -> pd.DataFrame:
    """Every shipped stage: ``election, stage, kind, start, end, source`` (end inclusive)."""
    rows = []
    for path in sorted(CALENDAR_DIR.glob("*.yml")):
        calendar = safe_yaml.read(path)
        source = " ".join(calendar["sumber"].split())
        for stage in calendar["tahapan"]:
            rows.append(
                {
                    "election": calendar["pemilihan"],
                    "stage": stage["nama"],
                    "kind": stage["jenis"],
                    "start": pd.Timestamp(stage["mulai"]),
                    "end": pd.Timestamp(stage["selesai"]),
                    "source": source,
                }
            )
    return pd.DataFrame(rows).astype(COLUMNS)


def with_local(local: pd.DataFrame) -> pd.DataFrame:
    """The national stages and an office's own events (``stages.csv``: ``start, end, stage,
    source``)."""
    if local.empty:
        return national()
    own = pd.DataFrame(
        {
            "election": "Kegiatan setempat",
            "stage": local["stage"],
            "kind": LOCAL,
            "start": local["start"],
            "end": local["end"],
            "source": local["source"].replace("", pd.NA),
        }
    ).astype(COLUMNS)
    return pd.concat([national(), own], ignore_index=True)


def in_year(stages: pd.DataFrame, year: int) -> pd.DataFrame:
    """The stages that touch ``year``, clipped to it, with ``days`` (inclusive)."""
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    inside = stages[(stages["start"] <= last) & (stages["end"] >= first)].copy()
    inside["start"] = inside["start"].clip(lower=first)
    inside["end"] = inside["end"].clip(upper=last)
    inside["days"] = (inside["end"] - inside["start"]).dt.days + 1
    return inside.sort_values(["start", "end"], kind="stable", ignore_index=True)


def activity(posts: pd.DataFrame, stages: pd.DataFrame, year: int) -> pd.DataFrame:
    """Feed posts and their interactions per day inside each of the year's stages, and on the
    days of the year outside every stage (last row, ``kind`` ``"luar"``): ``election, stage,
    kind, start, end, days, posts, silent_days, interactions, posts_per_day,
    interactions_per_day`` (``silent_days``: days of the stage without a feed post)."""
    year_stages = in_year(stages, year)
    columns = {
        **COLUMNS,
        "days": "int64",
        "posts": "int64",
        "silent_days": "int64",
        "interactions": "float64",
        "posts_per_day": "float64",
        "interactions_per_day": "float64",
    }
    if year_stages.empty:
        return typed_empty(columns)
    year_posts = posts_in_year(posts, year)
    if year_posts.empty:
        days, engagement = pd.Series(dtype="datetime64[ns]"), pd.Series(dtype="float64")
    else:
        days = year_posts["published"].dt.tz_localize(None).dt.normalize()
        engagement = year_posts["engagement"].fillna(0).astype("float64")
    rows = []
    covered = pd.Series(False, index=pd.date_range(f"{year}-01-01", f"{year}-12-31"))
    for stage in year_stages.itertuples(index=False):
        within = (days >= stage.start) & (days <= stage.end)
        covered[stage.start : stage.end] = True
        rows.append(
            {
                **stage._asdict(),
                "posts": int(within.sum()),
                "silent_days": int(stage.days) - int(days[within].nunique()),
                "interactions": float(engagement[within].sum()),
            }
        )
    outside = ~days.map(covered).fillna(False).astype(bool)
    rest = int((~covered).sum())
    rows.append(
        {
            "election": pd.NA,
            "stage": "di luar tahapan",
            "kind": "luar",
            "start": pd.NaT,
            "end": pd.NaT,
            "source": pd.NA,
            "days": rest,
            "posts": int(outside.sum()),
            "silent_days": rest - int(days[outside].nunique()),
            "interactions": float(engagement[outside].sum()),
        }
    )
    table = pd.DataFrame(rows)
    per_day = table["days"].where(table["days"] > 0)
    table["posts_per_day"] = table["posts"] / per_day
    table["interactions_per_day"] = table["interactions"] / per_day
    return table.astype(columns)


def daily_interactions(posts: pd.DataFrame, year: int) -> pd.Series:
    """Interactions of the feed posts published on each day of ``year`` (0 on a day without)."""
    year_posts = posts_in_year(posts, year)
    index = pd.date_range(f"{year}-01-01", f"{year}-12-31")
    if year_posts.empty:
        return pd.Series(0.0, index=index)
    days = year_posts["published"].dt.tz_localize(None).dt.normalize()
    return year_posts["engagement"].fillna(0).groupby(days).sum().reindex(index, fill_value=0.0)


def label(row) -> str:
    """``masa kampanye Pemilu 2024``; an office's own event by its own name."""
    if row.kind == LOCAL or pd.isna(row.election):
        return str(row.stage)
    return f"{row.stage} {row.election}"
