"""The legacy Facebook Insights exports (2014-era page and post level files): the description
row under the header, and the page file in Windows encoding."""

import pandas as pd

from ...conftest import SAMPLES
from .helpers import WIB, csv_rows, read


def test_legacy_facebook_posts_skip_the_description_row():
    export = read(SAMPLES / "facebook-insights-legacy-post-level.csv")
    posts = export.table.set_index("post_id")
    assert len(posts) == 3
    first = posts.loc["518995791497187_10152225918189138"]
    assert (first["reach"], first["impressions"], first["engagements"]) == (76, 139, 4)
    assert first["published"] == pd.Timestamp("2014-02-19 04:29:18", tz=WIB)


def test_legacy_facebook_page_file_in_windows_encoding():
    path = SAMPLES / "facebook-insights-legacy-page-level.csv"
    export = read(path)
    rows = csv_rows(path, encoding="cp1252", skip=1)
    daily = export.table
    likes = daily[daily["metric"] == "followers"].set_index("date")["value"]
    assert likes.index.min() == pd.Timestamp("2014-01-01")
    assert likes.iloc[-1] == int(rows[-1]["Lifetime Total Likes"]) == 128
    gained = daily[daily["metric"] == "followers_gained"]["value"].sum()
    assert gained == sum(
        int(r["Daily New Likes"] or 0) - int(r["Daily Unlikes"] or 0) for r in rows
    )
