"""Facebook Page Insights exports from before about 2020: row 2 describes each column."""

from __future__ import annotations

import pandas as pd

from kpureport.ingest.readers import parse
from kpureport.ingest.readers.base import Context, Format, columns, daily_frame, posts_frame
from kpureport.ingest.readers.textfile import TextTable

POST_METRICS = {
    "Lifetime Post Total Reach": "reach",
    "Lifetime Post Total Impressions": "impressions",
    "Lifetime Engaged Users": "engagements",
    "Lifetime Post Consumptions": "clicks",
    "Lifetime Talking About This (Post) by action type - like": "likes",
    "Lifetime Talking About This (Post) by action type - comment": "comments",
    "Lifetime Talking About This (Post) by action type - share": "shares",
}
PAGE_METRICS = {
    "Daily New Likes": "followers_gained",
    "Daily Total Reach": "reach",
    "Daily Total Impressions": "impressions",
    "Daily Page Engaged Users": "engagements",
}


def _posts(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = table.body(skip=1)
    published = parse.timestamps(
        frame,
        "Posted",
        table,
        ctx.problems,
        ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M"),
        None,
        ctx.timezone,
    )
    return posts_frame(
        frame,
        table,
        ctx,
        platform="facebook",
        post_id="Post ID",
        published=published,
        metrics=POST_METRICS,
        kind="Type",
        text="Post Message",
        link="Permalink",
    )


def _page(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = table.body(skip=1)
    dates = parse.days(frame, "Date", table, ctx.problems, ["%m/%d/%Y"])
    metrics = dict(PAGE_METRICS)
    if "Daily Unlikes" in frame.columns:
        gained = parse.numbers(frame, "Daily New Likes", table, ctx.problems)
        lost = parse.numbers(frame, "Daily Unlikes", table, ctx.problems)
        frame = frame.assign(**{"Daily New Likes": (gained.fillna(0) - lost.fillna(0))})
    daily = daily_frame(
        dates,
        frame,
        table,
        ctx,
        platform="facebook",
        metrics=metrics,
        signed=frozenset({"followers_gained"}),
        followers="Lifetime Total Likes",
    )
    return daily


FORMATS = (
    Format(
        "facebook-insights-post",
        "Facebook Page Insights lama, per unggahan",
        "posts",
        (columns("Post ID", "Permalink", "Post Message", "Type", "Posted"),),
        _posts,
        platform="facebook",
        optional=frozenset(POST_METRICS),
    ),
    Format(
        "facebook-insights-page",
        "Facebook Page Insights lama, per hari",
        "daily",
        (columns("Date", "Lifetime Total Likes", "Daily New Likes"),),
        _page,
        platform="facebook",
        optional=frozenset(PAGE_METRICS) | {"Daily Unlikes"},
    ),
)
