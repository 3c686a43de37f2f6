import pandas as pd

from kpureport.analysis.metrics import followers_at_year_end, platform_table
from kpureport.ingest.load import load_followers, load_profile

from ..conftest import DATA, KKU


def _counts(rows):
    return pd.DataFrame(rows, columns=["date", "platform", "followers"]).assign(
        date=lambda f: pd.to_datetime(f["date"])
    )


def test_platform_table_of_the_seed_is_largest_first_with_shares():
    table = platform_table(load_profile(DATA / KKU), load_followers(DATA / KKU), 2021)
    assert list(table["platform"]) == ["instagram", "facebook", "twitter", "youtube"]
    assert list(table["followers"]) == [1030, 659, 350, 25]
    assert sum(table["followers"]) == 2064
    assert [round(float(s), 3) for s in table["share"]] == [49.903, 31.928, 16.957, 1.211]


def test_the_last_count_of_the_year_is_taken():
    counts = _counts(
        [
            ("2021-01-31", "instagram", 900),
            ("2021-12-31", "instagram", 1100),
            ("2022-01-31", "instagram", 1200),
            ("2021-06-30", "twitter", 10),
        ]
    )
    end = followers_at_year_end(counts, 2021).set_index("platform")["followers"].to_dict()
    assert end == {"instagram": 1100, "twitter": 10}


def test_accounts_without_a_count_stay_in_the_table_without_a_share():
    counts = _counts([("2021-06-30", "instagram", 30), ("2021-06-30", "twitter", 10)])
    table = platform_table(load_profile(DATA / KKU), counts, 2021)
    assert list(table["platform"][:2]) == ["instagram", "twitter"]
    assert table["followers"].isna().sum() == 2
    assert table["share"][0] == 75.0 and pd.isna(table["share"][3])
    assert table["share"].dtype == "float64" and table["followers"].dtype == "Int64"


from kpureport.analysis import metrics  # noqa: E402


def _history(rows):
    return metrics.year_end_history(_counts(rows))


def test_growth_is_worked_out_against_the_previous_year_end():
    history = _history(
        [
            ("2023-06-30", "instagram", 50000),
            ("2023-12-31", "instagram", 54405),
            ("2024-12-31", "instagram", 66042),
            ("2023-12-31", "twitter", 4610),
            ("2024-12-31", "twitter", 4302),
            ("2024-12-31", "tiktok", 9804),
        ]
    )
    table = metrics.growth(history, 2024).set_index("platform")
    # (66042 - 54405) / 54405 = 11637 / 54405 = 0.213895...
    assert table.loc["instagram", "change"] == 11637
    assert round(table.loc["instagram", "change_pct"], 4) == 21.3896
    assert table.loc["twitter", "change"] == -308  # 308 / 4610 = 6,68 %
    assert round(table.loc["twitter", "change_pct"], 2) == -6.68
    assert pd.isna(table.loc["tiktok", "previous"]) and pd.isna(table.loc["tiktok", "change_pct"])


def _posts(rows):
    frame = pd.DataFrame(
        rows,
        columns=[
            "platform",
            "post_id",
            "published",
            "likes",
            "comments",
            "shares",
            "reach",
            "impressions",
        ],
    )
    frame["published"] = pd.to_datetime(frame["published"]).dt.tz_localize("Asia/Pontianak")
    frame["type"] = "foto"
    frame["text"] = "teks"
    frame["link"] = "https://contoh.invalid"
    frame["story"] = False
    frame["timed"] = True
    return frame.astype(
        {c: "Int64" for c in ("likes", "comments", "shares", "reach", "impressions")}
    )


POSTS = _posts(
    [
        ("instagram", "1", "2024-01-06 19:00", 40, 5, 5, 1000, 1500),  # Saturday, 50 interactions
        ("instagram", "2", "2024-01-08 08:00", 8, 1, 1, 400, 600),  # Monday, 10
        ("instagram", "3", "2024-02-10 19:30", 70, 20, 10, 1600, 2000),  # Saturday, 100
        ("twitter", "4", "2024-02-12 08:00", 3, 1, 1, None, 250),  # no reach: impressions
        ("twitter", "5", "2023-12-31 23:00", 9, 9, 9, None, 90),  # previous year
    ]
)


def test_engagement_rate_uses_reach_where_every_post_has_it_else_impressions():
    rates = metrics.engagement_rates(POSTS, 2024, _history([])).set_index("platform")
    # Instagram: (50 + 10 + 100) / (1000 + 400 + 1600) = 160 / 3000 = 5,33 %
    assert (
        rates.loc["instagram", "base"] == "reach" and rates.loc["instagram", "interactions"] == 160
    )
    assert round(rates.loc["instagram", "rate"], 4) == 5.3333
    # X: 5 / 250 = 2 %, by impressions because the export has no reach
    assert rates.loc["twitter", "base"] == "impressions" and rates.loc["twitter", "rate"] == 2


