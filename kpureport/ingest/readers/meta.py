"""Meta Business Suite exports: post level (Facebook Page, Instagram) and daily account files."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from kpureport.errors import Problem
from kpureport.ingest.readers import parse, stated
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

#: Columns of the exports since 2024 (Facebook post exports of 2025-2026 carry all of them):
#: organic and boosted (paid) reach and views, and the seconds of video watched.
DISTRIBUTION_METRICS = {
    "Reach from Organic posts": "reach_organic",
    "Reach from Boosted posts": "reach_paid",
    "Views from Organic posts": "views_organic",
    "Views from Boosted posts": "views_paid",
    "Seconds viewed": "seconds_viewed",
    "Average Seconds viewed": "avg_seconds_viewed",
}

FACEBOOK_METRICS = {
    "Views": "views",
    "Impressions": "impressions",
    "Reach": "reach",
    **DISTRIBUTION_METRICS,
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
    **DISTRIBUTION_METRICS,
    **STORY_METRICS,
}
#: Text columns read beside the metrics.
POST_TEXTS = frozenset({"Description", "Title"})


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


#: Blocks of ``Audience.csv``, by their title line; the rows of each become one dimension.
AUDIENCE_BLOCKS = {
    "age & gender": "age_gender",
    "age and gender": "age_gender",
    "top cities": "city",
    "cities": "city",
    "top towns/cities": "city",
    "top countries": "country",
    "countries": "country",
}
GENDERS = {"women": "Female", "female": "Female", "men": "Male", "male": "Male"}
AUDIENCE_COLUMNS = ("platform", "snapshot", "dimension", "key", "value")


def _audience(table: TextTable, ctx: Context) -> pd.DataFrame:
    """``Audience.csv``: blocks stacked in one file, each a title line (``"Age & gender"``,
    ``"Top cities"``, ``"Top countries"``), a header and rows, a blank line between blocks.
    Shares are kept as parts of 1 (``12.5%`` and counts are converted); the snapshot is the
    download day the file's name states."""
    day = stated.stated_day(table.anchor_name, ctx.timezone)
    platform = next((p for p in ("facebook", "instagram") if p in table.anchor_name.lower()), None)
    if day is None or platform is None:
        ctx.problems.append(
            Problem(
                table.path,
                found="berkas audiens Meta tanpa "
                + " dan ".join(
                    w
                    for w, m in (("tanggal unduh", day is None), ("nama platform", not platform))
                    if m
                )
                + " pada namanya",
                expected="nama berkas dengan platform dan tanggal unduhnya, mis. "
                "Audience_facebook_2025-12-31.csv",
            )
        )
        return pd.DataFrame(columns=AUDIENCE_COLUMNS)
    rows = []
    for title, header, block in _blocks(table):
        dimension = AUDIENCE_BLOCKS.get(title.strip().lower())
        if dimension is None or len(header) < 2:
            continue
        values = []
        for row, record in block:
            key = record[0].strip()
            for column, cell in zip(header[1:], record[1:], strict=False):
                label = key
                if dimension == "age_gender":
                    label = f"{key} {GENDERS.get(column.strip().lower(), column.strip())}"
                values.append((row, column, label, cell.strip()))
        rows += _shares(values, dimension, table, ctx)
    frame = pd.DataFrame(rows, columns=["dimension", "key", "value"])
    frame.insert(0, "snapshot", pd.Timestamp(day))
    frame.insert(0, "platform", platform)
    return frame[list(AUDIENCE_COLUMNS)].reset_index(drop=True)


def _blocks(table: TextTable):
    """``(title, header, [(row, record), ...])`` for each block of a stacked file."""
    lines = table.decoded().splitlines()
    title, header, block = None, None, []
    for number, line in enumerate(lines, start=1):
        record = next(csv.reader(io.StringIO(line), delimiter=table.delimiter), [])
        if not line.strip() or line.strip().lower().lstrip('"').startswith("sep="):
            continue
        if len(record) == 1 and not _numeric(record):
            if title is not None and header is not None:
                yield title, header, block
            title, header, block = record[0], None, []
        elif title is not None and header is None:
            header = record
        elif title is not None:
            block.append((number, record))
    if title is not None and header is not None:
        yield title, header, block


def _numeric(record: list[str]) -> bool:
    return bool(re.fullmatch(r"[\d.,%\s]+", record[0]))


def _shares(values: list[tuple], dimension: str, table: TextTable, ctx: Context) -> list[tuple]:
    """Each cell as a part of 1: ``12.5%`` divided by 100, a fraction as it is, counts divided
    by the block's sum."""
    parsed = []
    for row, column, key, cell in values:
        text = cell.rstrip("%").strip()
        number, bad = parse.number_text(pd.Series([text]), "en")
        if bad.iloc[0] or pd.isna(number.iloc[0]):
            if cell not in ("", "-"):
                ctx.problems.append(
                    Problem(
                        table.path, row=row, column=column, found=cell, expected="angka, mis. 12.5%"
                    )
                )
            continue
        parsed.append((key, float(number.iloc[0]), cell.endswith("%")))
    if not parsed:
        return []
    if any(percent for _, _, percent in parsed):
        return [(dimension, key, value / 100) for key, value, _ in parsed]
    total = sum(value for _, value, _ in parsed)
    if max(value for _, value, _ in parsed) > 1 and total:
        return [(dimension, key, value / total) for key, value, _ in parsed]
    return [(dimension, key, value) for key, value, _ in parsed]


FORMATS = (
    Format(
        "meta-post-facebook",
        "Meta Business Suite, unggahan Halaman Facebook",
        "posts",
        (columns("Post ID", "Page ID", "Publish time", "Permalink", "Post type"),),
        _posts("facebook", FACEBOOK_METRICS),
        platform="facebook",
        optional=frozenset(FACEBOOK_METRICS) | POST_TEXTS,
    ),
    Format(
        "meta-post-instagram",
        "Meta Business Suite, unggahan Instagram",
        "posts",
        (columns("Post ID", "Account ID", "Account username", "Publish time", "Post type"),),
        _posts("instagram", INSTAGRAM_METRICS),
        platform="instagram",
        optional=frozenset(INSTAGRAM_METRICS) | POST_TEXTS,
    ),
    Format(
        "meta-audience",
        "Meta Business Suite, Audience (usia dan jenis kelamin, kota, negara)",
        "audience",
        (columns("Age", "Women", "Men"), columns("Age", "Female", "Male")),
        _audience,
    ),
    Format(
        "meta-daily",
        "Meta Business Suite, metrik harian akun",
        "daily",
        (columns("Date", "Primary"),),
        _daily,
    ),
)
