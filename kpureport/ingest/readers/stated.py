"""The download day a file states, in its own name: the one rule that orders two downloads.

A file's modification time is never used (copying or shipping a file changes it). A name
states its download as TikTok's Unix seconds (``Overview_<date>_<unix-seconds>_<handle>.zip``),
or as the last day of the period Meta Business Suite and X write into their names
(``Jan-01-2025_Dec-31-2025_<id>.csv``, ``account_analytics_content_2025-01-01_2025-12-31.csv``),
or as a date ``YYYY-MM-DD`` that staff put in the name.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

_UNIX = re.compile(r"(?<!\d)(1[5-9]\d{8}|2[0-4]\d{8})(?!\d)")
_ISO_DAY = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")
_COMPACT_DAY = re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)")
_META_DAY = re.compile(
    r"(?<![A-Za-z])(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d\d)-(20\d\d)(?!\d)"
)
_MONTHS = {
    m: n
    for n, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


def unix_moment(name: str, timezone: str) -> dt.datetime | None:
    """TikTok's download time, from the Unix seconds in its name, in the office's zone."""
    found = _UNIX.search(name)
    if not found:
        return None
    return dt.datetime.fromtimestamp(int(found.group(1)), tz=ZoneInfo(timezone))


def named_days(name: str) -> list[dt.date]:
    """Every calendar day a name writes, as ``2025-12-31``, ``20251231`` or ``Dec-31-2025``.

    >>> named_days("Jan-01-2025_Dec-31-2025_1029384756.csv")
    [datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)]
    >>> named_days("account_analytics_content_2025-01-01_2025-06-30.csv")[-1]
    datetime.date(2025, 6, 30)
    """
    days = []
    for pattern, order in ((_ISO_DAY, "ymd"), (_COMPACT_DAY, "ymd"), (_META_DAY, "mdy")):
        for match in pattern.finditer(name):
            a, b, c = match.groups()
            year, month, day = (
                (int(a), int(b), int(c)) if order == "ymd" else (int(c), _MONTHS[a], int(b))
            )
            try:
                days.append(dt.date(year, month, day))
            except ValueError:
                continue
    return days


def stated_day(name: str, timezone: str) -> dt.date | None:
    """The download day a name states: TikTok's Unix seconds, else the last day it writes."""
    moment = unix_moment(name, timezone)
    if moment is not None:
        return moment.date()
    days = named_days(name)
    return max(days) if days else None
