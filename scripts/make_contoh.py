"""Generate the demo office ``data/contoh/`` ("KPU Kabupaten Contoh", fictional), 2019-2024.

    python scripts/make_contoh.py [--out FOLDER]

Deterministic: the same files on every run (fixed random seed, fixed file times). Writes the
canonical tables staff fill (followers, polls, feedback) and platform exports in the platforms'
own formats (Facebook Insights legacy, Meta Business Suite, Twitter and X, YouTube Studio,
Google Formulir), so that every section of the report has data to show.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "data" / "contoh"
YEARS = range(2019, 2025)
RNG = np.random.default_rng(20240630)
TZ = "Asia/Pontianak"
META_ZONE = "America/Los_Angeles"
#: Stories and TikTok draw from their own generators, so that adding them left every other
#: generated file as it was.
STORY_RNG = np.random.default_rng(20241231)
TIKTOK_RNG = np.random.default_rng(20220717)
#: The evaluation tables have a generator of their own, so the other files stay as they were.
EVALUATION_RNG = np.random.default_rng(20241127)
#: The 2025 files (Meta's new export format, the Audience file, the staff's monthly table)
#: have their own generator too: adding them left the 2019-2024 files as they were.
META_2025_RNG = np.random.default_rng(20251231)
STORY_YEARS = (2023, 2024)
TIKTOK_YEARS = (2023, 2024)
POLL_MONTHS = (3, 7, 11)

#: Year-end followers; Instagram 2023 -> 2024 is the example of the issue (54.405 -> 66.042).
FOLLOWERS = {
    "instagram": [12_310, 21_870, 30_155, 41_920, 54_405, 66_042],
    "facebook": [20_412, 24_980, 27_305, 26_870, 29_114, 31_006],
    "twitter": [5_120, 5_480, 5_395, 4_990, 4_610, 4_302],
    "youtube": [805, 1_120, 1_560, 2_010, 2_640, 3_215],
    "tiktok": [None, None, None, 1_530, 5_260, 9_804],
}
#: The WhatsApp channel (opened June 2023) has no export: staff type its followers as the app
#: shows them. Fixed numbers, drawn from no generator, so every other file stayed as it was;
#: the 2024 year end is where the 2025 monthly table starts.
WHATSAPP_FOLLOWERS = {"2023-12-31": 1_124, "2024-06-30": 1_466, "2024-12-31": 1_850}
POSTS_PER_YEAR = {"instagram": 150, "facebook": 130, "twitter": 110, "youtube": 24}
TOPICS = [
    "Sosialisasi tahapan pemilu di Kecamatan {place}",
    "Pengumuman Daftar Pemilih Tetap (DPT) untuk Kecamatan {place}",
    "Ayo cek data pemilih Anda melalui cekdptonline.kpu.go.id",
    "Rapat pleno terbuka rekapitulasi di Kecamatan {place}",
    "Bimbingan teknis bagi PPK dan PPS se-Kecamatan {place}",
    "Kunjungan pendidikan pemilih ke SMA Negeri di {place}",
    "Rekrutmen badan ad hoc: jadwal dan persyaratan",
    "Hari Pemungutan Suara: jam buka TPS 07.00-13.00 WIB",
    "Konten edukasi: cara mencoblos yang sah",
    "Peringatan Hari Bhakti Adhyaksa bersama jajaran {place}",
]
PLACES = ["Sungai Contoh", "Teluk Damai", "Simpang Tiga", "Pulau Hijau", "Batu Ampar Baru"]
TYPES = {
    "instagram": ["IG image", "IG carousel", "IG reel", "IG video"],
    "facebook": ["Photos", "Videos", "Links", "Reels"],
}
FEEDBACK = {
    "kritik": [
        "Informasi lokasi TPS belum jelas, banyak warga bingung.",
        "Pelayanan di kantor kurang cepat, antrean lama sekali.",
        "Unggahan jadwal sosialisasi sering terlambat diumumkan.",
        "Situs cek DPT lambat dibuka saat jam sibuk.",
        "Tidak ada balasan pesan di Instagram selama seminggu, hubungi saya 0812-5566-7788.",
    ],
    "saran": [
        "Mohon jadwal sosialisasi diumumkan lebih awal di Instagram.",
        "Sebaiknya ada video tutorial cek DPT dalam bahasa daerah.",
        "Perlu lebih banyak sosialisasi ke desa-desa di pedalaman.",
        "Tolong perbanyak konten untuk pemilih pemula di TikTok.",
        "Semoga ada layanan tanya jawab langsung setiap Jumat.",
    ],
    "pertanyaan": [
        "Bagaimana cara pindah memilih ke kecamatan lain?",
        "Kapan pendaftaran PPS dibuka kembali?",
        "Apakah KTP yang hilang bisa diganti surat keterangan untuk memilih?",
        "Di mana saya bisa cek nama saya di DPT? NIK saya 6104015708900003.",
    ],
    "apresiasi": [
        "Terima kasih atas informasinya, sangat membantu.",
        "Mantap, kontennya informatif dan mudah dipahami.",
        "Pelayanan petugas di TPS sangat baik, sukses selalu KPU Contoh.",
        "Terima kasih sudah datang ke sekolah kami, kirim materi ke guru@sman1contoh.sch.id.",
    ],
}
CHANNELS = ["WhatsApp", "Datang langsung", "Surat", "Pesan Instagram"]
POLLS = [
    ("Sudahkah Anda mengecek nama di DPT?", ["Sudah", "Belum"]),
    (
        "Dari mana Anda mendapat informasi pemilu?",
        ["Media sosial KPU", "Televisi", "Keluarga/teman", "Lainnya"],
    ),
    ("Apakah konten edukasi kami mudah dipahami?", ["Mudah", "Cukup", "Sulit"]),
]


def _year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(f"{year}-12-31")


def _moments(year: int, n: int) -> pd.DatetimeIndex:
    """Publication times in office time: mostly 07-21, more in the evening."""
    days = RNG.integers(0, 365, n)
    hours = RNG.choice(
        np.arange(7, 22), n, p=np.array([4, 6, 8, 8, 6, 5, 5, 5, 5, 6, 7, 9, 11, 10, 5]) / 100
    )
    minutes = RNG.integers(0, 60, n)
    stamps = (
        pd.Timestamp(f"{year}-01-01")
        + pd.to_timedelta(days, "D")
        + pd.to_timedelta(hours, "h")
        + pd.to_timedelta(minutes, "min")
    )
    return pd.DatetimeIndex(np.sort(stamps.values))


def _posts(platform: str, year: int) -> pd.DataFrame:
    index = list(YEARS).index(year)
    followers = FOLLOWERS[platform][index]
    n = POSTS_PER_YEAR[platform] + int(RNG.integers(-10, 11))
    moments = _moments(year, n)
    evening = ((moments.hour >= 18) | (moments.day_of_week >= 5)).astype(float)
    reach = (followers * RNG.uniform(0.08, 0.45, n) * (1 + 0.4 * evening)).astype(int)
    likes = (reach * RNG.uniform(0.02, 0.07, n)).astype(int)
    comments = (likes * RNG.uniform(0.02, 0.15, n)).astype(int)
    shares = (likes * RNG.uniform(0.01, 0.12, n)).astype(int)
    text = [RNG.choice(TOPICS).format(place=RNG.choice(PLACES)) for _ in range(n)]
    return pd.DataFrame(
        {
            "published": moments,
            "reach": reach,
            "impressions": (reach * RNG.uniform(1.2, 1.9, n)).astype(int),
            "likes": likes,
            "comments": comments,
            "shares": shares,
            "saves": (likes * RNG.uniform(0, 0.1, n)).astype(int),
            "text": text,
            "type": RNG.choice(TYPES.get(platform, ["video"]), n),
        }
    )


def _meta_time(moment: pd.Timestamp) -> str:
    """``Publish time`` as Meta Business Suite writes it: US Pacific time, whatever the office."""
    pacific = pd.Timestamp(moment).tz_localize(TZ).tz_convert(META_ZONE)
    return pacific.strftime("%m/%d/%Y %H:%M")


def _write_csv(
    path: Path,
    header: list[str],
    rows: list[list],
    *,
    quote_all: bool = False,
    encoding: str = "utf-8",
    bom: bool = False,
) -> None:
    with path.open("w", encoding="utf-8-sig" if bom else encoding, newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)


def meta_header(platform: str, year: int) -> list[str]:
    """The header of a Meta Business Suite post export (Facebook or Instagram) of ``year``:
    "Impressions" became "Views" in 2023."""
    views = "Impressions" if year < 2023 else "Views"
    headers = {
        "facebook": [
            "Post ID",
            "Page ID",
            "Page name",
            "Title",
            "Description",
            "Duration (sec)",
            "Publish time",
            "Caption type",
            "Permalink",
            "Is crosspost",
            "Is share",
            "Post type",
            "Languages",
            "Custom labels",
            "Funded content status",
            "Data comment",
            "Date",
            views,
            "Reach",
            "Reactions, Comments and Shares",
            "Reactions",
            "Comments",
            "Shares",
            "Total clicks",
            "Link Clicks",
            "Other Clicks",
        ],
        "instagram": [
            "Post ID",
            "Account ID",
            "Account username",
            "Account name",
            "Description",
            "Duration (sec)",
            "Publish time",
            "Permalink",
            "Post type",
            "Data comment",
            "Date",
            views,
            "Reach",
            "Likes",
            "Shares",
            "Follows",
            "Comments",
            "Saves",
        ],
    }
    return headers[platform]


def facebook_exports(exports: Path) -> None:
    for year in YEARS:
        posts = _posts("facebook", year)
        ids = [f"1029384756_{year}{i:04d}" for i in range(len(posts))]
        if year == 2019:  # Facebook Page Insights, legacy export with its description row
            header = [
                "Post ID",
                "Permalink",
                "Post Message",
                "Type",
                "Countries",
                "Languages",
                "Posted",
                "Audience Targeting",
                "Lifetime Post Total Reach",
                "Lifetime Post Total Impressions",
                "Lifetime Engaged Users",
                "Lifetime Talking About This (Post) by action type - like",
                "Lifetime Talking About This (Post) by action type - comment",
                "Lifetime Talking About This (Post) by action type - share",
            ]
            description = [
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "Lifetime: The total number of people your Page post was served to. (Unique Users)",
                "Lifetime: The number of impressions of your Page post. (Total Count)",
                "Lifetime: The number of unique people who engaged in certain ways with your Page post. (Unique Users)",
                "",
                "",
                "",
            ]
            rows = [description] + [
                [
                    i,
                    f"https://www.facebook.com/ppid.kpu.contoh/posts/{i.split('_')[1]}",
                    p.text,
                    "Photo",
                    "",
                    "",
                    p.published.strftime("%m/%d/%Y %I:%M:%S %p"),
                    " ",
                    p.reach,
                    p.impressions,
                    p.likes + p.comments + p.shares,
                    p.likes,
                    p.comments,
                    p.shares,
                ]
                for i, p in zip(ids, posts.itertuples(), strict=True)
            ]
            _write_csv(
                exports / "Facebook Insights Data Export (Post Level) - KPU Contoh - 2019.csv",
                header,
                rows,
                bom=True,
            )
            continue
        header = meta_header("facebook", year)
        rows = [
            [
                i,
                "1029384756",
                "PPID KPU Contoh",
                "",
                p.text,
                0,
                _meta_time(p.published),
                "",
                f"https://www.facebook.com/ppid.kpu.contoh/posts/{i.split('_')[1]}",
                "No",
                "No",
                p.type,
                "",
                "",
                "",
                "",
                "Lifetime",
                p.impressions,
                p.reach,
                p.likes + p.comments + p.shares,
                p.likes,
                p.comments,
                p.shares,
                int(p.likes * 0.6),
                int(p.likes * 0.2),
                int(p.likes * 0.4),
            ]
            for i, p in zip(ids, posts.itertuples(), strict=True)
        ]
        if year == 2024:  # two overlapping downloads: the later one has grown lifetime totals
            first = [r for r in rows if r[6] < "07/01/2024"]
            _write_csv(exports / "Jan-01-2024_Jun-30-2024_facebook.csv", header, first, bom=True)
            grown = [list(r) for r in rows]
            for r in grown:
                r[20] = int(r[20] * 1.05)
            _write_csv(exports / "Jan-01-2024_Dec-31-2024_facebook.csv", header, grown, bom=True)
            os.utime(
                exports / "Jan-01-2024_Jun-30-2024_facebook.csv", (1_719_800_000, 1_719_800_000)
            )
            os.utime(
                exports / "Jan-01-2024_Dec-31-2024_facebook.csv", (1_735_700_000, 1_735_700_000)
            )
        else:
            _write_csv(
                exports / f"Jan-01-{year}_Dec-31-{year}_facebook.csv", header, rows, bom=True
            )


def instagram_exports(exports: Path) -> None:
    for year in YEARS:
        posts = _posts("instagram", year)
        header = meta_header("instagram", year)
        if year in STORY_YEARS:
            header += STORY_COLUMNS
        rows = [
            [
                f"178{year}{i:05d}",
                "17841400000",
                "kpu_contoh",
                "KPU Kabupaten Contoh",
                p.text,
                0,
                _meta_time(p.published),
                f"https://www.instagram.com/p/C{year}{i:04d}/",
                p.type,
                "",
                "Lifetime",
                p.impressions,
                p.reach,
                p.likes,
                p.shares,
                int(p.likes * 0.01),
                p.comments,
                p.saves,
                *([""] * len(STORY_COLUMNS) if year in STORY_YEARS else []),
            ]
            for i, p in enumerate(posts.itertuples())
        ]
        if year in STORY_YEARS:
            rows += _instagram_stories(year, exports.parent / "polls.csv")
        _write_csv(exports / f"instagram-{year}.csv", header, rows, bom=True)
    follows = pd.date_range("2024-01-01", "2024-12-31", freq="D")
    gained = RNG.poisson(32, len(follows))
    lines = ["sep=,", '"Instagram follows"', '"Date","Primary"']
    lines += [f'"{d:%Y-%m-%dT%H:%M:%S}","{g}"' for d, g in zip(follows, gained, strict=True) if g]
    (exports / "Instagram follows.csv").write_bytes(
        b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
    )


STORY_COLUMNS = ["Profile visits", "Replies", "Link clicks", "Navigation", "Sticker taps"]


def _instagram_stories(year: int, polls_file: Path) -> list[list]:
    """Story rows as Meta writes them beside the feed posts, ``Post type`` ``IG story``.
    A poll story on each day the staff copied a poll result has as many sticker taps as votes
    and a few more (taps that did not vote)."""
    rng = STORY_RNG
    days = pd.DatetimeIndex(
        sorted(
            {
                pd.Timestamp(f"{year}-01-01") + pd.Timedelta(days=int(d))
                for d in rng.integers(0, 366, 190)
            }
        )
    )
    days = days[days.year == year]
    polls = {pd.Timestamp(f"{year}-{m:02d}-15") for m in POLL_MONTHS}
    votes = _poll_totals(polls_file, year)
    followers = FOLLOWERS["instagram"][list(YEARS).index(year)]
    rows = []
    for i, day in enumerate(sorted(set(days) | polls)):
        moment = day + pd.Timedelta(
            hours=int(rng.integers(8, 21)), minutes=int(rng.integers(0, 60))
        )
        reach = int(followers * rng.uniform(0.03, 0.09))
        taps = votes.get(day.month, 0) + int(rng.integers(3, 25)) if day in polls else 0
        rows.append(
            [
                f"179{year}{i:05d}",
                "17841400000",
                "kpu_contoh",
                "KPU Kabupaten Contoh",
                "Story: polling pemilih" if day in polls else "Story: informasi tahapan",
                15,
                _meta_time(moment),
                f"https://www.instagram.com/stories/kpu_contoh/{year}{i:05d}/",
                "IG story",
                "",
                "Lifetime",
                int(reach * rng.uniform(1.1, 1.4)),
                reach,
                int(reach * rng.uniform(0.01, 0.03)),
                int(reach * rng.uniform(0.0, 0.01)),
                0,
                0,
                0,
                int(reach * rng.uniform(0.005, 0.02)),
                int(reach * rng.uniform(0.002, 0.01)),
                int(reach * rng.uniform(0.0, 0.01)),
                int(reach * rng.uniform(0.8, 1.3)),
                taps,
            ]
        )
    return rows


def _poll_totals(polls_file: Path, year: int) -> dict[int, int]:
    """Votes of each poll month, read back from the polls table written before."""
    polls = pd.read_csv(polls_file, parse_dates=["tanggal"])
    polls = polls[polls["tanggal"].dt.year == year]
    return polls.groupby(polls["tanggal"].dt.month)["suara"].sum().astype(int).to_dict()


TIKTOK_MONTHS_ID = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def _tiktok_day(day: pd.Timestamp, indonesian: bool) -> str:
    """A day as TikTok Studio writes it, without its year, in the interface language."""
    if indonesian:
        return f"{day.day} {TIKTOK_MONTHS_ID[day.month - 1]}"
    return f"{day:%B} {day.day}"


def _tiktok_zip(exports: Path, tab: str, unix: int, header: list[str], rows: list[list]) -> None:
    """One tab as TikTok Studio downloads it: a ZIP named with the export's Unix seconds,
    holding one CSV in UTF-8 with BOM and every field quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = exports / f"{tab}_20220717_{unix}_kpu.contoh.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(f"{tab}.csv", date_time=(2025, 1, 2, 8, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def tiktok_exports(exports: Path) -> None:
    """A year-end download of every TikTok Studio tab for 2023 (English interface) and 2024
    (Indonesian interface), made on 31 December: the last two days are not in yet ("undefined"
    on 30 December, the export day itself absent)."""
    rng = TIKTOK_RNG
    for year in TIKTOK_YEARS:
        indonesian = year == 2024
        exported = pd.Timestamp(f"{year}-12-31 09:30", tz=TZ)
        unix = int(exported.timestamp())
        days = pd.date_range(f"{year}-01-01", f"{year}-12-30", freq="D")
        n = len(days)
        index = list(YEARS).index(year)
        start, end = FOLLOWERS["tiktok"][index - 1], FOLLOWERS["tiktok"][index]
        label = [_tiktok_day(d, indonesian) for d in days]
        views = rng.poisson(40 + 0.25 * np.linspace(start, end, n))
        likes = rng.binomial(views, 0.06)
        comments = rng.binomial(likes, 0.08)
        shares = rng.binomial(likes, 0.1)
        profile = rng.binomial(views, 0.03)
        undefined = "undefined"
        overview = [
            [d, v, p, lk, c, sh]
            for d, v, p, lk, c, sh in zip(
                label, views, profile, likes, comments, shares, strict=True
            )
        ]
        overview[-1] = [label[-1]] + [undefined] * 5
        _tiktok_zip(
            exports,
            "Overview",
            unix,
            ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
            overview,
        )
        growth = np.maximum(rng.normal(1, 0.6, n), 0).cumsum()
        followers = (start + (end - start) * growth / growth[-1] * 0.995).astype(int)
        difference = np.append(np.diff(followers), 0)  # next day minus this day, as TikTok writes
        history = [[d, f, df] for d, f, df in zip(label, followers, difference, strict=True)]
        history[-1] = [label[-1], undefined, undefined]
        _tiktok_zip(
            exports,
            "FollowerHistory",
            unix,
            ["Date", "Followers", "Difference in followers from previous day"],
            history,
        )
        viewers = (views * rng.uniform(0.6, 0.8, n)).astype(int)
        new = (viewers * rng.uniform(0.5, 0.7, n)).astype(int)
        viewer_rows = [[d, t, nw, t - nw] for d, t, nw in zip(label, viewers, new, strict=True)]
        viewer_rows[-1] = [label[-1], undefined, 0, 0]
        _tiktok_zip(
            exports,
            "Viewers",
            unix,
            ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
            viewer_rows,
        )
        _tiktok_content(exports, unix, exported, indonesian, rng)
        if year == 2024:
            _tiktok_audience(exports, unix, days[-8:-1], indonesian, rng)


