"""Sentences in Bahasa Indonesia built from the figures; hand-written text takes precedence.

The wording lives in ``templates/sentences.yml``; this module only decides which sentence
applies (one platform or many, ties, missing data) and fills in formatted figures.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpureport import formatting as fmt
from kpureport.analysis.metrics import MIN_POSTS_PER_SLOT
from kpureport.config import platform_label
from kpureport.models import Narrative, PlainText, Profile, Signature
from kpureport.writing import claims
from kpureport.writing.wording import wording


def templates() -> dict[str, str]:
    """The narrative's sentences (``templates/sentences.yml``)."""
    return wording("sentences.yml")


def say(key: str, **fields: object) -> PlainText:
    """Fill one sentence template (plain text: its values are never read as Markdown)."""
    return PlainText(templates()[key].format(**fields))


def paragraph(sentences: list[str]) -> PlainText:
    """Sentences joined into one paragraph that stays generated text (never read as Markdown,
    foreign terms set in italics)."""
    return PlainText(" ".join(sentences))


#: Names that keep their capital inside a sentence (PUEBI: proper names).
PROPER_NAMES = frozenset(
    [
        "Google",
        "Instagram",
        "Facebook",
        "YouTube",
        "TikTok",
        "Twitter",
        "X",
        "WhatsApp",
        "Telegram",
        "Threads",
        "KPU",
        "PPID",
    ]
)


def in_running_text(name: str) -> str:
    """A category or channel label as written inside a sentence: its first word in lower case
    unless it is a proper name or an acronym (PUEBI).

    >>> [in_running_text(n) for n in ("Datang langsung", "Pesan Instagram", "WhatsApp", "DPT")]
    ['datang langsung', 'pesan Instagram', 'WhatsApp', 'DPT']
    """
    first, _, rest = name.partition(" ")
    if first in PROPER_NAMES or first.isupper() or any(c.isupper() for c in first[1:]):
        return name
    return " ".join(filter(None, [first.lower(), rest]))


def count_words(n: int) -> str:
    """Small counts in words, as formal Indonesian prose writes them (``empat``)."""
    return claims.count(n)


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


def as_of(date: dt.date | pd.Timestamp | None, year: int) -> str:
    """When a count was taken: "akhir tahun" on 31 December, else its own date, so that a
    mid-year count is never presented as the year's ("per 30 Juni 2021")."""
    if date is None or pd.isna(date):
        return say("as_of_year", year=year)
    day = date.date() if isinstance(date, pd.Timestamp) else date
    if (day.month, day.day) == (12, 31):
        return say("as_of_year_end", year=year)
    return say("as_of_date", date=fmt.date(day))


def introduction(
    narrative: Narrative,
    profile: Profile,
    facts: dict[str, object],
) -> str:
    """The staff's introduction, or one of substance from the year's facts: why the office is
    on social media, what the year held (accounts, followers, posts, polls, feedback), and how
    the report is laid out. ``facts``: ``accounts``, ``followers`` (year-end total or None),
    ``change`` (percent against last year on the accounts counted both years, or None),
    ``posts``, ``stories``, ``polls``, ``feedback``."""
    if narrative.introduction:
        return narrative.introduction
    year = narrative.year
    ctx = _context(profile, year)
    followers = ""
    if facts["followers"] is not None:
        total = fmt.number(facts["followers"])
        moved = (
            claims.change(facts["previous_followers"], facts["followers_both"])
            if facts.get("previous_followers")
            else None
        )
        followers = " " + (
            say("introduction_followers", total=total, date=as_of(facts.get("as_of"), year))
            if moved is None or not moved.moved
            else say(
                "introduction_followers_change",
                total=total,
                date=as_of(facts.get("as_of"), year),
                direction=moved.direction,
                pct=moved.size,
                previous_year=year - 1,
            )
        )
    paragraphs = [
        say("introduction", **ctx),
        say(
            "introduction_year",
            accounts=count_words(int(facts["accounts"])),
            followers=followers,
            **ctx,
        ),
    ]
    posts, stories = int(facts["posts"]), int(facts["stories"])
    where = join_words([platform_label(p, year) for p in facts.get("post_platforms", ())])
    items = []
    if posts and stories:
        items.append(
            say(
                "introduction_posts_stories",
                count=claims.count(posts),
                stories=claims.count(stories),
            )
        )
    elif posts:
        items.append(say("introduction_posts", count=claims.count(posts)))
    elif stories:
        items.append(say("introduction_stories", stories=claims.count(stories)))
    if facts["polls"]:
        items.append(say("introduction_polls", count=claims.count(facts["polls"])))
    if facts["feedback"]:
        items.append(say("introduction_feedback", count=claims.count(facts["feedback"])))
    if items:
        joined = " serta ".join(items) if len(items) == 2 else join_words(items)  # one "dan"
        paragraphs[-1] += " " + say("introduction_work", items=joined, **ctx)
        if posts and where:  # the platforms counted, so that a part is not read as the whole
            paragraphs[-1] += " " + say("introduction_posts_platforms", platforms=where)
    paragraphs.append(say("introduction_outline"))
    return PlainText("\n\n".join(paragraphs))


