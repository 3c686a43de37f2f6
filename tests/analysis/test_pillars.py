"""Content pillars on a few captions: the first matching rule wins, staff overrides win over
rules, and the summary counts each post once."""

import pandas as pd

from kpureport.analysis import pillars
from kpureport.ingest.rules import OTHER, load_pillars

from .tables import posts

RULES = load_pillars()


def test_words_phrases_and_hashtags_match_whole_tokens():
    assert pillars.classify("Ayo #CekDPT sekarang", RULES) == "sosialisasi_tahapan"
    assert pillars.classify("pemilihanku", RULES) == OTHER
    assert pillars.classify(None, RULES) == OTHER


def test_a_long_caption_is_classified_in_linear_time():
    assert pillars.classify("a" * 200_000 + " " + "b " * 100_000, RULES) == OTHER


def test_staff_override_wins_and_every_post_is_counted_once():
    table = posts(
        ("2024-02-01 09:00", "instagram", 10, "Cek DPT online #cekdpt"),
        ("2024-02-02 09:00", "instagram", 30, "Foto bersama"),
        ("2024-02-03 09:00", "instagram", 20, "Foto kegiatan"),
    )
    overrides = pd.DataFrame({"platform": ["instagram"], "post_id": ["2"], "pillar": [OTHER]})
    overrides.loc[0, "pillar"] = "sosialisasi_tahapan"
    assigned = pillars.assign(table, 2024, RULES, overrides)
    assert list(assigned["pillar"]) == ["sosialisasi_tahapan", OTHER, "sosialisasi_tahapan"]
    assert list(assigned["by_staff"]) == [False, False, True]
    summary = pillars.summary(assigned, RULES).set_index("pillar")
    assert summary["posts"].sum() == 3
    assert summary.loc["sosialisasi_tahapan", "engagement_mean"] == 15.0
    assert summary.loc["sosialisasi_tahapan", "by_staff"] == 1
    assert summary.index[-1] == OTHER


def test_a_year_without_posts_gives_a_typed_empty_summary():
    assigned = pillars.assign(
        posts(("2023-05-01 10:00", "instagram", 1, "x")), 2024, RULES, pd.DataFrame()
    )
    summary = pillars.summary(assigned, RULES)
    assert summary.empty and summary["share"].dtype == "float64"
