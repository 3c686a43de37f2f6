"""Claims a sentence makes: the helpers every sentence goes through, each misleading class
provoked with data built for it, and (build) every number and comparison word of the demo and
seed reports checked against the tables of the same report."""

import datetime as dt
import re
from decimal import Decimal
from itertools import combinations

import pandas as pd
import pytest

from kpureport import formatting as fmt
from kpureport.analysis import metrics
from kpureport.models import Narrative
from kpureport.writing import claims, narrative

from ..conftest import KKU
from .test_narrative import PROFILE
from .test_prose import _generated_text

# The helpers.


def test_a_change_is_decided_on_the_printed_values():
    same = claims.change(1.14, 1.06, digits=1)  # both print 1,1
    assert (same.direction, same.previous, same.current) == ("sama", "1,1", "1,1")
    up = claims.change(1.06, 1.24, digits=1)  # 1,1 -> 1,2: 9,1% of the printed 1,1
    assert (up.direction, up.size) == ("naik", "9,1%")
    assert claims.change(10_000, 10_001).direction == "praktis tetap"
    rate = claims.change(5.294, 5.276, digits=2, points=True)  # 5,29% -> 5,28%
    assert rate.size == "0,01 poin persen" and rate.cell == "-0,01 poin"


def test_false_precision_counts_under_100_as_counts_and_one_decimal_for_changes():
    assert claims.change(407, 411).size == "1,0%"  # not 0,98%
    assert claims.change(771, 1556).size == "101,8%"  # not 101,82%
    small = claims.change(50, 55, unit="masukan")
    assert (small.size, small.cell) == ("lima masukan", "+5")
    assert claims.change(3, 3).cell == "0"


def test_a_change_that_rounds_to_nothing_is_practically_unchanged_never_the_same():
    table = pd.DataFrame(
        {
            "platform": ["instagram"],
            "previous": pd.array([10_000], dtype="Int64"),
            "current": [10_001],
            "change": pd.array([1], dtype="Int64"),
            "change_pct": [0.01],
        }
    )
    text = " ".join(narrative.growth(table, PROFILE, 2024))
    assert "Instagram praktis tetap (10.000 menjadi 10.001 pengikut)" in text
    assert "sama" not in text and "naik" not in text


def test_every_share_names_its_base():
    assert claims.part_of(31, 40, "pertanyaan") == "31 dari 40 pertanyaan (78%)"
    assert claims.part_of(1, 3, "klarifikasi") == "satu dari tiga klarifikasi (33%)"


def test_sample_floor_and_counts_in_words():
    assert claims.enough(41, 50) and not claims.enough(3, 6)
    assert [claims.count(n) for n in (1, 9, 10)] == ["satu", "sembilan", "10"]


# Each misleading class, provoked.


def _stages(rows):
    columns = ["election", "stage", "kind", "start", "end", "days", "posts", "silent_days"]
    table = pd.DataFrame(rows, columns=[*columns, "interactions"])
    table["start"], table["end"] = pd.to_datetime(table["start"]), pd.to_datetime(table["end"])
    table["posts_per_day"] = table["posts"] / table["days"]
    return table


def test_a_short_stage_gives_its_counts_and_rates_compare_at_two_decimals():
    table = _stages(
        [
            ("Pemilu", "masa kampanye", "kampanye", "2024-01-01", "2024-01-20", 20, 21, 2, 900.0),
            ("Pemilu", "masa tenang", "masa_tenang", "2024-01-21", "2024-01-23", 3, 6, 0, 50.0),
            (
                "Pemilu",
                "pemungutan suara",
                "pemungutan_suara",
                "2024-01-24",
                "2024-01-24",
                1,
                0,
                1,
                0,
            ),
            (None, "di luar tahapan", "luar", None, None, 100, 114, 10, 5000.0),
        ]
    )
    spoken = ("kampanye", "masa_tenang", "pemungutan_suara")
    sentences = narrative.stages(table, PROFILE, 2024, spoken)
    text = " ".join(sentences)
    # 21/20 = 1,05 against 114/100 = 1,14: at one decimal both read 1,1 and a real shortfall
    # would hide behind "sama"; printed with two, the sentence says it (periods side by side,
    # not "naik"/"turun" over time).
    assert (
        "rata-rata unggahan per hari 1,05, lebih rendah 7,9% daripada hari di luar tahapan (1,14"
        in text
    )
    assert "turun" not in text and "naik" not in text
    # Six posts in three days: counts, no rate of change.
    assert "menerbitkan enam unggahan dalam tiga hari" in text
    # Voting day and masa tenang lead, before the campaign; a voting day without a post.
    assert "pemungutan suara" in sentences[1] and "tidak menerbitkan unggahan" in sentences[1]
    assert "masa tenang" in sentences[2]
    assert "Sebanyak dua dari 20 hari tahapan ini tanpa unggahan" in text


