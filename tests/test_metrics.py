import pandas as pd

from kpureport.load import load_followers, load_profile
from kpureport.metrics import followers_at_year_end, platform_table

from .conftest import DATA, KKU


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
    assert float(table["share"][0]) == 75.0 and table["share"][3] is None
