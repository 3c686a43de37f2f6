"""Meta Business Suite exports: post level (Facebook Page, Instagram) and daily account files."""

from __future__ import annotations

import re

import pandas as pd

from kpureport.ingest.readers import parse
from kpureport.ingest.readers.base import Context, Format, columns, daily_frame, posts_frame
from kpureport.ingest.readers.textfile import TextTable

PUBLISH_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S")

#: Columns that story rows add (Meta writes them only when the export holds stories).
STORY_METRICS = {
    "Replies": "replies",
    "Sticker taps": "sticker_taps",
    "Link clicks": "clicks",
    "Link Clicks": "clicks",
    "Profile visits": "profile_views",
}
#: ``Post type`` of a story: Facebook writes ``Stories``, Instagram ``IG story``.
STORY_TYPES = frozenset({"Stories", "Story", "IG story", "IG Story"})

FACEBOOK_METRICS = {
    "Views": "views",
    "Impressions": "impressions",
    "Reach": "reach",
    "Reactions": "likes",
    "Comments": "comments",
    "Shares": "shares",
    "Total clicks": "clicks",
    "Reactions, Comments and Shares": "engagements",
    **STORY_METRICS,
}
INSTAGRAM_METRICS = {
    "Views": "views",
    "Impressions": "impressions",
    "Reach": "reach",
    "Likes": "likes",
    "Comments": "comments",
    "Shares": "shares",
    "Saves": "saves",
    "Follows": "followers_gained",
    **STORY_METRICS,
}


def _posts(platform: str, metrics: dict[str, str]):
    def read(table: TextTable, ctx: Context) -> pd.DataFrame:
        frame = table.body()
        published = parse.timestamps(
            frame,
            "Publish time",
            table,
            ctx.problems,
            PUBLISH_FORMATS,
            ctx.meta_timezone,
            ctx.timezone,
        )
        text = "Description" if "Description" in frame.columns else "Title"
        return posts_frame(
            frame,
            table,
            ctx,
            platform=platform,
            post_id="Post ID",
            published=published,
            metrics=metrics,
            kind="Post type",
            text=text if text in frame.columns else None,
            link="Permalink",
            stories=STORY_TYPES,
        )

    return read


DAILY_METRICS = {
    "views": "views",
    "viewers": "reach",
    "reach": "reach",
    "impressions": "impressions",
    "follows": "followers_gained",
    "content interactions": "engagements",
    "interactions": "engagements",
    "link clicks": "clicks",
}


def metric_of(title: str) -> tuple[str | None, str]:
    """Platform and canonical metric from the metric line, e.g. ``"Facebook follows"``."""
    words = title.strip().strip('"').strip()
    platform = None
    for name in ("facebook", "instagram"):
        if words.lower().startswith(name):
            platform, words = name, words[len(name) :].strip()
    key = words.lower()
    return platform, DAILY_METRICS.get(key, re.sub(r"\W+", "_", key).strip("_"))


def _daily(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = table.body()
    title = next(
        (line for line in table.preamble if not line.lower().lstrip('"').startswith("sep=")), ""
    )
    platform, metric = metric_of(title)
    if platform is None:
        name = table.path.name.lower()
        platform = next((p for p in ("facebook", "instagram") if p in name), None)
    dates = parse.timestamps(
        frame, "Date", table, ctx.problems, ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"), None, ctx.timezone
    )
    dates = dates.dt.tz_localize(None).dt.normalize()
    return daily_frame(dates, frame, table, ctx, platform=platform, metrics={"Primary": metric})


FORMATS = (
    Format(
        "meta-post-facebook",
        "Meta Business Suite, unggahan Halaman Facebook",
        "posts",
        (columns("Post ID", "Page ID", "Publish time", "Permalink", "Post type"),),
        _posts("facebook", FACEBOOK_METRICS),
        platform="facebook",
    ),
    Format(
        "meta-post-instagram",
        "Meta Business Suite, unggahan Instagram",
        "posts",
        (columns("Post ID", "Account ID", "Account username", "Publish time", "Post type"),),
        _posts("instagram", INSTAGRAM_METRICS),
        platform="instagram",
    ),
    Format(
        "meta-daily",
        "Meta Business Suite, metrik harian akun",
        "daily",
        (columns("Date", "Primary"),),
        _daily,
    ),
)