def platforms_intro(narrative: Narrative, profile: Profile) -> str:
    if narrative.platforms:
        return narrative.platforms
    year = narrative.year
    names = [platform_label(a.platform, year) for a in profile.accounts]
    fields = dict(
        _context(profile, year), count_words=count_words(len(names)), platforms=join_words(names)
    )
    if any(a.since for a in profile.accounts):  # each account's own start, never the earliest
        names = [
            platform_label(a.platform, year) + (f" sejak {fmt.month(a.since)}" if a.since else "")
            for a in profile.accounts
        ]
        return say("platforms_since", **dict(fields, platforms=join_words(names)))
    return say("platforms", **fields)


def common_date(table: pd.DataFrame) -> pd.Timestamp | None:
    """The one date all counts of ``table`` were taken on, or None when they differ."""
    dates = table["date"].dropna().unique() if "date" in table else []
    return pd.Timestamp(dates[0]) if len(dates) == 1 else None


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
    ctx["as_of"] = as_of(common_date(known), year)
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
        sig = narrative.signature
        return Signature(
            sig.place, sig.date, sig.date_is_month, official_title(sig.title, profile), sig.name
        )
    return Signature(
        place=profile.city,
        date=today,
        date_is_month=False,
        title=official_title("Ketua", profile),
        name=profile.chair or "",
    )


def official_title(title: str, profile: Profile) -> str:
    """The signer's position as a KPU letter writes it, with the office, in capitals:
    ``KETUA KOMISI PEMILIHAN UMUM KABUPATEN CONTOH`` (a title that names the office is kept)."""
    if profile.name.lower() in title.lower():
        return title.upper()
    return f"{title} {profile.name}".upper()


def signing_date(sig: Signature) -> str:
    return fmt.month(sig.date) if sig.date_is_month else fmt.date(sig.date)


def _pct(value) -> str:
    return fmt.percent(value, 2)


