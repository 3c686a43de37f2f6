"""Sentences in Bahasa Indonesia built from the figures; hand-written text takes precedence.

The wording lives in ``templates/sentences.yml``; this module only decides which sentence
applies (one platform or many, ties, missing data) and fills in formatted figures.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pandas as pd
import yaml

from kpureport import formatting as fmt
from kpureport.config import TEMPLATES_DIR, platform_label
from kpureport.models import Narrative, Profile, Signature

_WORDS = {
    1: "satu",
    2: "dua",
    3: "tiga",
    4: "empat",
    5: "lima",
    6: "enam",
    7: "tujuh",
    8: "delapan",
    9: "sembilan",
    10: "sepuluh",
}


@cache
def templates() -> dict[str, str]:
    with open(TEMPLATES_DIR / "sentences.yml", encoding="utf-8") as handle:
        return {key: " ".join(text.split()) for key, text in yaml.safe_load(handle).items()}


def say(key: str, **fields: object) -> str:
    """Fill one sentence template."""
    return templates()[key].format(**fields)


def count_words(n: int) -> str:
    """Small counts in words, as formal Indonesian prose writes them (``empat``)."""
    return _WORDS.get(n, fmt.number(n))


def join_words(items: list[str]) -> str:
    """``A``, ``A dan B``, ``A, B, dan C`` (PUEBI: a comma before *dan* in a series of three)."""
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def _context(profile: Profile, year: int) -> dict[str, object]:
    return {
        "office": profile.short_name,
        "abbrev": profile.abbrev,
        "year": year,
        "province": profile.province,
    }


def introduction(narrative: Narrative, profile: Profile) -> str:
    return narrative.introduction or say("introduction", **_context(profile, narrative.year))


def platforms_intro(narrative: Narrative, profile: Profile) -> str:
    if narrative.platforms:
        return narrative.platforms
    year = narrative.year
    names = [platform_label(a.platform, year) for a in profile.accounts]
    fields = dict(
        _context(profile, year), count_words=count_words(len(names)), platforms=join_words(names)
    )
    if profile.since:
        return say("platforms_since", since=fmt.month(profile.since), **fields)
    return say("platforms", **fields)


def followers_summary(table: pd.DataFrame, profile: Profile, year: int) -> list[str]:
    """What the follower table says: who leads, by how much, who trails, what is missing."""
    ctx = _context(profile, year)
    known = table[table["followers"].notna()]
    missing = table[table["followers"].isna()]
    label = {p: platform_label(p, year) for p in table["platform"]}
    if known.empty:
        return [say("followers_none", **ctx)]
    rows = list(known.itertuples(index=False))
    lead = rows[0]
    if len(rows) == 1:
        sentences = [
            say(
                "followers_single",
                leader=label[lead.platform],
                count=fmt.number(lead.followers),
                **ctx,
            )
        ]
    else:
        total = int(known["followers"].sum())
        sentences = [
            say(
                "followers_lead",
                total=fmt.number(total),
                leader=label[lead.platform],
                count=fmt.number(lead.followers),
                share=fmt.percent(lead.share, 1),
                **ctx,
            )
        ]
        second = rows[1]
        if second.followers == lead.followers:
            sentences.append(
                say(
                    "followers_tie",
                    leader=label[lead.platform],
                    second=label[second.platform],
                    count=fmt.number(lead.followers),
                )
            )
        else:
            sentences.append(
                say(
                    "followers_gap",
                    gap=fmt.number(lead.followers - second.followers),
                    second=label[second.platform],
                    second_count=fmt.number(second.followers),
                )
            )
        last = rows[-1]
        if len(rows) > 2 and last.followers < second.followers:
            sentences.append(
                say(
                    "followers_last",
                    last=label[last.platform],
                    count=fmt.number(last.followers),
                    share=fmt.percent(last.share, 1),
                )
            )
    if not missing.empty:
        names = join_words([label[p] for p in missing["platform"]])
        sentences.append(say("followers_missing", platforms=names, **ctx))
    return sentences


def features(narrative: Narrative, profile: Profile) -> str:
    return narrative.features or say("features", **_context(profile, narrative.year))


def features_data_missing(profile: Profile, year: int) -> str:
    return say("features_data_missing", **_context(profile, year))


def constraints_intro(narrative: Narrative, profile: Profile) -> str:
    return narrative.constraints_intro or say(
        "constraints_intro", **_context(profile, narrative.year)
    )


def closing(narrative: Narrative, profile: Profile) -> str:
    return narrative.closing or say("closing", **_context(profile, narrative.year))


def signature(narrative: Narrative, profile: Profile, today: dt.date) -> Signature:
    """The signature block; without one in the narrative, the chair signs in the office's city."""
    if narrative.signature:
        return narrative.signature
    return Signature(
        place=profile.city, date=today, date_is_month=False, title="Ketua", name=profile.chair or ""
    )


def signing_date(sig: Signature) -> str:
    return fmt.month(sig.date) if sig.date_is_month else fmt.date(sig.date)
