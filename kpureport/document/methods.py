"""The methods appendix: sources of each figure, definitions and formulas, time zone, privacy."""

from __future__ import annotations

import pandas as pd

from kpureport import formatting as fmt
from kpureport.analysis import metrics, stages
from kpureport.analysis.feedback import lexicon
from kpureport.analysis.metrics import MIN_POSTS_PER_SLOT
from kpureport.config import NO_EXPORT, X_RENAME_YEAR, platform_label
from kpureport.document.figures import Figures
from kpureport.document.numbering import Numbering
from kpureport.ingest.readers.base import META_TIMEZONE
from kpureport.models import PlainText
from kpureport.redact import redact
from kpureport.writing import claims
from kpureport.writing.claims import SAMPLE_FLOOR
from kpureport.writing.narrative import TIMEZONE_NAMES, count_words, join_words, say
from kpureport.writing.wording import wording as load_wording


def wording() -> dict:
    """The appendix's sentences (``templates/methods.yml``)."""
    return load_wording("methods.yml")


def _say(part: str, key: str, **fields: object) -> str:
    return wording()[part][key].format(**fields)


def _files(frame: pd.DataFrame) -> str:
    names = sorted(frame["source"].dropna().unique()) if "source" in frame.columns else []
    if not names:
        return wording()["sources"]["no_files"]
    return join_words([f"\u201c{n}\u201d" for n in names])


def sources(figures: Figures) -> list[str]:
    data, year = figures.data, figures.year
    followers = _say("sources", "followers", files=_files(data.followers))
    shown = figures.platforms[figures.platforms["followers"].notna()]
    typed = [p for p in shown["platform"] if p in NO_EXPORT]
    if typed:
        names = join_words([platform_label(p, year) for p in typed])
        followers += " " + _say("sources", "followers_typed", platforms=names)
    out = [followers]
    posts = figures.year_posts
    if posts.empty:
        out.append(_say("sources", "posts_none", year=year))
    else:
        counts = posts.groupby("platform").size()
        listed = join_words(
            [f"{platform_label(p, year)} {fmt.number(n)} unggahan" for p, n in counts.items()]
        )
        out.append(_say("sources", "posts", listed=listed, files=_files(posts)))
    stories = metrics.stories_in_year(data.posts, year)
    if not stories.empty:
        out.append(say("methods_stories", total=fmt.number(len(stories)), year=year))
    listed = figures.videos_listed
    if listed:
        in_year = len(metrics.top_videos(data.top_videos, year, n=listed))
        out.append(
            say(
                "methods_tiktok_content",
                listed=fmt.number(listed),
                in_year=fmt.number(in_year),
                year=year,
            )
        )
    polls = data.polls[data.polls["date"].dt.year == year]
    out.append(
        _say("sources", "polls", files=_files(polls))
        if not polls.empty
        else _say("sources", "polls_none", year=year)
    )
    rows = figures.feedback_rows
    out.append(
        _say("sources", "feedback", count=fmt.number(len(rows)), files=_files(rows))
        if not rows.empty
        else _say("sources", "feedback_none", year=year)
    )
    return [PlainText(s) for s in out]


def definitions(figures: Figures) -> list[tuple[str, str]]:
    rates = figures.rates[figures.rates["rate"].notna()]
    used = join_words(
        [
            _say(
                "lists",
                "base",
                platform=platform_label(r.platform, figures.year),
                base=r.base_label,
            )
            for r in rates.itertuples(index=False)
        ]
    ) or _say("lists", "no_base")
    rules = lexicon()["categories"]
    rule_text = "; ".join(
        _say(
            "lists",
            "examples",
            name=name,
            words=", ".join(rule.get("words", rule.get("starts_with", []))[:5]),
        )
        for name, rule in rules.items()
    )
    # Only the schedules of the stages the report shows, not every one kpureport knows.
    national = stages.national()["source"]
    stage_sources = "; ".join(
        sorted(set(figures.year_stages["source"].dropna()) & set(national))
    ) or "; ".join(sorted(set(national)))
    pillar_rules = "; ".join(
        _say(
            "lists",
            "examples",
            name=p.label,
            words=", ".join(sorted(p.words)[:4] or sorted(p.hashtags)[:4]),
        )
        for p in figures.data.pillars
    )
    scale = figures.data.scale
    scale_levels = scale.describe()
    fields = {
        "used": used,
        "rules": rule_text,
        "minimum": count_words(MIN_POSTS_PER_SLOT),
        "stage_sources": stage_sources,
        "pillar_rules": pillar_rules,
        "scale_levels": scale_levels,
        "scale_source": scale.source,
        "x_share": "repost di X" if figures.year >= X_RENAME_YEAR else "retweet di Twitter",
        "floor": count_words(SAMPLE_FLOOR),
    }
    shown = {
        "last_year": figures.has_last_year,
        "growth": figures.growth_table["previous"].notna().any(),
        "stages": not figures.year_stages.empty,
        "pillars": not figures.pillar_table.empty,
        "targets": not figures.achievement.empty,
        "answers": not figures.answer_times.empty,
        "rates": figures.rates["rate"].notna().any(),
        "best_times": not figures.year_posts.empty,
        "polls": not figures.polls.empty,
        "feedback": not figures.feedback_rows.empty,
        "twitter": any(a.platform == "twitter" for a in figures.profile.accounts),
    }
    return [
        (item["term"], PlainText(item["text"].format(**fields)))
        for item in wording()["definitions"]
        if shown.get(item.get("when"), True)
    ]


