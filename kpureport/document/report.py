"""The report as the notebook sees it: one object per office and year, one method per part.

The notebook only arranges these parts; each returns a :class:`~kpureport.writing.render.Fragment`
that Jupyter shows and nbconvert exports. Table and figure numbers are keyed by name, so
re-running a cell in JupyterLab keeps its number.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from kpureport import formatting as fmt
from kpureport.analysis import feedback, metrics
from kpureport.config import (
    AUDIENCE_LABELS,
    NO_EXPORT,
    REPORT_TITLE,
    SLOGAN,
    post_type_label,
)
from kpureport.document import methods
from kpureport.document.evaluation import Evaluation
from kpureport.document.figures import Figures
from kpureport.document.numbering import Numbering
from kpureport.document.parts import Parts
from kpureport.document.platform_parts import PlatformParts
from kpureport.document.summary import Summary
from kpureport.ingest.load import ReportData, load_report_data
from kpureport.redact import official_contacts
from kpureport.writing import charts, claims, narrative
from kpureport.writing.render import Fragment
from kpureport.writing.wording import fill, wording

#: Chapters as in the seed report, in order (their titles in ``templates/report.yml``).
CHAPTERS = ("pendahuluan", "platform", "fitur", "kendala", "penutup")
EXCERPT = 90


class Report(Parts):
    """One office's report for one year, built from its validated data.

    Its figures (``report.figures``) are computed once and read by every part; the evaluation
    parts are written by :class:`~kpureport.document.evaluation.Evaluation` on the same
    figures and numbering.
    """

    def __init__(self, data: ReportData, today: dt.date | None = None):
        profile = data.profile
        super().__init__(
            Figures(data),
            Numbering(),
            official_contacts(
                [profile.email],
                [profile.website, profile.jdih]
                + [t for a in profile.accounts for t in (a.url, a.handle)],
            ),
        )
        self.narrative = data.narrative
        self.today = today or dt.date.today()
        self.evaluation = Evaluation(self.figures, self.numbers, self._official)
        self._summary = Summary(self.figures, self.numbers, self._official)
        self._platform = PlatformParts(self.figures, self.numbers, self._official)

    def __repr__(self) -> str:
        accounts = len(self.profile.accounts)
        return (
            f"<Report {self.profile.slug!r} {self.year}: {accounts} akun, "
            f"{len(self.figures.year_posts)} unggahan tahun ini; tabel {self.data.tables()}; "
            f"data {self.data.period()}>"
        )

    @classmethod
    def load(cls, office: str, year: int | str, data_dir: str | Path | None = None) -> Report:
        """The report of ``office`` for ``year`` from the data folder (found from the working
        directory upward, or ``$KPUREPORT_DATA``, when ``data_dir`` is not given)."""
        return cls(load_report_data(data_dir, office, year))

    def _chapter(self, key: str) -> dict[str, str]:
        index = CHAPTERS.index(key)
        title = fill(wording("report.yml")["chapters"][key], office=self.profile.short_name)
        return {"id": f"bab-{index + 1}", "number": self.numbers.roman(index), "title": title}

    # Parts of the report, in the order the notebook shows them.

    def title_page(self) -> Fragment:
        """Letterhead, title, year, and the table of contents (the summary and the targets,
        unnumbered, before the chapters)."""
        chapters = [self._chapter(key) for key in CHAPTERS]
        front = [{"id": "ringkasan", "title": wording("summary.yml")["title"]}]
        if not self.figures.achievement.empty:
            front.append({"id": "capaian-target", "title": wording("targets.yml")["title"]})
        return self._fragment(
            "title_page.html.j2",
            profile=self.profile,
            year=self.year,
            report_title=REPORT_TITLE,
            front=front,
            chapters=chapters,
            appendix=True,
        )

    def introduction(self) -> Fragment:
        """Chapter I: the staff's introduction, or a generated one."""
        return self._fragment(
            "chapter.html.j2",
            chapter=self._chapter("pendahuluan"),
            overview=fill(wording("report.yml")["overview"], office=self.profile.short_name),
            body=narrative.introduction(self.narrative, self.profile, self.facts()),
        )

    def facts(self) -> dict[str, object]:
        """The year in a few figures, for the generated introduction."""
        known = self.platforms["followers"].notna().any()
        both = self.growth_table[self.growth_table["previous"].notna()]
        return {
            "accounts": len(self.profile.accounts),
            "followers": metrics.total_followers(self.platforms) if known else None,
            "as_of": self.figures.followers_counted,
            "previous_followers": int(both["previous"].sum()) if len(both) else None,
            "followers_both": int(both["current"].sum()) if len(both) else None,
            "posts": len(self.year_posts),
            "post_platforms": [
                a.platform
                for a in self.profile.accounts
                if not self.year_posts.empty and a.platform in set(self.year_posts["platform"])
            ],
            "stories": int(self.stories["stories"].sum()) if not self.stories.empty else 0,
            "polls": self.figures.polls.groupby(["date", "platform", "question"]).ngroups
            if not self.figures.polls.empty
            else 0,
            "feedback": len(self.figures.feedback_rows),
        }

    def platforms_chapter(self) -> Fragment:
        """Chapter II: the accounts, their followers and what the figures say."""
        return self._fragment(
            "chapter.html.j2",
            chapter=self._chapter("platform"),
            body=narrative.platforms_intro(self.narrative, self.profile),
        )

    def followers_table(self) -> Fragment:
        """Table 1: every account, its followers at year end and its share of the total."""
        rows = [
            dict(
                row._asdict(),
                label=self._label(row.platform),
                followers=None if pd.isna(row.followers) else int(row.followers),
            )
            for row in self.figures.platforms.itertuples(index=False)
        ]
        known = self.figures.platforms["followers"].notna().any()
        unplaced = [
            {"label": self._label(r.platform), "followers": int(r.followers)}
            for r in metrics.unplaced_followers(
                self.profile, self.data.followers, self.year
            ).itertuples(index=False)
        ]
        return self._fragment(
            "followers_table.html.j2",
            rows=rows,
            year=self.year,
            number=self.numbers.table("pengikut"),
            total=metrics.total_followers(self.figures.platforms) if known else None,
            unplaced=unplaced,
            as_of=narrative.as_of(
                self.figures.followers_counted,
                self.year,
            ),
        )

    def followers_summary(self) -> Fragment:
        """What the followers table says, in sentences."""
        return self._fragment(
            "paragraphs.html.j2",
            paragraphs=[
                narrative.paragraph(
                    narrative.followers_summary(self.figures.platforms, self.profile, self.year)
                )
            ],
        )

    def followers_chart(self) -> Fragment:
        """Followers per platform as bars (nothing when no count is known)."""
        if not self.figures.platforms["followers"].notna().any():
            return Fragment("")
        chart = charts.followers_by_platform(self.figures.platforms, self.year)
        return self._fragment(
            "figure.html.j2",
            chart=chart,
            number=self.numbers.figure("pengikut"),
            caption=self._words(
                "followers",
                "chart",
                as_of=narrative.as_of(
                    self.figures.followers_counted,
                    self.year,
                ),
            ),
        )

    def growth(self) -> Fragment:
        """Growth against the previous year and the trend since the accounts started."""
        if self.figures.history["year"].nunique() < 2:
            return Fragment("")
        rows = [
            [
                self._label(r.platform),
                self._cell(r.previous),
                fmt.number(r.current),
                self._missing
                if r.change is None or pd.isna(r.change)
                else f"{r.change:+,}".replace(",", "."),
                _percent_cell(r.previous, r.current),
            ]
            for r in self.figures.growth_table.itertuples(index=False)
        ]
        # No table of headers alone where no account has both year ends (the sentence says so).
        tables = (
            [
                self._table(
                    "pertumbuhan",
                    self._words("growth", "caption"),
                    self._words("growth", "headers"),
                    rows,
                    {1, 2, 3, 4},
                )
            ]
            if rows
            else []
        )
        paragraphs = [
            narrative.paragraph(
                narrative.growth(self.figures.growth_table, self.profile, self.year)
                + narrative.trend(self.figures.history, self.year)
            )
        ]
        figures = self._figure(
            "tren",
            charts.follower_trend(self.figures.history, self.year),
            self._words("growth", "chart"),
            print_data=True,
        )
        return self._section(
            id="pertumbuhan",
            title=self._words("growth", "title"),
            paragraphs=paragraphs,
            tables=tables,
            figures=figures,
        )

    def features_chapter(self) -> Fragment:
        """Chapter III's opening, and a note when the year has no post, poll or feedback data."""
        note = (
            None
            if self.figures.has_feature_data
            else narrative.features_data_missing(self.profile, self.year)
        )
        context = {"note": note} if note else {}
        return self._fragment(
            "chapter.html.j2",
            chapter=self._chapter("fitur"),
            body=narrative.features(self.narrative, self.profile),
            **context,
        )

    def activity(self) -> Fragment:
        """A. Posts per month and per type, and stories counted apart."""
        if not self.figures.has_feature_data:
            return Fragment("")
        paragraphs = narrative.activity(self.figures.per_month, self.profile, self.year)
        tables = []
        if not self.figures.year_posts.empty:
            types = metrics.posts_per_type(self.data.posts, self.year)
            tables.append(
                self._table(
                    "jenis",
                    self._words("activity", "types_caption"),
                    self._words("activity", "types_headers"),
                    [
                        [
                            self._label(r.platform),
                            post_type_label(r.type),
                            fmt.number(r.posts),
                            self._cell(r.engagement_mean),
                        ]
                        for r in types.itertuples(index=False)
                    ],
                    {2, 3},
                )
            )
        figures = self._figure(
            "aktivitas",
            charts.posting_activity(self.figures.per_month, self.year, self.figures.year_stages),
            self._words("activity", "chart"),
            print_data=True,
        )
        posted = (
            set(self.figures.year_posts["platform"]) if not self.figures.year_posts.empty else set()
        )
        silent = [a.platform for a in self.profile.accounts if a.platform not in posted]
        if not self.figures.year_posts.empty:
            paragraphs = paragraphs + narrative.posts_missing(
                [p for p in silent if p != "tiktok" and p not in NO_EXPORT], self.year
            )
        paragraphs = paragraphs + narrative.no_post_export(
            [p for p in silent if p == "tiktok"], self.year
        )
        paragraphs = paragraphs + narrative.no_export(
            [p for p in silent if p in NO_EXPORT], self.year
        )
        consistency, consistency_tables = self._consistency(silent)
        if consistency:
            paragraphs = [*paragraphs, narrative.paragraph(consistency)]
            tables = tables + consistency_tables
        story_paragraphs, story_tables = self._stories()
        if story_paragraphs:
            paragraphs = [*paragraphs, narrative.paragraph(story_paragraphs)]
        return self._section(
            id="aktivitas",
            title=self._words("activity", "title", letter=self._letter("aktivitas")),
            paragraphs=paragraphs,
            tables=tables + story_tables,
            figures=figures,
        )

    def _consistency(self, silent: list[str]) -> tuple[list[str], list[dict]]:
        """How regularly each platform posted (what a monev evaluator checks first); accounts
        without a post export are named as not recorded, never as not posting."""
        table = metrics.posting_consistency(self.data.posts, self.year)
        if table.empty:
            return [], []
        order = {a.platform: i for i, a in enumerate(self.profile.accounts)}
        table = table.sort_values("platform", key=lambda c: c.map(order), ignore_index=True)
        sentences = narrative.consistency(table, self.year)
        untracked = [self._label(p) for p in silent if p == "tiktok" or p in NO_EXPORT]
        if untracked:
            sentences.append(
                narrative.say("consistency_untracked", platforms=narrative.join_words(untracked))
            )
        rows = [
            [
                self._label(r.platform),
                fmt.number(r.posts),
                fmt.number(r.per_month, 1),
                self._words("cells", "of_months", count=fmt.number(r.months)),
                self._words(
                    "cells",
                    "of_weeks",
                    count=fmt.number(r.silent_weeks),
                    weeks=fmt.number(r.weeks),
                ),
                fmt.number(r.longest_gap),
                narrative.stage_period(r.gap_start, r.gap_end) if r.longest_gap else self._missing,
            ]
            for r in table.itertuples(index=False)
        ]
        not_recorded = self._words("cells", "not_recorded")
        rows += [[name, not_recorded, *[self._missing] * 5] for name in untracked]
        return sentences, [
            self._table(
                "konsistensi",
                self._words("consistency", "caption"),
                self._words("consistency", "headers"),
                rows,
                {1, 2, 5},
                note=narrative.say("consistency_note"),
            )
        ]

    def _stories(self) -> tuple[list[str], list[dict]]:
        """Stories apart from feed posts: per platform with their own figures, and per month."""
        summary = self.figures.stories
        if summary.empty:
            return [], []
        per_month = metrics.stories_per_month(self.data.posts, self.year)
        sentences = narrative.stories(summary, per_month, self.profile, self.year)
        cell = self._cell
        by_platform = self._table(
            "story",
            self._words("stories", "caption"),
            self._words("stories", "headers"),
            [
                [
                    self._label(r.platform),
                    fmt.number(r.stories),
                    cell(r.reach),
                    cell(r.replies),
                    cell(r.sticker_taps),
                    cell(r.clicks),
                    cell(r.profile_views),
                ]
                for r in summary.itertuples(index=False)
            ],
            {1, 2, 3, 4, 5, 6},
            note=self._words("stories", "note"),
        )
        by_month = self._table(
            "story-bulanan",
            self._words("stories", "month_caption"),
            [self._words("stories", "month_header"), *(self._label(p) for p in per_month.columns)],
            [
                [fmt.month_name(int(month)), *(fmt.number(int(v)) for v in row)]
                for month, row in per_month.iterrows()
            ],
            set(range(1, len(per_month.columns) + 1)),
        )
        return sentences, [by_platform, by_month]

    def engagement(self) -> Fragment:
        """B. Engagement rate per platform and the best day and hour to post."""
        if self.figures.rates.empty:
            return Fragment("")
        tables = self._rate_tables()
        best = metrics.best_times(self.data.posts, self.year)
        paragraphs = [
            narrative.paragraph(
                narrative.engagement(self.figures.rates, self.year, self.figures.daily_spans)
            ),
            narrative.paragraph(narrative.timing(best, self.year, self.profile.timezone)),
        ]
        tables += [self._best_times_table(best)] if not best.empty else []
        figures = self._figure(
            "interaksi",
            charts.engagement_by_platform(self.figures.rates, self.year),
            self._words("engagement", "chart"),
        )
        return self._section(
            id="interaksi",
            title=self._words("engagement", "title", letter=self._letter("interaksi")),
            paragraphs=[p for p in paragraphs if p],
            tables=tables,
            figures=figures,
        )

    def _rate_tables(self) -> list[dict]:
        """One table per basis of the rate (reach, impressions, views): rates of different
        bases never share a table, where their column would read as one ranking. Platforms
        whose export gives no interactions are named in the note of the last table."""
        known = self.rates[self.rates["rate"].notna()]
        unknown = [self._label(p) for p in self.rates[self.rates["rate"].isna()]["platform"]]
        tables = []
        groups = list(known.groupby("base", sort=False))
        for i, (base, group) in enumerate(groups):
            label = group["base_label"].iloc[0]
            note = narrative.say("rate_note", base=label.split(" (")[0])
            if unknown and i == len(groups) - 1:
                note += " " + narrative.say(
                    "engagement_missing", platforms=narrative.join_words(unknown)
                )
            tables.append(
                self._table(
                    f"interaksi-{base}",
                    self._words("engagement", "caption", base=label),
                    self._words("engagement", "headers", base=_capital(label)),
                    [
                        [
                            self._label(r.platform),
                            self._cell(r.posts),
                            fmt.number(r.interactions),
                            fmt.number(r.denominator),
                            fmt.percent(r.rate, 2),
                        ]
                        for r in group.sort_values("rate", ascending=False).itertuples(index=False)
                    ],
                    {1, 2, 3, 4},
                    note=note,
                )
            )
        return tables

    def _best_times_table(self, best: pd.DataFrame) -> dict:
        zone = narrative.TIMEZONE_NAMES.get(self.profile.timezone, self.profile.timezone)
        note = self._words("best_times", "note", count=claims.count(metrics.MIN_POSTS_PER_SLOT))
        untimed = [
            self._label(r.platform) for r in best.itertuples(index=False) if not r.timed_posts
        ]
        if untimed:  # a "-" hour there means no hour in the export, not too few posts
            platforms = narrative.join_words(untimed)
            note += " " + self._words("best_times", "untimed_note", platforms=platforms)

        def slot(value: object, posts: object, mean: object) -> list[str]:
            if pd.isna(value):
                return [self._missing] * 3
            return [str(value), fmt.number(posts), fmt.number(mean)]

        return self._table(
            "waktu-terbit",
            self._words("best_times", "caption"),
            self._words("best_times", "headers", zone=zone),
            [
                [
                    self._label(r.platform),
                    fmt.number(r.posts),
                    *slot(r.day, r.day_posts, r.day_mean),
                    *slot(
                        None if pd.isna(r.hour) else fmt.hour_range(int(r.hour)),
                        r.hour_posts,
                        r.hour_mean,
                    ),
                ]
                for r in best.itertuples(index=False)
            ],
            {1, 3, 4, 6, 7},
            note=note,
        )

    def top_posts(self) -> Fragment:
        """C. The posts with most interactions, and the top videos a platform listed."""
        top = metrics.top_posts(self.data.posts, self.year)
        videos = metrics.top_videos(self.data.top_videos, self.year)
        if top.empty and videos.empty:
            return Fragment("")
        tables, paragraphs = [], []
        if not top.empty:
            tables.append(self._top_posts_table(top))
            paragraphs += narrative.top_post(top, self.year)
        if not videos.empty:
            tables.append(self._top_videos_table(videos))
            paragraphs += narrative.top_videos(videos, self.figures.videos_listed, self.year)
        return self._section(
            id="teratas",
            title=self._words("top", "title", letter=self._letter("teratas")),
            paragraphs=paragraphs,
            tables=tables,
        )

    def _top_videos_table(self, videos: pd.DataFrame) -> dict:
        rows = [
            [
                str(rank),
                fmt.date(r.published.date()),
                {"href": r.link, "text": _excerpt(r.text) or self._words("cells", "untitled_video")}
                if pd.notna(r.link)
                else _excerpt(r.text),
                fmt.number(r.views),
                self._cell(r.engagement),
            ]
            for rank, r in enumerate(videos.itertuples(index=False), start=1)
        ]
        platform = self._label(videos["platform"].iloc[0])
        snapshot = fmt.date(videos["snapshot"].max().date())
        return self._table(
            "video-teratas",
            self._words(
                "top_videos",
                "caption",
                platform=platform,
                listed=fmt.number(self.figures.videos_listed),
            ),
            self._words("top_videos", "headers"),
            rows,
            {3, 4},
            note=self._words("top_videos", "note", snapshot=snapshot),
        )

    def _top_posts_table(self, top: pd.DataFrame) -> dict:
        rows = []
        for rank, r in enumerate(top.itertuples(index=False), start=1):
            excerpt = _excerpt(r.text)
            rows.append(
                [
                    str(rank),
                    fmt.date(r.published.date()),
                    self._label(r.platform),
                    self._missing if pd.isna(r.type) else post_type_label(r.type),
                    {"href": r.link, "text": excerpt or self._words("cells", "untitled_post")}
                    if pd.notna(r.link)
                    else excerpt,
                    fmt.number(r.engagement),
                ]
            )
        return self._table(
            "teratas",
            self._words("top", "caption"),
            self._words("top", "headers"),
            rows,
            {5},
        )

    def polls_section(self) -> Fragment:
        """D. Each poll's result: votes and shares in a table per poll. No bar chart: the table
        and the sentence already give every figure, and a chart per poll doubled the section's
        length in print."""
        if not self.figures.has_feature_data:
            return Fragment("")
        tables = []
        for (date, platform, question), group in self.figures.polls.groupby(
            ["date", "platform", "question"], sort=True
        ):
            key = f"polling-{date:%Y%m%d}-{question}"
            rows = [
                [r.option, fmt.number(r.votes), fmt.percent(r.share, fmt.share_digits(r.total))]
                for r in group.sort_values("votes", ascending=False).itertuples(index=False)
            ]
            caption = self._words(
                "polls",
                "caption",
                question=question,
                platform=self._label(platform),
                date=fmt.date(date.date()),
            )
            tables.append(
                self._table(
                    key,
                    caption,
                    self._words("polls", "headers"),
                    rows,
                    {1, 2},
                    note=self._poll_note(group),
                )
            )
        return self._section(
            id="polling",
            title=self._words("polls", "title", letter=self._letter("polling")),
            paragraphs=[narrative.paragraph(narrative.polls(self.figures.polls, self.year))],
            tables=tables,
        )

    def _poll_note(self, group: pd.DataFrame) -> str:
        """The vote count and who cast the votes. The stories' sticker taps of that day stay in
        the story table: beside the votes they would read as a second count of the same poll."""
        return narrative.say("poll_note", total=fmt.number(group["total"].iloc[0]))

    def audience(self) -> Fragment:
        """When the followers are online and who they are (TikTok Studio's snapshots)."""
        audience = self.data.audience
        active = metrics.active_by_hour(audience, self.year)
        gender = metrics.audience_in_year(audience, self.year, "gender")
        territory = metrics.audience_in_year(audience, self.year, "territory")
        if active.empty and gender.empty and territory.empty:
            return Fragment("")
        paragraphs = [
            narrative.paragraph(
                narrative.audience(
                    active, gender, territory, AUDIENCE_LABELS, self.profile.timezone
                )
            )
        ]
        tables = []
        for key, rows in (("gender", gender), ("wilayah", territory)):
            if rows.empty:
                continue
            shown = {
                "platform": self._label(rows["platform"].iloc[0]),
                "snapshot": fmt.date(rows["snapshot"].iloc[0].date()),
            }
            caption, headers = (
                (
                    self._words("audience", "gender_caption", **shown),
                    self._words("audience", "gender_headers"),
                )
                if key == "gender"
                else (
                    self._words("audience", "territory_caption", **shown),
                    self._words("audience", "territory_headers"),
                )
            )
            tables.append(
                self._table(
                    f"audiens-{key}",
                    caption,
                    headers,
                    [
                        [AUDIENCE_LABELS.get(r.key, r.key), fmt.percent(r.value * 100, 0)]
                        for r in rows.itertuples(index=False)
                    ],
                    {1},
                    note=self._words("audience", "note"),
                )
            )
        figures = []
        if not active.empty:
            zone = narrative.TIMEZONE_NAMES.get(self.profile.timezone, self.profile.timezone)
            snapshot = fmt.date(active.attrs["snapshot"].date())
            figures = self._figure(
                "audiens-jam",
                charts.active_hours(active, zone),
                self._words(
                    "audience",
                    "chart",
                    platform=self._label(active.attrs["platform"]),
                    snapshot=snapshot,
                ),
                print_data=True,
            )
        return self._section(
            id="audiens",
            title=self._words("audience", "title"),
            paragraphs=paragraphs,
            tables=tables,
            figures=figures,
        )

    def feedback_section(self) -> Fragment:
        """E. Feedback per category, channel and month, its frequent words, and quotes."""
        if not self.figures.has_feature_data:
            return Fragment("")
        rows = self.figures.feedback_rows
        by_category = feedback.counts_by_category(rows)
        terms, pairs = (
            feedback.themes(rows)
            if not rows.empty
            else (pd.DataFrame(columns=["term", "count"]),) * 2
        )
        paragraphs = [
            narrative.paragraph(
                narrative.feedback(rows, by_category, terms, self.profile, self.year)
            )
        ]
        tables, figures, quotes = [], [], []
        if not rows.empty:
            total = len(rows)
            tables.append(
                self._table(
                    "masukan",
                    self._words("feedback", "category_caption"),
                    self._words("feedback", "category_headers"),
                    [
                        [
                            narrative.CATEGORY_NAMES[r.category].capitalize(),
                            fmt.number(r.count),
                            fmt.percent(fmt.share(r.count, total), fmt.share_digits(total)),
                        ]
                        for r in by_category.itertuples(index=False)
                    ],
                    {1, 2},
                )
            )
            channels = feedback.counts_by_channel(rows)
            tables.append(
                self._table(
                    "kanal",
                    self._words("feedback", "channel_caption"),
                    self._words("feedback", "channel_headers"),
                    [[r.channel, fmt.number(r.count)] for r in channels.itertuples(index=False)],
                    {1},
                )
            )
            if not terms.empty:
                tables.append(
                    self._table(
                        "tema",
                        self._words("feedback", "terms_caption"),
                        self._words("feedback", "terms_headers"),
                        _side_by_side(terms, pairs),
                        {1, 3},
                    )
                )
            figures = self._figure(
                "masukan",
                charts.feedback_by_month(feedback.counts_by_month(rows), self.year),
                self._words("feedback", "chart"),
            )
            quotes = [
                {
                    "text": q.text,
                    "source": self._words(
                        "feedback",
                        "quote_source",
                        category=narrative.CATEGORY_NAMES[q.category].capitalize(),
                        channel=q.channel,
                        date=fmt.date(q.date.date()),
                    ),
                }
                for q in feedback.quotes(rows).itertuples()
            ]
        return self._section(
            id="masukan",
            title=self._words("feedback", "title", letter=self._letter("masukan")),
            paragraphs=paragraphs,
            tables=tables,
            figures=figures,
            quotes=quotes,
        )

    # The evaluation's parts, written by Evaluation on the same figures and numbering.

    def year_on_year(self) -> Fragment:
        """Chapter II: the headline figures against the previous year."""
        return self.evaluation.year_on_year()

    def pillars_section(self) -> Fragment:
        """Chapter III: the share of posts and mean interactions per content pillar."""
        return self.evaluation.pillars_section()

    def stages_section(self) -> Fragment:
        """Chapter III: posts and interactions per day inside each election stage."""
        return self.evaluation.stages_section()

    def responsiveness_section(self) -> Fragment:
        """Chapter III: time to answer the public, and the hoax clarifications published."""
        return self.evaluation.responsiveness_section()

    def targets_section(self) -> Fragment:
        """Targets and achievement in the columns of a performance report, after the summary."""
        return self.evaluation.targets_section()

    def staff_figures(self) -> Fragment:
        """Threads, WhatsApp Channels and TikTok's posts, as staff copied them each month."""
        return self._platform.staff_figures()

    def distribution(self) -> Fragment:
        """How much of the reach was organic and how much boosted (paid), per platform."""
        return self._platform.distribution()

    def export_notes(self) -> list:
        """The appendix's notes on which download and which count of views were used."""
        return self._platform.export_notes()

    def meta_audience(self) -> Fragment:
        """Meta's audience snapshot (age and gender, top cities)."""
        return self._platform.meta_audience()

    def summary(self) -> Fragment:
        """Ringkasan eksekutif, right after the contents (see :mod:`kpureport.document.summary`)."""
        return self._summary.summary(self.narrative, self._chapter("kendala")["number"])

    def monthly_comparison(self) -> Fragment:
        """Appendix: each platform month by month, this year and the year before."""
        return self.evaluation.monthly_comparison()

    def constraints_chapter(self) -> Fragment:
        """Chapter IV: constraints and solutions as the staff wrote them."""
        return self._fragment(
            "constraints.html.j2",
            chapter=self._chapter("kendala"),
            letters={key: self.numbers.letter("kendala", key) for key in ("kendala", "solusi")},
            intro=narrative.constraints_intro(self.narrative, self.profile),
            constraints=self.narrative.constraints,
            solutions=self.narrative.solutions,
            constraints_none=narrative.say("constraints_none", year=self.year),
            solutions_none=narrative.say("solutions_none", year=self.year),
        )

    def closing_chapter(self) -> Fragment:
        """Chapter V: closing text and the signature block."""
        sig = narrative.signature(self.narrative, self.profile, self.today)
        return self._fragment(
            "closing.html.j2",
            chapter=self._chapter("penutup"),
            body=narrative.closing(self.narrative, self.profile),
            signature=sig,
            signing_date=narrative.signing_date(sig),
        )

    def methods(self) -> Fragment:
        """Appendix: where each figure comes from and how it is computed."""
        return self._fragment(
            "methods.html.j2",
            **methods.appendix(self.figures, self.numbers),
            export_notes=self.export_notes(),
        )

    def footer(self) -> Fragment:
        """The office's contacts and the slogan."""
        accounts = [
            {"url": a.url, "text": _contact(self._label(a.platform), a.handle, a.name)}
            for a in self.profile.accounts
        ]
        return self._fragment(
            "footer.html.j2",
            profile=self.profile,
            accounts=accounts,
            slogan=self.profile.slogan or SLOGAN,
        )


