"""YouTube Studio since 31 March 2025: every Shorts play is a view; "Engaged views" is the old
count, read when the export has it."""

import pandas as pd

from kpureport.ingest import readers

WIB = "Asia/Pontianak"


def test_engaged_views_are_read_beside_views_in_table_data(tmp_path):
    path = tmp_path / "Table data.csv"
    path.write_text(
        "Content,Video title,Video publish time,Duration,Views,Engaged views,"
        "Watch time (hours),Subscribers\n"
        "Total,,,,9800,3100,120.5,14\n"
        'aB3dE5fG7h1,Short coklit,"Apr 2, 2025",42,8000,1900,60.2,9\n'
        'Zx9Yw8Vu7t6,Debat publik,"Mar 12, 2025",3600,1800,1200,60.3,5\n',
        encoding="utf-8",
    )
    export = readers.read_export(path, WIB)
    posts = export.table.set_index("post_id")
    assert posts.loc["aB3dE5fG7h1", ["views", "engaged_views"]].tolist() == [8000, 1900]
    assert readers.summary(export)["totals"]["engaged_views"] == 3100


def test_a_totals_file_of_engaged_views_is_a_daily_export(tmp_path):
    path = tmp_path / "Totals.csv"
    path.write_text(
        "Date,Engaged views\n2025-03-30,40\n2025-03-31,52\n2025-04-01,47\n", encoding="utf-8"
    )
    export = readers.read_export(path, WIB)
    assert export.format.name == "youtube-totals"
    daily = export.table.set_index("date")
    assert set(daily["metric"]) == {"engaged_views"}
    assert daily.loc[pd.Timestamp("2025-03-31"), "value"] == 52