def test_engagement_by_followers_when_the_export_has_no_audience_figures():
    posts = POSTS.drop(columns=["reach", "impressions"])
    history = _history([("2024-12-31", "instagram", 400)])
    rates = metrics.engagement_rates(posts, 2024, history).set_index("platform")
    # 160 interactions / (400 followers x 3 posts) = 13,33 %
    assert rates.loc["instagram", "base"] == "followers"
    assert round(rates.loc["instagram", "rate"], 2) == 13.33
    assert pd.isna(rates.loc["twitter", "rate"])  # no follower count to divide by


def test_posts_per_month_and_best_times_in_office_time():
    per_month = metrics.posts_per_month(POSTS, 2024)
    assert per_month.loc[1].to_dict() == {"instagram": 2, "twitter": 0}
    assert per_month.loc[2].to_dict() == {"instagram": 1, "twitter": 1}
    assert per_month.loc[12].sum() == 0  # the post of 31 Dec 2023 belongs to 2023
    by_day, by_hour = metrics.engagement_by_time(POSTS, 2024)
    by_day, by_hour = (
        by_day.set_index(["platform", "weekday"]),
        by_hour.set_index(["platform", "hour"]),
    )
    saturday = by_day.loc[("instagram", "Sabtu")]
    assert saturday["posts"] == 2 and saturday["engagement_mean"] == 75  # (50 + 100) / 2
    # Platforms are never pooled: 08.00 is 10 on Instagram and 5 on X, not 7,5
    assert by_hour.loc[("instagram", 8), "engagement_mean"] == 10
    assert by_hour.loc[("twitter", 8), "engagement_mean"] == 5


def _many(platform, days_hours, interactions, timed=True):
    rows = [
        (platform, f"{platform}{i}", f"2024-03-{day:02d} {hour:02d}:10", n, 0, 0, 100, 100)
        for i, ((day, hour), n) in enumerate(zip(days_hours, interactions, strict=True))
    ]
    posts = _posts(rows)
    posts["timed"] = timed
    return posts


def test_best_times_need_five_posts_in_a_slot_and_say_how_many():
    # Instagram: five posts on Monday 4 March at 09.xx (10 each), four on Tuesday at 20.xx
    # (100 each): Tuesday and 20.00 have the higher mean but too few posts to count.
    posts = _many("instagram", [(4, 9)] * 5 + [(5, 20)] * 4, [10] * 5 + [100] * 4)
    best = metrics.best_times(posts, 2024).set_index("platform").loc["instagram"]
    assert (best["day"], best["day_posts"], best["day_mean"]) == ("Senin", 5, 10)
    assert (best["hour"], best["hour_posts"], best["hour_mean"]) == (9, 5, 10)
    few = metrics.best_times(posts.iloc[:4], 2024).set_index("platform").loc["instagram"]
    assert pd.isna(few["day"]) and pd.isna(few["hour"])


def test_posts_dated_without_an_hour_count_for_the_day_only():
    # The new X export gives only the date: its posts must not all fall at 00.00.
    posts = _many("twitter", [(7, 0)] * 6, [3] * 6, timed=False)
    best = metrics.best_times(posts, 2024).set_index("platform").loc["twitter"]
    assert best["day"] == "Kamis" and best["day_posts"] == 6
    assert pd.isna(best["hour"]) and best["timed_posts"] == 0


def test_top_posts_are_ranked_by_interactions():
    top = metrics.top_posts(POSTS, 2024, n=2)
    assert list(top["engagement"]) == [100, 50]


def test_wilson_interval_matches_the_hand_computation():
    # 130 of 200: p = 0,65; centre = (0,65 + 1,96^2/400) / (1 + 1,96^2/200) = 0,64717;
    # half = 1,96 * sqrt(0,65 * 0,35 / 200 + 1,96^2 / 160000) / 1,019207 = 0,06554
    low, high = metrics.wilson_interval(130, 200)
    assert round(low, 4) == 0.5816 and round(high, 4) == 0.7127
    low, high = metrics.wilson_interval(0, 10)  # no votes: the interval still has a width
    assert low == 0 and round(high, 4) == 0.2775


def test_poll_results_give_share_interval_and_total():
    polls = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-02-01"] * 2),
            "platform": "instagram",
            "question": "Sudah cek DPT?",
            "option": ["Sudah", "Belum"],
            "votes": [130, 70],
        }
    )
    results = metrics.poll_results(polls, 2024).set_index("option")
    assert results.loc["Sudah", "share"] == 65 and results.loc["Sudah", "total"] == 200
    assert round(results.loc["Belum", "low"], 2) == 28.73


