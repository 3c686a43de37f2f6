"""TikTok Studio analytics downloads: one file per tab, dates without a year.

The year of ``"April 12"`` or ``"12 April"`` is anchored on the export time: the Unix seconds
TikTok puts in the ZIP's name (``Overview_<date>_<unix-seconds>_<handle>.zip``), or a date
``YYYY-MM-DD`` that staff put in the file name; a day later in the calendar than the export
day belongs to the year before. The modification time of a file is never used: copying a file
changes it. ``"undefined"`` is missing, never 0, and the export day itself is unfinished and
dropped. ``FollowerHistory``'s difference column is mislabelled (it is the next day's change)
and is not read: growth comes from ``Followers``. ``Content`` lists only about fifteen recent
or top videos and is never used to count posts.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pandas as pd

from kpureport import formatting as fmt
from kpureport.config import DAYS_AHEAD
from kpureport.errors import Note, Problem
from kpureport.ingest.readers import ids, parse
from kpureport.ingest.readers.base import Context, Format, columns, daily_frame
from kpureport.ingest.readers.textfile import TextTable

PLATFORM = "tiktok"
UNDEFINED = "undefined"

_EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_ID_MONTHS = [fmt.month_name(n).lower() for n in range(1, 13)]
_SHORT = {"agu": 8, "agt": 8, "okt": 10, "des": 12, "mei": 5, "peb": 2, "nop": 11}
_MONTHS = {name: n for names in (_EN_MONTHS, _ID_MONTHS) for n, name in enumerate(names, 1)}
_MONTHS |= {name[:3]: n for name, n in list(_MONTHS.items())} | _SHORT
_MONTH_DAY = re.compile(r"([A-Za-z]+)\.? (\d{1,2})")  # April 12 (English interface)
_DAY_MONTH = re.compile(r"(\d{1,2}) ([A-Za-z]+)\.?")  # 12 April, 18 Agustus (Indonesian)
#: Interface languages recognised only to say which one was seen.
LANGUAGES = (
    (re.compile("tháng"), "Vietnam"),
    (re.compile("[\u3040-\u30ff]"), "Jepang"),
    (re.compile("[\u4e00-\u9fff]"), "Tionghoa atau Jepang"),
    (re.compile("[\u0400-\u04ff]"), "Rusia"),
    (re.compile("[\u0e00-\u0e7f]"), "Thai"),
    (re.compile("[\uac00-\ud7af]"), "Korea"),
    (re.compile("[\u0600-\u06ff]"), "Arab"),
)
#: TikTok's Unix seconds are a field of the name of their own, never digits inside a handle
#: (``..._kpu1612345678.zip``).
_UNIX = re.compile(r"(?<![0-9A-Za-z])(1[5-9]\d{8}|2[0-4]\d{8})(?![0-9A-Za-z])")
_ISO_DAY = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")
RENAME_HINT = (
    "nama berkas yang memuat tanggal unduhnya, mis. Overview_2024-12-31.csv (atau ZIP dari "
    "TikTok Studio dengan nama aslinya, yang memuat waktu unduh)"
)


def export_day(name: str, timezone: str) -> dt.date | None:
    """The day a download was made, from its name: TikTok's Unix seconds, else a staff date."""
    unix = _UNIX.search(name)
    if unix:
        moment = dt.datetime.fromtimestamp(int(unix.group(1)), tz=ZoneInfo(timezone))
        return moment.date()
    iso = _ISO_DAY.search(name)
    if iso:
        try:
            return dt.date(*map(int, iso.groups()))
        except ValueError:
            return None
    return None


def _anchor(table: TextTable, ctx: Context) -> dt.date | None:
    day = export_day(table.anchor_name, ctx.timezone)
    latest = dt.datetime.now(ZoneInfo(ctx.timezone)).date() + dt.timedelta(days=DAYS_AHEAD)
    if day is not None and day > latest:
        ctx.problems.append(
            Problem(
                table.path,
                found=f"tanggal unduh {day.isoformat()} pada nama berkas belum terjadi",
                expected=RENAME_HINT,
            )
        )
        return None
    if day is None:
        ctx.problems.append(
            Problem(
                table.path,
                found="berkas TikTok tanpa tanggal unduh pada namanya (tanggal di dalamnya tidak "
                "bertahun)",
                expected=RENAME_HINT,
            )
        )
    return day


def _month_day(text: str) -> tuple[int, int] | None:
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        match = pattern.fullmatch(text)
        if match and match.group(month_group).lower() in _MONTHS:
            return _MONTHS[match.group(month_group).lower()], int(match.group(day_group))
    return None


