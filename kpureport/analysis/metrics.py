"""Figures computed from the tidy tables; pure functions, no I/O, no formatting."""

from __future__ import annotations

import math
from itertools import pairwise

import pandas as pd

from kpureport import formatting as fmt
from kpureport.formatting import share
from kpureport.models import Profile


def typed_empty(types: dict[str, str]) -> pd.DataFrame:
    """A table with no rows whose columns already have the types a full one has."""
    return pd.DataFrame({column: pd.Series(dtype=kind) for column, kind in types.items()})


def followers_at_year_end(followers: pd.DataFrame, year: int) -> pd.DataFrame:
    """The last count of each platform dated within ``year``: ``platform, date, followers``."""
    history = year_end_history(followers)
    return history[history["year"] == year][["platform", "date", "followers"]].reset_index(
        drop=True
    )


def platform_table(profile: Profile, followers: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per account, largest audience first, with each platform's share of the total.

    Accounts without a count for the year keep their row with ``followers`` missing, so the
    report can say so instead of dropping them. Columns: ``platform, name, handle, url,
    followers, date, share`` (share in percent, a float; missing without a count).
    """
    counts = followers_at_year_end(followers, year)
    accounts = pd.DataFrame(
        [
            {
                "platform": a.platform,
                "name": a.name,
                "handle": a.handle,
                "url": a.url,
                "display_name": a.display_name,
            }
            for a in profile.accounts
        ]
    )
    table = accounts.merge(counts, on="platform", how="left")
    table["followers"] = table["followers"].astype("Int64")
    total = int(table["followers"].sum())
    table["share"] = pd.Series(
        [
            share(int(n), total) if pd.notna(n) and total else float("nan")
            for n in table["followers"]
        ],
        index=table.index,
        dtype="float64",
    )
    # Ties and accounts without a count keep the order of the profile.
    order = table["followers"].fillna(-1).astype("int64")
    return (
        table.assign(_order=order)
        .sort_values("_order", ascending=False, kind="stable", ignore_index=True)
        .drop(columns="_order")
    )


def total_followers(table: pd.DataFrame) -> int:
    return int(table["followers"].sum())


def follower_counts(followers: pd.DataFrame, daily: pd.DataFrame) -> pd.DataFrame:
    """All follower counts: the staff's table, plus daily totals from exports (legacy Facebook
    page likes). On a day both give, the staff's count wins."""
    counts = followers[["date", "platform", "followers"]]
    if not daily.empty and (daily["metric"] == "followers").any():
        from_exports = daily[daily["metric"] == "followers"].rename(columns={"value": "followers"})
        from_exports = from_exports[["date", "platform", "followers"]].astype(
            {"followers": "int64"}
        )
        counts = pd.concat([from_exports, counts], ignore_index=True)
    counts = counts.drop_duplicates(["date", "platform"], keep="last")
    return counts.sort_values(["platform", "date"], ignore_index=True)


def year_end_history(counts: pd.DataFrame) -> pd.DataFrame:
    """Followers of each platform at the end of each year (its last count in that year)."""
    if counts.empty:
        return typed_empty(
            {"platform": "object", "year": "int64", "date": "datetime64[ns]", "followers": "int64"}
        )
    last = counts.assign(year=counts["date"].dt.year).sort_values("date")
    last = last.groupby(["platform", "year"], as_index=False).tail(1)
    return last[["platform", "year", "date", "followers"]].sort_values(
        ["platform", "year"], ignore_index=True
    )


