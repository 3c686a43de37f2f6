"""Exact publishing times carried in platform ids, where the export itself gives only a day.

An X post id is a Snowflake id: its bits above the lowest 22 count milliseconds since
2010-11-04 01:42:54.657 UTC (the Snowflake epoch). A TikTok video id carries the Unix seconds
of the upload in its top 32 bits. An id that is not of that form (not a whole number, or a
time outside the platform's life and the download) gives no time: the reader then keeps the
day the export wrote and says so.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

SNOWFLAKE_EPOCH_MS = 1_288_834_974_657
#: X switched to Snowflake ids on 4 November 2010; TikTok launched in September 2016.
SNOWFLAKE_START = pd.Timestamp("2010-11-04 01:42:54.657", tz="UTC")
TIKTOK_START = pd.Timestamp("2016-09-01", tz="UTC")
MAX_ID = 2**63 - 1


def _whole(value: object) -> int | None:
    text = str(value).strip().lstrip("'") if value is not None and not pd.isna(value) else ""
    if not text.isdigit() or len(text) > 19 or int(text) > MAX_ID:
        return None
    return int(text)


def snowflake_time(post_id: object) -> pd.Timestamp | None:
    """The UTC moment an X post was made, from its id; None for an id of another form.

    >>> snowflake_time("1355289625150033927")  # exported with time 2021-01-29 23:00 +0000
    Timestamp('2021-01-29 23:00:01.356000+0000', tz='UTC')
    >>> snowflake_time("20") is None  # a 2006 tweet, before Snowflake ids
    True
    """
    number = _whole(post_id)
    if number is None:
        return None
    moment = pd.Timestamp((number >> 22) + SNOWFLAKE_EPOCH_MS, unit="ms", tz="UTC")
    return moment if moment > SNOWFLAKE_START + pd.Timedelta(days=1) else None


def tiktok_time(video_id: object) -> pd.Timestamp | None:
    """The UTC second a TikTok video was uploaded, from its id; None for another form.

    >>> tiktok_time("7106594312292453675")
    Timestamp('2022-06-07 20:15:27+0000', tz='UTC')
    """
    number = _whole(video_id)
    if number is None:
        return None
    moment = pd.Timestamp(number >> 32, unit="s", tz="UTC")
    return moment if moment >= TIKTOK_START else None


def plausible(moment: pd.Timestamp | None, latest: dt.date) -> bool:
    """A time from an id is used only up to the day after the download (or today)."""
    return moment is not None and moment.date() <= latest + dt.timedelta(days=1)
