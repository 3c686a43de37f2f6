"""The summary's figures: the scorecard recomputed from the demo office's own exports, the
longest gap and the silent election days on data built to provoke them, and ties among the
lowest targets."""

import pandas as pd
import pytest

from kpureport import Report
from kpureport.analysis import summary

from ..conftest import DATA


@pytest.fixture(scope="module")
def demo() -> Report:
    return Report.load("contoh", 2024, DATA)


def _posts(*stamps: str, platform: str = "instagram") -> pd.DataFrame:
    published = pd.to_datetime(list(stamps)).tz_localize("Asia/Pontianak")
    return pd.DataFrame({"platform": platform, "published": published})


def test_scorecard_counts_each_platform_from_its_own_posts(demo):
    card = demo.scorecard.set_index("platform")
    posts = demo.year_posts
    for platform in ("instagram", "facebook", "twitter", "youtube"):
        mine = posts[posts["platform"] == platform]
        assert card.loc[platform, "posts"] == len(mine)
        assert card.loc[platform, "months_with_posts"] == mine["published"].dt.month.nunique()
    assert list(card.index) == [a.platform for a in demo.profile.accounts]
    # TikTok Studio gives no post list: its posts are not recorded, not zero
    assert pd.isna(card.loc["tiktok", "posts"]) and pd.isna(card.loc["tiktok", "longest_gap"])
    # its rate is on its own basis, and named
    assert card.loc["tiktok", "base_label"].startswith("penayangan")
    assert card.loc["instagram", "base_label"] == "jangkauan"
    growth = demo.growth_table.set_index("platform")
    assert card.loc["twitter", "change"] == growth.loc["twitter", "change"] < 0


def test_longest_gap_counts_from_the_year_start_and_to_its_end():
    days = pd.Series(pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-20", "2024-12-31"]))
    assert summary.longest_gap(days, 2024) == 345  # 21 January to 30 December
    late = pd.Series(pd.to_datetime(["2024-01-01", "2024-12-01"]))
    assert summary.longest_gap(late, 2024) == 334  # 2 January to 30 November
    assert summary.longest_gap(pd.Series(pd.to_datetime(["2024-12-21"])), 2024) == 355


def test_voting_day_and_quiet_days_without_a_post_are_listed():
    stages = pd.DataFrame(
        {
            "election": ["Pemilihan 2024", "Pemilihan 2024", "Pemilihan 2024"],
            "stage": ["masa tenang", "pemungutan suara", "masa kampanye"],
            "kind": ["masa_tenang", "pemungutan_suara", "kampanye"],
            "start": pd.to_datetime(["2024-11-24", "2024-11-27", "2024-09-25"]),
            "end": pd.to_datetime(["2024-11-26", "2024-11-27", "2024-11-23"]),
        }
    )
    stages["days"] = (stages["end"] - stages["start"]).dt.days + 1
    posts = _posts("2024-11-24 08:00", "2024-11-26 23:30", "2024-10-01 09:00")
    silent = summary.silent_stage_days(posts, stages)
    assert [d.day for d in silent["day"]] == [25, 27]
    assert list(silent["kind"]) == ["masa_tenang", "pemungutan_suara"]
    assert summary.watched_stage_days(stages) == 4
    # with no post data at all nothing is known about those days: nothing is claimed
    assert summary.silent_stage_days(posts.iloc[0:0], stages).empty


def test_every_target_sharing_the_lowest_printed_achievement_is_named():
    table = pd.DataFrame(
        {
            "label": ["Polling", "Klarifikasi", "Unggahan", "Pengikut", "Masukan"],
            # 75,04 and 74,96 both print as 75,0%: equal as the reader sees them
            "achievement": [75.04, 74.96, 102.8, 94.3, float("nan")],
        }
    )
    status = summary.target_status(table)
    assert (status["total"], status["reached"], status["missed"], status["unmeasured"]) == (
        5,
        1,
        3,
        1,
    )
    assert list(status["lowest"]["label"]) == ["Polling", "Klarifikasi"]