TIKTOK_TITLES = [
    "Cara cek DPT online dalam 1 menit",
    "Tahapan pemilu: apa saja yang dikerjakan KPU bulan ini?",
    "Simulasi pemungutan suara di TPS",
    "Pemilih pemula wajib tahu: syarat memilih",
    "Di balik layar rapat pleno rekapitulasi",
    "Tanya jawab singkat bersama Ketua KPU Contoh",
]


def _tiktok_content(
    exports: Path, unix: int, exported: pd.Timestamp, indonesian: bool, rng
) -> None:
    """Fifteen videos as the Content tab lists them: recent ones and a few older top ones,
    one of them from the year before. 2024 uses the newer variant (no ``Time`` column, full
    post times, views in the last 7 days)."""
    posted = sorted(
        exported.normalize().tz_localize(None) - pd.Timedelta(days=int(d))
        for d in rng.choice(np.arange(3, 420), 15, replace=False)
    )
    rows = []
    for i, day in enumerate(posted):
        views = int(rng.integers(400, 9000))
        likes = int(views * rng.uniform(0.04, 0.1))
        link = f"https://www.tiktok.com/@kpu.contoh/video/73{exported.year}{i:05d}"
        title = TIKTOK_TITLES[i % len(TIKTOK_TITLES)]
        counts = [likes, int(likes * 0.1), int(likes * 0.12), views]
        if indonesian:
            moment = day + pd.Timedelta(hours=int(rng.integers(8, 21)))
            rows.append([title, link, f"{moment:%Y-%m-%d %H:%M}", *counts, int(views * 0.02)])
        else:
            rows.append(
                [_tiktok_day(exported, False), title, link, _tiktok_day(day, False), *counts]
            )
    header = ["Video title", "Video link", "Post time", "Total likes", "Total comments"]
    header += ["Total shares", "Total views"]
    if indonesian:
        header.append("Views in the last 7 days")
    else:
        header.insert(0, "Time")
    _tiktok_zip(exports, "Content", unix, header, rows)


