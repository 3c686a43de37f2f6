import dataclasses
import datetime as dt

import pandas as pd
import pytest

from kpureport.analysis.metrics import platform_table
from kpureport.ingest.load import load_followers, load_narrative, load_profile
from kpureport.models import Narrative
from kpureport.writing import narrative

from ..conftest import DATA, KKU

PROFILE = load_profile(DATA / KKU)


def _table(counts: dict[str, int], year: int = 2021) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "date": pd.Timestamp(f"{year}-06-30"),
            "platform": list(counts),
            "followers": list(counts.values()),
        }
    )
    return platform_table(PROFILE, frame, year)


def test_seed_figures_say_who_leads_by_how_much_and_who_trails():
    table = platform_table(PROFILE, load_followers(DATA / KKU), 2021)
    text = " ".join(narrative.followers_summary(table, PROFILE, 2021))
    assert "mencapai 2.064 pengikut" in text
    assert (
        "Instagram merupakan platform dengan pengikut terbanyak, yaitu 1.030 pengikut atau 49,9%"
        in text
    )
    assert "371 pengikut lebih banyak daripada Facebook di urutan kedua (659 pengikut)" in text
    assert "YouTube memiliki pengikut paling sedikit, yaitu 25 pengikut (1,2% dari seluruh" in text
    # The seed's counts are dated 30 June: never presented as the year's.
    assert "Jumlah pengikut seluruh akun media sosial KPU KKU per 30 Juni 2021 mencapai" in text
    assert "Pada tahun 2021" not in text


def test_a_tie_at_the_top_is_said_as_a_tie():
    text = " ".join(
        narrative.followers_summary(
            _table({"instagram": 500, "facebook": 500, "twitter": 100, "youtube": 10}),
            PROFILE,
            2021,
        )
    )
    assert "Instagram dan Facebook memiliki jumlah pengikut yang sama, yaitu 500 pengikut" in text
    assert "lebih banyak" not in text


def test_one_platform_with_data_and_the_missing_ones_named():
    text = " ".join(narrative.followers_summary(_table({"youtube": 25}), PROFILE, 2021))
    assert "hanya tersedia untuk YouTube, yaitu 25 pengikut" in text
    assert (
        "Jumlah pengikut Instagram, Facebook, dan Twitter pada tahun 2021 tidak tersedia." in text
    )


def test_no_follower_data_at_all_is_said_honestly():
    [sentence] = narrative.followers_summary(_table({}), PROFILE, 2021)
    assert (
        sentence == "Data jumlah pengikut akun media sosial KPU KKU pada tahun 2021 tidak tersedia."
    )


def test_twitter_is_called_x_from_2023():
    text = " ".join(
        narrative.followers_summary(_table({"twitter": 900, "instagram": 100}, 2023), PROFILE, 2023)
    )
    assert "X (Twitter) merupakan platform dengan pengikut terbanyak" in text


@pytest.mark.parametrize(
    ("items", "expected"), [(["A"], "A"), (["A", "B"], "A dan B"), (["A", "B", "C"], "A, B, dan C")]
)
def test_lists_are_joined_as_puebi_writes_them(items, expected):
    assert narrative.join_words(items) == expected


def test_hand_written_text_takes_precedence_and_missing_parts_are_generated():
    written = load_narrative(DATA / KKU, 2021)
    facts = {
        "accounts": 4,
        "followers": 1200,
        "change": 12.5,
        "posts": 300,
        "stories": 0,
        "polls": 2,
        "feedback": 0,
    }
    assert narrative.introduction(written, PROFILE, facts) == written.introduction
    empty = Narrative(year=2022)
    intro = narrative.introduction(empty, PROFILE, facts)
    assert intro.startswith("KPU Kabupaten Kayong Utara (KPU KKU) memanfaatkan media sosial")
    platforms = narrative.platforms_intro(empty, PROFILE)
    assert platforms.startswith("KPU KKU mengelola akun media sosial pada empat platform")
    assert "Instagram sejak April 2016, Facebook sejak April 2016" in platforms
    assert "dan YouTube sejak April 2016" in platforms  # each account's own start
    assert narrative.closing(empty, PROFILE).endswith("KPU RI dan KPU Provinsi Kalimantan Barat.")


