"""Achievement against targets as an LKj table, on a small targets table and realisations
given by a function (as the report's figures give them)."""

import pandas as pd

from kpureport.analysis.targets import achievement
from kpureport.ingest.rules import default_scale

TARGETS = pd.DataFrame(
    {
        "year": [2024, 2024, 2024, 2023],
        "indicator": ["unggahan", "pengikut", "masukan", "unggahan"],
        "platform": ["instagram", None, None, None],
        "target": [100.0, 1000.0, 50.0, 10.0],
    }
)


def realised(indicator: str, platform: str | None) -> float | None:
    return {("unggahan", "instagram"): 95.0, ("pengikut", None): 400.0}.get((indicator, platform))


def test_each_target_of_the_year_gets_its_realisation_achievement_and_category():
    table = achievement(TARGETS, 2024, realised, default_scale())
    assert list(table["indicator"]) == ["unggahan", "pengikut", "masukan"]
    assert list(table["achievement"].iloc[:2]) == [95.0, 40.0]
    assert list(table["category"].iloc[:2]) == ["Sangat Tinggi", "Sangat Rendah"]


def test_a_realisation_the_data_lacks_is_left_empty_not_zero():
    row = achievement(TARGETS, 2024, realised, default_scale()).iloc[2]
    assert pd.isna(row["realisation"]) and pd.isna(row["achievement"])
    assert pd.isna(row["category"])


def test_a_year_without_targets_gives_a_typed_empty_table():
    table = achievement(TARGETS, 2030, realised, default_scale())
    assert table.empty and table["achievement"].dtype == "float64"