def test_a_pillar_of_one_post_is_never_the_best():
    table = pd.DataFrame(
        {
            "pillar": ["sosialisasi", "kelembagaan", "lainnya"],
            "label": ["sosialisasi tahapan", "kegiatan kelembagaan", "lainnya"],
            "posts": [40, 1, 9],
            "share": [80.0, 2.0, 18.0],
            "engagement_mean": [500.0, 2097.0, 700.0],
            "by_staff": [0, 1, 0],
        }
    )
    text = " ".join(narrative.pillars(table, 2024))
    assert "pilar sosialisasi tahapan (500 interaksi per unggahan dari 40 unggahan)" in text
    assert "kelembagaan (2.097" not in text
    assert "berupa sosialisasi tahapan, yaitu 40 dari 50 unggahan (80%)" in text


def test_answered_within_a_day_names_its_base():
    times = pd.DataFrame(
        [
            {
                "channel": None,
                "received": 40,
                "answered": 37,
                "unanswered": 3,
                "median_hours": 12.5,
                "p90_hours": 32.3,
                "within": 31,
                "within_share": 77.5,
            }
        ]
    )
    clarifications = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-02-12", "2024-02-20"]),
            "issue": ["a", "b"],
            "link": ["https://x", "https://y"],
            "platform": ["instagram", "facebook"],
            "hours": [13.6, float("nan")],
        }
    )
    text = " ".join(narrative.responses(times, clarifications, PROFILE, 2024, feedback=(55, 11)))
    assert "Sebanyak 37 dari 40 pertanyaan (93%) telah dijawab" in text
    assert "31 dari 40 pertanyaan (78%) dijawab dalam waktu 1 \u00d7 24 jam" in text
    assert "terpisah dari 55 masukan" in text and "11 di antaranya berupa pertanyaan" in text
    assert "di Instagram dan Facebook" in text
    assert "terbit 13,6 jam setelah hoaks diketahui" in text


def test_a_mid_year_count_is_dated_not_presented_as_the_year():
    table = pd.DataFrame(
        {
            "platform": ["instagram", "facebook"],
            "followers": pd.array([1030, 659], dtype="Int64"),
            "date": pd.to_datetime(["2021-06-30", "2021-06-30"]),
            "share": [61.0, 39.0],
        }
    )
    text = " ".join(narrative.followers_summary(table, PROFILE, 2021))
    assert "per 30 Juni 2021 mencapai 1.689 pengikut" in text and "Pada tahun 2021" not in text


def test_a_one_week_snapshot_is_not_offered_as_a_rule():
    active = pd.DataFrame({"hour": range(24), "active": [100.0 + h for h in range(24)]})
    active.attrs.update(snapshot=pd.Timestamp("2024-12-31"), platform="tiktok")
    text = " ".join(narrative.audience(active, pd.DataFrame(), pd.DataFrame(), {}, "Asia/Jakarta"))
    assert "acuan" not in text and "potret satu pekan" in text


def test_missing_data_is_not_reported_as_nothing_happening():
    assert narrative.polls(pd.DataFrame(), 2024) == [
        "Data hasil polling tahun 2024 tidak tersedia."
    ]
    empty = pd.DataFrame(columns=["channel", "text", "category"])
    assert narrative.feedback(empty, empty, empty, PROFILE, 2024) == [
        "Data kritik dan saran tahun 2024 tidak tersedia."
    ]


def test_posts_of_a_platform_without_post_export_are_not_zero():
    posts = pd.DataFrame(
        {
            "platform": ["instagram"] * 3,
            "post_id": ["a", "b", "c"],
            "published": pd.to_datetime(["2024-01-03", "2024-01-20", "2024-03-01"]).tz_localize(
                "Asia/Jakarta"
            ),
            "story": False,
            "engagement": [1.0, 2.0, 3.0],
        }
    )
    counts = pd.DataFrame({"date": pd.to_datetime([]), "platform": [], "followers": []})
    tiktok = metrics.monthly_comparison(posts, counts, 2024, "tiktok")
    assert tiktok["posts_2024"].isna().all()  # "-", never 0
    instagram = metrics.monthly_comparison(posts, counts, 2024, "instagram")
    assert instagram["posts_2024"].tolist()[:3] == [2, 0, 1]


