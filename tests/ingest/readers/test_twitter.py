"""X exports: the legacy tweet activity file counted and moved from UTC to the office's zone,
the new exports with their thousands commas, and the exact time of each post of a content export
from its Snowflake id."""

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from kpureport.analysis import metrics
from kpureport.ingest import readers
from kpureport.ingest.readers import ids

from ...conftest import SAMPLES
from .helpers import FIXTURES, csv_rows, read

WIB = "Asia/Pontianak"
HEADER = [
    "Post id",
    "Date",
    "Post text",
    "Post Link",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Detail Expands",
    "URL Clicks",
    "Hashtag Clicks",
    "Permalink Clicks",
]


def _real_pairs() -> list[tuple[str, dt.datetime]]:
    """Tweet ids and their times (UTC, to the minute) from the real legacy export."""
    with (SAMPLES / "tweet_activity_metrics_2021-01_en.csv").open(encoding="utf-8") as f:
        return [
            (r["Tweet id"], dt.datetime.strptime(r["time"], "%Y-%m-%d %H:%M %z"))
            for r in csv.DictReader(f)
        ]


def test_snowflake_ids_give_the_times_of_the_real_export():
    pairs = _real_pairs()
    assert len(pairs) == 40
    for post_id, written in pairs:
        moment = ids.snowflake_time(post_id)
        assert moment.floor("min") == pd.Timestamp(written), post_id


def _content_export(path: Path, pairs, ids_of=lambda i: i) -> None:
    """An X content export of the real posts, with only the day, as X writes it."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number, (post_id, written) in enumerate(pairs):
            day = written.strftime("%a, %b %-d, %Y")
            link = f"https://x.com/kpu_contoh/status/{post_id}"
            writer.writerow(
                [ids_of(post_id), day, f"unggahan {number}", link, 100 + number, 3, 9]
                + [0] * (len(HEADER) - 7)
            )


def test_x_content_exports_get_the_time_of_day_from_the_post_id(tmp_path):
    pairs = _real_pairs()
    path = tmp_path / "account_analytics_content_2021-01-01_2021-01-31.csv"
    _content_export(path, pairs)
    export = readers.read_export(path, WIB)
    posts = export.table.set_index("post_id")
    assert posts["timed"].all() and not export.notes
    for post_id, written in pairs:
        local = posts.loc[post_id, "published"]
        assert local.tz.key == WIB
        assert local.floor("min") == pd.Timestamp(written).tz_convert(WIB), post_id
    best = metrics.best_times(export.table.assign(story=False, source="x"), 2021, minimum=1)
    assert best.set_index("platform").loc["twitter", "timed_posts"] == 40


def test_an_id_that_is_not_a_snowflake_keeps_the_day_without_an_hour(tmp_path):
    pairs = _real_pairs()[:3]
    path = tmp_path / "account_analytics_content_2021-01-01_2021-01-31.csv"
    legacy = {pairs[0][0]: "20", pairs[1][0]: "X-" + pairs[1][0]}
    _content_export(path, pairs, ids_of=lambda i: legacy.get(i, i))
    export = readers.read_export(path, WIB)
    posts = export.table.set_index("post_id")
    assert posts.loc["20", "timed"] == False  # noqa: E712 (a numpy bool)
    assert posts.loc["20", "published"] == pd.Timestamp(pairs[0][1].date(), tz=WIB)
    assert posts["timed"].tolist() == [False, False, True]
    assert "2 unggahan X dengan ID yang bukan ID Snowflake" in export.notes[0].text


@pytest.mark.parametrize("shift", [dt.timedelta(days=3), -dt.timedelta(days=3)])
def test_an_id_whose_time_contradicts_the_written_day_is_not_used(tmp_path, shift):
    post_id, written = _real_pairs()[0]
    path = tmp_path / "account_analytics_content_2021-01-01_2021-01-31.csv"
    _content_export(path, [(post_id, written + shift)])
    posts = readers.read_export(path, WIB).table
    assert not posts["timed"].iloc[0]


SAMPLE = SAMPLES / "tweet_activity_metrics_2021-01_en.csv"


def test_every_tweet_once_with_its_figures_in_the_office_zone():
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    export = readers.read_export(SAMPLE, "Asia/Jakarta")
    posts = export.table
    assert export.format.name == "twitter-tweet-activity" and len(posts) == len(rows)
    assert posts["shares"].sum() == sum(int(float(r["retweets"])) for r in rows)
    first = rows[0]
    published = posts.set_index("post_id").loc[first["Tweet id"], "published"]
    utc = pd.Timestamp(first["time"].replace(" +0000", ""), tz="UTC")
    assert published == utc.tz_convert("Asia/Jakarta")


def test_tweets_are_counted_and_their_utc_times_moved_to_wib():
    path = SAMPLES / "tweet_activity_metrics_2021-01_en.csv"
    rows = csv_rows(path)
    posts = read(path).table
    assert len(posts) == len(rows) == 40
    assert posts["impressions"].sum() == sum(int(float(r["impressions"])) for r in rows)
    assert posts["shares"].sum() == sum(int(float(r["retweets"])) for r in rows)
    tweet = posts.set_index("post_id").loc["1346954699635892225"]
    assert tweet["published"] == pd.Timestamp("2021-01-07 06:00", tz=WIB)  # 23:00 UTC on the 6th
    assert str(posts["published"].dt.tz) == WIB


def test_new_x_exports_with_thousands_commas_and_net_follows():
    overview = readers.summary(read(FIXTURES / "account_overview_analytics.csv"))
    assert overview["format"] == "x-account-overview"
    assert overview["totals"]["impressions"] == 1234 + 800
    assert overview["totals"]["followers_gained"] == (5 - 1) + (2 - 3)
    content = read(FIXTURES / "account_analytics_content_2025-09-01_2025-09-06.csv").table
    assert content.set_index("post_id").loc["1964000000000000001", "impressions"] == 1050
