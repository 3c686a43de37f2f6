"""TikTok Studio exports: the year of yearless days from the export's download day, undefined
values missing, every tab recognised as downloaded, other interface languages named; and the
Content tab: date, hour and year of each listed video from its id."""

import csv
import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kpureport.errors import DataError
from kpureport.ingest import readers
from kpureport.ingest.readers import ids, tiktok

from ...conftest import DATA
from .helpers import TIKTOK, csv_rows, read

WIB = "Asia/Pontianak"
HEADER = [
    "Time",
    "Video title",
    "Video link",
    "Post time",
    "Total likes",
    "Total comments",
    "Total shares",
    "Total views",
]
#: Downloaded 31 December 2025, 07:00 WIB (the Unix seconds TikTok puts in the name).
NAME = "Content_20220717_1767139200_kpu.contoh.csv"


def video_id(upload: str, low: int) -> str:
    """A video id as TikTok makes one: the upload's Unix seconds in the top 32 bits."""
    seconds = int(pd.Timestamp(upload).timestamp())
    return str((seconds << 32) | low)


def test_the_upload_time_is_the_top_32_bits_of_the_video_id():
    # the example video of TikTok's own embed documentation (@scout2015), uploaded July 2019
    assert ids.tiktok_time("6718335390845095173") == pd.Timestamp("2019-07-27 13:32:33", tz="UTC")
    assert ids.tiktok_time(video_id("2025-12-30 13:15:07+00:00", 0x5A3F_91C2)) == pd.Timestamp(
        "2025-12-30 13:15:07", tz="UTC"
    )
    assert ids.tiktok_time("12345") is None  # 1970: not a video id
    assert ids.tiktok_time("abc") is None


def _content(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADER)
        for title, link, posted in rows:
            writer.writerow(["December 31", title, link, posted, "10", "2", "1", "500"])


def test_listed_videos_get_date_hour_and_year_from_the_id_with_a_stated_fallback(tmp_path):
    link = "https://www.tiktok.com/@kpu.contoh/video/"
    late = video_id("2024-12-31 16:30:00+00:00", 77)  # 31 Dec 2024, 23:30 WIB
    rows = [
        [
            "Coklit hari terakhir",
            link + video_id("2025-12-30 13:15:07+00:00", 12345),
            "December 30",
        ],
        # "Dec 31" without a year and the export day 31 December 2025: the year rule would say
        # 2025; the id says the video is a year older
        ["Malam tahun baru", link + late, "Dec 31"],
        ["Tanpa ID", "https://www.tiktok.com/@kpu.contoh", "December 2"],
    ]
    path = tmp_path / NAME
    _content(path, rows)
    export = readers.read_export(path, WIB)
    videos = export.table.set_index("text")
    assert videos.loc["Coklit hari terakhir", "published"] == pd.Timestamp("2025-12-30 20:15:07")
    assert videos.loc["Malam tahun baru", "published"] == pd.Timestamp("2024-12-31 23:30")
    assert videos.loc["Tanpa ID", "published"] == pd.Timestamp("2025-12-02")
    assert videos["timed"].tolist() == [True, True, False]
    assert (
        "1 video TikTok dengan tautan tanpa ID video yang memuat waktu unggah"
        in export.notes[0].text
    )
    summary = readers.summary(export)
    assert (summary["start"], summary["end"]) == ("2024-12-31", "2025-12-30")


ZONE = "Asia/Jakarta"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_distribution_written_as_a_percent_is_a_share(tmp_path):
    path = _write(
        tmp_path,
        "FollowerGender_2024-12-31.csv",
        '"Gender","Distribution"\n"Female","57%"\n"Male","0.43"\n',
    )
    table = readers.read_exports(path, ZONE)[0].table
    assert table.set_index("key")["value"].to_dict() == {"Female": 0.57, "Male": 0.43}


def test_a_share_above_the_whole_is_refused(tmp_path):
    path = _write(
        tmp_path, "FollowerGender_2024-12-31.csv", '"Gender","Distribution"\n"Female","57"\n'
    )
    with pytest.raises(DataError) as caught:
        readers.read_exports(path, ZONE)
    assert caught.value.problems[0].column == "Distribution"


def test_an_hour_past_23_is_refused(tmp_path):
    path = _write(
        tmp_path,
        "FollowerActivity_2024-12-31.csv",
        '"Date","Hour","Active followers"\n"December 30","25","10"\n"December 30","3","4"\n',
    )
    with pytest.raises(DataError) as caught:
        readers.read_exports(path, ZONE)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "Hour")]


def test_a_download_time_in_the_future_is_refused(tmp_path):
    path = _write(
        tmp_path,
        "FollowerGender_2000000000_kpu.csv",
        '"Gender","Distribution"\n"Female","0.57"\n',
    )
    with pytest.raises(DataError) as caught:
        readers.read_exports(path, ZONE)
    assert "belum terjadi" in caught.value.problems[0].found


