"""Time to answer the public per channel: median and observed 90th percentile of those
answered, and the share within 1x24 hours of all received (unanswered included)."""

import pandas as pd

from kpureport.analysis.responsiveness import answer_times, clarifications_in_year


def questions(*rows: tuple[str, str | None, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "received": pd.to_datetime([r[0] for r in rows]),
            "answered": pd.to_datetime([r[1] for r in rows]),
            "channel": [r[2] for r in rows],
        }
    )


def test_per_channel_then_all_channels():
    table = answer_times(
        questions(
            ("2024-01-01 08:00", "2024-01-01 10:00", "WhatsApp"),
            ("2024-01-02 08:00", "2024-01-03 20:00", "WhatsApp"),
            ("2024-01-03 08:00", None, "Instagram"),
            ("2023-12-31 08:00", "2024-01-01 08:00", "WhatsApp"),
        ),
        2024,
    )
    assert table["channel"].iloc[:2].tolist() == ["Instagram", "WhatsApp"]
    assert pd.isna(table["channel"].iloc[2])  # all channels
    whatsapp, total = table.iloc[1], table.iloc[2]
    assert (whatsapp["received"], whatsapp["answered"], whatsapp["within"]) == (2, 2, 1)
    assert whatsapp["median_hours"] == 19.0 and whatsapp["p90_hours"] == 36.0
    assert (total["received"], total["unanswered"]) == (3, 1)
    assert round(total["within_share"], 2) == 33.33


def test_a_year_without_questions_is_a_typed_empty_table():
    table = answer_times(questions(("2023-01-01 08:00", None, "WhatsApp")), 2024)
    assert table.empty and table["within_share"].dtype == "float64"


def test_clarifications_of_the_year_only():
    rows = pd.DataFrame({"date": pd.to_datetime(["2023-05-01", "2024-02-01"]), "issue": ["a", "b"]})
    assert clarifications_in_year(rows, 2024)["issue"].tolist() == ["b"]