def growth(table: pd.DataFrame, profile: Profile, year: int) -> list[str]:
    """The rises in one sentence and the falls in another, each against the end of the
    previous year (stated once); new, unchanged and from-zero accounts apart."""
    if table.empty:  # no account has a count at the end of this year
        return [say("growth_no_current", year=year)]
    if table["previous"].isna().all():
        return [say("growth_none", year=year, previous_year=year - 1)]
    sentences, rose, fell = [], [], []
    for row in table.itertuples(index=False):
        label = platform_label(row.platform, year)
        current = fmt.number(row.current)
        if pd.isna(row.previous):
            sentences.append(
                say(
                    "growth_new", platform=label, current=current, year=year, previous_year=year - 1
                )
            )
        elif row.previous == 0:
            sentences.append(say("growth_from_zero", platform=label, current=current))
        else:
            moved = claims.change(row.previous, row.current, unit="pengikut")
            if moved.direction == claims.SAME:
                sentences.append(say("growth_same", platform=label, current=current))
                continue
            if moved.direction == claims.FLAT:
                sentences.append(
                    say("growth_flat", platform=label, previous=moved.previous, current=current)
                )
                continue
            item = say(
                "growth_item", pct=moved.size, previous=moved.previous, current=moved.current
            )
            (rose if moved.direction == claims.UP else fell).append((label, str(item)))
    period = {"year": year, "previous_year": year - 1}
    moves = []
    if len(rose) == 1:
        moves.append(say("growth_up_one", platform=rose[0][0], item=rose[0][1], **period))
    elif rose:
        items = join_words([f"{label} {item}" for label, item in rose])
        moves.append(
            say("growth_up_many", count_words=count_words(len(rose)), items=items, **period)
        )
    if fell:
        items = join_words([f"{label} {item}" for label, item in fell])
        moves.append(
            say("growth_down_after" if rose else "growth_down_first", items=items, **period)
        )
    sentences = moves + sentences
    both = table[table["previous"].notna()]
    if len(both) > 1:
        before, after = int(both["previous"].sum()), int(both["current"].sum())
        moved = claims.change(before, after, unit="pengikut")
        if before and moved.moved:
            key = "growth_total_up" if moved.direction == claims.UP else "growth_total_down"
            sentences.append(
                say(key, pct=moved.size, previous=moved.previous, current=moved.current)
            )
    return sentences


def trend(history: pd.DataFrame, year: int) -> list[str]:
    """The account that gained most followers since its own first year-end count (a count, as
    accounts started in different years: a percentage would favour the youngest)."""
    upto = history[history["year"] <= year]
    best = None
    for platform, group in upto.groupby("platform"):
        if len(group) < 2:
            continue
        first, last = group.iloc[0], group.iloc[-1]
        gain = int(last["followers"]) - int(first["followers"])
        if best is None or gain > best[0]:
            best = (gain, platform, first, last)
    if best is None or best[0] <= 0:
        return []
    gain, platform, first, last = best
    return [
        say(
            "trend",
            gain=fmt.number(gain),
            first_year=int(first["year"]),
            platform=platform_label(platform, year),
            first=fmt.number(first["followers"]),
            last=fmt.number(last["followers"]),
        )
    ]


def _month(number: int) -> str:
    return fmt.month_name(int(number))


def activity(per_month: pd.DataFrame, profile: Profile, year: int) -> list[str]:
    if per_month.empty or per_month.to_numpy().sum() == 0:
        return [say("activity_none", year=year)]
    totals = per_month.sum(axis=1)
    names = join_words([platform_label(p, year) for p in per_month.columns])
    busiest = int(totals.idxmax())
    fields = dict(
        _context(profile, year),
        total=fmt.number(int(totals.sum())),
        platforms=names,
        busiest=_month(busiest),
        busiest_count=fmt.number(int(totals.max())),
    )
    if (totals > 0).sum() == 1:
        return [say("activity_single_month", **fields)]
    quietest = int(totals.idxmin())
    return [
        say(
            "activity",
            quietest=_month(quietest),
            quietest_count=fmt.number(int(totals.min())),
            **fields,
        )
    ]


