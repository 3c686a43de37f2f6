"""The sentences of the executive summary, from ``templates/summary.yml``.

Every figure a sentence states is one the summary's own table or the report's tables print,
formatted as they print it; a direction word (naik, turun) is read from the printed value, so a
change printed as 0,0% is "praktis tetap", never "naik".
"""

from __future__ import annotations

import pandas as pd

from kpureport import formatting as fmt
from kpureport.config import platform_label
from kpureport.models import PlainText
from kpureport.writing.narrative import count_words, join_words
from kpureport.writing.wording import fill, wording

#: A run of days without a post worth a line among the notable facts.
LONG_GAP_DAYS = 14
#: Silent days listed by date; more are counted only.
LISTED_DAYS = 5


def say(key: str, **fields: object) -> PlainText:
    """One sentence of ``summary.yml`` filled in."""
    return PlainText(str(wording("summary.yml")[key]).format(**fields))


def text(key: str, **fields: object) -> str:
    """A title or header of ``summary.yml`` (not a sentence)."""
    return fill(wording("summary.yml")[key], **fields)


def capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def lower_first(label: str) -> str:
    """``tingkat interaksi Instagram``: a label inside a sentence, its names kept."""
    return label[:1].lower() + label[1:]


def change_words(change: int, pct: float) -> str:
    """``naik 1.234 (11,1%)``; ``turun 12 (0,4%)``; ``praktis tetap`` when the printed percentage
    is 0,0%, ``tetap`` when nothing changed.

    >>> change_words(1234, 11.06), change_words(3, 0.01), change_words(0, 0.0)
    ('naik 1.234 (11,1%)', 'praktis tetap (+3)', 'tetap')
    """
    if change == 0:
        return text("change_same")
    shown = fmt.percent(abs(pct), 1)
    if shown == fmt.percent(0, 1):
        return text("change_practically_same", change=f"{change:+d}")
    return text(
        "change_up" if change > 0 else "change_down",
        amount=fmt.number(abs(change)),
        percent=shown,
    )


def year_paragraph(
    abbrev: str,
    year: int,
    scorecard: pd.DataFrame,
    stories: int,
    polls: int,
    feedback: int,
    answers: pd.Series | None,
    targets: dict[str, object] | None,
    target_labels: list[str],
    when: str,
) -> list[PlainText]:
    """The year in five or six sentences: accounts, followers (counted ``when``: "pada akhir
    tahun 2024", "per 30 Juni 2021"), feed posts, polls and feedback, answers to the public,
    targets."""
    labels = [platform_label(p, year) for p in scorecard["platform"]]
    sentences = [
        say(
            "accounts",
            year=year,
            abbrev=abbrev,
            count=count_words(len(labels)),
            platforms=join_words(labels),
        ),
    ]
    known = scorecard[scorecard["followers"].notna()]
    if known.empty:
        sentences.append(say("followers_missing"))
    else:
        total = fmt.number(int(known["followers"].sum()))
        both = known[known["change"].notna()]
        if both.empty:
            sentences.append(say("followers", total=total, when=capital(when)))
        else:
            before = int(both["followers"].sum() - both["change"].sum())
            change = int(both["change"].sum())
            pct = fmt.share(change, before) if before else 0.0
            sentences.append(
                say(
                    "followers_change",
                    total=total,
                    when=capital(when),
                    direction=change_words(change, pct),
                    previous_year=year - 1,
                )
            )
    posted = scorecard[scorecard["posts"].notna()]
    if posted.empty:
        sentences.append(say("posts_missing", year=year))
    else:
        extra = say("posts_stories", stories=fmt.number(stories)) if stories else ""
        sentences.append(
            say(
                "posts",
                abbrev=abbrev,
                posts=fmt.number(int(posted["posts"].sum())),
                platforms=join_words([platform_label(p, year) for p in posted["platform"]]),
                stories=extra,
            )
        )
    items = []
    if polls:
        items.append(say("work_polls", count=count_words(polls)))
    if feedback:
        items.append(say("work_feedback", count=count_words(feedback)))
    if items:
        sentences.append(say("work", abbrev=abbrev, items=join_words(items)))
    if answers is not None and int(answers["received"]):
        received = int(answers["received"])
        sentences.append(
            say(
                "answers",
                received=count_words(received),
                answered=count_words(int(answers["answered"])),
                within=count_words(int(answers["within"])),
                share=fmt.percent(answers["within_share"], fmt.share_digits(received)),
            )
        )
    sentences.append(targets_sentence(targets, target_labels, year))
    return [PlainText(capital(s)) for s in sentences if s]


