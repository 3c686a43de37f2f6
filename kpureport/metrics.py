"""Figures computed from the tidy tables; pure functions, no I/O, no formatting."""

from __future__ import annotations

import pandas as pd

from kpureport.formatting import share
from kpureport.models import Profile


def followers_at_year_end(followers: pd.DataFrame, year: int) -> pd.DataFrame:
    """The last count of each platform dated within ``year``: ``platform, date, followers``."""
    in_year = followers[followers["date"].dt.year == year]
    last = in_year.sort_values("date").groupby("platform", sort=False).tail(1)
    return last[["platform", "date", "followers"]].reset_index(drop=True)


def platform_table(profile: Profile, followers: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per account, largest audience first, with each platform's share of the total.

    Accounts without a count for the year keep their row with ``followers`` missing, so the
    report can say so instead of dropping them. Columns: ``platform, name, handle, url,
    followers, date, share`` (share in percent, as exact ``Decimal``).
    """
    counts = followers_at_year_end(followers, year)
    accounts = pd.DataFrame(
        [
            {
                "platform": a.platform,
                "name": a.name,
                "handle": a.handle,
                "url": a.url,
                "display_name": a.display_name,
            }
            for a in profile.accounts
        ]
    )
    table = accounts.merge(counts, on="platform", how="left")
    table["followers"] = table["followers"].astype("Int64")
    total = int(table["followers"].sum())
    table["share"] = [
        share(int(n), total) if pd.notna(n) and total else None for n in table["followers"]
    ]
    # Ties and accounts without a count keep the order of the profile.
    order = table["followers"].fillna(-1).astype("int64")
    return (
        table.assign(_order=order)
        .sort_values("_order", ascending=False, kind="stable", ignore_index=True)
        .drop(columns="_order")
    )


def total_followers(table: pd.DataFrame) -> int:
    return int(table["followers"].sum())
