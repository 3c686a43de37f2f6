"""Figures of the 2024-2026 exports and of the staff's monthly table: organic and boosted
distribution, which reach-side count a year's posts carry, Meta's audience snapshot, and the
figures staff copy from the apps."""

from __future__ import annotations

import pandas as pd

from kpureport.analysis.metrics import posts_in_year, typed_empty

DISTRIBUTION = ("reach", "reach_organic", "reach_paid", "views_organic", "views_paid")


def distribution(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per platform whose posts give organic and boosted reach: ``platform, posts, reach,
    reach_organic, reach_paid, paid_share`` (percent of the split reach that was boosted),
    ``views_organic, views_paid``, and for videos ``videos, seconds_viewed``."""
    columns = ["platform", "posts", *DISTRIBUTION, "paid_share", "videos", "seconds_viewed"]
    types = {"platform": "object", "posts": "int64", "paid_share": "float64", "videos": "Int64"}
    types |= dict.fromkeys([*DISTRIBUTION, "seconds_viewed"], "Int64")
    year_posts = posts_in_year(posts, year)
    if year_posts.empty or "reach_paid" not in year_posts.columns:
        return typed_empty(dict.fromkeys(columns, "object") | types)
    rows = []
    for platform, group in year_posts.groupby("platform", sort=True):
        split = group[group["reach_organic"].notna() & group["reach_paid"].notna()]
        if split.empty:
            continue
        row = {"platform": platform, "posts": len(split)}
        for column in DISTRIBUTION:
            known = split[column].dropna() if column in split.columns else pd.Series([])
            row[column] = int(known.sum()) if len(known) else None
        whole = row["reach_organic"] + row["reach_paid"]
        row["paid_share"] = row["reach_paid"] * 100 / whole if whole else None
        watched = group["seconds_viewed"].dropna() if "seconds_viewed" in group else []
        row["videos"] = len(watched) or None
        row["seconds_viewed"] = round(float(watched.sum())) if len(watched) else None
        rows.append(row)
    return pd.DataFrame(rows, columns=columns).astype(types)


def reach_side_months(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per platform whose year's posts carry impressions for some months and views for
    others (Meta replaced Impressions with Views in 2024): ``platform, impressions, views``,
    each the sorted months (1-12) whose posts have that count."""
    year_posts = posts_in_year(posts, year)
    rows = []
    if year_posts.empty or not {"impressions", "views"} <= set(year_posts.columns):
        return pd.DataFrame(rows, columns=["platform", "impressions", "views"])
    for platform, group in year_posts.groupby("platform", sort=True):
        months = group["published"].dt.month
        with_impressions = sorted(set(months[group["impressions"].notna()]))
        with_views = sorted(set(months[group["views"].notna() & group["impressions"].isna()]))
        if with_impressions and with_views:
            rows.append(
                {"platform": platform, "impressions": with_impressions, "views": with_views}
            )
    return pd.DataFrame(rows, columns=["platform", "impressions", "views"])


def meta_audience(audience: pd.DataFrame | None, year: int) -> dict[str, pd.DataFrame]:
    """The newest Meta audience snapshot of the year per platform: ``{platform: table}`` with
    ``snapshot, dimension, key, value`` (age and gender, cities, countries)."""
    if audience is None or audience.empty:
        return {}
    meta = audience[
        audience["platform"].isin(["facebook", "instagram"])
        & audience["dimension"].isin(["age_gender", "city", "country"])
        & (pd.to_datetime(audience["snapshot"]).dt.year == year)
    ]
    found = {}
    for platform, group in meta.groupby("platform", sort=True):
        newest = group[group["snapshot"] == group["snapshot"].max()]
        found[str(platform)] = newest.reset_index(drop=True)
    return found


def age_gender(table: pd.DataFrame) -> pd.DataFrame:
    """Age groups as rows, ``Female`` and ``Male`` shares as columns, in the file's order."""
    rows = table[table["dimension"] == "age_gender"]
    split = rows["key"].str.rsplit(" ", n=1, expand=True)
    if split.empty:
        return pd.DataFrame(columns=["age", "Female", "Male"])
    frame = pd.DataFrame({"age": split[0], "gender": split[1], "value": rows["value"].to_numpy()})
    wide = frame.pivot_table(index="age", columns="gender", values="value", sort=False)
    return wide.reindex(columns=["Female", "Male"]).reset_index()


def staff_figures(monthly: pd.DataFrame | None, year: int) -> pd.DataFrame:
    """The year of the staff's monthly table per platform: ``platform, months, followers``
    (the last month's count), ``followers_month``, ``posts``, ``views`` (sums of the months
    that give them; missing where no month does)."""
    columns = ["platform", "months", "followers", "followers_month", "posts", "views"]
    if monthly is None or monthly.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    year_rows = monthly[monthly["month"].dt.year == year].sort_values("month")
    for platform, group in year_rows.groupby("platform", sort=True):
        counted = group[group["followers"].notna()]
        rows.append(
            {
                "platform": platform,
                "months": len(group),
                "followers": int(counted["followers"].iloc[-1]) if len(counted) else None,
                "followers_month": counted["month"].iloc[-1] if len(counted) else None,
                "posts": int(group["posts"].sum()) if group["posts"].notna().any() else None,
                "views": int(group["views"].sum()) if group["views"].notna().any() else None,
            }
        )
    return pd.DataFrame(rows, columns=columns)