def _tiktok_audience(
    exports: Path, unix: int, days: pd.DatetimeIndex, indonesian: bool, rng
) -> None:
    """Active followers by hour for the last seven days, and the gender and territory
    snapshots of the export day."""
    shape = np.array([1, 1, 1, 1, 1, 2, 4, 6, 6, 5, 5, 6, 8, 7, 6, 6, 7, 9, 11, 13, 14, 12, 8, 4])
    activity = [
        [_tiktok_day(day, indonesian), hour, int(shape[hour] * rng.uniform(90, 120))]
        for day in days
        for hour in range(24)
    ]
    _tiktok_zip(exports, "FollowerActivity", unix, ["Date", "Hour", "Active followers"], activity)
    _tiktok_zip(
        exports,
        "FollowerGender",
        unix,
        ["Gender", "Distribution"],
        [["Female", "0.57"], ["Male", "0.41"], ["Other", "0.02"]],
    )
    _tiktok_zip(
        exports,
        "FollowerTopTerritories",
        unix,
        ["Top territories", "Distribution"],
        [["Indonesia", "0.96"], ["Malaysia", "0.03"], ["Others", "0.01"]],
    )


def twitter_exports(exports: Path) -> None:
    for year in YEARS:
        posts = _posts("twitter", year)
        ids = [str(1_100_000_000_000_000_000 + year * 10_000_000 + i) for i in range(len(posts))]
        if year < 2023:
            header = [
                "Tweet id",
                "Tweet permalink",
                "Tweet text",
                "time",
                "impressions",
                "engagements",
                "engagement rate",
                "retweets",
                "replies",
                "likes",
                "user profile clicks",
                "url clicks",
            ]
            utc = posts["published"].dt.tz_localize(TZ).dt.tz_convert("UTC")
            rows = [
                [
                    i,
                    f"https://twitter.com/kpu_contoh/status/{i}",
                    p.text,
                    f"{u:%Y-%m-%d %H:%M} +0000",
                    f"{p.impressions}.0",
                    f"{p.likes + p.comments + p.shares}.0",
                    (p.likes + p.comments + p.shares) / max(p.impressions, 1),
                    f"{p.shares}.0",
                    f"{p.comments}.0",
                    f"{p.likes}.0",
                    "0.0",
                    "0.0",
                ]
                for i, p, u in zip(ids, posts.itertuples(), utc, strict=True)
            ]
            _write_csv(
                exports / f"tweet_activity_metrics_kpu_contoh_{year}0101_{year}1231_en.csv",
                header,
                rows,
                quote_all=True,
            )
        else:
            header = [
                "Post id",
                "Date",
                "Post text",
                "Post Link",
                "Impressions",
                "Likes",
                "Engagements",
                "Bookmarks",
                "Shares",
                "New follows",
                "Replies",
                "Reposts",
                "Profile visits",
                "Detail Expands",
                "URL Clicks",
                "Hashtag Clicks",
                "Permalink Clicks",
            ]
            rows = [
                [
                    i,
                    f"{p.published:%a, %b} {p.published.day}, {p.published.year}",
                    p.text,
                    f"https://x.com/kpu_contoh/status/{i}",
                    f"{p.impressions:,}",
                    p.likes,
                    p.likes + p.comments + p.shares,
                    p.saves,
                    0,
                    0,
                    p.comments,
                    p.shares,
                    0,
                    0,
                    0,
                    0,
                    0,
                ]
                for i, p in zip(ids, posts.itertuples(), strict=True)
            ]
            _write_csv(
                exports / f"account_analytics_content_{year}-01-01_{year}-12-31.csv", header, rows
            )