def engagement(
    rates: pd.DataFrame, year: int, spans: dict[str, tuple[dt.date, dt.date]] | None = None
) -> list[str]:
    """Rates are compared only with rates of the same basis (reach with reach, impressions with
    impressions): within each basis the highest is named first, and a basis with one platform
    is stated alone. A rate from daily account figures (TikTok) is said apart, with the days it
    covers (``spans``)."""
    daily = rates[rates["rate"].notna() & (rates["base"] == "daily_views")]
    known = rates[rates["rate"].notna() & (rates["base"] != "daily_views")]
    sentences = []
    for _, group in known.groupby("base", sort=False):
        group = group.sort_values("rate", ascending=False)
        lead = group.iloc[0]
        sentences.append(
            say(
                "engagement_lead" if len(group) > 1 else "engagement_single",
                platform=platform_label(lead["platform"], year),
                rate=_pct(lead["rate"]),
                base=lead["base_label"],
                interactions=fmt.number(lead["interactions"]),
                posts=fmt.number(lead["posts"]),
            )
        )
        sentences += [
            say(
                "engagement_other",
                platform=platform_label(r["platform"], year),
                rate=_pct(r["rate"]),
                base=r["base_label"],
            )
            for _, r in group.iloc[1:].iterrows()
        ]
    for _, r in daily.iterrows():
        start, end = (spans or {}).get(r["platform"], (None, None))
        sentences.append(
            say(
                "engagement_daily",
                platform=platform_label(r["platform"], year),
                interactions=fmt.number(r["interactions"]),
                views=fmt.number(r["denominator"]),
                rate=_pct(r["rate"]),
                start=fmt.date(start) if start else "-",
                end=fmt.date(end) if end else "-",
            )
        )
    unknown = rates[rates["rate"].isna()]
    if not unknown.empty:
        sentences.append(
            say(
                "engagement_missing",
                platforms=join_words([platform_label(p, year) for p in unknown["platform"]]),
            )
        )
    return sentences


TIMEZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def timing(
    best: pd.DataFrame, year: int, timezone: str, minimum: int = MIN_POSTS_PER_SLOT
) -> list[str]:
    """Per platform, the weekday and hour with most interactions per post and the posts behind
    each; platforms with no weekday or hour of ``minimum`` posts are named together."""
    zone = TIMEZONE_NAMES.get(timezone, timezone)
    sentences, too_few = [], []
    for row in best.itertuples(index=False):
        label = platform_label(row.platform, year)
        if pd.isna(row.day) and pd.isna(row.hour):
            too_few.append(label)
            continue
        fields = {"platform": label, "zone": zone, "minimum": count_words(minimum)}
        if not pd.isna(row.day):
            fields.update(
                day=row.day, day_mean=fmt.number(row.day_mean), day_posts=fmt.number(row.day_posts)
            )
        if not pd.isna(row.hour):
            fields.update(
                hour=fmt.hour_range(int(row.hour)),
                hour_mean=fmt.number(row.hour_mean),
                hour_posts=fmt.number(row.hour_posts),
            )
        if "day" in fields and "hour" in fields:
            key = "timing_both"
        elif "day" in fields:
            key = "timing_day" if row.timed_posts else "timing_day_untimed"
        else:
            key = "timing_hour"
        sentences.append(say(key, **fields))
    if too_few:
        sentences.append(
            say("timing_too_few", platforms=join_words(too_few), minimum=count_words(minimum))
        )
    return sentences


def top_post(top: pd.DataFrame, year: int) -> list[str]:
    if top.empty:
        return []
    first = top.iloc[0]
    return [
        say(
            "top_post",
            platform=platform_label(first["platform"], year),
            date=fmt.date(first["published"].date()),
            engagement=fmt.number(first["engagement"]),
        )
    ]


def polls(results: pd.DataFrame, year: int) -> list[str]:
    """Per question, its votes and each option's count and share of them: story polls are
    answered by the followers who choose to, so no option is said to be preferred by the
    public, and no interval is given in the body (the API keeps ``low`` and ``high``)."""
    if results.empty:
        return [say("polls_none", year=year)]
    sentences = []
    for (date, platform, question), group in results.groupby(
        ["date", "platform", "question"], sort=True
    ):
        ranked = group.sort_values("votes", ascending=False, kind="stable")
        total = int(ranked["total"].iloc[0])
        options = join_words(
            [
                say(
                    "poll_option",
                    option=r.option,
                    votes=claims.count(r.votes),
                    share=claims.percent_of(r.votes, total),
                )
                for r in ranked.itertuples(index=False)
            ]
        )
        sentences.append(
            say(
                "poll",
                question=question,
                platform=platform_label(platform, year),
                date=fmt.date(date.date()),
                total=claims.count(total),
                options=options,
            )
        )
    sentences.append(say("polls_caveat"))
    return sentences