def test_digits_inside_a_handle_are_not_the_download_time():
    assert tiktok.export_day("Overview_2024-12-31_kpu1612345678.zip", ZONE) == dt.date(2024, 12, 31)
    assert tiktok.export_day("Overview_20220717_1735612200_kpu.contoh.zip", ZONE) == dt.date(
        2024, 12, 31
    )


def test_the_real_tiktok_overview_reads_with_the_year_of_its_anchor(tmp_path):
    path = tmp_path / "Overview_2024-04-20.csv"
    shutil.copy(TIKTOK, path)
    export = read(path)
    views = export.table[export.table["metric"] == "views"].set_index("date")["value"]
    rows = csv_rows(TIKTOK)
    assert export.format.name == "tiktok-overview" and export.platform == "tiktok"
    assert views[pd.Timestamp("2024-04-12")] == int(rows[0]["Video Views"])
    assert int(views.sum()) == sum(int(r["Video Views"]) for r in rows)


def test_tiktok_without_a_download_date_says_what_to_rename(tmp_path):
    path = tmp_path / "Overview.csv"
    shutil.copy(TIKTOK, path)
    with pytest.raises(DataError, match="Overview_2024-12-31.csv"):
        read(path)


def test_tiktok_days_later_than_the_export_day_belong_to_the_year_before(tmp_path):
    path = tmp_path / "Content_2025-01-18.csv"
    path.write_text(
        '\ufeff"Time","Video title","Video link","Post time","Total likes","Total comments",'
        '"Total shares","Total views"\n'
        '"January 18","Cek DPT","https://www.tiktok.com/@kpu/video/1","April 20","10","1","0","300"\n'
        '"January 18","Coklit","https://www.tiktok.com/@kpu/video/2","January 15","5","0","1","90"\n',
        encoding="utf-8",
    )
    export = read(path)
    assert export.format.kind == "top"  # listed videos, never a count of posts
    assert list(export.table["published"].dt.date) == [dt.date(2024, 4, 20), dt.date(2025, 1, 15)]


@pytest.mark.parametrize(
    ("day", "language"),
    [("18 tháng Sáu", "Vietnam"), ("9月16日", "Tionghoa"), ("18 января", "Rusia")],
)
def test_tiktok_in_another_interface_language_is_named(tmp_path, day, language):
    path = tmp_path / "Overview_2024-07-01.csv"
    path.write_text(
        f'"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"{day}","1","0","0","0","0"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=f"{language}.*English atau Bahasa Indonesia"):
        read(path)


def test_tiktok_undefined_is_missing_and_the_export_day_is_dropped(tmp_path):
    path = tmp_path / "FollowerHistory_2024-08-20.csv"
    path.write_text(
        '"Date","Followers","Difference in followers from previous day"\n'
        '"18 Agustus","100","7"\n"19 Agustus","undefined","undefined"\n"20 Agustus","107","0"\n',
        encoding="utf-8",
    )
    table = read(path).table
    assert table[["date", "metric", "value"]].values.tolist() == [
        [pd.Timestamp("2024-08-18"), "followers", 100]
    ]
    viewers = tmp_path / "Viewers_2024-08-20.csv"
    viewers.write_text(
        '"Date","Total Viewers","New Viewers","Returning Viewers"\n'
        '"August 17","50","30","20"\n"August 18","undefined","0","0"\n',
        encoding="utf-8",
    )
    assert read(viewers).table["date"].tolist() == [pd.Timestamp("2024-08-17")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "kosong"),
        ('"Date","Video Views","Profile Views","Likes","Comments","Shares"\n', "tidak ada baris"),
        (
            '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
            + '"April 12","undefined","undefined","undefined","undefined","undefined"\n' * 3,
            "tidak ada baris",
        ),
    ],
    ids=["empty", "header-only", "undefined-everywhere"],
)
def test_a_tiktok_file_without_data_says_so(tmp_path, content, message):
    path = tmp_path / "Overview_2024-04-20.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read(path)


TABS = {
    "Overview": "tiktok-overview",
    "FollowerHistory": "tiktok-follower-history",
    "FollowerActivity": "tiktok-follower-activity",
    "FollowerGender": "tiktok-follower-gender",
    "FollowerTopTerritories": "tiktok-follower-territories",
    "Viewers": "tiktok-viewers",
    "Content": "tiktok-content",
}


@pytest.mark.parametrize("tab", sorted(TABS))
def test_inspect_recognises_every_tiktok_tab_as_downloaded(tab, capsys):
    import json

    from kpureport import cli

    (path,) = sorted((DATA / "contoh" / "exports").glob(f"{tab}_*.zip"))[-1:]
    assert (
        cli.main(["inspect", str(path), "--json", "--office", "contoh", "--data", str(DATA)]) == 0
    )
    found = json.loads(capsys.readouterr().out)
    assert found["format"] == TABS[tab] and found["platform"] == "tiktok"
    assert found["rows"] > 0 and found["start"].startswith(("2023-12", "2024"))
    assert found["end"] <= "2024-12-31"