def test_posting_consistency_counts_silent_weeks_and_the_longest_gap():
    days = ["2024-01-01", "2024-01-02", "2024-03-01", "2024-12-31"]
    posts = pd.DataFrame(
        {
            "platform": "facebook",
            "post_id": [str(i) for i in range(len(days))],
            "published": pd.to_datetime(days).tz_localize("Asia/Jakarta"),
            "story": False,
            "engagement": 1.0,
        }
    )
    row = metrics.posting_consistency(posts, 2024).iloc[0]
    # 3 January to 29 February is 58 days without a post; 2 March to 30 December is longer.
    assert row["longest_gap"] == 304 and row["gap_start"] == pd.Timestamp("2024-03-02")
    assert row["weeks"] == 53 and row["silent_weeks"] == 50  # 1 Jan, 26 Feb, 30 Dec weeks
    assert row["months"] == 3 and row["posts"] == 4
    text = narrative.consistency(metrics.posting_consistency(posts, 2024), 2024)[0]
    assert text.startswith("Facebook rata-rata 0,3 unggahan per bulan; 50 dari 53 pekan")


def test_the_introduction_names_the_platforms_it_counts():
    facts = {
        "accounts": 3,
        "followers": None,
        "posts": 411,
        "post_platforms": ["instagram", "facebook"],
        "stories": 0,
        "polls": 3,
        "feedback": 0,
    }
    text = narrative.introduction(Narrative(year=2024), PROFILE, facts)
    assert "menerbitkan 411 unggahan di beranda" in text
    assert "Unggahan di beranda tersebut dihitung dari Instagram dan Facebook." in text
    assert "mengadakan tiga polling" in text


def test_rates_of_different_bases_are_never_ranked_together():
    rates = pd.DataFrame(
        {
            "platform": ["instagram", "twitter", "tiktok"],
            "posts": [145, 108, None],
            "interactions": [169064, 7592, 49333],
            "base": ["reach", "impressions", "daily_views"],
            "base_label": ["jangkauan", "impresi", "penayangan (data harian akun)"],
            "denominator": [3143241, 230533, 698087],
            "rate": [5.38, 3.29, 7.07],
        }
    )
    text = " ".join(narrative.engagement(rates, 2024))
    assert "tertinggi" not in text  # one platform per basis: nothing to rank
    from kpureport.writing import charts

    alt = charts.engagement_by_platform(rates, 2024).alt
    assert "satu panel per pembagi" in alt and alt.count("per ") >= 3


# The reports as built: every number of a sentence from a table, every comparison word true.

NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|(?<![\w.,])\d+(?:,\d+)?%?")
MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
NOT_FIGURES = [
    rf"\d{{1,2}} (?:{MONTHS}) \d{{4}}",  # dates
    rf"(?:{MONTHS}) \d{{4}}",
    r"\d\d\.\d\d\u2013\d\d\.\d\d",  # hours of the clock
    r"1 \u00d7 24",
    r"\b(?:19|20)\d\d\b",  # years
    r"\b(?:Tabel|Gambar) \d+",
    r"TPS \d+",
    r"capaian 100% atau lebih",
    r"X \(Twitter\)",
]


def _value(text: str) -> Decimal:
    return Decimal(text.rstrip("%").replace(".", "").replace(",", "."))


def _body(html: str) -> str:
    """The main text up to the appendix (the appendix explains, it claims nothing)."""
    return html.split('<section aria-labelledby="lampiran"', 1)[0] + "</main>"


def _tables(html: str) -> list[list[list[str]]]:
    tables = []
    for table in re.findall(r"<table.*?</table>", _body(html), flags=re.S):
        rows = [
            [
                " ".join(re.sub(r"<[^>]+>", " ", c).replace("&amp;", "&").split())
                for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
            ]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
        ]
        tables.append([r for r in rows if r])
    return tables


def _numbers(cell: str) -> list[Decimal]:
    for pattern in NOT_FIGURES:
        cell = re.sub(pattern, " ", cell)
    return [_value(n) for n in NUMBER.findall(cell)]


def _round(value: Decimal, digits: int) -> Decimal:
    return fmt.round_half_up(value, digits)


