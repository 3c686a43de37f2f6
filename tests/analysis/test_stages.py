"""Activity per election stage: stages clipped to the year, posts counted per stage day, and
the days outside every stage counted apart."""

import pandas as pd

from kpureport.analysis import stages

from .tables import posts

LOCAL = pd.DataFrame(
    {
        "start": pd.to_datetime(["2024-03-01"]),
        "end": pd.to_datetime(["2024-03-10"]),
        "stage": ["Pemungutan suara ulang"],
        "source": [""],
    }
)


def test_a_local_event_joins_the_national_stages_under_its_own_name():
    both = stages.with_local(LOCAL)
    own = both[both["kind"] == stages.LOCAL].iloc[0]
    assert stages.label(own) == "Pemungutan suara ulang" and pd.isna(own["source"])
    assert len(both) == len(stages.national()) + 1


def test_stages_are_clipped_to_the_year_with_inclusive_days():
    table = stages.in_year(LOCAL.assign(kind=stages.LOCAL, election=pd.NA), 2024)
    assert table["days"].tolist() == [10]
    spanning = LOCAL.assign(start=pd.Timestamp("2023-12-30"), kind="x", election="E")
    assert stages.in_year(spanning, 2024)["days"].tolist() == [31 + 29 + 10]  # from 1 January


def test_posts_inside_a_stage_and_outside_every_stage_per_day():
    only_local = stages.with_local(LOCAL)
    only_local = only_local[only_local["kind"] == stages.LOCAL]
    table = stages.activity(
        posts(
            ("2024-03-02 08:00", "instagram", 10, "a"),
            ("2024-03-10 23:30", "instagram", 20, "b"),
            ("2024-06-01 08:00", "instagram", 6, "c"),
        ),
        only_local,
        2024,
    )
    inside, outside = table.iloc[0], table.iloc[-1]
    assert (inside["days"], inside["posts"], inside["interactions"]) == (10, 2, 30.0)
    assert inside["posts_per_day"] == 0.2
    assert outside["kind"] == "luar" and outside["days"] == 366 - 10 and outside["posts"] == 1
