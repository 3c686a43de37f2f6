"""YouTube Studio exports: the Total row is no video, Totals resaved by Excel read day first,
Indonesian headers and chart data; since 31 March 2025 every Shorts play is a view, and
"Engaged views" is the old count, read when the export has it."""

import datetime as dt

import pandas as pd

from kpureport.ingest import readers

from ...conftest import SAMPLES
from .helpers import FIXTURES, csv_rows, read

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


def test_youtube_total_row_is_not_a_video():
    path = SAMPLES / "youtube-studio-Table data.csv"
    rows = [r for r in csv_rows(path) if r["Content"] != "Total"]
    export = read(path)
    summary = readers.summary(export)
    assert summary["rows"] == len(rows) == 442
    assert "Total" not in set(export.table["post_id"])
    assert summary["totals"]["views"] == sum(int(r["Views"]) for r in rows)
    assert export.table.set_index("post_id").loc["UWQNrpakgcA", "published"].date() == dt.date(
        2025, 8, 28
    )


def test_youtube_totals_resaved_by_excel_are_read_day_first():
    summary = readers.summary(read(SAMPLES / "youtube-studio-Totals.csv"))
    rows = csv_rows(SAMPLES / "youtube-studio-Totals.csv")
    assert summary["start"] == "2025-06-13"  # 13-06-2025: the 13 settles day-first
    assert summary["rows"] == len(rows) == 365
    assert summary["totals"] == {"views": sum(int(r["Views"]) for r in rows)}


def test_youtube_indonesian_headers_and_chart_data():
    table = read(FIXTURES / "youtube-Data tabel.csv").table.set_index("post_id")
    assert list(table.index) == ["AbCdEfGhIjK", "LmNoPqRsTuV"]
    assert table.loc["AbCdEfGhIjK", "published"].date() == dt.date(2024, 8, 12)  # "12 Agu 2024"
    assert table.loc["LmNoPqRsTuV", "watch_hours"] == 5.25
    chart = read(FIXTURES / "youtube-Chart data.csv").table.set_index("date")["value"]
    assert chart.to_dict() == {pd.Timestamp("2025-08-28"): 120, pd.Timestamp("2025-08-29"): 115}