def targets_sentence(status: dict[str, object] | None, lowest: list[str], year: int) -> str:
    """``Lima dari sembilan target ... belum tercapai; terendah (75,0%) pada A dan B``: every
    indicator that shares the lowest printed achievement is named."""
    if status is None or not status["total"]:
        return say("targets_none", year=year)
    total = count_words(int(status["total"]))
    if not status["missed"] and not status["unmeasured"]:
        return say("targets_reached", year=year, total=total)
    sentence = ""
    if status["missed"]:
        low = status["lowest"]["achievement"].iloc[0]
        sentence = say(
            "targets_missed",
            missed=capital(count_words(int(status["missed"]))),
            total=total,
            year=year,
            lowest=fmt.percent(low, 1),
            labels=join_words(lowest),
        )
    if status["unmeasured"]:
        sentence = (sentence + " " if sentence else "") + capital(
            say("targets_unmeasured", count=count_words(int(status["unmeasured"])))
        )
    return sentence


def scorecard_rows(scorecard: pd.DataFrame, year: int) -> list[list[str]]:
    """The scorecard as printed: ``-`` wherever the data lacks the figure."""

    def cell(value: object, shown) -> str:
        return "-" if value is None or pd.isna(value) else shown(value)

    return [
        [
            platform_label(r.platform, year),
            cell(r.followers, fmt.number),
            cell(r.change, lambda v: f"{int(v):+,}".replace(",", ".")),
            cell(r.change_pct, lambda v: ("+" if v > 0 else "") + fmt.percent(v, 1)),
            cell(r.posts, fmt.number),
            cell(r.months_with_posts, fmt.number),
            cell(r.longest_gap, fmt.number),
            cell(r.rate, lambda v: fmt.percent(v, 2)),
            cell(r.base_label, str),
        ]
        for r in scorecard.itertuples(index=False)
    ]


def notes(
    scorecard: pd.DataFrame,
    silent: pd.DataFrame,
    watched_days: int,
    year: int,
) -> list[PlainText]:
    """The year's notable facts and risks: election days without a post, followers lost, long
    gaps, accounts whose posts no export records."""
    out = []
    posted = scorecard[scorecard["posts"].notna()]
    if watched_days and not posted.empty:
        if silent.empty:
            out.append(say("silent_none", year=year, days=count_words(watched_days)))
        else:
            days = sorted(set(silent["day"]))
            dates = [fmt.date(d.date()) for d in days[:LISTED_DAYS]]
            if len(days) > LISTED_DAYS:
                dates.append(say("more_days", count=count_words(len(days) - LISTED_DAYS)))
            out.append(
                say(
                    "silent_days",
                    year=year,
                    count=count_words(len(days)),
                    days=count_words(watched_days),
                    dates=", ".join(dates),
                    platforms=join_words([platform_label(p, year) for p in posted["platform"]]),
                )
            )
    for r in scorecard.itertuples(index=False):
        if pd.notna(r.change) and r.change < 0 and pd.notna(r.change_pct):
            out.append(
                say(
                    "followers_fell",
                    platform=platform_label(r.platform, year),
                    count=fmt.number(-int(r.change)),
                    pct=fmt.percent(-r.change_pct, 1),
                    previous_year=year - 1,
                )
            )
    gaps = posted[posted["longest_gap"] >= LONG_GAP_DAYS].sort_values(
        "longest_gap", ascending=False, kind="stable"
    )
    if not gaps.empty:
        out.append(
            say(
                "long_gaps",
                days=fmt.number(LONG_GAP_DAYS),
                gaps=join_words(
                    [
                        say(
                            "long_gap",
                            platform=platform_label(r.platform, year),
                            days=fmt.number(int(r.longest_gap)),
                        )
                        for r in gaps.itertuples(index=False)
                    ]
                ),
            )
        )
    unrecorded = scorecard[scorecard["posts"].isna()]
    if posted.empty:
        out.append(say("notes_no_posts", year=year))
    elif not unrecorded.empty:
        out.append(
            say(
                "no_posts",
                platforms=join_words([platform_label(p, year) for p in unrecorded["platform"]]),
            )
        )
    return [PlainText(capital(s)) for s in out] or [say("notes_none", year=year)]
