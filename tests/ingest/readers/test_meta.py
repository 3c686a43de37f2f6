"""Meta Business Suite exports: posts and UTF-16 daily files, publish times in US Pacific time
(or the zone an office names) moved to the office's zone, stories with their own figures; and
the exports of 2024-2026: Views, organic and boosted distribution, seconds viewed, header names
in any case, two downloads of one post, and the stacked Audience file."""

import csv
import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kpureport.errors import DataError
from kpureport.ingest import readers
from kpureport.ingest.load import load_exports, load_profile

from ...conftest import DATA, KKU, ROOT
from .helpers import FIXTURES as EXPORTS
from .helpers import read

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exports" / "meta-2025"
WIB = "Asia/Pontianak"


def test_a_2025_facebook_export_gives_views_organic_and_boosted_reach_and_seconds_viewed():
    export = readers.read_export(FIXTURES / "Jan-01-2025_Jan-31-2025_5001.csv", WIB)
    assert export.format.name == "meta-post-facebook"
    posts = export.table.set_index("post_id")
    assert posts.loc["2001", ["views", "reach", "reach_organic", "reach_paid"]].tolist() == [
        1800,
        1200,
        1000,
        200,
    ]
    assert posts.loc["2001", ["views_organic", "views_paid"]].tolist() == [1500, 300]
    assert posts.loc["2002", "seconds_viewed"] == 41000
    assert posts.loc["2002", "avg_seconds_viewed"] == 8.2
    assert pd.isna(posts.loc["2001", "seconds_viewed"])  # a photo has none
    assert "impressions" not in posts.columns
    # Publish time is US Pacific: 01/05/2025 19:30 PST is 6 January, 10:30 WIB
    assert posts.loc["2001", "published"] == pd.Timestamp("2025-01-06 10:30", tz=WIB)
    summary = readers.summary(export)
    assert summary["totals"]["reach_paid"] == 200
    assert summary["totals"]["seconds_viewed"] == 41000


def test_header_names_are_matched_without_regard_to_case():
    export = readers.read_export(FIXTURES / "Jan-01-2025_Feb-28-2025_5001.csv", WIB)
    posts = export.table.set_index("post_id")
    assert posts.loc["2002", "engagements"] == 177  # "reactions, comments and shares"
    assert posts.loc["2002", "reach_organic"] == 3400  # "reach from organic posts"
    assert posts.loc["2002", "seconds_viewed"] == 52000  # "seconds viewed"
    assert posts.loc["2002", "reach"] == 3600  # columns in another order