def youtube_exports(exports: Path) -> None:
    for year in YEARS:
        posts = _posts("youtube", year)
        header = [
            "Content",
            "Video title",
            "Video publish time",
            "Duration",
            "Views",
            "Watch time (hours)",
            "Subscribers",
            "Impressions",
        ]
        ids = [f"KPUc{year}{i:03d}x" for i in range(len(posts))]
        rows = [
            [
                i,
                p.text,
                f"{p.published:%b} {p.published.day}, {p.published.year}",
                int(RNG.integers(30, 900)),
                p.reach,
                round(p.reach * 0.04, 4),
                int(p.likes * 0.05),
                p.impressions,
            ]
            for i, p in zip(ids, posts.itertuples(), strict=True)
        ]
        total = [
            "Total",
            "",
            "",
            "",
            sum(r[4] for r in rows),
            round(sum(r[5] for r in rows), 4),
            sum(r[6] for r in rows),
            sum(r[7] for r in rows),
        ]
        folder = exports / f"youtube-{year}"
        folder.mkdir()
        _write_csv(folder / "Table data.csv", header, [total, *rows])


def _feedback_rows(year: int, n: int, rng: np.random.Generator) -> list[tuple]:
    rows = []
    for _ in range(n):
        category = rng.choice(list(FEEDBACK), p=[0.35, 0.3, 0.2, 0.15])
        text = rng.choice(FEEDBACK[category])
        moment = pd.Timestamp(f"{year}-01-01") + pd.Timedelta(
            days=int(rng.integers(0, 365)), minutes=int(rng.integers(480, 1260))
        )
        rows.append((moment, category, text))
    return sorted(rows)


