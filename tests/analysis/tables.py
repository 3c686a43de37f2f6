"""Small canonical tables for the analysis tests, built as the readers build them."""

import pandas as pd

from kpureport.ingest import canonical

ZONE = "Asia/Pontianak"


def posts(*rows: tuple[str, str, int, str]) -> pd.DataFrame:
    """Feed posts ``(published, platform, likes, text)`` in the office zone."""
    frame = pd.DataFrame(
        {
            "platform": [r[1] for r in rows],
            "post_id": [str(i) for i in range(len(rows))],
            "published": pd.to_datetime([r[0] for r in rows]).tz_localize(ZONE),
            "type": "Foto",
            "text": [r[3] for r in rows],
            "link": pd.NA,
            "story": False,
            "timed": True,
            "likes": [float(r[2]) for r in rows],
            "source": "uji.csv",
        }
    )
    return canonical.merge_posts([frame], ZONE)