def privacy(figures: Figures) -> str:
    texts = list(
        figures.data.feedback.loc[
            figures.data.feedback["date"].dt.year == figures.year, "text"
        ].fillna("")
    )
    if not figures.year_posts.empty:
        texts += list(figures.year_posts["text"].fillna(""))
    counts = [redact(str(t))[1] for t in texts]
    nik, phone, email = (sum(getattr(c, k) for c in counts) for k in ("nik", "phone", "email"))
    return PlainText(_say("privacy", "rule") + " " + removed_sentence(nik, phone, email))


def removed_sentence(nik: int, phone: int, email: int) -> str:
    """What was removed this year, naming only what there was.

    >>> removed_sentence(0, 2, 0)
    'Pada data tahun ini dihapus dua nomor telepon.'
    >>> removed_sentence(12, 0, 1)
    'Pada data tahun ini dihapus 12 NIK dan satu alamat surel.'
    >>> removed_sentence(0, 0, 0)
    'Pada data tahun ini tidak ditemukan data pribadi yang perlu dihapus.'
    """
    found = [
        f"{claims.count(count)} {name}"
        for count, name in ((nik, "NIK"), (phone, "nomor telepon"), (email, "alamat surel"))
        if count
    ]
    if not found:
        return _say("privacy", "removed_none")
    return _say("privacy", "removed", items=join_words(found))


KINDS = {
    "posts": "unggahan",
    "daily": "harian akun",
    "top": "video terbaru/teratas",
    "audience": "potret pengikut",
    "feedback": "jawaban formulir",
}


def coverage(figures: Figures) -> list[list[str]]:
    """Rows of the coverage table: platform, kind of data, period within the year (its first
    and last day, or the one day of a snapshot), files."""
    rows = []
    for r in metrics.coverage_in_year(figures.data.coverage, figures.year).itertuples(index=False):
        platform = platform_label(r.platform, figures.year) if pd.notna(r.platform) else "Formulir"
        period = (
            [fmt.date(r.start.date())]
            if r.start == r.end
            else [
                fmt.date(r.start.date()),
                fmt.date(r.end.date()),
            ]
        )
        rows.append([platform, KINDS.get(r.kind, r.kind), period, ", ".join(r.files)])
    return rows


def time_rules(figures: Figures) -> list[str]:
    """The office zone, and the rules for the exports that do not write office time."""
    zone = figures.profile.timezone
    rules = [
        _say(
            "time",
            "office",
            zone=zone,
            zone_name=TIMEZONE_NAMES.get(zone, zone),
            x=platform_label("twitter", figures.year),
        )
    ]
    formats = set(figures.data.coverage["format"]) if figures.data.coverage is not None else set()
    if any(f.startswith("meta-post") for f in formats):
        rules.append(
            say(
                "methods_meta_time",
                meta_zone=figures.profile.meta_timezone or META_TIMEZONE,
                zone=zone,
            )
        )
    if any(f.startswith("tiktok") for f in formats):
        rules.append(say("methods_tiktok_time"))
    return rules


#: The appendix's sections in the order shown (their letters come from the numbering).
SECTIONS = ("sumber", "definisi", "waktu", "cakupan", "privasi")


def appendix(figures: Figures, numbers: Numbering) -> dict[str, object]:
    """The appendix's fields for ``methods.html.j2``."""
    # The time zone and the privacy rule only where the report shows posts or texts.
    texts = not figures.year_posts.empty or not figures.feedback_rows.empty
    shown = [key for key in SECTIONS if texts or key not in ("waktu", "privasi")]
    return {
        "letters": {key: numbers.letter("lampiran", key) for key in shown},
        "sources": sources(figures),
        "definitions": definitions(figures),
        "timezone": time_rules(figures),
        "coverage": coverage(figures),
        "year": figures.year,
        "privacy": privacy(figures),
    }