def forms_exports(exports: Path) -> None:
    for year in YEARS:
        rows = _feedback_rows(year, 18 + 3 * (year - 2019), RNG)
        header = [
            "Cap waktu",
            "Alamat email",
            "Nama (boleh dikosongkan)",
            "Kritik dan saran untuk KPU Kabupaten Contoh",
        ]
        body = [
            [
                f"{m:%d/%m/%Y %H:%M:%S}",
                f"warga{k}@contoh.id" if k % 3 == 0 else "",
                "Warga" if k % 2 else "",
                t,
            ]
            for k, (m, _c, t) in enumerate(rows)
        ]
        _write_csv(
            exports / f"Formulir Kritik dan Saran {year} (Jawaban).csv",
            header,
            body,
            quote_all=True,
        )


def manual_tables(office: Path) -> None:
    rows = []
    for platform, counts in FOLLOWERS.items():
        for year, count in zip(YEARS, counts, strict=True):
            if count is not None:
                rows.append([f"{year}-06-30", platform, int(count * RNG.uniform(0.9, 0.97))])
                rows.append([f"{year}-12-31", platform, count])
    rows += [[day, "whatsapp", count] for day, count in WHATSAPP_FOLLOWERS.items()]
    _write_csv(office / "followers.csv", ["tanggal", "platform", "pengikut"], sorted(rows))
    polls = []
    for year in YEARS:
        for month, (question, options) in zip(POLL_MONTHS, POLLS, strict=True):
            weights = RNG.dirichlet(np.ones(len(options)) * 3)
            total = int(RNG.integers(60, 600))
            votes = RNG.multinomial(total, weights)
            polls += [
                [f"{year}-{month:02d}-15", "instagram", question, o, int(v)]
                for o, v in zip(options, votes, strict=True)
            ]
    _write_csv(
        office / "polls.csv", ["tanggal", "platform", "pertanyaan", "pilihan", "suara"], polls
    )
    feedback = []
    for year in YEARS:
        for moment, category, text in _feedback_rows(year, 12 + 2 * (year - 2019), RNG):
            feedback.append([f"{moment:%Y-%m-%d}", RNG.choice(CHANNELS), category, text])
    _write_csv(office / "feedback.csv", ["tanggal", "kanal", "kategori", "isi"], feedback)