def test_signature_falls_back_to_the_chair_in_the_office_city():
    sig = narrative.signature(Narrative(year=2022), PROFILE, dt.date(2022, 12, 30))
    assert (sig.place, sig.title, sig.name) == (
        "Sukadana",
        "KETUA KOMISI PEMILIHAN UMUM KABUPATEN KAYONG UTARA",
        "Rudi Handoko",
    )  # as a KPU letter is signed
    assert narrative.signing_date(sig) == "30 Desember 2022"
    seed = load_narrative(DATA / KKU, 2021).signature
    assert narrative.signing_date(seed) == "Juni 2021"
    assert narrative.signing_date(dataclasses.replace(seed, date_is_month=False)) == "1 Juni 2021"


def _growth(rows):
    frame = pd.DataFrame(rows, columns=["platform", "previous", "current", "change", "change_pct"])
    return frame


def test_growth_sentences_for_rises_falls_standstill_and_new_accounts():
    from decimal import Decimal

    table = _growth(
        [
            ("instagram", 54405, 66042, 11637, Decimal(11637) * 100 / Decimal(54405)),
            ("twitter", 4610, 4302, -308, Decimal(-308) * 100 / Decimal(4610)),
            ("facebook", 659, 659, 0, Decimal(0)),
            ("tiktok", None, 9804, None, None),
        ]
    )
    text = " ".join(narrative.growth(table, PROFILE, 2024))
    assert (
        "Dibandingkan akhir tahun 2023, jumlah pengikut Instagram pada akhir tahun 2024 naik "
        "21,4% (54.405 menjadi 66.042 pengikut)."
    ) in text  # the reference period, stated; one decimal for a change
    assert "Sebaliknya, jumlah pengikut turun di X (Twitter) 6,7% (4.610 menjadi 4.302" in text
    assert "Jumlah pengikut Facebook tetap 659 pengikut" in text
    assert "Jumlah pengikut TikTok pada akhir tahun 2023 tidak tercatat" in text
    assert "Secara keseluruhan, jumlah pengikut akun yang tercatat pada kedua tahun naik" in text


def test_no_previous_year_says_growth_cannot_be_computed():
    table = _growth([("instagram", None, 1030, None, None)])
    assert narrative.growth(table, PROFILE, 2021) == [
        "Jumlah pengikut pada akhir tahun 2020 tidak tersedia sehingga pertumbuhan pengikut "
        "tahun 2021 tidak dapat dihitung."
    ]


def test_no_count_this_year_names_this_year_not_the_one_before():
    """A year whose year-end counts are not typed yet (the demo's 2025): the previous year's
    counts exist and must not be called missing."""
    assert narrative.growth(_growth([]), PROFILE, 2025) == [
        "Jumlah pengikut pada akhir tahun 2025 belum tercatat sehingga pertumbuhan pengikut "
        "tahun 2025 tidak dapat dihitung."
    ]


def _poll(votes):
    from kpureport.analysis.metrics import poll_results

    polls = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-03-15"] * len(votes)),
            "platform": "instagram",
            "question": "Sudah cek DPT?",
            "option": list(votes),
            "votes": list(votes.values()),
        }
    )
    return poll_results(polls, 2024)


def test_poll_sentences_give_counts_and_shares_and_who_answered_without_intervals():
    close = " ".join(narrative.polls(_poll({"Sudah": 52, "Belum": 48}), 2024))
    assert "dijawab dengan 100 suara: \u201cSudah\u201d 52 suara (52,0%)" in close
    assert "\u201cBelum\u201d 48 suara (48,0%)" in close
    assert "memilih untuk menjawab" in close  # who answered
    for claim in ("selang", "rentang", "lebih disukai", "hampir sama", "paling banyak"):
        assert claim not in close, claim  # no rigour a self-selected poll does not have
    few = " ".join(narrative.polls(_poll({"Sudah": 3, "Belum": 2}), 2024))
    assert "dengan lima suara: \u201cSudah\u201d tiga suara (60%)" in few  # counts in words
    assert narrative.polls(_poll({}), 2024) == ["Data hasil polling tahun 2024 tidak tersedia."]


def test_activity_sentence_names_busiest_and_quietest_month():
    per_month = pd.DataFrame({"instagram": [3, 0, 1] + [2] * 9}, index=range(1, 13))
    [sentence] = narrative.activity(per_month, PROFILE, 2024)
    assert "menerbitkan 22 unggahan di Instagram" in sentence
    assert "bulan Januari (3 unggahan)" in sentence and "bulan Februari (0 unggahan)" in sentence
    assert narrative.activity(pd.DataFrame(), PROFILE, 2024)[0].startswith(
        "Data ekspor unggahan tahun 2024 tidak tersedia"
    )


