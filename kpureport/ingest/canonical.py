"""The canonical tables every reader produces, whatever platform a file came from."""

from __future__ import annotations

import pandas as pd

#: One set of metric names across platforms (likes = reactions on Facebook; shares = retweets
#: and reposts on X; followers_gained is net: new followers minus those who left).
METRICS = (
    "impressions",
    "views",
    "reach",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "engagements",
    "followers_gained",
    "watch_hours",
    "profile_views",
    "replies",
    "sticker_taps",
    # Meta since 2024: reach and views of organic and of boosted (paid) distribution, and the
    # seconds of video watched; YouTube since March 2025: the old view count of Shorts.
    "reach_organic",
    "reach_paid",
    "views_organic",
    "views_paid",
    "seconds_viewed",
    "engaged_views",
)
#: Measures that need not be whole (every other metric is a count).
MEASURES = frozenset({"watch_hours", "seconds_viewed", "avg_seconds_viewed"})


#: Column types of the canonical tables, so that an empty table behaves like a full one
#: (``published.dt`` works for an office without posts). Times of posts are in the office
#: zone once read; an empty table, read from no file, says UTC.
TYPES = {
    "posts": {
        "platform": "object",
        "post_id": "string",
        "published": "datetime64[ns, UTC]",
        "type": "string",
        "text": "string",
        "link": "string",
        "story": "bool",  # a Facebook or Instagram story, counted apart from feed posts
        "timed": "bool",  # the export gave the time of day, not only the day
    },
    "daily": {
        "platform": "object",
        "date": "datetime64[ns]",
        "metric": "object",
        "value": "float64",
    },
    "feedback": {
        "date": "datetime64[ns]",
        "channel": "string",
        "category": "string",
        "text": "string",
    },
}


def empty(kind: str, timezone: str | None = None) -> pd.DataFrame:
    """A canonical table with no rows and its columns typed (``published`` in ``timezone``)."""
    types = dict(TYPES[kind])
    if timezone and "published" in types:
        types["published"] = f"datetime64[ns, {timezone}]"
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in (types | {"source": "string"}).items()})


def merge_posts(frames: list[pd.DataFrame], timezone: str | None = None) -> pd.DataFrame:
    """Posts from several exports, each post once: the newest export's lifetime totals win.

    Frames come ordered oldest export first; ``keep="last"`` keeps the newest row of a post.
    """
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty("posts", timezone)
    posts = pd.concat(frames, ignore_index=True)
    posts["story"] = posts["story"].fillna(False).astype(bool) if "story" in posts else False
    posts["timed"] = posts["timed"].fillna(True).astype(bool) if "timed" in posts else True
    posts = posts.drop_duplicates(["platform", "post_id"], keep="last")
    return posts.sort_values("published", kind="stable", ignore_index=True)


def merge_daily(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Daily metrics from several exports, each platform-day-metric once (newest wins)."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty("daily")
    daily = pd.concat(frames, ignore_index=True)
    daily = daily.drop_duplicates(["platform", "date", "metric"], keep="last")
    return daily.sort_values(["platform", "metric", "date"], kind="stable", ignore_index=True)


def merge_feedback(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Form responses from several exports, each response once (same timestamp and answers)."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty("feedback")
    feedback = pd.concat(frames, ignore_index=True)
    if "answer_key" not in feedback.columns:
        return feedback
    keyed = feedback["answer_key"].notna()
    repeated = keyed & feedback.duplicated(["date", "answer_key"], keep="first")
    return feedback[~repeated].reset_index(drop=True)


def daily_conflicts(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Days on which two exports give one platform's metric values that differ by more than
    rounding (more than 1): ``platform, metric, date, value, source, other_value,
    other_source``, one row per pair of files and day."""
    columns = ["platform", "metric", "date", "value", "source", "other_value", "other_source"]
    frames = [f for f in frames if not f.empty]
    if len(frames) < 2:
        return pd.DataFrame(columns=columns)
    daily = pd.concat(frames, ignore_index=True)
    keys = ["platform", "metric", "date"]
    repeated = daily[daily.duplicated(keys, keep=False)]
    if repeated.empty:
        return pd.DataFrame(columns=columns)
    first = repeated.drop_duplicates(keys, keep="first")
    others = repeated.drop(first.index)
    pairs = others.merge(first, on=keys, suffixes=("", "_first"))
    pairs = pairs[pairs["source"] != pairs["source_first"]]
    apart = (pairs["value"].astype(float) - pairs["value_first"].astype(float)).abs() > 1
    out = pairs[apart].rename(
        columns={"value_first": "other_value", "source_first": "other_source"}
    )
    return out[columns].sort_values(keys, ignore_index=True)


def daily_gaps(daily: pd.DataFrame) -> pd.DataFrame:
    """Months with no daily figure at all between a platform's first and last day of daily
    data: ``platform, month`` (a ``Period``)."""
    if daily.empty:
        return pd.DataFrame(columns=["platform", "month"])
    rows = []
    for platform, group in daily.groupby("platform", sort=True):
        months = group["date"].dt.to_period("M")
        have = set(months.unique())
        span = pd.period_range(months.min(), months.max(), freq="M")
        rows += [{"platform": platform, "month": m} for m in span if m not in have]
    return pd.DataFrame(rows, columns=["platform", "month"])