def yearless_days(
    series: pd.Series, anchor: dt.date, table: TextTable, column: str, ctx: Context
) -> pd.Series:
    """Calendar days from ``"April 12"`` / ``"12 April"``: the year of the export day, or the
    year before for a day later in the calendar. Full dates (``2026-07-12 09:00``) pass as they
    are. Another interface language is an error that names it."""
    out = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    for row, value in series.astype("string").str.strip().items():
        if pd.isna(value) or value in ("", UNDEFINED):
            continue
        full = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", value)
        found = (int(full.group(2)), int(full.group(3))) if full else _month_day(value)
        if found is None:
            ctx.problems.append(_language_problem(table, row, column, value))
            continue
        month, day = found
        year = (
            int(full.group(1))
            if full
            else anchor.year - ((month, day) > (anchor.month, anchor.day))
        )
        try:
            out[row] = pd.Timestamp(dt.date(year, month, day))
        except ValueError:
            ctx.problems.append(
                Problem(
                    table.path,
                    row=int(row),
                    column=column,
                    found=value,
                    expected="tanggal yang ada",
                )
            )
    return out


def _language_problem(table: TextTable, row: object, column: str, value: str) -> Problem:
    language = next((name for pattern, name in LANGUAGES if pattern.search(value)), None)
    seen = f"tanggal berbahasa {language}" if language else "tanggal yang tidak dikenali"
    return Problem(
        table.path,
        row=int(row),
        column=column,
        found=f"{value} ({seen})",
        expected='tanggal seperti "April 12" atau "12 April": unduh ulang dari TikTok Studio '
        "dengan bahasa tampilan English atau Bahasa Indonesia",
    )


def _defined(frame: pd.DataFrame, metrics: list[str], whole_day: bool) -> pd.DataFrame:
    """``"undefined"`` cells as missing; with ``whole_day`` a day with any undefined cell is
    dropped (Viewers then still shows 0 for new and returning viewers, which is not data)."""
    text = frame[metrics].astype("string").apply(lambda col: col.str.strip().str.lower())
    undefined = text == UNDEFINED
    keep = ~undefined.any(axis=1) if whole_day else ~undefined.all(axis=1)
    frame = frame[keep].copy()
    for column in metrics:
        frame[column] = frame[column].mask(undefined.loc[keep, column])
    return frame


def _daily(metrics: dict[str, str], followers: str | None = None, whole_day: bool = False):
    def read(table: TextTable, ctx: Context) -> pd.DataFrame:
        anchor = _anchor(table, ctx)
        frame = table.body(as_text=True)
        if anchor is None:
            return pd.DataFrame(columns=["platform", "date", "metric", "value"])
        frame = _defined(frame, [*metrics, *([followers] if followers else [])], whole_day)
        days = yearless_days(frame["Date"], anchor, table, "Date", ctx)
        unfinished = days >= pd.Timestamp(anchor)  # the export day is still running
        frame, days = frame[~unfinished], days[~unfinished]
        return daily_frame(
            days, frame, table, ctx, platform=PLATFORM, metrics=metrics, followers=followers
        )

    return read


def _activity(table: TextTable, ctx: Context) -> pd.DataFrame:
    """Active followers by hour of day (the last seven days only): when the audience is online."""
    anchor = _anchor(table, ctx)
    frame = table.body(as_text=True)
    if anchor is None:
        return pd.DataFrame(columns=AUDIENCE_COLUMNS)
    frame = _defined(frame, ["Active followers"], whole_day=False)
    days = yearless_days(frame["Date"], anchor, table, "Date", ctx)
    hours = parse.numbers(frame, "Hour", table, ctx.problems)
    for row in frame.index[((hours < 0) | (hours > 23) | (hours % 1 != 0)).fillna(False)]:
        ctx.problems.append(
            Problem(
                table.path,
                row=int(row),
                column="Hour",
                found=str(frame.at[row, "Hour"]),
                expected="jam 0 sampai 23",
            )
        )
    active = parse.numbers(frame, "Active followers", table, ctx.problems)
    return (
        pd.DataFrame(
            {
                "platform": PLATFORM,
                "snapshot": pd.Timestamp(anchor),
                "dimension": "active_by_hour",
                "key": days.dt.strftime("%Y-%m-%d") + " " + hours.astype("string").str.zfill(2),
                "value": active.astype("Float64"),
            }
        )
        .dropna(subset=["value"])
        .reset_index(drop=True)
    )


def _snapshot(label: str, dimension: str):
    def read(table: TextTable, ctx: Context) -> pd.DataFrame:
        anchor = _anchor(table, ctx)
        frame = table.body(as_text=True)
        if anchor is None:
            return pd.DataFrame(columns=AUDIENCE_COLUMNS)
        written = frame["Distribution"].astype("string").str.strip()
        percent = written.str.endswith("%").fillna(False).to_numpy()
        share, bad = parse.number_text(written.str.rstrip("%"), "en")
        share = share.where(~percent, share / 100)  # "57%" is 0.57 of the followers
        bad = (bad | ((share < 0) | (share > 1)).fillna(False)).to_numpy(dtype=bool)
        for row in frame.index[bad]:
            ctx.problems.append(
                Problem(
                    table.path,
                    row=int(row),
                    column="Distribution",
                    found=str(frame.at[row, "Distribution"]),
                    expected="bagian dari 1, mis. 0.55, atau persen, mis. 55%",
                )
            )
        return pd.DataFrame(
            {
                "platform": PLATFORM,
                "snapshot": pd.Timestamp(anchor),
                "dimension": dimension,
                "key": frame[label].astype("string").str.strip(),
                "value": share,
            }
        ).reset_index(drop=True)

    return read