def _daily(rows):
    return pd.DataFrame(rows, columns=["platform", "date", "metric", "value"]).assign(
        date=lambda f: pd.to_datetime(f["date"])
    )


def test_a_platform_without_post_exports_is_rated_per_view_from_daily_figures():
    daily = _daily(
        [
            ("tiktok", "2024-03-01", "views", 1000),
            ("tiktok", "2024-03-02", "views", 1000),
            ("tiktok", "2024-03-01", "likes", 50),
            ("tiktok", "2024-03-02", "comments", 5),
            ("tiktok", "2024-03-02", "shares", 15),
            ("tiktok", "2023-12-31", "likes", 999),  # another year
            ("instagram", "2024-03-01", "views", 10),  # has posts: rated from them
            ("instagram", "2024-03-01", "likes", 10),
            ("instagram", "2024-03-01", "comments", 10),
            ("instagram", "2024-03-01", "shares", 10),
        ]
    )
    rates = metrics.engagement_rates(POSTS, 2024, _history([]), daily).set_index("platform")
    # (50 + 5 + 15) / 2000 views = 3,5 %
    assert rates.loc["tiktok", "base"] == "daily_views" and pd.isna(rates.loc["tiktok", "posts"])
    assert rates.loc["tiktok", "interactions"] == 70 and rates.loc["tiktok", "rate"] == 3.5
    assert rates.loc["instagram", "base"] == "reach"


def test_top_videos_are_the_year_s_listed_videos_by_views():
    videos = pd.DataFrame(
        {
            "platform": "tiktok",
            "published": pd.to_datetime(["2024-04-20", "2025-01-15", "2024-11-02"]),
            "text": ["a", "b", "c"],
            "link": ["l1", "l2", "l3"],
            "views": [300, 900, 500],
            "likes": [10, 90, 20],
            "comments": [1, 0, 2],
            "shares": [0, 1, 3],
            "snapshot": pd.Timestamp("2025-01-18"),
        }
    )
    top = metrics.top_videos(videos, 2024)
    assert top["link"].tolist() == ["l3", "l1"] and top["engagement"].tolist() == [25, 11]


def test_active_followers_are_averaged_per_hour_over_the_snapshot_days():
    audience = pd.DataFrame(
        {
            "platform": "tiktok",
            "snapshot": pd.Timestamp("2024-12-31"),
            "dimension": "active_by_hour",
            "key": ["2024-12-29 20", "2024-12-30 20", "2024-12-29 03"],
            "value": [100.0, 140.0, 10.0],
        }
    )
    table = metrics.active_by_hour(audience, 2024).set_index("hour")
    assert table.loc[20, "active"] == 120 and table.loc[20, "days"] == 2
    assert table.loc[3, "active"] == 10 and pd.isna(table.loc[5, "active"])
    assert table.attrs["snapshot"] == pd.Timestamp("2024-12-31")
    assert metrics.active_by_hour(audience, 2023).empty


def test_coverage_is_clipped_to_the_year_and_names_the_files():
    coverage = pd.DataFrame(
        {
            "platform": ["tiktok", "tiktok", "instagram"],
            "kind": ["daily", "daily", "posts"],
            "format": ["tiktok-overview", "tiktok-viewers", "meta-post-instagram"],
            "title": ["", "", ""],
            "source": ["b.zip/Overview.csv", "a.zip/Viewers.csv", "ig-2023.csv"],
            "start": pd.to_datetime(["2023-12-01", "2024-01-01", "2023-01-01"]),
            "end": pd.to_datetime(["2024-12-29", "2024-12-29", "2023-12-31"]),
        }
    )
    table = metrics.coverage_in_year(coverage, 2024)
    assert table[["platform", "kind"]].values.tolist() == [["tiktok", "daily"]]
    row = table.iloc[0]
    assert (row["start"], row["end"]) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-29"))
    assert row["files"] == ["a.zip/Viewers.csv", "b.zip/Overview.csv"]


def test_posts_without_interaction_counts_are_not_ranked():
    """A YouTube table of views only gives no interactions: such posts are left out, never
    ranked as if they had none (and never break the table's numbers)."""
    posts = POSTS.copy()
    counts = ["likes", "comments", "shares"]
    posts.loc[posts["post_id"] == "3", counts] = pd.NA  # the post with 100 interactions
    top = metrics.top_posts(posts, 2024, n=5)
    assert list(top["engagement"]) == [50, 10, 5]
    posts[counts] = pd.NA
    assert metrics.top_posts(posts, 2024).empty