QUESTION_CHANNELS = ("WhatsApp", "Pesan Instagram", "Komentar Facebook")
OFFICE_PILLARS = """\
# Tambahan aturan pilar konten KPU Kabupaten Contoh (fiktif).
pillars:
  sosialisasi_tahapan:
    words: [psu]
    phrases: ["pemungutan suara ulang"]
"""


def evaluation_tables(office: Path) -> None:
    """Targets, a local event, one pillar set by staff, questions answered and hoax
    clarifications, in 2023 and 2024."""
    targets = [
        [2024, "pengikut", "instagram", 70000],
        [2024, "pengikut", "", 110000],
        [2024, "pertumbuhan_pengikut", "", 15],
        [2024, "unggahan", "", 400],
        [2024, "tingkat_interaksi", "instagram", 5.0],
        [2024, "tingkat_interaksi", "facebook", 6.5],
        [2024, "polling", "", 4],
        [2024, "dijawab_24_jam", "", 80],
        [2024, "klarifikasi_hoaks", "", 4],
    ]
    _write_csv(office / "targets.csv", ["tahun", "indikator", "platform", "target"], targets)
    _write_csv(
        office / "stages.csv",
        ["mulai", "selesai", "tahapan", "sumber"],
        [
            [
                "2024-12-07",
                "2024-12-07",
                "pemungutan suara ulang di TPS 03 Desa Contoh",
                "Keputusan KPU Kabupaten Contoh (fiktif)",
            ]
        ],
    )
    (office / "pillars.yml").write_text(OFFICE_PILLARS, encoding="utf-8")
    with (office / "exports" / "instagram-2024.csv").open(encoding="utf-8-sig") as handle:
        first_post = next(csv.DictReader(handle))["Post ID"]
    _write_csv(
        office / "pillars.csv",
        ["platform", "id_unggahan", "pilar"],
        [["instagram", first_post, "kegiatan_kelembagaan"]],
    )
    questions = []
    for year, n in ((2023, 30), (2024, 40)):
        for moment in sorted(_moments(year, n)):
            channel = EVALUATION_RNG.choice(QUESTION_CHANNELS)
            received = pd.Timestamp(moment)
            if EVALUATION_RNG.random() < 0.08:
                answered = ""
            else:
                hours = float(EVALUATION_RNG.lognormal(mean=2.3, sigma=1.0))
                answered = f"{received + pd.Timedelta(hours=round(hours, 1)):%Y-%m-%d %H:%M}"
            questions.append([f"{received:%Y-%m-%d %H:%M}", answered, channel])
    _write_csv(office / "questions.csv", ["diterima", "dijawab", "kanal"], questions)
    _write_csv(
        office / "clarifications.csv",
        ["tanggal", "isu", "tautan", "platform", "hoaks_diketahui", "klarifikasi_terbit"],
        [
            [
                "2024-02-12",
                "Kabar surat suara sudah dicoblos sebelum hari pemungutan",
                "https://kab-contoh.kpu.go.id/berita/klarifikasi-surat-suara",
                "instagram",
                "2024-02-11 19:40",
                "2024-02-12 09:15",
            ],
            [
                "2024-02-20",
                "Hasil hitung cepat disebut hasil resmi KPU",
                "https://kab-contoh.kpu.go.id/berita/klarifikasi-hitung-cepat",
                "facebook",
                "2024-02-20 08:05",
                "2024-02-20 13:30",
            ],
            [
                "2024-11-20",
                "Pesan berantai pemindahan TPS di Desa Contoh",
                "https://kab-contoh.kpu.go.id/berita/klarifikasi-tps",
                "instagram",
                "",
                "",
            ],
        ],
    )


PROFILE = """\
# KANTOR FIKTIF untuk demonstrasi kpureport: semua nama, akun, dan angka di folder ini rekaan.
# Dibuat oleh scripts/make_contoh.py; jangan diubah dengan tangan, jalankan ulang skripnya.
name: Komisi Pemilihan Umum Kabupaten Contoh
abbreviation: KPU Contoh
province: Kalimantan Barat
city: Kota Contoh
timezone: Asia/Pontianak
fictional: true
website: https://kab-contoh.kpu.go.id
email: humas@kab-contoh.kpu.go.id
chair: Nama Ketua Contoh
feedback_column: Kritik dan saran untuk KPU Kabupaten Contoh
accounts:
  - platform: instagram
    name: KPU KABUPATEN CONTOH
    handle: "@kpu_contoh"
    url: https://www.instagram.com/kpu_contoh/
    since: 2017-03
  - platform: facebook
    name: PPID KPU Contoh
    url: https://www.facebook.com/ppid.kpu.contoh/
    since: 2016-08
  - platform: twitter
    name: KPU Kab. Contoh
    handle: "@kpu_contoh"
    url: https://twitter.com/kpu_contoh
    since: 2016-08
  - platform: youtube
    name: KPU Kabupaten Contoh
    url: https://www.youtube.com/@kpukabcontoh
    since: 2018-01
  - platform: tiktok
    name: KPU Contoh
    handle: "@kpu.contoh"
    url: https://www.tiktok.com/@kpu.contoh
    since: 2022-02
  - platform: whatsapp
    name: Saluran WhatsApp KPU Kabupaten Contoh
    url: https://whatsapp.com/channel/0029VaKpuKabContohFiktif
    since: 2023-06
"""