def _contact(label: str, handle: str | None, name: str) -> str:
    """An account as the contacts line names it: the link says which platform it opens, once
    (a channel named after its platform is not prefixed again).

    >>> _contact("X (Twitter)", "@kpu_contoh", "KPU Contoh")
    'X (Twitter) @kpu_contoh'
    >>> _contact("WhatsApp", None, "Saluran WhatsApp KPU Contoh")
    'Saluran WhatsApp KPU Contoh'
    """
    if handle:
        return f"{label} {handle}"
    return name if label.lower() in name.lower() else f"{label} {name}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _percent_cell(previous: object, current: object) -> str:
    """A change as a percentage cell, as the sentence states it; the missing mark where it is
    told as a count (a base under 100) or has no base."""
    missing = wording("report.yml")["cells"]["missing"]
    if pd.isna(previous):
        return missing
    cell = claims.change(previous, current).cell
    return cell.replace("+", "") if cell.endswith("%") else missing


def _excerpt(value: object) -> str:
    """The start of a caption or title, cut at a word, for a table cell."""
    text = str(value) if pd.notna(value) else ""
    if len(text) <= EXCERPT:
        return text
    return text[: EXCERPT - 1].rsplit(" ", 1)[0] + "…"


def _side_by_side(terms: pd.DataFrame, pairs: pd.DataFrame) -> list[list[str]]:
    """Terms and word pairs as one table of four columns, padded where one list is shorter."""

    def cells(table: pd.DataFrame, i: int) -> list[str]:
        if i >= len(table):
            return ["", ""]
        return [str(table["term"].iloc[i]), fmt.number(table["count"].iloc[i])]

    return [cells(terms, i) + cells(pairs, i) for i in range(max(len(terms), len(pairs)))]