def growth(history: pd.DataFrame, year: int) -> pd.DataFrame:
    """Change of each platform's year-end followers against the previous year.

    ``change_pct`` is a percentage (float), missing (NaN) where the previous year has no count
    or was zero; ``previous`` and ``change`` are missing (``<NA>``) where the platform has no
    count for ``year - 1``.
    """
    now = history[history["year"] == year].set_index("platform")["followers"]
    before = history[history["year"] == year - 1].set_index("platform")["followers"]
    rows = []
    for platform, current in now.items():
        previous = before.get(platform)
        change = None if previous is None else int(current) - int(previous)
        pct = share(change, int(previous)) if change is not None and previous else float("nan")
        rows.append(
            {
                "platform": platform,
                "previous": previous,
                "current": int(current),
                "change": change,
                "change_pct": pct,
            }
        )
    table = pd.DataFrame(rows, columns=["platform", "previous", "current", "change", "change_pct"])
    table = table.astype(
        {
            "platform": "object",
            "previous": "Int64",
            "current": "int64",
            "change": "Int64",
            "change_pct": "float64",
        }
    )
    return table.sort_values("current", ascending=False, ignore_index=True)


#: What counts as one interaction, and what engagement is divided by, most precise first.
INTERACTIONS = ("likes", "comments", "shares", "saves")
DENOMINATORS = (("reach", "jangkauan"), ("impressions", "impresi"), ("views", "penayangan"))


def post_engagements(posts: pd.DataFrame) -> pd.Series:
    """Interactions per post: the platform's own ``engagements`` where given, else the sum of
    likes, comments, shares and saves."""
    present = [c for c in INTERACTIONS if c in posts.columns]
    summed = (
        posts[present].sum(axis=1, min_count=1) if present else pd.Series(pd.NA, index=posts.index)
    )
    summed = summed.astype("Float64")
    if "engagements" in posts.columns:
        return posts["engagements"].astype("Float64").fillna(summed)
    return summed