CATEGORY_NAMES = {
    "kritik": "kritik",
    "saran": "saran",
    "pertanyaan": "pertanyaan",
    "apresiasi": "apresiasi",
    "lainnya": "masukan lain",
}


def feedback(
    rows: pd.DataFrame, by_category: pd.DataFrame, terms: pd.DataFrame, profile: Profile, year: int
) -> list[str]:
    if rows.empty:
        return [say("feedback_none", year=year)]
    total = len(rows)
    channels = join_words([in_running_text(c) for c in rows["channel"].value_counts().index])
    sentences = [
        say(
            "feedback_total",
            total=claims.count(total),
            channels=channels,
            **_context(profile, year),
        )
    ]
    ranked = by_category[by_category["count"] > 0].sort_values(
        "count", ascending=False, kind="stable"
    )
    first = ranked.iloc[0]
    if len(ranked) == 1:
        sentences.append(say("feedback_one_category", first=CATEGORY_NAMES[first["category"]]))
    else:
        second = ranked.iloc[1]
        sentences.append(
            say(
                "feedback_categories",
                first=CATEGORY_NAMES[first["category"]],
                first_count=claims.part_of(first["count"], total, "masukan"),
                second=CATEGORY_NAMES[second["category"]],
                second_count=claims.part_of(second["count"], total, "masukan"),
            )
        )
    if not terms.empty:
        sentences.append(
            say(
                "feedback_themes",
                terms=join_words([f"\u201c{t}\u201d" for t in terms["term"].head(5)]),
            )
        )
    return sentences


def posts_missing(platforms: list[str], year: int) -> list[str]:
    """Accounts with no post export for the year are named, never passed over."""
    if not platforms:
        return []
    names = join_words([platform_label(p, year) for p in platforms])
    return [say("activity_posts_missing", platforms=names, year=year)]


def no_post_export(platforms: list[str], year: int) -> list[str]:
    """Why accounts with no post export (TikTok) have no post count."""
    if not platforms:
        return []
    names = join_words([platform_label(p, year) for p in platforms])
    return [say("activity_no_post_export", platforms=names)]


def no_export(platforms: list[str], year: int) -> list[str]:
    """Why accounts with no export at all (a WhatsApp channel) have no post count: said so,
    never counted as no posts."""
    if not platforms:
        return []
    names = join_words([platform_label(p, year) for p in platforms])
    return [say("activity_no_export", platforms=names)]


def stories(
    summary: pd.DataFrame, per_month: pd.DataFrame, profile: Profile, year: int
) -> list[str]:
    """How many stories, on which platforms, their reach and the busiest month."""
    if summary.empty:
        return []
    totals = per_month.sum(axis=1)
    sentences = [
        say(
            "stories",
            **_context(profile, year),
            total=fmt.number(int(summary["stories"].sum())),
            platforms=join_words([platform_label(p, year) for p in summary["platform"]]),
            reach=fmt.number(int(summary["reach"].fillna(0).sum())),
            busiest=_month(int(totals.idxmax())),
            busiest_count=fmt.number(int(totals.max())),
        )
    ]
    taps = summary["sticker_taps"].dropna()
    if len(taps) and taps.sum() > 0:
        sentences.append(say("stories_stickers", taps=fmt.number(int(taps.sum()))))
    return sentences


def top_videos(videos: pd.DataFrame, listed: int, year: int) -> list[str]:
    if videos.empty:
        return []
    first = videos.iloc[0]
    return [
        say(
            "top_videos",
            listed=fmt.number(listed),
            platform=platform_label(first["platform"], year),
            snapshot=fmt.date(first["snapshot"].date()),
            date=fmt.date(first["published"].date()),
            views=fmt.number(first["views"]),
        )
    ]


