"""Content pillars: each feed post placed in one category by stated rules on its caption and
hashtags (``lexicon/pillars.yml``, extended by the office), or by the staff's own table.

Matching is by whole words, consecutive words and hashtags looked up in sets: linear in the
length of the caption, whatever the caption holds.
"""

from __future__ import annotations

import re

import pandas as pd

from kpureport.analysis.metrics import posts_in_year, typed_empty
from kpureport.ingest.rules import OTHER, Pillar

_WORD = re.compile(r"#?\w+")
LONGEST_PHRASE = 4


def classify(text: str | None, pillars: list[Pillar]) -> str:
    """The first pillar whose rule the caption matches, else ``lainnya``.

    >>> from kpureport.ingest.rules import load_pillars
    >>> classify("Cek DPT online, jangan sampai tidak terdaftar! #cekdpt", load_pillars())
    'sosialisasi_tahapan'
    >>> classify("Foto bersama", load_pillars())
    'lainnya'
    """
    tokens = _WORD.findall((text or "").lower())
    words = [t.lstrip("#") for t in tokens]
    tags = {t[1:] for t in tokens if t.startswith("#")}
    found = set(words)
    grams = {
        tuple(words[i : i + n])
        for n in range(2, LONGEST_PHRASE + 1)
        for i in range(len(words) - n + 1)
    }
    for pillar in pillars:
        if pillar.words & found or pillar.phrases & grams or pillar.hashtags & tags:
            return pillar.key
    return OTHER


def assign(
    posts: pd.DataFrame, year: int, pillars: list[Pillar], overrides: pd.DataFrame
) -> pd.DataFrame:
    """The year's feed posts with their ``pillar`` and whether staff set it (``by_staff``)."""
    year_posts = posts_in_year(posts, year).copy()
    year_posts["pillar"] = [
        classify(t if isinstance(t, str) else "", pillars) for t in year_posts["text"]
    ]
    year_posts["by_staff"] = False
    if not overrides.empty and not year_posts.empty:
        fixed = {
            (str(r.platform), str(r.post_id).strip()): str(r.pillar).strip().lower()
            for r in overrides.itertuples(index=False)
        }
        keys = list(
            zip(year_posts["platform"].astype(str), year_posts["post_id"].astype(str), strict=True)
        )
        staff = [fixed.get(k) for k in keys]
        year_posts["by_staff"] = [s is not None for s in staff]
        year_posts["pillar"] = [s or p for s, p in zip(staff, year_posts["pillar"], strict=True)]
    return year_posts


def summary(assigned: pd.DataFrame, pillars: list[Pillar]) -> pd.DataFrame:
    """Per pillar, in the rules' order with ``lainnya`` last: ``pillar, label, posts, share``
    (percent of the year's posts), ``engagement_mean``, ``by_staff``."""
    columns = {
        "pillar": "string",
        "label": "string",
        "posts": "int64",
        "share": "float64",
        "engagement_mean": "float64",
        "by_staff": "int64",
    }
    if assigned.empty:
        return typed_empty(columns)
    labels = {p.key: p.label for p in pillars} | {OTHER: OTHER}
    grouped = assigned.groupby("pillar")
    rows = []
    for key in [*labels]:
        if key not in grouped.groups:
            if key == OTHER:
                rows.append(
                    {
                        "pillar": key,
                        "label": labels[key],
                        "posts": 0,
                        "share": 0.0,
                        "engagement_mean": float("nan"),
                        "by_staff": 0,
                    }
                )
            continue
        group = grouped.get_group(key)
        mean = group["engagement"].mean()  # NA when no export of these posts counts interactions
        rows.append(
            {
                "pillar": key,
                "label": labels[key],
                "posts": len(group),
                "share": len(group) * 100 / len(assigned),
                "engagement_mean": float("nan") if pd.isna(mean) else float(mean),
                "by_staff": int(group["by_staff"].sum()),
            }
        )
    return pd.DataFrame(rows).astype(columns)