NARRATIVE_2024 = """\
# Sebagian bagian diisi staf (contoh); bagian lain dibuat otomatis dari data.
constraints:
  - Jumlah staf humas yang menguasai desain grafis dan penyuntingan video masih terbatas.
  - Jaringan internet di beberapa kecamatan sering terputus saat tahapan pemungutan suara.
  - Anggaran promosi konten di media sosial belum tersedia.
solutions:
  - Pelatihan desain dan video singkat bagi staf humas bekerja sama dengan Diskominfo.
  - Konten disiapkan lebih awal dan dijadwalkan agar tidak bergantung pada jaringan di lapangan.
  - Memaksimalkan kolaborasi dengan akun pemerintah daerah dan media lokal.
signature:
  place: Kota Contoh
  date: 2025-01-15
  title: Ketua
  name: Nama Ketua Contoh
"""


#: Meta Business Suite's Facebook post export as downloaded in 2025-2026 (the column list of
#: issue #26); Instagram's has the same distribution columns.
FACEBOOK_2025_HEADER = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Permalink",
    "Post type",
    "Publish time",
    "Date",
    "Duration (sec)",
    "Views",
    "Reach",
    "Reach from Organic posts",
    "Reach from Boosted posts",
    "Views from Organic posts",
    "Views from Boosted posts",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Negative feedback from users: Hide all",
    "Seconds viewed",
    "Average Seconds viewed",
    "Approximate content monetization earnings",
]
INSTAGRAM_2025_HEADER = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reach from Organic posts",
    "Reach from Boosted posts",
    "Views from Organic posts",
    "Views from Boosted posts",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
    "Seconds viewed",
    "Average Seconds viewed",
]


def _posts_2025(platform: str, followers: int, n: int) -> pd.DataFrame:
    """A year of 2025 posts with organic and boosted distribution and video seconds."""
    rng = META_2025_RNG
    days = rng.integers(0, 365, n)
    hours = rng.choice(np.arange(7, 22), n)
    minutes = rng.integers(0, 60, n)
    moments = pd.DatetimeIndex(
        np.sort(
            (
                pd.Timestamp("2025-01-01")
                + pd.to_timedelta(days, "D")
                + pd.to_timedelta(hours, "h")
                + pd.to_timedelta(minutes, "min")
            ).values
        )
    )
    organic = (followers * rng.uniform(0.08, 0.4, n)).astype(int)
    boosted = np.where(rng.random(n) < 0.15, (organic * rng.uniform(0.5, 2.5, n)).astype(int), 0)
    views_organic = (organic * rng.uniform(1.2, 1.8, n)).astype(int)
    views_paid = (boosted * rng.uniform(1.1, 1.5, n)).astype(int)
    likes = ((organic + boosted) * rng.uniform(0.02, 0.06, n)).astype(int)
    kinds = TYPES.get(platform, ["video"])
    kind = rng.choice(kinds, n)
    video = np.isin(kind, ["Videos", "Reels", "IG reel", "IG video"])
    duration = np.where(video, rng.integers(15, 180, n), 0)
    seconds = np.where(video, (views_organic + views_paid) * rng.uniform(4, 12, n), np.nan)
    return pd.DataFrame(
        {
            "published": moments,
            "reach_organic": organic,
            "reach_paid": boosted,
            "reach": (organic + boosted * 0.9).astype(int),
            "views_organic": views_organic,
            "views_paid": views_paid,
            "likes": likes,
            "comments": (likes * rng.uniform(0.02, 0.15, n)).astype(int),
            "shares": (likes * rng.uniform(0.01, 0.12, n)).astype(int),
            "saves": (likes * rng.uniform(0, 0.1, n)).astype(int),
            "clicks": (likes * rng.uniform(0.3, 0.8, n)).astype(int),
            "type": kind,
            "duration": duration,
            "seconds": seconds,
            "text": [rng.choice(TOPICS).format(place=rng.choice(PLACES)) for _ in range(n)],
        }
    )


def _seconds(value: float) -> tuple[str, str]:
    """``Seconds viewed`` and ``Average Seconds viewed`` as Meta writes them (empty for a photo)."""
    return ("", "") if np.isnan(value) else (str(int(value)), "")