def _content(table: TextTable, ctx: Context) -> pd.DataFrame:
    """The videos the Content tab lists (recent or top ones only): never a count of posts."""
    anchor = _anchor(table, ctx)
    frame = table.body(as_text=True)
    if anchor is None:
        return pd.DataFrame(columns=TOP_COLUMNS)
    metrics = {
        "Total views": "views",
        "Total likes": "likes",
        "Total comments": "comments",
        "Total shares": "shares",
    }
    frame = _defined(frame, list(metrics), whole_day=False)
    out = pd.DataFrame(index=frame.index)
    out["platform"] = PLATFORM
    out["published"], out["timed"] = _video_times(frame, anchor, table, ctx)
    out["text"] = frame["Video title"].astype("string")
    out["link"] = frame["Video link"].astype("string")
    for source, target in metrics.items():
        out[target] = parse.numbers(frame, source, table, ctx.problems)
    out["snapshot"] = pd.Timestamp(anchor)
    return out.reset_index(drop=True)


_VIDEO_ID = re.compile(r"/video/(\d{1,19})(?!\d)")


def _video_times(
    frame: pd.DataFrame, anchor: dt.date, table: TextTable, ctx: Context
) -> tuple[pd.Series, pd.Series]:
    """Date and hour (office time) of each listed video from the upload time in its id, so
    that its year needs no guess; a link without such an id falls back to ``Post time`` with
    the year rule, and the hour stays unknown."""
    times = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    timed = pd.Series(False, index=frame.index)
    for row, link in frame["Video link"].astype("string").items():
        found = _VIDEO_ID.search(link) if not pd.isna(link) else None
        moment = ids.tiktok_time(found.group(1)) if found else None
        if ids.plausible(moment, anchor):
            times.at[row] = moment.tz_convert(ctx.timezone).tz_localize(None)
            timed.at[row] = True
    rest = ~timed
    if rest.any():
        times[rest] = yearless_days(frame.loc[rest, "Post time"], anchor, table, "Post time", ctx)
        ctx.notes.append(
            Note(
                table.path,
                f"{int(rest.sum())} video TikTok dengan tautan tanpa ID video yang memuat waktu unggah: tanggalnya dari "
                "kolom Post time (tahunnya dari tanggal unduh), tanpa jam unggah",
            )
        )
    return times, timed


AUDIENCE_COLUMNS = ("platform", "snapshot", "dimension", "key", "value")
TOP_COLUMNS = (
    "platform",
    "published",
    "timed",
    "text",
    "link",
    "views",
    "likes",
    "comments",
    "shares",
)

OVERVIEW = {
    "Video Views": "views",
    "Likes": "likes",
    "Comments": "comments",
    "Shares": "shares",
    "Profile Views": "profile_views",
}

FORMATS = (
    Format(
        "tiktok-overview",
        "TikTok Studio, Overview (harian)",
        "daily",
        (columns("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"),),
        _daily(OVERVIEW),
        platform=PLATFORM,
    ),
    Format(
        "tiktok-follower-history",
        "TikTok Studio, FollowerHistory (pengikut harian)",
        "daily",
        (columns("Date", "Followers", "Difference in followers from previous day"),),
        _daily({}, followers="Followers"),
        platform=PLATFORM,
    ),
    Format(
        "tiktok-viewers",
        "TikTok Studio, Viewers (penonton harian)",
        "daily",
        (columns("Date", "Total Viewers", "New Viewers", "Returning Viewers"),),
        _daily({"Total Viewers": "reach"}, whole_day=True),
        platform=PLATFORM,
    ),
    Format(
        "tiktok-follower-activity",
        "TikTok Studio, FollowerActivity (pengikut aktif per jam)",
        "audience",
        (columns("Date", "Hour", "Active followers"),),
        _activity,
        platform=PLATFORM,
    ),
    Format(
        "tiktok-follower-gender",
        "TikTok Studio, FollowerGender (jenis kelamin pengikut)",
        "audience",
        (columns("Gender", "Distribution"),),
        _snapshot("Gender", "gender"),
        platform=PLATFORM,
    ),
    Format(
        "tiktok-follower-territories",
        "TikTok Studio, FollowerTopTerritories (wilayah pengikut)",
        "audience",
        (columns("Top territories", "Distribution"),),
        _snapshot("Top territories", "territory"),
        platform=PLATFORM,
    ),
    Format(
        "tiktok-content",
        "TikTok Studio, Content (video terbaru atau teratas)",
        "top",
        (columns("Video title", "Video link", "Post time", "Total views"),),
        _content,
        platform=PLATFORM,
    ),
)
