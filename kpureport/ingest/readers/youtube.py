"""YouTube Studio, Advanced mode, "Export current view": Table data, Chart data and Totals.

Headers come in English or, with an Indonesian interface, in Indonesian; both are read.
Row 2 of ``Table data`` is a ``Total`` row, not a video.
"""

from __future__ import annotations

import pandas as pd

from kpureport.ingest.readers import parse
from kpureport.ingest.readers.base import Context, Format, columns, daily_frame, posts_frame
from kpureport.ingest.readers.textfile import TextTable

#: Indonesian header -> English header, so one mapping serves both interfaces.
INDONESIAN = {
    "Konten": "Content",
    "Judul video": "Video title",
    "Waktu publikasi video": "Video publish time",
    "Durasi": "Duration",
    "Penayangan": "Views",
    "Waktu tonton (jam)": "Watch time (hours)",
    "Subscriber": "Subscribers",
    "Tayangan": "Impressions",
    "Tanggal": "Date",
    "Penayangan engaged": "Engaged views",  # unverified spelling
    "Rasio klik-tayang dari tayangan (%)": "Impressions click-through rate (%)",
}
#: Since 31 March 2025 ``Views`` counts every play of a Short; the count before that change
#: is kept as ``Engaged views``.
SHORTS_VIEWS_CHANGE = "2025-03-31"
METRICS = {
    "Views": "views",
    "Engaged views": "engaged_views",
    "Watch time (hours)": "watch_hours",
    "Subscribers": "followers_gained",
    "Impressions": "impressions",
    "Likes": "likes",
    "Comments": "comments",
    "Shares": "shares",
    "Comments added": "comments",
}
SIGNED = frozenset({"followers_gained"})

_ID_MONTHS = {
    "Jan": "Jan",
    "Feb": "Feb",
    "Mar": "Mar",
    "Apr": "Apr",
    "Mei": "May",
    "Jun": "Jun",
    "Jul": "Jul",
    "Agu": "Aug",
    "Agt": "Aug",
    "Sep": "Sep",
    "Okt": "Oct",
    "Nov": "Nov",
    "Des": "Dec",
}
PUBLISH_FORMATS = ("%b %d, %Y", "%d %b %Y", "%Y-%m-%d", "%b %d %Y")


def _english(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns=INDONESIAN)


def _publish_dates(frame: pd.DataFrame, table: TextTable, ctx: Context) -> pd.Series:
    text = frame["Video publish time"].astype("string").str.replace(".", "", regex=False)
    for indonesian, english in _ID_MONTHS.items():
        text = text.str.replace(rf"\b{indonesian}\b", english, regex=True)
    return parse.timestamps(
        frame.assign(**{"Video publish time": text}),
        "Video publish time",
        table,
        ctx.problems,
        PUBLISH_FORMATS,
        None,
        ctx.timezone,
    )


def _table(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = _english(table.body())
    frame = frame[frame["Content"].astype("string").str.strip().str.lower() != "total"]
    return posts_frame(
        frame,
        table,
        ctx,
        platform="youtube",
        post_id="Content",
        published=_publish_dates(frame, table, ctx),
        metrics=METRICS,
        text="Video title",
        signed=SIGNED,
        timed=frame["Video publish time"]
        .astype("string")
        .str.contains(":", regex=False)
        .fillna(False),
    ).assign(link=lambda f: "https://www.youtube.com/watch?v=" + f["post_id"], type="video")


def _chart(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = _english(table.body())
    dates = parse.days(frame, "Date", table, ctx.problems, ["%Y-%m-%d", "%b %d, %Y"])
    daily = daily_frame(
        dates, frame, table, ctx, platform="youtube", metrics=METRICS, signed=SIGNED
    )
    return daily.groupby(["platform", "date", "metric"], as_index=False)["value"].sum()


def _totals(table: TextTable, ctx: Context) -> pd.DataFrame:
    frame = _english(table.body())
    dates = parse.days(frame, "Date", table, ctx.problems, ["%Y-%m-%d", "%b %d, %Y"])
    return daily_frame(dates, frame, table, ctx, platform="youtube", metrics=METRICS, signed=SIGNED)


_TOTAL_METRICS = [m for m in METRICS if m not in ("Likes", "Comments", "Shares", "Comments added")]
_ID_FOR = {english: indonesian for indonesian, english in INDONESIAN.items()}

FORMATS = (
    Format(
        "youtube-table",
        "YouTube Studio, Table data (per video)",
        "posts",
        (
            columns("Content", "Video title", "Video publish time"),
            columns("Konten", "Judul video", "Waktu publikasi video"),
        ),
        _table,
        platform="youtube",
        excludes=columns("Date", "Tanggal"),
        optional=frozenset(METRICS),
    ),
    Format(
        "youtube-chart",
        "YouTube Studio, Chart data (per video per hari)",
        "daily",
        (columns("Date", "Content", "Video title"), columns("Tanggal", "Konten", "Judul video")),
        _chart,
        platform="youtube",
        optional=frozenset(METRICS),
    ),
    Format(
        "youtube-totals",
        "YouTube Studio, Totals (per hari)",
        "daily",
        tuple(columns("Date", m) for m in _TOTAL_METRICS)
        + tuple(columns("Tanggal", _ID_FOR[m]) for m in _TOTAL_METRICS if m in _ID_FOR),
        _totals,
        platform="youtube",
        exact=True,
    ),
)