def audience(
    active: pd.DataFrame, gender: pd.DataFrame, territory: pd.DataFrame, labels: dict, zone: str
) -> list[str]:
    """When the followers are online, and who and where they are, from one snapshot."""
    sentences = []
    zone_name = TIMEZONE_NAMES.get(zone, zone)
    known = active[active["active"].notna()]
    if not known.empty:
        busiest = known.loc[known["active"].idxmax()]
        quietest = known.loc[known["active"].idxmin()]
        snapshot = active.attrs["snapshot"]
        sentences.append(
            say(
                "audience_active",
                snapshot=fmt.date(snapshot.date()),
                platform=platform_label(active.attrs["platform"], snapshot.year),
                hour=fmt.hour_range(int(busiest["hour"])),
                active=fmt.number(busiest["active"]),
                quiet_hour=fmt.hour_range(int(quietest["hour"])),
                quiet=fmt.number(quietest["active"]),
                zone=zone_name,
            )
        )
    if not gender.empty and not territory.empty:
        sentences.append(
            say(
                "audience_split",
                platform=platform_label(
                    gender["platform"].iloc[0], gender["snapshot"].iloc[0].year
                ),
                gender_share=fmt.percent(gender["value"].iloc[0] * 100, 0),
                gender=labels.get(gender["key"].iloc[0], gender["key"].iloc[0]).lower(),
                territory_share=fmt.percent(territory["value"].iloc[0] * 100, 0),
                territory=labels.get(territory["key"].iloc[0], territory["key"].iloc[0]),
            )
        )
    return sentences


def _hours(value: float) -> str:
    """A time to answer as a reader says it: ``3 jam``, ``2 hari`` from 48 hours on.

    >>> _hours(2.5), _hours(50)
    ('2,5 jam', '2,1 hari')
    """
    if value >= 48:
        return f"{fmt.number(value / 24, 1).removesuffix(',0')} hari"
    return f"{fmt.number(value, 1).removesuffix(',0')} jam"


def row_change(row: dict) -> claims.Change:
    """The change of one headline row (``previous``, ``current``, and ``digits``, ``unit``,
    ``points`` as printed) from its printed values."""
    return claims.change(
        row["previous"],
        row["current"],
        digits=row.get("digits", 0),
        unit=row.get("unit", ""),
        points=row.get("points", False),
    )


def year_on_year(rows: list[dict], year: int) -> list[str]:
    """The headline figures that rose, then those that fell, each with both years' values as
    printed, then those whose printed values are equal or practically so (``rows``: ``label,
    previous, current`` and ``digits``, ``unit``, ``points`` for a rate, whose change is told
    in percentage points)."""
    both = [r for r in rows if r["previous"] is not None and r["current"] is not None]
    if not both:
        return [say("yoy_none", year=year, previous_year=year - 1)]
    up, down, same, flat = [], [], [], []
    for r in both:
        moved = row_change(r)
        if moved.direction == claims.SAME:
            same.append(r["label"])
            continue
        if moved.direction == claims.FLAT:
            flat.append(r["label"])
            continue
        if not moved.size:
            continue  # from nothing: no change to give
        item = say(
            "yoy_item",
            label=r["label"],
            previous=r.get("prefix", "") + moved.previous + r.get("suffix", ""),
            current=r.get("prefix", "") + moved.current + r.get("suffix", ""),
            pct=moved.size,
        )
        (up if moved.direction == claims.UP else down).append(str(item))
    sentences, period = [], {"previous_year": year - 1}
    if up:
        sentences.append(say("yoy_up", items=join_words(up), **period))
    if down:
        sentences.append(
            say("yoy_down" if up else "yoy_down_only", items=join_words(down), **period)
        )
    if same:
        sentences.append(say("yoy_same", items=_capital(join_words(same)), **period))
    if flat:
        sentences.append(say("yoy_flat", items=_capital(join_words(flat)), **period))
    return sentences


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def target_label(row, year: int) -> str:
    """``Tingkat interaksi Instagram``; an indicator without a platform covers every account."""
    platform = row["platform"]
    if isinstance(platform, str) and platform:
        return f"{row['label']} {platform_label(platform, year)}"
    return str(row["label"])


