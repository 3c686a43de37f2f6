"""The X (Twitter) tweet activity export: one post per tweet, its UTC time in the office zone,
retweets counted as shares."""

import csv

import pandas as pd

from kpureport.ingest import readers

from ...conftest import SAMPLES

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