def _derived(tables: list[list[list[str]]]) -> set[Decimal]:
    """Every figure a table prints, and what a sentence may compute from them: sums of a row
    or a column, differences, shares and percentage changes between two figures of one row or
    one column, hours as days."""
    known: set[Decimal] = set()
    for table in tables:
        grid = [[(_numbers(c) or [None])[0] for c in row] for row in table]
        for row in table:
            for cell in row:
                known.update(_numbers(cell))
        lines = [[v for v in row if v is not None] for row in grid]
        width = max((len(r) for r in grid), default=0)
        columns = [[r[i] for r in grid if i < len(r) and r[i] is not None] for i in range(width)]
        sums = [sum(c) for c in columns if c] + [sum(r) for r in lines if r]
        known.update(sums)
        for group in [*lines, *columns, sums]:
            for a, b in combinations(group, 2):
                known.add(abs(a - b))
                for x, y in ((a, b), (b, a)):
                    if y:
                        for digits in (0, 1, 2):
                            known.add(_round(abs(x - y) * 100 / y, digits))
                            known.add(_round(x * 100 / y, digits))
        for value in list(known):
            known.add(_round(value / 24, 1))
    return known


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.;:])\s+(?=[A-Z\u201c])", text)


UP = ("naik", "bertambah")
DOWN = ("turun",)


def _check_changes(sentence: str) -> list[str]:
    """``A menjadi B`` pairs agree with the sentence's direction word and stated change."""
    wrong = []
    words = sentence.lower()
    direction = (
        "up" if any(w in words for w in UP) else "down" if any(w in words for w in DOWN) else None
    )
    for item in re.finditer(
        r"(?:(?P<pct>[\d.,]+%) \()?(?P<a>[\d.]+(?:,\d+)?)%? menjadi (?P<b>[\d.]+(?:,\d+)?)%?"
        r"(?:[^,)]*, (?P<after>[\d.,]+%))?",
        sentence,
    ):
        a, b = _value(item["a"]), _value(item["b"])
        if (direction == "up" and not b > a) or (direction == "down" and not b < a):
            wrong.append(f"{direction}: {item.group(0)} in {sentence}")
        pct = item["pct"] or item["after"]
        points = "poin" in sentence[item.end() : item.end() + 12]
        if pct and a and not points and _round(abs(b - a) * 100 / a, 1) != _value(pct):
            wrong.append(f"{pct} is not the change from {item['a']} to {item['b']}")
    stage = re.search(
        r"per hari (?P<a>[\d,]+), (?P<word>lebih tinggi|lebih rendah|sama|praktis sama)"
        r"(?: (?P<pct>[\d,]+)%)?"
        r"[^(]*\((?P<b>[\d,]+) unggahan per hari",
        sentence,
    )
    if stage:
        here, rest = _value(stage["a"]), _value(stage["b"])
        expected = "lebih tinggi" if here > rest else "lebih rendah" if here < rest else "sama"
        if stage["word"] != expected and not (stage["word"] == "praktis sama" and here != rest):
            wrong.append(f"{stage['word']} beside {stage['a']} and {stage['b']}: {sentence}")
        if stage["pct"] and _round(abs(here - rest) * 100 / rest, 1) != _value(stage["pct"]):
            wrong.append(f"{stage['pct']}% is not the change from {stage['b']} to {stage['a']}")
    return wrong


def _rows_by_label(tables) -> dict[str, list[str]]:
    return {row[0]: row for table in tables for row in table if row}


def _check_ranks(sentence: str, tables) -> list[str]:
    """ "tertinggi"/"terbanyak" name the largest figure of the table they come from."""
    wrong = []
    lead = re.search(r"tertinggi adalah (?P<who>.+?), yaitu (?P<rate>[\d,]+%)", sentence)
    if lead:
        for table in tables:
            if table and any("embagi" in h for h in table[0]):
                continue  # the summary's scorecard: each rate beside its basis, not a ranking
            cells = [r for r in table if r and r[0] == lead["who"] and lead["rate"] in r]
            if cells:
                column = cells[0].index(lead["rate"])
                values = [_value(r[column]) for r in table[1:] if r[column].endswith("%")]
                if _value(lead["rate"]) != max(values):
                    wrong.append(sentence)
    best = re.search(r"pilar (?P<who>.+?) \((?P<mean>[\d.]+) interaksi per unggahan", sentence)
    if best and "tertinggi" in sentence:
        for table in tables:
            if table and table[0][:2] == ["Pilar", "Unggahan"]:
                rated = [
                    _value(r[3])
                    for r in table[1:]
                    if r[3] != "-" and _value(r[1]) >= claims.SAMPLE_FLOOR and r[0] != "Lainnya"
                ]
                if _value(best["mean"]) != max(rated):
                    wrong.append(sentence)
    most = re.search(r"platform dengan pengikut terbanyak, yaitu (?P<n>[\d.]+)", sentence)
    if most:
        first = next(t for t in tables if t and "Jumlah Pengikut" in " ".join(t[0]))
        counts = [_value(r[3]) for r in first[1:-1] if re.fullmatch(r"[\d.]+", r[3])]
        if _value(most["n"]) != max(counts):
            wrong.append(sentence)
    for word, month, n in re.findall(
        r"(terbanyak|paling sedikit) (?:terbit )?pada bulan (\w+) \((\d+) (?:unggahan|story)\)",
        sentence,
    ):
        found = False
        for table in tables:
            sums = {r[0]: sum(sum(_numbers(c)) for c in r[1:]) for r in table[1:] if r[0] in MONTHS}
            if len(sums) == 12 and sums.get(month) == _value(n):
                found = True
                extreme = max(sums.values()) if word == "terbanyak" else min(sums.values())
                if _value(n) != extreme:
                    wrong.append(f"{word} {month} ({n}) in {sentence}")
        if not found:
            wrong.append(f"no monthly table gives {month} {n}: {sentence}")
    same = re.match(r"(?P<what>[A-Z][^.]*?) sama dengan tahun \d{4}", sentence)
    if same:
        rows = _rows_by_label(tables)
        for label in same["what"].split(" dan "):
            row = rows.get(label[:1].upper() + label[1:])
            if row is None or row[1] != row[2]:
                wrong.append(f"{label}: {row}")
    return wrong


