"""Twitter / X analytics: the legacy per-tweet export and the 2024 account and content exports."""

from __future__ import annotations

import pandas as pd

from kpureport.errors import Note
from kpureport.ingest.readers import ids, parse
from kpureport.ingest.readers.base import Context, Format, columns, daily_frame, posts_frame
from kpureport.ingest.readers.textfile import TextTable

LEGACY_METRICS = {
    "impressions": "impressions",
    "engagements": "engagements",
    "retweets": "shares",
    "replies": "comments",
    "likes": "likes",
    "favorites": "likes",
    "url clicks": "clicks",
    "media views": "views",
}
NEW_METRICS = {
    "Impressions": "impressions",
    "Likes": "likes",
    "Engagements": "engagements",
    "Bookmarks": "saves",
    "Reposts": "shares",
    "Replies": "comments",
    "URL Clicks": "clicks",
    "Video views": "views",
}
X_DATES = ("%a, %b %d, %Y", "%b %d, %Y", "%Y-%m-%d", "%a, %b %d, %Y %H:%M", "%Y-%m-%d %H:%M")


def _legacy(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = table.body()
    published = _utc_times(frame, table, ctx)
    return posts_frame(
        frame,
        table,
        ctx,
        platform="twitter",
        post_id="Tweet id",
        published=published,
        metrics=LEGACY_METRICS,
        text="Tweet text",
        link="Tweet permalink",
    ).assign(type="tweet")


def _utc_times(frame: pd.DataFrame, table: TextTable, ctx: Context) -> pd.Series:
    """``2021-11-30 16:00 +0000`` is UTC: converted to office time before any day is taken."""
    stripped = frame.assign(
        time=frame["time"].astype("string").str.replace(r"\s*\+0000$", "", regex=True)
    )
    return parse.timestamps(
        stripped, "time", table, ctx.problems, ("%Y-%m-%d %H:%M",), "UTC", ctx.timezone
    )


def _content(table: TextTable, ctx: Context) -> pd.DataFrame:
    """X's content export gives the day only; the post id (a Snowflake id) gives the exact
    time, taken when it falls within a day of the day written beside it."""
    frame = table.body(as_text=True)
    days = parse.timestamps(frame, "Date", table, ctx.problems, X_DATES, None, ctx.timezone)
    written = frame["Date"].astype("string").str.contains(":", regex=False).fillna(False)
    published, timed = exact_times(frame["Post id"], days, written, ctx.timezone)
    fallback = int((~timed & ~written & days.notna()).sum())
    if fallback:
        ctx.notes.append(
            Note(
                table.path,
                f"{fallback} unggahan X dengan ID yang bukan ID "
                "Snowflake (atau tidak cocok dengan tanggalnya): dipakai tanggalnya saja, "
                "tanpa jam terbit",
            )
        )
    return posts_frame(
        frame,
        table,
        ctx,
        platform="twitter",
        post_id="Post id",
        published=published,
        metrics=NEW_METRICS,
        text="Post text",
        link="Post Link",
        timed=timed,
    ).assign(type="post")


def exact_times(
    post_ids: pd.Series, days: pd.Series, written: pd.Series, timezone: str
) -> tuple[pd.Series, pd.Series]:
    """Publishing times from Snowflake ids in the office's zone, where the id's day is within
    one day of the written one (``days``, office time); elsewhere the written value, timed
    only where ``written`` says the export wrote a time of day."""
    published = days.copy()
    timed = pd.Series(False, index=days.index)
    for row, value in post_ids.items():
        moment = ids.snowflake_time(value)
        day = days.at[row]
        if moment is None:
            continue
        local = moment.tz_convert(timezone)
        if pd.isna(day) or abs((local.normalize() - day.normalize()).days) <= 1:
            published.at[row] = local.floor("s")
            timed.at[row] = True
    return published, timed | (written.astype(bool) & days.notna())


def _overview(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = table.body(as_text=True)
    dates = parse.days(frame, "Date", table, ctx.problems, list(X_DATES))
    if "Unfollows" in frame.columns:
        gained = parse.numbers(frame, "New follows", table, ctx.problems)
        lost = parse.numbers(frame, "Unfollows", table, ctx.problems)
        frame = frame.assign(**{"New follows": gained.fillna(0) - lost.fillna(0)})
    return daily_frame(
        dates,
        frame,
        table,
        ctx,
        platform="twitter",
        metrics={**NEW_METRICS, "New follows": "followers_gained"},
        signed=frozenset({"followers_gained"}),
    )


FORMATS = (
    Format(
        "twitter-tweet-activity",
        "Twitter Analytics lama, per tweet",
        "posts",
        (columns("Tweet id", "Tweet permalink", "Tweet text", "time", "impressions"),),
        _legacy,
        platform="twitter",
        optional=frozenset(LEGACY_METRICS),
    ),
    Format(
        "x-content",
        "X Analytics, per unggahan",
        "posts",
        (columns("Post id", "Date", "Post text", "Post Link", "Impressions"),),
        _content,
        platform="twitter",
        optional=frozenset(NEW_METRICS),
    ),
    Format(
        "x-account-overview",
        "X Analytics, ringkasan akun per hari",
        "daily",
        (columns("Date", "Impressions", "Likes", "Engagements", "New follows"),),
        _overview,
        platform="twitter",
        optional=frozenset(NEW_METRICS) | {"Unfollows"},
        excludes=columns("Post id"),
    ),
)