def stage_period(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Both days with an en dash between (``1 Januari 2024`` to ``10 Februari 2024``), or one."""
    if start == end:
        return fmt.date(start.date())
    return f"{fmt.date(start.date())}\u2013{fmt.date(end.date())}"


#: The order the stage sentences take: the days an evaluator reads first.
STAGE_ORDER = ("pemungutan_suara", "masa_tenang")


#: Decimals of the posts per day of a stage, in its table and its sentences.
STAGE_DIGITS = 2


def stages(table: pd.DataFrame, profile: Profile, year: int, spoken: tuple[str, ...]) -> list[str]:
    """The stages of the year, then each stage of ``spoken`` kinds, voting days and masa tenang
    first: a stage shorter than the sample floor by its own counts, a longer one against the
    days outside every stage (posts per day as printed); days without a post are flagged."""
    from kpureport.analysis.stages import label

    inside = table[table["kind"] != "luar"]
    if inside.empty:
        return []
    rest = table[table["kind"] == "luar"].iloc[0]
    elections = list(  # in the order they start
        dict.fromkeys(e for e in inside["election"] if e != "Kegiatan setempat")
    )
    sentences = [
        say(
            "stages_intro",
            year=year,
            count=claims.count(len(inside)),
            elections=join_words(elections) if elections else "kegiatan setempat",
        )
    ]
    chosen = inside[inside["kind"].isin(spoken)]
    rank = {kind: i for i, kind in enumerate(STAGE_ORDER)}
    chosen = chosen.assign(_rank=[rank.get(k, len(rank)) for k in chosen["kind"]])
    for row in chosen.sort_values(["_rank", "start"], kind="stable").itertuples(index=False):
        fields = {
            "stage": label(row),
            "period": stage_period(row.start, row.end),
            "days": claims.count(row.days),
            "posts": claims.count(row.posts),
            "interactions": fmt.number(row.interactions),
            **_context(profile, year),
        }
        if not row.posts:
            sentences.append(say("stage_day_none" if row.days == 1 else "stage_none", **fields))
            continue
        base = rest["posts_per_day"]
        if row.days == 1:
            sentences.append(say("stage_day", **fields))
        elif not claims.enough(row.days, row.posts) or pd.isna(base) or base == 0:
            sentences.append(say("stage_counts", **fields))
        else:
            # two decimals, as the table prints them: at one, 1,05 and 1,15 read as equal
            moved = claims.change(base, row.posts_per_day, digits=STAGE_DIGITS)
            key = {claims.UP: "stage_up", claims.DOWN: "stage_down", claims.SAME: "stage_same"}
            sentences.append(
                say(
                    key.get(moved.direction, "stage_flat"),
                    per_day=moved.current,
                    rest=moved.previous,
                    pct=moved.size,
                    **fields,
                )
            )
        if row.silent_days and row.days > 1:
            sentences.append(
                say(
                    "stage_silent_days",
                    silent=claims.count(row.silent_days),
                    days=claims.count(row.days),
                )
            )
    return sentences


def pillars(table: pd.DataFrame, year: int) -> list[str]:
    """The two largest pillars, the one with most interactions per post, the unplaced posts."""
    shown = table[(table["posts"] > 0) & (table["pillar"] != "lainnya")].sort_values(
        "posts", ascending=False, kind="stable"
    )
    if shown.empty:
        return []
    total = int(table["posts"].sum())
    first = shown.iloc[0]
    sentences = []
    if len(shown) > 1:
        second = shown.iloc[1]
        sentences.append(
            say(
                "pillars_summary",
                year=year,
                first=first["label"],
                first_posts=claims.part_of(first["posts"], total, "unggahan"),
                second=second["label"],
                second_posts=claims.part_of(second["posts"], total, "unggahan"),
            )
        )
    rated = shown[shown["engagement_mean"].notna() & (shown["posts"] >= claims.SAMPLE_FLOOR)]
    if not rated.empty:
        best = rated.loc[rated["engagement_mean"].idxmax()]
        sentences.append(
            say(
                "pillars_best",
                best=best["label"],
                best_mean=fmt.number(best["engagement_mean"]),
                best_posts=claims.count(best["posts"]),
                minimum=claims.count(claims.SAMPLE_FLOOR),
            )
        )
    other = table[table["pillar"] == "lainnya"]
    if not other.empty and int(other["posts"].iloc[0]):
        sentences.append(
            say("pillars_other", other=claims.part_of(other["posts"].iloc[0], total, "unggahan"))
        )
    staff = int(table["by_staff"].sum())
    if staff:
        sentences.append(say("pillars_staff", count=claims.count(staff)))
    return sentences


def responses(
    times: pd.DataFrame,
    clarifications: pd.DataFrame,
    profile: Profile,
    year: int,
    feedback: tuple[int, int] | None = None,
) -> list[str]:
    """Questions answered and how fast, how that count relates to the public's messages of
    section E (``feedback``: all messages, those classed as questions), and the hoax
    clarifications published, with their platforms and hours to clarify where recorded."""
    sentences = []
    if not times.empty:
        total = times.iloc[-1]
        sentences.append(
            say(
                "responses_summary",
                received=claims.count(total["received"]),
                answered=claims.part_of(total["answered"], total["received"], "pertanyaan"),
                within=claims.part_of(total["within"], total["received"], "pertanyaan"),
                median=_hours(total["median_hours"]) if total["answered"] else "-",
                p90=_hours(total["p90_hours"]) if total["answered"] else "-",
                **_context(profile, year),
            )
        )
        if total["unanswered"]:
            sentences.append(say("responses_unanswered", count=claims.count(total["unanswered"])))
        if feedback and feedback[0]:
            sentences.append(
                say(
                    "responses_feedback_apart",
                    feedback=claims.count(feedback[0]),
                    questions=claims.count(feedback[1]),
                )
            )
    if not clarifications.empty:
        named = clarifications["platform"].dropna() if "platform" in clarifications else []
        platforms = join_words(
            [platform_label(p, year) for p in dict.fromkeys(named) if isinstance(p, str) and p]
        )
        sentences.append(
            say(
                "clarifications_summary" if platforms else "clarifications_unplaced",
                count=claims.count(len(clarifications)),
                platforms=platforms,
                **_context(profile, year),
            )
        )
        hours = clarifications["hours"].dropna() if "hours" in clarifications else []
        if len(hours):
            sentences.append(
                say(
                    "clarifications_hours",
                    timed=claims.count(len(hours)),
                    count=claims.count(len(clarifications)),
                    fastest=_hours(hours.min()),
                    slowest=_hours(hours.max()),
                )
                if len(hours) > 1
                else say("clarifications_hour", hours=_hours(hours.iloc[0]))
            )
    return sentences


def consistency(table: pd.DataFrame, year: int) -> list[str]:
    """Per platform, how regularly it posted: posts per month, weeks without a post, and the
    longest run of days without one (with its dates)."""
    sentences = []
    for row in table.itertuples(index=False):
        fields = {
            "platform": platform_label(row.platform, year),
            "per_month": fmt.number(row.per_month, 1),
            "silent": claims.count(row.silent_weeks),
            "weeks": claims.count(row.weeks),
        }
        if not row.longest_gap:
            sentences.append(say("consistency_daily", **fields))
            continue
        key = "consistency_gap" if row.silent_weeks else "consistency_gap_every_week"
        sentences.append(
            say(
                key,
                gap=claims.count(row.longest_gap),
                period=stage_period(row.gap_start, row.gap_end),
                **fields,
            )
        )
    return sentences