def test_rates_with_different_bases_are_never_ranked_against_each_other():
    import pandas as pd

    from kpureport.writing import narrative

    rates = pd.DataFrame(
        {
            "platform": ["instagram", "facebook", "twitter"],
            "posts": [10, 10, 10],
            "interactions": [500, 400, 900],
            "base": ["reach", "reach", "impressions"],
            "base_label": ["jangkauan", "jangkauan", "impresi"],
            "denominator": [10_000, 10_000, 9_000],
            "rate": [5.0, 4.0, 10.0],
        }
    )
    text = " ".join(narrative.engagement(rates, 2022))
    assert "dihitung dari jangkauan, yang tertinggi adalah Instagram" in text
    assert "tertinggi adalah Twitter" not in text  # 10% of impressions outranks nothing
    assert "Tingkat interaksi Twitter dihitung dari impresi, yaitu 10,00%" in text


def test_generated_introduction_states_the_years_facts_and_leaves_out_what_is_not_there():
    facts = {
        "accounts": 4,
        "followers": 1200,
        "previous_followers": 1371,
        "followers_both": 1200,
        "posts": 300,
        "stories": 40,
        "polls": 0,
        "feedback": 7,
    }
    paragraphs = narrative.introduction(Narrative(year=2022), PROFILE, facts).split("\n\n")
    assert len(paragraphs) == 3
    assert (
        "mengelola empat akun media sosial resmi dengan jumlah pengikut 1.200 pada pencatatan "
        "terakhir tahun 2022, turun 12,5% dari akhir tahun 2021" in paragraphs[1]
    )
    assert paragraphs[1].endswith(
        "KPU KKU menerbitkan 300 unggahan di beranda dan 40 story serta menerima tujuh masukan "
        "dari masyarakat."
    )
    assert "polling" not in paragraphs[1]  # no polls that year: not mentioned
    assert paragraphs[2].startswith("Bab II menguraikan")
    none = dict(facts, followers=None, posts=0, stories=0, feedback=0)
    second = narrative.introduction(Narrative(year=2022), PROFILE, none).split("\n\n")[1]
    assert second == "Pada tahun 2022, KPU KKU mengelola empat akun media sosial resmi."


def test_best_times_are_said_per_platform_with_their_posts_or_not_at_all():
    best = pd.DataFrame(
        [
            ("instagram", 40, 40, "Sabtu", 8, 120.0, 14, 6, 150.0),
            ("twitter", 30, 0, "Kamis", 6, 9.0, None, None, None),
            ("youtube", 4, 4, None, None, None, None, None, None),
        ],
        columns=[
            "platform",
            "posts",
            "timed_posts",
            "day",
            "day_posts",
            "day_mean",
            "hour",
            "hour_posts",
            "hour_mean",
        ],
    )
    text = " ".join(narrative.timing(best, 2024, "Asia/Pontianak"))
    assert (
        "Di Instagram, rata-rata interaksi tertinggi diperoleh unggahan yang terbit pada hari Sabtu "
        "(120 interaksi per unggahan dari 8 unggahan) dan pada pukul 14.00\u201314.59 WIB "
        "(150 interaksi per unggahan dari 6 unggahan)." in text
    )
    assert "ekspor X (Twitter) hanya mencatat tanggal terbit" in text
    assert text.endswith(
        "Hari dan jam terbit terbaik YouTube tidak ditentukan karena tidak ada hari atau jam "
        "dengan sedikitnya lima unggahan."
    )


def test_the_trend_names_the_largest_gain_as_a_count_since_each_accounts_first_count():
    history = pd.DataFrame(
        {
            "platform": ["instagram", "instagram", "tiktok", "tiktok"],
            "year": [2019, 2024, 2022, 2024],
            "followers": [12310, 66042, 1530, 9804],
        }
    )
    [sentence] = narrative.trend(history, 2024)
    assert sentence.startswith(
        "Sejak akhir tahun 2019, pengikut Instagram bertambah 53.732 pengikut, dari 12.310"
    )  # TikTok grew more in percent, from a later start: not the comparison made
    assert "masing-masing dihitung sejak" in sentence
