"""Generate the fictional offices of the demo roll-up (monev) and the province's demo files.

    python scripts/make_rekap_contoh.py

Writes three small fictional offices of Kalimantan Barat next to ``data/contoh`` (2023 and
2024: Facebook and Instagram exports as Meta Business Suite writes them, followers, and for two
of them the questions answered), and ``data/_rekap/kalimantan-barat/nilai-juri.csv``, the
juried scores a province would type. Together with ``data/contoh`` they make the demo roll-up:

    kpureport rekap --province "Kalimantan Barat" --year 2024 \\
        --nilai-juri data/_rekap/kalimantan-barat/nilai-juri.csv

Each office differs on purpose: one posts every week, one only around the election, one is on
every official channel. Deterministic: a fixed seed per office.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from make_contoh import _meta_time, _write_csv, meta_header

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
JURY = DATA / "_rekap" / "kalimantan-barat" / "nilai-juri.csv"
YEARS = (2023, 2024)
TZ = "Asia/Pontianak"
TOPICS = [
    "Sosialisasi tahapan pemilu di Kecamatan {place}",
    "Ayo cek data pemilih Anda melalui cekdptonline.kpu.go.id",
    "Rapat pleno terbuka rekapitulasi di Kecamatan {place}",
    "Kunjungan pendidikan pemilih ke sekolah di {place}",
    "Konten edukasi: cara mencoblos yang sah",
]
PLACES = ["Muara Contoh", "Tanjung Rekaan", "Sungai Fiktif", "Bukit Contoh"]


@dataclass(frozen=True)
class Office:
    slug: str
    name: str
    abbreviation: str
    seed: int
    accounts: tuple[str, ...]
    #: Posts per year on Facebook and Instagram, and the months they fall in.
    posts: dict
    months: tuple[int, ...]
    #: Year-end followers 2023, 2024 per platform with an account.
    followers: dict
    #: Share of an account's followers reached and interacting per post.
    interaction: float
    #: Hours to answer questions (median), None: the office keeps no questions table.
    answer_hours: float | None


OFFICES = (
    Office(
        slug="contoh-hulu",
        name="Komisi Pemilihan Umum Kabupaten Contoh Hulu",
        abbreviation="KPU Contoh Hulu",
        seed=2401,
        accounts=("instagram", "facebook", "tiktok", "whatsapp"),
        posts={"instagram": 130, "facebook": 95},
        months=tuple(range(1, 13)),
        followers={
            "instagram": (8_150, 10_420),
            "facebook": (12_300, 13_050),
            "tiktok": (900, 2_480),
        },
        interaction=0.030,
        answer_hours=6.0,
    ),
    Office(
        slug="contoh-pesisir",
        name="Komisi Pemilihan Umum Kabupaten Contoh Pesisir",
        abbreviation="KPU Contoh Pesisir",
        seed=2402,
        accounts=("instagram", "facebook", "twitter", "youtube"),
        posts={"instagram": 110, "facebook": 80},
        months=(1, 2, 11, 12),
        followers={
            "instagram": (5_020, 7_950),
            "facebook": (9_800, 10_100),
            "twitter": (1_200, 1_150),
            "youtube": (310, 420),
        },
        interaction=0.072,
        answer_hours=None,
    ),
    Office(
        slug="kota-contoh",
        name="Komisi Pemilihan Umum Kota Contoh Raya",
        abbreviation="KPU Kota Contoh Raya",
        seed=2403,
        accounts=("instagram", "facebook", "twitter", "youtube", "tiktok", "whatsapp"),
        posts={"instagram": 70, "facebook": 60},
        months=tuple(range(1, 13)),
        followers={
            "instagram": (15_400, 17_100),
            "facebook": (21_000, 21_900),
            "twitter": (3_400, 3_380),
            "youtube": (1_050, 1_230),
            "tiktok": (2_100, 3_050),
        },
        interaction=0.024,
        answer_hours=30.0,
    ),
)
ACCOUNT_URLS = {
    "instagram": "https://www.instagram.com/{handle}/",
    "facebook": "https://www.facebook.com/{handle}/",
    "twitter": "https://twitter.com/{handle}",
    "youtube": "https://www.youtube.com/@{handle}",
    "tiktok": "https://www.tiktok.com/@{handle}",
    "whatsapp": "https://whatsapp.com/channel/{handle}",
}


def _moments(office: Office, year: int, n: int, rng: np.random.Generator) -> list[pd.Timestamp]:
    days = pd.date_range(f"{year}-01-01", f"{year}-12-31", freq="D")
    days = days[days.month.isin(office.months)]
    chosen = np.sort(rng.choice(len(days), n, replace=len(days) < n))
    hours = rng.integers(7, 21, n)
    minutes = rng.integers(0, 60, n)
    return [
        days[d] + pd.Timedelta(hours=int(h), minutes=int(m))
        for d, h, m in zip(chosen, hours, minutes, strict=True)
    ]


def _rows(office: Office, platform: str, year: int, rng: np.random.Generator) -> list[list]:
    handle = office.slug.replace("-", "_")
    followers = office.followers[platform][YEARS.index(year)]
    rows = []
    n = office.posts[platform] + int(rng.integers(-8, 9))
    for i, moment in enumerate(_moments(office, year, n, rng)):
        reach = int(followers * rng.uniform(0.1, 0.4))
        likes = int(followers * office.interaction * rng.uniform(0.6, 1.2))
        comments, shares = int(likes * rng.uniform(0.02, 0.1)), int(likes * rng.uniform(0.01, 0.08))
        text = rng.choice(TOPICS).format(place=rng.choice(PLACES))
        when = _meta_time(moment)
        if platform == "instagram":
            rows.append(
                [
                    f"179{office.seed}{year}{i:04d}",
                    f"1784{office.seed}",
                    handle,
                    office.abbreviation,
                    text,
                    0,
                    when,
                    f"https://www.instagram.com/p/R{office.seed}{year}{i:04d}/",
                    rng.choice(["IG image", "IG carousel", "IG reel"]),
                    "",
                    "Lifetime",
                    int(reach * 1.5),
                    reach,
                    likes,
                    shares,
                    0,
                    comments,
                    int(likes * 0.05),
                ]
            )
        else:
            post = f"{office.seed}{year}{i:04d}"
            rows.append(
                [
                    f"{office.seed}_{post}",
                    str(office.seed),
                    office.abbreviation,
                    "",
                    text,
                    0,
                    when,
                    "",
                    f"https://www.facebook.com/{handle}/posts/{post}",
                    "No",
                    "No",
                    rng.choice(["Photos", "Videos", "Links"]),
                    "",
                    "",
                    "",
                    "",
                    "Lifetime",
                    int(reach * 1.5),
                    reach,
                    likes + comments + shares,
                    likes,
                    comments,
                    shares,
                    0,
                    0,
                    0,
                ]
            )
    return rows


def _profile(office: Office) -> str:
    handle = office.slug.replace("-", "_")
    accounts = "".join(
        f"  - platform: {p}\n    name: {office.abbreviation}\n"
        f"    url: {ACCOUNT_URLS[p].format(handle=handle)}\n    since: 2019-01\n"
        for p in office.accounts
    )
    return (
        "# KANTOR FIKTIF untuk rekap contoh kpureport: semua nama, akun, dan angka rekaan.\n"
        "# Dibuat oleh scripts/make_rekap_contoh.py; jalankan ulang skripnya, jangan diubah.\n"
        f"name: {office.name}\nabbreviation: {office.abbreviation}\n"
        f"province: Kalimantan Barat\ncity: {office.abbreviation.removeprefix('KPU ')}\n"
        f"timezone: {TZ}\nfictional: true\naccounts:\n{accounts}"
    )


def _questions(office: Office, rng: np.random.Generator) -> list[list]:
    rows = []
    for year in YEARS:
        for day in sorted(rng.choice(365, 40, replace=False)):
            received = pd.Timestamp(f"{year}-01-01") + pd.Timedelta(
                days=int(day), hours=int(rng.integers(8, 17))
            )
            answered = received + pd.Timedelta(hours=float(rng.exponential(office.answer_hours)))
            channel = rng.choice(["WhatsApp", "Pesan Instagram"])
            rows.append([f"{received:%Y-%m-%d %H:%M}", f"{answered:%Y-%m-%d %H:%M}", channel])
    return rows


def write_office(office: Office) -> None:
    rng = np.random.default_rng(office.seed)
    folder = DATA / office.slug
    if folder.exists():
        shutil.rmtree(folder)
    exports = folder / "exports"
    exports.mkdir(parents=True)
    (folder / "profile.yml").write_text(_profile(office), encoding="utf-8")
    followers = [
        [f"{year}-12-31", platform, counts[i]]
        for platform, counts in office.followers.items()
        for i, year in enumerate(YEARS)
    ]
    _write_csv(folder / "followers.csv", ["tanggal", "platform", "pengikut"], sorted(followers))
    for year in YEARS:
        for platform in ("facebook", "instagram"):
            _write_csv(
                exports / f"{platform}-{year}.csv",
                meta_header(platform, year),
                _rows(office, platform, year, rng),
                bom=True,
            )
    if office.answer_hours is not None:
        _write_csv(
            folder / "questions.csv", ["diterima", "dijawab", "kanal"], _questions(office, rng)
        )


#: The jury's scores (0-100) per office and juried criterion of the shipped rubric.
JURY_SCORES = {
    "contoh": (80, 75),
    "contoh-hulu": (85, 70),
    "contoh-pesisir": (70, 90),
    "kota-contoh": (75, 80),
}


def write_jury() -> None:
    JURY.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        [office, criterion, score]
        for office, scores in JURY_SCORES.items()
        for criterion, score in zip(("konten", "desain"), scores, strict=True)
    ]
    _write_csv(JURY, ["kantor", "kriteria", "nilai"], rows)


def main() -> None:
    for office in OFFICES:
        write_office(office)
        print(f"{DATA / office.slug}: dibuat")
    write_jury()
    print(f"{JURY}: dibuat")


if __name__ == "__main__":
    main()