def meta_2025_exports(exports: Path) -> None:
    """2025 in Meta's new format: Views instead of Impressions, organic and boosted reach and
    views, seconds viewed; Facebook downloaded twice (June and December: the December download
    has grown lifetime figures and a header spelled otherwise), the Audience file, and a
    page-level daily Views file."""
    posts = _posts_2025("facebook", 32_400, 125)
    ids = [f"1029384756_2025{i:04d}" for i in range(len(posts))]
    rows = []
    for i, p in zip(ids, posts.itertuples(), strict=True):
        seconds, _ = _seconds(p.seconds)
        views = p.views_organic + p.views_paid
        average = f"{p.seconds / views:.1f}" if seconds and views else ""
        rows.append(
            [
                i,
                "1029384756",
                "PPID KPU Contoh",
                "",
                p.text,
                f"https://www.facebook.com/ppid.kpu.contoh/posts/{i.split('_')[1]}",
                p.type,
                _meta_time(p.published),
                "Lifetime",
                p.duration,
                views,
                p.reach,
                p.reach_organic,
                p.reach_paid,
                p.views_organic,
                p.views_paid,
                p.likes + p.comments + p.shares,
                p.likes,
                p.comments,
                p.shares,
                p.clicks,
                0,
                seconds,
                average,
                "",
            ]
        )
    first = [r for r in rows if r[7] < "07/01/2025"]
    _write_csv(
        exports / "Jan-01-2025_Jun-30-2025_1029384756.csv", FACEBOOK_2025_HEADER, first, bom=True
    )
    grown = [list(r) for r in rows]
    for r in grown:
        r[10], r[11], r[12] = int(r[10] * 1.04), int(r[11] * 1.03), int(r[12] * 1.03)
    header = [
        "Reactions, comments and shares" if h == "Reactions, Comments and Shares" else h
        for h in FACEBOOK_2025_HEADER
    ]
    _write_csv(exports / "Jan-01-2025_Dec-31-2025_1029384756.csv", header, grown, bom=True)
    posts = _posts_2025("instagram", 71_800, 160)
    rows = []
    for i, p in enumerate(posts.itertuples()):
        seconds, _ = _seconds(p.seconds)
        views = p.views_organic + p.views_paid
        rows.append(
            [
                f"1782025{i:05d}",
                "17841400000",
                "kpu_contoh",
                "KPU KABUPATEN CONTOH",
                p.text,
                p.duration,
                _meta_time(p.published),
                f"https://www.instagram.com/p/C2025{i:04d}/",
                p.type,
                "",
                "Lifetime",
                views,
                p.reach,
                p.reach_organic,
                p.reach_paid,
                p.views_organic,
                p.views_paid,
                p.likes,
                p.shares,
                int(p.likes * 0.01),
                p.comments,
                p.saves,
                seconds,
                f"{p.seconds / views:.1f}" if seconds and views else "",
            ]
        )
    _write_csv(
        exports / "Jan-01-2025_Dec-31-2025_17841400000.csv", INSTAGRAM_2025_HEADER, rows, bom=True
    )
    _utf16(exports / "Audience_facebook_2025-12-31.csv", _audience_lines())
    days = pd.date_range("2025-01-01", "2025-12-31", freq="D")
    views = META_2025_RNG.poisson(900, len(days))
    lines = ["sep=,", '"Facebook views"', '"Date","Primary"']
    lines += [f'"{d:%Y-%m-%dT%H:%M:%S}","{v}"' for d, v in zip(days, views, strict=True)]
    _utf16(exports / "Facebook views 2025.csv", lines)


def _utf16(path: Path, lines: list[str]) -> None:
    """A Meta page-level file: UTF-16 LE with BOM, CRLF line ends."""
    path.write_bytes(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))


def _audience_lines() -> list[str]:
    """Meta's Audience file: age and gender, top cities and top countries stacked in blocks."""
    ages = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    weights = META_2025_RNG.dirichlet([6, 8, 5, 3, 1.5, 0.6] * 2)
    lines = ["sep=,", '"Age & gender"', '"Age","Women","Men"']
    lines += [
        f'"{age}","{weights[n] * 100:.1f}%","{weights[n + 6] * 100:.1f}%"'
        for n, age in enumerate(ages)
    ]
    cities = ["Kota Contoh", "Sungai Contoh", "Teluk Damai", "Pontianak", "Simpang Tiga"]
    shares = sorted(META_2025_RNG.dirichlet([9, 4, 3, 2.5, 1.5]) * 80, reverse=True)
    lines += ["", '"Top cities"', '"City","Value"']
    lines += [f'"{c}, Kalimantan Barat","{s:.1f}%"' for c, s in zip(cities, shares, strict=True)]
    lines += ["", '"Top countries"', '"Country","Value"', '"Indonesia","97.6%"']
    lines += ['"Malaysia","1.3%"', '"Singapore","0.4%"']
    return lines


def monthly_table(office: Path) -> None:
    """The staff's monthly table: figures the apps show but no export gives (Threads,
    WhatsApp Channels; TikTok's posts)."""
    rows = ["bulan,platform,pengikut,unggahan,tayangan"]
    threads, whatsapp = 640, WHATSAPP_FOLLOWERS["2024-12-31"]
    for month in range(1, 13):
        threads += int(META_2025_RNG.integers(20, 70))
        whatsapp += int(META_2025_RNG.integers(40, 160))
        rows.append(f"2025-{month:02d},threads,{threads},{META_2025_RNG.integers(6, 16)},")
        rows.append(
            f"2025-{month:02d},whatsapp,{whatsapp},{META_2025_RNG.integers(12, 30)},"
            f"{META_2025_RNG.integers(9_000, 22_000)}"
        )
        rows.append(f"2025-{month:02d},tiktok,,{META_2025_RNG.integers(5, 14)},")
    (office / "monthly.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=OFFICE, help="folder to write (default data/contoh)"
    )
    office = parser.parse_args().out
    if office.exists():
        shutil.rmtree(office)
    exports = office / "exports"
    (office / "narrative").mkdir(parents=True)
    exports.mkdir()
    (office / "profile.yml").write_text(PROFILE, encoding="utf-8")
    (office / "narrative" / "2024.yml").write_text(NARRATIVE_2024, encoding="utf-8")
    manual_tables(office)
    facebook_exports(exports)
    instagram_exports(exports)
    twitter_exports(exports)
    youtube_exports(exports)
    forms_exports(exports)
    tiktok_exports(exports)
    evaluation_tables(office)
    meta_2025_exports(exports)
    monthly_table(office)
    print(f"{office}: {sum(1 for p in office.rglob('*') if p.is_file())} berkas")


if __name__ == "__main__":
    main()
