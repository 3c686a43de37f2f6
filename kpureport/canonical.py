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
)

POST_COLUMNS = ("platform", "post_id", "published", "type", "text", "link")
DAILY_COLUMNS = ("platform", "date", "metric", "value")
FEEDBACK_COLUMNS = ("date", "channel", "category", "text")
POLL_COLUMNS = ("date", "platform", "question", "option", "votes")
FOLLOWER_COLUMNS = ("date", "platform", "followers")


def empty(kind: str) -> pd.DataFrame:
    columns = {
        "posts": POST_COLUMNS,
        "daily": DAILY_COLUMNS,
        "feedback": FEEDBACK_COLUMNS,
        "polls": POLL_COLUMNS,
        "followers": FOLLOWER_COLUMNS,
    }[kind]
    return pd.DataFrame(columns=[*columns, "source"])


def merge_posts(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Posts from several exports, each post once: the newest export's lifetime totals win.

    Frames come ordered oldest export first; ``keep="last"`` keeps the newest row of a post.
    """
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty("posts")
    posts = pd.concat(frames, ignore_index=True)
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