def _office(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / KKU
    shutil.copytree(DATA / KKU, folder)
    shutil.rmtree(folder / "exports", ignore_errors=True)
    (folder / "exports").mkdir()
    for name in names:
        shutil.copyfile(FIXTURES / name, folder / "exports" / name)
    return folder


def test_a_post_downloaded_twice_takes_the_later_downloads_lifetime_figures(tmp_path):
    folder = _office(
        tmp_path, ["Jan-01-2025_Feb-28-2025_5001.csv", "Jan-01-2025_Jan-31-2025_5001.csv"]
    )
    # file times say the January download is the newer one; the names say otherwise
    os.utime(folder / "exports" / "Jan-01-2025_Feb-28-2025_5001.csv", (1_000_000_000,) * 2)
    exports = load_exports(folder, load_profile(folder))
    reel = exports.posts.set_index("post_id").loc["2002"]
    assert (reel["views"], reel["source"]) == (6200, "Jan-01-2025_Feb-28-2025_5001.csv")
    assert sorted(exports.posts["post_id"]) == ["2001", "2002", "2003"]
    coverage = exports.coverage.set_index("source")
    assert coverage.loc["Jan-01-2025_Jan-31-2025_5001.csv", "replaced"] == 1
    assert coverage.loc["Jan-01-2025_Feb-28-2025_5001.csv", "downloaded"] == pd.Timestamp(
        "2025-02-28"
    )


def test_the_audience_file_gives_age_and_gender_cities_and_countries_with_its_snapshot():
    export = readers.read_export(FIXTURES / "Audience_facebook_2025-12-31.csv", WIB)
    assert (export.format.name, export.format.kind, export.platform) == (
        "meta-audience",
        "audience",
        "facebook",
    )
    table = export.table
    assert set(table["snapshot"]) == {pd.Timestamp("2025-12-31")}
    by = table.set_index(["dimension", "key"])["value"]
    assert by[("age_gender", "18-24 Female")] == pytest.approx(0.142)
    assert by[("age_gender", "65+ Male")] == pytest.approx(0.007)
    assert by[("city", "Sukadana, Kalimantan Barat")] == pytest.approx(0.314)
    assert by[("country", "Indonesia")] == pytest.approx(0.978)
    assert len(table) == 12 + 3 + 2


def test_audience_counts_are_turned_into_shares_and_a_nameless_file_is_told_what_to_add(
    tmp_path,
):
    lines = [
        "sep=,",
        '"Age & gender"',
        '"Age","Women","Men"',
        '"18-24","30","10"',
        '"25-34","40","20"',
    ]
    raw = b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
    named = tmp_path / "Audience_instagram_2025-06-30.csv"
    named.write_bytes(raw)
    shares = readers.read_export(named, WIB).table.set_index("key")["value"]
    assert shares["25-34 Female"] == pytest.approx(0.4) and shares.sum() == pytest.approx(1)
    nameless = tmp_path / "Audience.csv"
    nameless.write_bytes(raw)
    with pytest.raises(DataError) as err:
        readers.read_export(nameless, WIB)
    assert "tanggal unduh dan nama platform" in err.value.problems[0].found


def test_inspect_json_shows_the_new_fields(capsys):
    import json

    from kpureport.cli import main

    path = FIXTURES / "Jan-01-2025_Feb-28-2025_5001.csv"
    assert main(["inspect", str(path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    totals = found["totals"]
    assert (totals["views"], totals["reach_organic"], totals["reach_paid"]) == (
        6200 + 2600,
        3400 + 1900,
        200,
    )
    assert (totals["views_organic"], totals["views_paid"]) == (5900 + 2600, 300)
    assert totals["seconds_viewed"] == 52000 + 15600
    assert (found["downloaded"], found["timed_posts"]) == ("2025-02-28", 2)


def test_a_page_level_daily_views_file_in_utf16_with_its_sep_line(tmp_path):
    lines = ["sep=,", '"Views"', '"Date","Primary"']
    lines += ['"2025-08-01T00:00:00","1200"', '"2025-08-03T00:00:00","950"']  # the 2nd: 0
    path = tmp_path / "Facebook Views.csv"
    path.write_bytes(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))
    export = readers.read_export(path, WIB)
    assert (export.format.name, export.platform) == ("meta-daily", "facebook")
    daily = export.table.set_index("date")
    assert set(daily["metric"]) == {"views"}
    assert daily["value"].to_dict() == {
        pd.Timestamp("2025-08-01"): 1200,
        pd.Timestamp("2025-08-03"): 950,
    }


CSV = ROOT / "tests" / "fixtures" / "exports" / "meta-facebook-posts.csv"


def test_a_meta_csv_saved_as_xlsx_with_dates_typed_by_excel_reads_the_same(tmp_path):
    with open(CSV, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("Publish time")
    book = openpyxl.Workbook()
    for i, row in enumerate(rows):
        cells = list(row)
        if i:
            cells[column] = dt.datetime.strptime(row[column], "%m/%d/%Y %H:%M")
        book.active.append(cells)
    path = tmp_path / "meta-facebook-posts.xlsx"
    book.save(path)
    typed = readers.read_exports(path, "Asia/Jakarta")[0].table
    plain = readers.read_exports(CSV, "Asia/Jakarta")[0].table
    pd.testing.assert_series_equal(typed["published"], plain["published"])
    assert len(typed) == len(plain)


def test_meta_post_exports_for_facebook_and_instagram():
    fb = read(EXPORTS / "meta-facebook-posts.csv").table.set_index("post_id")
    assert fb.loc["1002", "views"] == 2500  # "2,500"
    assert fb.loc["1002", "text"].startswith("Pengumuman hasil rekapitulasi\n")
    assert fb.loc["1001", "likes"] == 45 and fb.loc["1001", "engagements"] == 60
    # "12/31/2024 20:30" in US Pacific time (Meta's clock) is New Year's Day, 11:30 WIB.
    assert fb.loc["1001", "published"] == pd.Timestamp("2025-01-01 11:30", tz=WIB)
    ig = read(EXPORTS / "meta-instagram-posts.csv").table.set_index("post_id")
    assert ig.loc["1801", "impressions"] == 160 and ig.loc["1801", "comments"] == 45
    assert ig.loc["1802", "type"] == "IG story"


def test_meta_daily_files_in_utf16_take_their_platform_from_the_metric_line():
    fb = read(EXPORTS / "meta-facebook-follows.csv")
    assert fb.format.name == "meta-daily" and fb.platform == "facebook"
    assert list(fb.table["date"].dt.day) == [1, 2, 4]  # sparse: the 3rd had no follows
    assert fb.table["value"].sum() == 30
    assert read(EXPORTS / "meta-instagram-follows.csv").platform == "instagram"


IG_HEADER = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,"
    "Permalink,Post type,Data comment,Date,Impressions,Reach,Likes,Shares,Follows,Comments,Saves\n"
)


def _instagram(tmp_path: Path, times: list[str]) -> pd.Series:
    rows = "".join(
        f"{n},1784,kpu,KPU,Teks,0,{t},https://www.instagram.com/p/{n}/,IG image,,Lifetime,"
        "1,1,1,0,0,0,0\n"
        for n, t in enumerate(times, start=1)
    )
    path = tmp_path / "ig.csv"
    path.write_text(IG_HEADER + rows, encoding="utf-8-sig")
    return read(path).table.set_index("post_id")["published"]


def test_meta_publish_time_is_us_pacific_converted_to_the_office_zone(tmp_path):
    published = _instagram(
        tmp_path,
        [
            "12/31/2023 20:00",  # New Year's Eve in California: New Year's Day in Pontianak
            "06/30/2024 09:30",  # summer (PDT, UTC-7): 23:30 WIB the same day
            "07/01/2024 10:30",  # after midnight WIB: the next day, 00:30
            "03/10/2024 01:30",  # the night daylight saving begins (PST, UTC-8)
            "03/10/2024 03:30",  # the same night, after the change (PDT)
            "11/03/2024 01:30",  # the hour repeated when it ends: taken as the first (PDT)
        ],
    )
    assert published["1"] == pd.Timestamp("2024-01-01 11:00", tz=WIB)
    assert published["2"] == pd.Timestamp("2024-06-30 23:30", tz=WIB)
    assert published["3"] == pd.Timestamp("2024-07-02 00:30", tz=WIB)
    assert published["4"] == pd.Timestamp("2024-03-10 16:30", tz=WIB)
    assert published["5"] == pd.Timestamp("2024-03-10 17:30", tz=WIB)
    assert published["6"] == pd.Timestamp("2024-11-03 15:30", tz=WIB)


def test_an_office_may_name_the_zone_meta_writes_in(tmp_path):
    path = tmp_path / "ig.csv"
    path.write_text(
        IG_HEADER + "1,1784,kpu,KPU,T,0,12/31/2023 20:00,https://x/p/1/,IG image,,Lifetime,"
        "1,1,1,0,0,0,0\n",
        encoding="utf-8-sig",
    )
    table = read(path, meta_timezone="UTC").table
    assert table["published"].iloc[0] == pd.Timestamp("2024-01-01 03:00", tz=WIB)


STORY_HEADER = (
    IG_HEADER.rstrip("\n") + ",Profile visits,Replies,Link clicks,Navigation,Sticker taps\n"
)


def test_meta_story_rows_are_stories_with_their_own_figures(tmp_path):
    from kpureport.analysis import metrics

    path = tmp_path / "ig.csv"
    path.write_text(
        STORY_HEADER
        + "1,1784,kpu,KPU,Cek DPT,0,03/27/2024 06:08,https://x/p/1/,IG image,,Lifetime,"
        "160,100,30,2,4,5,1,,,,,\n"
        "2,1784,kpu,KPU,Polling,15,03/14/2024 20:00,https://x/s/2/,IG story,,Lifetime,"
        "90,70,0,1,0,0,0,3,4,2,60,41\n"
        "3,1784,kpu,KPU,Info,15,03/15/2024 02:00,https://x/s/3/,IG story,,Lifetime,"
        "50,40,0,0,0,0,0,1,0,0,30,0\n",
        encoding="utf-8-sig",
    )
    posts = read(path).table
    assert posts["story"].tolist() == [False, True, True]
    assert metrics.posts_in_year(posts, 2024)["post_id"].tolist() == ["1"]
    summary = metrics.story_summary(posts, 2024).iloc[0]
    assert (summary["stories"], summary["reach"], summary["replies"]) == (2, 110, 4)
    assert summary["sticker_taps"] == 41 and summary["clicks"] == 2
    # 14 March 20:00 in California is 15 March 11:00 in Pontianak: both stories are that day.
    assert metrics.sticker_taps_on(posts, pd.Timestamp("2024-03-15"), "instagram") == 41
    assert metrics.sticker_taps_on(posts, pd.Timestamp("2024-03-14"), "instagram") is None
    assert metrics.stories_per_month(posts, 2024).loc[3, "instagram"] == 2


def test_facebook_stories_are_stories_too(tmp_path):
    fixture = EXPORTS / "meta-facebook-posts.csv"
    header, first = fixture.read_text(encoding="utf-8-sig").splitlines()[:2]
    story = first.replace("1001,", "1009,", 1).replace(",Photos,", ",Stories,")
    path = tmp_path / "fb.csv"
    path.write_text(
        f"{header},Replies,Sticker taps\n{first},,\n{story},2,7\n", encoding="utf-8-sig"
    )
    posts = read(path).table.set_index("post_id")
    assert not posts.loc["1001", "story"] and posts.loc["1009", "story"]
    assert posts.loc["1009", "sticker_taps"] == 7 and posts.loc["1009", "replies"] == 2
