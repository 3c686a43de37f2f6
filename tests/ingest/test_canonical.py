"""The canonical tables: typed even when empty, each post once with the newest export's
totals, and daily figures that two exports disagree on listed."""

import pandas as pd

from kpureport.ingest import canonical


def _posts(source: str, likes: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "platform": ["instagram"],
            "post_id": ["p1"],
            "published": pd.to_datetime(["2024-01-01 08:00"]).tz_localize("Asia/Jakarta"),
            "likes": [likes],
            "source": [source],
        }
    )


def test_an_empty_table_has_typed_columns_in_the_office_zone():
    posts = canonical.empty("posts", "Asia/Jakarta")
    assert str(posts["published"].dtype) == "datetime64[ns, Asia/Jakarta]"
    assert posts["story"].dtype == bool and "source" in posts.columns


def test_a_post_in_two_exports_is_counted_once_with_the_newest_totals():
    merged = canonical.merge_posts([_posts("lama.csv", 10), _posts("baru.csv", 25)])
    assert (
        len(merged) == 1
        and merged["likes"].iloc[0] == 25
        and merged["source"].iloc[0] == "baru.csv"
    )
    assert not merged["story"].iloc[0] and merged["timed"].iloc[0]


def test_days_two_exports_disagree_on_are_listed_and_rounding_is_not():
    def daily(source: str, value: float) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "platform": ["youtube", "youtube"],
                "date": pd.to_datetime(["2024-01-01", "2024-01-02"]),
                "metric": ["views", "views"],
                "value": [value, 100.0],
                "source": [source, source],
            }
        )

    conflicts = canonical.daily_conflicts([daily("a.csv", 50.0), daily("b.csv", 80.0)])
    assert conflicts[["date", "value", "other_value"]].values.tolist() == [
        [pd.Timestamp("2024-01-01"), 80.0, 50.0]
    ]
    assert canonical.daily_conflicts([daily("a.csv", 50.0), daily("b.csv", 50.6)]).empty


def test_months_without_daily_figures_between_first_and_last_day():
    daily = pd.DataFrame(
        {"platform": ["tiktok", "tiktok"], "date": pd.to_datetime(["2024-01-05", "2024-04-01"])}
    )
    gaps = canonical.daily_gaps(daily)
    assert [str(m) for m in gaps["month"]] == ["2024-02", "2024-03"]