def posts_in_year(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's feed posts (stories are counted apart), with their interactions."""
    if posts.empty:
        return posts
    feed = ~posts["story"] if "story" in posts.columns else True
    return posts[feed & (posts["published"].dt.year == year)].assign(
        engagement=lambda p: post_engagements(p)
    )


def stories_in_year(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's stories (Facebook and Instagram, 24 hours each)."""
    if posts.empty or "story" not in posts.columns:
        return posts.iloc[0:0]
    return posts[posts["story"] & (posts["published"].dt.year == year)]


STORY_FIGURES = ("reach", "replies", "sticker_taps", "clicks", "profile_views")


def story_summary(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per platform: stories, their summed reach, replies, sticker taps, link clicks and
    profile visits (missing where the export did not give that column)."""
    stories = stories_in_year(posts, year)
    columns = ["platform", "stories", *STORY_FIGURES]
    types = {"platform": "object", "stories": "int64"} | dict.fromkeys(STORY_FIGURES, "Int64")
    if stories.empty:
        return typed_empty(types)
    rows = []
    for platform, group in stories.groupby("platform", sort=True):
        row = {"platform": platform, "stories": len(group)}
        for column in STORY_FIGURES:
            known = column in group.columns and group[column].notna().any()
            row[column] = int(group[column].sum()) if known else None
        rows.append(row)
    return pd.DataFrame(rows, columns=columns).astype(types)


def stories_per_month(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Stories per month (1-12) and platform; zero where none."""
    return _per_month(stories_in_year(posts, year))


def sticker_taps_on(posts: pd.DataFrame, day: pd.Timestamp, platform: str) -> int | None:
    """Sticker taps (poll and quiz stickers among them) on one platform's stories of a day:
    what the export can say beside a poll the staff copied from the app."""
    if posts.empty or "sticker_taps" not in posts.columns or "story" not in posts.columns:
        return None
    same = (
        posts["story"]
        & (posts["platform"] == platform)
        & (posts["published"].dt.normalize().dt.tz_localize(None) == pd.Timestamp(day).normalize())
    )
    taps = posts.loc[same, "sticker_taps"].dropna()
    return int(taps.sum()) if len(taps) else None


def engagement_rates(
    posts: pd.DataFrame, year: int, history: pd.DataFrame, daily: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Engagement rate per platform, with the definition its data allows.

    rate = interactions / reach where every post has reach; else / impressions; else / views;
    else interactions per post / year-end followers. Sums over the year's posts, so a post
    with a large audience weighs more than one with a small audience. A platform with no post
    export but daily account figures (TikTok Studio's Overview) is rated per view from those:
    ``posts`` is then missing and ``base`` is ``daily_views``.
    """
    year_posts = posts_in_year(posts, year)
    rows = []
    for platform, group in (
        year_posts.groupby("platform", sort=True) if not year_posts.empty else []
    ):
        known = group["engagement"].notna()
        row = {
            "platform": platform,
            "posts": len(group),
            "interactions": None,
            "base": None,
            "base_label": None,
            "denominator": None,
            "rate": None,
        }
        if not known.any():
            rows.append(row)  # the export has no interaction counts (e.g. YouTube Table data)
            continue
        group = group[known]
        interactions = float(group["engagement"].sum())
        row["interactions"] = int(interactions)
        for column, label in DENOMINATORS:
            if column in group.columns and group[column].notna().all() and group[column].sum() > 0:
                row.update(base=column, base_label=label, denominator=int(group[column].sum()))
                break
            if column == "impressions" and _impressions_then_views(group):
                row.update(_impressions_then_views(group))
                break
        else:
            followers = history[(history["platform"] == platform) & (history["year"] == year)]
            if not followers.empty and int(followers["followers"].iloc[0]) > 0:
                row.update(
                    base="followers",
                    base_label="pengikut per unggahan",
                    denominator=int(followers["followers"].iloc[0]) * len(group),
                )
        if row["denominator"]:
            row["rate"] = share(int(interactions), row["denominator"])
        rows.append(row)
    rated = {row["platform"] for row in rows}
    for platform, (interactions, views) in daily_interactions(daily, year).items():
        if platform in rated or not views:
            continue
        rows.append(
            {
                "platform": platform,
                "posts": None,
                "interactions": interactions,
                "base": "daily_views",
                "base_label": "penayangan (data harian akun)",
                "denominator": views,
                "rate": share(interactions, views),
            }
        )
    columns = ["platform", "posts", "interactions", "base", "base_label", "denominator", "rate"]
    return pd.DataFrame(rows, columns=columns).astype(RATE_TYPES)


def _impressions_then_views(group: pd.DataFrame) -> dict | None:
    """Meta replaced Impressions with Views during 2024: a year whose posts have one or the
    other (never neither) is rated per impressions-or-views, and the label names the months
    of each."""
    if not {"impressions", "views"} <= set(group.columns):
        return None
    impressions, views = (
        group["impressions"].notna(),
        group["views"].notna() & group["impressions"].isna(),
    )
    if not (impressions | views).all() or not impressions.any() or not views.any():
        return None
    total = int(group["impressions"].fillna(group["views"]).sum())
    if total <= 0:
        return None
    months = group["published"].dt.month

    def span(mask: pd.Series) -> str:
        found = sorted(set(months[mask]))
        first, last = fmt.month_name(found[0]), fmt.month_name(found[-1])
        return first if first == last else f"{first} s.d. {last}"

    label = f"impresi (unggahan {span(impressions)}) dan penayangan (unggahan {span(views)})"
    return {"base": "impressions_views", "base_label": label, "denominator": total}


#: Column types of :func:`engagement_rates`: counts as nullable integers, the rate a float.
RATE_TYPES = {
    "platform": "object",
    "posts": "Int64",
    "interactions": "Int64",
    "base": "object",
    "base_label": "object",
    "denominator": "Int64",
    "rate": "float64",
}


def daily_interactions(daily: pd.DataFrame | None, year: int) -> dict[str, tuple[int, int]]:
    """Per platform, the year's likes + comments + shares and views from daily account
    figures, for platforms whose exports give all four (TikTok Studio's Overview)."""
    if daily is None or daily.empty:
        return {}
    needed = ("views", "likes", "comments", "shares")
    days = daily[(daily["date"].dt.year == year) & daily["metric"].isin(needed)]
    sums = days.groupby(["platform", "metric"])["value"].sum().unstack("metric")
    out = {}
    for platform, row in sums.iterrows():
        if all(m in row.index and pd.notna(row[m]) for m in needed):
            out[str(platform)] = (
                int(row["likes"] + row["comments"] + row["shares"]),
                int(row["views"]),
            )
    return out


def posts_per_month(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Posts per month (1-12) and platform, in the office's time zone; zero where none."""
    return _per_month(posts_in_year(posts, year))


def _per_month(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows counted per month (1-12) of ``published`` and platform; zero where none."""
    if rows.empty:
        return pd.DataFrame(index=pd.RangeIndex(1, 13, name="month"))
    table = pd.crosstab(rows["published"].dt.month, rows["platform"])
    return table.reindex(range(1, 13), fill_value=0).rename_axis("month")


def posts_per_type(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    year_posts = posts_in_year(posts, year)
    if year_posts.empty:
        return typed_empty(
            {"platform": "object", "type": "string", "posts": "int64", "engagement_mean": "Float64"}
        )
    grouped = year_posts.assign(type=year_posts["type"].fillna("lainnya")).groupby(
        ["platform", "type"], as_index=False
    )
    table = grouped.agg(posts=("post_id", "size"), engagement_mean=("engagement", "mean"))
    return table.sort_values(["platform", "posts"], ascending=[True, False], ignore_index=True)


def top_posts(posts: pd.DataFrame, year: int, n: int = 5) -> pd.DataFrame:
    """The year's ``n`` posts with most interactions (ties: the earlier post first); posts
    whose export gave no interaction counts (a YouTube table of views only) are not ranked."""
    year_posts = posts_in_year(posts, year)
    year_posts = (
        year_posts[year_posts["engagement"].notna()] if not year_posts.empty else year_posts
    )
    if year_posts.empty:
        return typed_empty(
            {
                "published": "datetime64[ns, UTC]",
                "platform": "object",
                "type": "string",
                "link": "string",
                "text": "string",
                "engagement": "Float64",
            }
        )
    ranked = year_posts.sort_values(["engagement", "published"], ascending=[False, True])
    return ranked.head(n)[
        ["published", "platform", "type", "link", "text", "engagement"]
    ].reset_index(drop=True)


#: Hours with fewer posts than this are not compared (too few to say which hour is best).
#: Fewest posts in one weekday or one hour for its mean to be compared with the others: with
#: fewer, one popular post decides the "best" time.
MIN_POSTS_PER_SLOT = 5
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def engagement_by_time(posts: pd.DataFrame, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mean interactions per post by weekday and by hour of publication (office time), per
    platform: ``platform, weekday, posts, engagement_mean`` and ``platform, hour, posts,
    engagement_mean``. Platforms are never pooled: their audiences and posting habits differ.
    Posts whose export gave only the day count for the weekday, not for the hour."""
    year_posts = posts_in_year(posts, year)
    year_posts = year_posts[year_posts["engagement"].notna()]
    columns = {"platform": "string", "posts": "int64", "engagement_mean": "float64"}
    if year_posts.empty:
        return typed_empty({"weekday": "string", **columns}), typed_empty(
            {"hour": "int64", **columns}
        )
    frames = []
    for name in ("weekday", "hour"):
        rows = year_posts if name == "weekday" else year_posts[year_posts["timed"]]
        moments = rows["published"]
        key = moments.dt.day_of_week if name == "weekday" else moments.dt.hour
        table = (
            rows.groupby([rows["platform"], key.rename(name)])["engagement"]
            .agg(posts="size", engagement_mean="mean")
            .reset_index()
        )
        frames.append(table)
    by_day, by_hour = frames
    by_day["weekday"] = by_day["weekday"].map(dict(enumerate(WEEKDAYS)))
    return by_day, by_hour


def best_times(posts: pd.DataFrame, year: int, minimum: int = MIN_POSTS_PER_SLOT) -> pd.DataFrame:
    """Per platform, the weekday and the hour whose posts drew most interactions on average,
    among those with at least ``minimum`` posts: ``platform, posts, timed_posts, day, day_posts,
    day_mean, hour, hour_posts, hour_mean`` (day and hour missing when no slot has enough
    posts; ``timed_posts`` counts the posts whose export gave the hour)."""
    by_day, by_hour = engagement_by_time(posts, year)
    rows = []
    for platform in sorted(set(by_day["platform"])):
        row = {
            "platform": platform,
            "posts": int(by_day.loc[by_day["platform"] == platform, "posts"].sum()),
            "timed_posts": int(by_hour.loc[by_hour["platform"] == platform, "posts"].sum()),
        }
        for table, key, prefix in ((by_day, "weekday", "day"), (by_hour, "hour", "hour")):
            slots = table[(table["platform"] == platform) & (table["posts"] >= minimum)]
            best = slots.loc[slots["engagement_mean"].idxmax()] if not slots.empty else None
            row[prefix] = None if best is None else best[key]
            row[f"{prefix}_posts"] = None if best is None else int(best["posts"])
            row[f"{prefix}_mean"] = None if best is None else float(best["engagement_mean"])
        rows.append(row)
    types = {
        "platform": "string",
        "posts": "int64",
        "timed_posts": "int64",
        "day": "object",
        "day_posts": "Int64",
        "day_mean": "float64",
        "hour": "Int64",
        "hour_posts": "Int64",
        "hour_mean": "float64",
    }
    if not rows:
        return typed_empty(types)
    return pd.DataFrame(rows).astype(types)


Z_95 = 1.959963984540054


def wilson_interval(votes: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """95% Wilson score interval of a proportion; sound for small polls and shares near 0 or 1."""
    if total == 0:
        return (float("nan"), float("nan"))
    p = votes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def poll_results(polls: pd.DataFrame, year: int) -> pd.DataFrame:
    """Votes, share and 95% interval per option of each of the year's poll questions.

    ``low``/``high`` (for analysts; the report body does not show them): a range built so
    that, over many random samples, 95 in 100 such ranges contain the true share. Story-poll
    voters choose themselves and are no random sample, so the range says nothing about what
    the followers or the public think."""
    rows = polls[polls["date"].dt.year == year]
    out = []
    for (date, platform, question), group in rows.groupby(
        ["date", "platform", "question"], sort=True
    ):
        total = int(group["votes"].sum())
        for option, votes in zip(group["option"], group["votes"], strict=True):
            low, high = wilson_interval(int(votes), total)
            out.append(
                {
                    "date": date,
                    "platform": platform,
                    "question": question,
                    "option": option,
                    "votes": int(votes),
                    "total": total,
                    "share": share(int(votes), total) if total else float("nan"),
                    "low": low * 100,
                    "high": high * 100,
                }
            )
    columns = ["date", "platform", "question", "option", "votes", "total", "share", "low", "high"]
    types = {"votes": "int64", "total": "int64", "share": "float64", "low": "float64"}
    table = pd.DataFrame(out, columns=columns).astype(types | {"high": "float64"})
    table["date"] = pd.to_datetime(table["date"])
    return table


def top_videos(videos: pd.DataFrame | None, year: int, n: int = 5) -> pd.DataFrame:
    """The ``n`` videos of the year with most views among those a platform listed (TikTok's
    Content tab: about fifteen recent or top videos, never every post)."""
    columns = ["platform", "published", "text", "link", "views", "engagement", "snapshot"]
    if videos is None or videos.empty:
        return typed_empty(
            {
                "platform": "object",
                "published": "datetime64[ns]",
                "text": "string",
                "link": "string",
                "views": "Int64",
                "engagement": "Int64",
                "snapshot": "datetime64[ns]",
            }
        )
    listed = videos[videos["published"].dt.year == year]
    listed = listed.assign(
        engagement=listed[["likes", "comments", "shares"]].sum(axis=1, min_count=1)
    )
    ranked = listed.sort_values(["views", "published"], ascending=[False, True])
    return ranked.head(n)[columns].reset_index(drop=True)


def audience_in_year(audience: pd.DataFrame | None, year: int, dimension: str) -> pd.DataFrame:
    """One dimension of the newest audience snapshot taken in ``year`` (TikTok's gender,
    territories, active followers by hour): ``platform, snapshot, key, value``."""
    columns = ["platform", "snapshot", "key", "value"]
    empty = typed_empty(
        {"platform": "object", "snapshot": "datetime64[ns]", "key": "string", "value": "float64"}
    )
    if audience is None or audience.empty:
        return empty
    rows = audience[(audience["dimension"] == dimension) & (audience["snapshot"].dt.year == year)]
    if rows.empty:
        return empty
    newest = rows[rows["snapshot"] == rows["snapshot"].max()]
    return newest[columns].sort_values("value", ascending=False, ignore_index=True)


def active_by_hour(audience: pd.DataFrame | None, year: int) -> pd.DataFrame:
    """Mean active followers per hour of the day (0-23) over the days of the newest snapshot
    of ``year``: ``hour, active, days``, plus the ``snapshot`` day in ``attrs``."""
    rows = audience_in_year(audience, year, "active_by_hour")
    if rows.empty:
        return typed_empty({"hour": "int64", "active": "float64", "days": "int64"})
    day_hour = rows["key"].str.split(" ", n=1, expand=True)
    table = pd.DataFrame(
        {"day": day_hour[0], "hour": day_hour[1].astype(int), "value": rows["value"].astype(float)}
    )
    out = table.groupby("hour").agg(active=("value", "mean"), days=("day", "nunique"))
    out = out.reindex(range(24)).reset_index()
    out.attrs["snapshot"] = pd.Timestamp(rows["snapshot"].iloc[0])
    out.attrs["platform"] = str(rows["platform"].iloc[0])
    return out


def coverage_in_year(coverage: pd.DataFrame | None, year: int) -> pd.DataFrame:
    """What the exports cover within ``year``, per platform and kind of data: the first and
    last day (clipped to the year) and the files: ``platform, kind, start, end, files``."""
    columns = ["platform", "kind", "start", "end", "files"]
    if coverage is None or coverage.empty:
        return typed_empty(
            {
                "platform": "object",
                "kind": "object",
                "start": "datetime64[ns]",
                "end": "datetime64[ns]",
                "files": "object",
            }
        )
    first, last = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
    inside = coverage[(coverage["start"] <= last) & (coverage["end"] >= first)]
    rows = []
    for (platform, kind), group in inside.groupby(["platform", "kind"], sort=True, dropna=False):
        rows.append(
            {
                "platform": platform,
                "kind": kind,
                "start": max(group["start"].min(), first),
                "end": min(group["end"].max(), last),
                "files": sorted(group["source"]),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def headline(data, year: int, history: pd.DataFrame) -> dict[str, float | None]:
    """The year's headline figures (``data`` a ReportData): feed posts, their interactions,
    followers at year end (all accounts with a count), polls, poll votes, feedback received.
    None where the year has no data of that kind."""
    posts = posts_in_year(data.posts, year)
    polls = data.polls[data.polls["date"].dt.year == year]
    feedback = data.feedback[data.feedback["date"].dt.year == year]
    ends = history[history["year"] == year]
    return {
        "posts": len(posts) if not posts.empty else None,
        "interactions": float(posts["engagement"].sum()) if not posts.empty else None,
        "followers": float(ends["followers"].sum()) if not ends.empty else None,
        "polls": polls.groupby(["date", "platform", "question"]).ngroups
        if not polls.empty
        else None,
        "votes": float(polls["votes"].sum()) if not polls.empty else None,
        "feedback": len(feedback) if not feedback.empty else None,
    }


def monthly_comparison(
    posts: pd.DataFrame, counts: pd.DataFrame, year: int, platform: str
) -> pd.DataFrame:
    """One platform month by month in ``year - 1`` and ``year``: feed posts, their interactions,
    and followers at month end where a count exists (``counts``: every follower count), as
    columns ``posts_<y>``, ``interactions_<y>``, ``followers_<y>`` indexed by month 1-12. Posts are missing, not 0, in a year with no post of the platform
    at all (not recorded: TikTok has no post export)."""
    out = pd.DataFrame(index=pd.RangeIndex(1, 13, name="month"))
    for y in (year - 1, year):
        rows = posts_in_year(posts, y)
        rows = rows[rows["platform"] == platform]
        months = rows["published"].dt.month
        # No post of the platform all year: not recorded (TikTok has no post export), not 0.
        out[f"posts_{y}"] = (
            rows.groupby(months).size().reindex(out.index, fill_value=0).astype("Float64")
            if not rows.empty
            else pd.Series(pd.NA, index=out.index, dtype="Float64")
        )
        out[f"interactions_{y}"] = (
            rows["engagement"].groupby(months).sum(min_count=1).reindex(out.index)
            if not rows.empty
            else float("nan")
        )
        mine = counts[(counts["platform"] == platform) & (counts["date"].dt.year == y)]
        last = mine.sort_values("date").groupby(mine["date"].dt.month)["followers"].last()
        out[f"followers_{y}"] = last.reindex(out.index).astype("Float64")
    return out


def followers_change(table: pd.DataFrame, platform: str | None = None) -> float | None:
    """Percent change of year-end followers on the accounts counted both years (``table`` from
    :func:`growth`), of one platform or of all; None where last year has no count."""
    both = table[table["previous"].notna()]
    both = both[both["platform"] == platform] if platform else both
    before = int(both["previous"].sum()) if not both.empty else 0
    if not before:
        return None
    return share(int(both["current"].sum()) - before, before)


def unplaced_followers(profile: Profile, followers: pd.DataFrame, year: int) -> pd.DataFrame:
    """Year-end counts of platforms that have no account in the profile: the followers table
    cannot show them, so the report says it left them out. Columns: ``platform, followers``.
    """
    counts = followers_at_year_end(followers, year)
    accounts = {a.platform for a in profile.accounts}
    return counts[~counts["platform"].isin(accounts)][["platform", "followers"]].reset_index(
        drop=True
    )


def posting_consistency(posts: pd.DataFrame, year: int) -> pd.DataFrame:
    """How regularly each platform with a post export posted in ``year``: ``platform, posts,
    per_month`` (posts / 12), ``months`` (months with a post), ``weeks``, ``silent_weeks``
    (Monday-to-Sunday weeks starting in the year without a post), ``longest_gap`` (most
    consecutive days of the year without a post) and its ``gap_start``, ``gap_end``."""
    columns = {
        "platform": "object",
        "posts": "int64",
        "per_month": "float64",
        "months": "int64",
        "weeks": "int64",
        "silent_weeks": "int64",
        "longest_gap": "int64",
        "gap_start": "datetime64[ns]",
        "gap_end": "datetime64[ns]",
    }
    year_posts = posts_in_year(posts, year)
    if year_posts.empty:
        return typed_empty(columns)
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    mondays = pd.date_range(first, last, freq="W-MON")
    rows = []
    for platform, group in year_posts.groupby("platform", sort=False):
        days = pd.DatetimeIndex(
            group["published"].dt.tz_localize(None).dt.normalize().unique()
        ).sort_values()
        week_of = days - pd.to_timedelta(days.day_of_week, unit="D")
        edges = [first - pd.Timedelta(days=1), *days, last + pd.Timedelta(days=1)]
        gap, start = 0, None
        for before, after in pairwise(edges):
            between = (after - before).days - 1
            if between > gap:
                gap, start = between, before + pd.Timedelta(days=1)
        rows.append(
            {
                "platform": platform,
                "posts": len(group),
                "per_month": len(group) / 12,
                "months": int(days.month.nunique()),
                "weeks": len(mondays),
                "silent_weeks": int((~mondays.isin(week_of)).sum()),
                "longest_gap": gap,
                "gap_start": start if gap else pd.NaT,
                "gap_end": start + pd.Timedelta(days=gap - 1) if gap else pd.NaT,
            }
        )
    return pd.DataFrame(rows).astype(columns)
