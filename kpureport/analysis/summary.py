"""The figures of the executive summary: one row per account (the scorecard), the targets'
status, and the election days the office left without a post.

Pure functions on the report's tidy tables; the sentences are written by
:mod:`kpureport.writing.summary`.
"""

from __future__ import annotations

from itertools import pairwise

import pandas as pd

from kpureport.analysis.metrics import typed_empty

#: Stage kinds whose days without a feed post are a risk worth a line in the summary.
WATCHED_STAGES = ("pemungutan_suara", "masa_tenang")

SCORECARD_COLUMNS = {
    "platform": "object",
    "followers": "Int64",
    "change": "Int64",
    "change_pct": "float64",
    "posts": "Int64",
    "months_with_posts": "Int64",
    "longest_gap": "Int64",
    "rate": "float64",
    "base_label": "object",
}


def scorecard(
    accounts: list[str],
    platforms: pd.DataFrame,
    growth: pd.DataFrame,
    year_posts: pd.DataFrame,
    rates: pd.DataFrame,
    year: int,
) -> pd.DataFrame:
    """One row per account, in the profile's order: year-end ``followers``, their ``change``
    and ``change_pct`` from last year's end, feed ``posts``, ``months_with_posts`` (of 12),
    ``longest_gap`` (the most days in a row without a feed post, year start and end included),
    the interaction ``rate`` and its ``base_label``. Missing where the data lacks the figure:
    a platform with no post in the exports has no post figures (not recorded, not zero)."""
    if not accounts:
        return typed_empty(SCORECARD_COLUMNS)
    followers = platforms.set_index("platform")["followers"]
    grown = growth.set_index("platform") if not growth.empty else pd.DataFrame()
    rated = rates.set_index("platform") if not rates.empty else pd.DataFrame()
    rows = []
    for platform in accounts:
        posts = (
            year_posts[year_posts["platform"] == platform] if not year_posts.empty else year_posts
        )
        row = {key: None for key in SCORECARD_COLUMNS} | {"platform": platform}
        count = followers.get(platform)
        if count is not None and pd.notna(count):
            row["followers"] = int(count)
        if platform in grown.index and pd.notna(grown.loc[platform, "previous"]):
            row["change"] = int(grown.loc[platform, "current"] - grown.loc[platform, "previous"])
            row["change_pct"] = grown.loc[platform, "change_pct"]
        if len(posts):
            days = posts["published"].dt.tz_localize(None).dt.normalize()
            row["posts"] = len(posts)
            row["months_with_posts"] = int(days.dt.month.nunique())
            row["longest_gap"] = longest_gap(days, year)
        if platform in rated.index and pd.notna(rated.loc[platform, "rate"]):
            row["rate"] = float(rated.loc[platform, "rate"])
            row["base_label"] = str(rated.loc[platform, "base_label"])
        rows.append(row)
    return pd.DataFrame(rows).astype(SCORECARD_COLUMNS)


def longest_gap(days: pd.Series, year: int) -> int:
    """The most days in a row of ``year`` without any of ``days`` (dates without time).

    >>> longest_gap(pd.Series(pd.to_datetime(["2024-01-05", "2024-12-20"])), 2024)
    349
    """
    marks = sorted({d for d in days if d.year == year})
    edges = [pd.Timestamp(year, 1, 1) - pd.Timedelta(days=1), *marks]
    edges.append(pd.Timestamp(year, 12, 31) + pd.Timedelta(days=1))
    return max((b - a).days - 1 for a, b in pairwise(edges))


def target_status(table: pd.DataFrame) -> dict[str, object]:
    """How many targets there are, how many were reached (achievement of 100% or more), how
    many not, how many could not be measured, and the lowest achievement with every indicator
    that shares it (its rows, as printed to one decimal)."""
    measured = table[table["achievement"].notna()]
    reached = measured[measured["achievement"] >= 100]
    missed = measured[measured["achievement"] < 100]
    lowest = pd.DataFrame(columns=table.columns)
    if not missed.empty:
        shown = missed["achievement"].round(1)
        lowest = missed[shown == shown.min()]
    return {
        "total": len(table),
        "reached": len(reached),
        "missed": len(missed),
        "unmeasured": len(table) - len(measured),
        "lowest": lowest,
    }


def silent_stage_days(
    year_posts: pd.DataFrame, year_stages: pd.DataFrame, kinds: tuple[str, ...] = WATCHED_STAGES
) -> pd.DataFrame:
    """The days of the watched stages (voting days, masa tenang) on which no account published
    a feed post: ``stage, kind, election, day``. Empty also when there is no post data at all
    (then nothing is known about those days)."""
    columns = {"stage": "object", "kind": "object", "election": "object", "day": "datetime64[ns]"}
    watched = year_stages[year_stages["kind"].isin(kinds)] if not year_stages.empty else None
    if watched is None or watched.empty or year_posts.empty:
        return typed_empty(columns)
    posted = set(year_posts["published"].dt.tz_localize(None).dt.normalize())
    rows = [
        {"stage": s.stage, "kind": s.kind, "election": s.election, "day": day}
        for s in watched.itertuples(index=False)
        for day in pd.date_range(s.start, s.end)
        if day not in posted
    ]
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)


def watched_stage_days(year_stages: pd.DataFrame, kinds: tuple[str, ...] = WATCHED_STAGES) -> int:
    """How many days of the year fall in the watched stages."""
    if year_stages.empty:
        return 0
    watched = year_stages[year_stages["kind"].isin(kinds)]
    return int(watched["days"].sum()) if not watched.empty else 0