@pytest.mark.build
@pytest.mark.parametrize("which", ["seed", "demo"])
def test_every_number_of_a_sentence_comes_from_a_table_and_every_comparison_is_true(
    which, built, built_demo
):
    office, year, folder = (KKU, 2021, built) if which == "seed" else ("contoh", 2024, built_demo)
    html = next(folder.glob("*.html")).read_text(encoding="utf-8")
    text = _generated_text(_body(html), office, year)
    tables = _tables(html)
    known = _derived(tables)
    unfounded = [
        (n, sentence)
        for sentence in _sentences(text)
        for n in _numbers(sentence)
        if n not in known and n not in (0, 100)
    ]
    assert not unfounded, unfounded
    wrong = [w for s in _sentences(text) for w in _check_changes(s) + _check_ranks(s, tables)]
    assert not wrong, wrong
    if which == "demo":  # the checks did check something
        assert re.search(r"naik [\d,]+% dari [\d.]+ menjadi", text)
        assert re.search(r"[\d,]+% \([\d.]+ menjadi [\d.]+ pengikut\)", text)
        assert "tertinggi adalah" in text


@pytest.mark.build
def test_the_demo_ranks_rates_only_within_one_basis_and_marks_untracked_posts(built_demo):
    html = next(built_demo.glob("*.html")).read_text(encoding="utf-8")
    captions = re.findall(r"Tabel \d+\. (Tingkat interaksi[^<]*)", html)
    assert captions == [
        "Tingkat interaksi dari jangkauan, tahun 2024",
        "Tingkat interaksi dari impresi, tahun 2024",
        "Tingkat interaksi dari penayangan (data harian akun), tahun 2024",
    ]
    consistency = next(t for t in _tables(html) if t and t[0][-1] == "Periode jeda terpanjang")
    assert ["TikTok", "tidak tercatat", "-", "-", "-", "-", "-"] in consistency
    tiktok = html.split("TikTok per bulan, tahun 2023 dan 2024", 1)[1].split("</table>", 1)[0]
    assert "<td>0</td>" not in tiktok.split("</tr>", 2)[1]  # posts "-", never 0


def test_dates_are_not_figures():
    assert _numbers("per 30 Juni 2021 mencapai 2.064 pengikut pada 14.00\u201314.59") == [
        Decimal(2064)
    ]
    assert dt.date(2024, 1, 1).year == 2024


def test_a_whatsapp_channel_typed_by_staff_is_in_the_accounts_table():
    from kpureport.models import Account, Profile

    profile = Profile(
        slug="x",
        name="Komisi Pemilihan Umum Kabupaten X",
        province="Kalimantan Barat",
        city="X",
        accounts=(
            Account("instagram", "KPU X", "https://www.instagram.com/kpu_x/"),
            Account("whatsapp", "Saluran KPU X", "https://whatsapp.com/channel/0029Va"),
        ),
    )
    followers = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-12-31", "2024-12-31"]),
            "platform": ["instagram", "whatsapp"],
            "followers": [1200, 340],
        }
    )
    table = metrics.platform_table(profile, followers, 2024)
    assert table.set_index("platform").loc["whatsapp", "followers"] == 340
    text = " ".join(narrative.followers_summary(table, profile, 2024))
    assert "lebih banyak daripada WhatsApp di urutan kedua (340 pengikut)" in text
