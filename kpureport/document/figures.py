"""The figures of one office's year, each computed once on first use.

One object that every reader of the figures shares: the report's parts, its evaluation parts
and the methods appendix all read the same tables, so a figure is never computed twice and
the appendix states the sources of exactly what the parts show.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

import pandas as pd

from kpureport import formatting as fmt
from kpureport.analysis import feedback, metrics, pillars, responsiveness, stages, summary, targets
from kpureport.ingest.load import ReportData
from kpureport.writing.narrative import common_date


class Figures:
    """Tidy tables computed from one office's validated data for one year."""

    def __init__(self, data: ReportData):
        self.data = data
        self.year = data.year
        self.profile = data.profile

    def __repr__(self) -> str:
        return f"<Figures {self.profile.slug!r} {self.year}>"

    @cached_property
    def platforms(self) -> pd.DataFrame:
        """Every account with its followers at year end and its share of the total."""
        return metrics.platform_table(self.profile, self.data.followers, self.year)

    @cached_property
    def followers_counted(self) -> pd.Timestamp | None:
        """The one day every known follower count of the year was taken on (None when they
        differ): a mid-year count is dated wherever it is shown, never called the year end."""
        return common_date(self.platforms[self.platforms["followers"].notna()])

    @cached_property
    def history(self) -> pd.DataFrame:
        """Followers of each platform at the end of each year: ``platform, year, date, followers``."""
        return metrics.year_end_history(
            metrics.follower_counts(self.data.followers, self.data.daily)
        )

    @cached_property
    def growth_table(self) -> pd.DataFrame:
        """Year-end followers against the year before: ``platform, previous, current, change,
        change_pct`` (percent, float)."""
        return metrics.growth(self.history, self.year)

    @cached_property
    def year_posts(self) -> pd.DataFrame:
        """The year's feed posts (stories apart), each with its ``engagement``."""
        return metrics.posts_in_year(self.data.posts, self.year)

    @cached_property
    def rates(self) -> pd.DataFrame:
        """Engagement rate per platform: ``platform, posts, interactions, base, base_label,
        denominator, rate`` (percent, float)."""
        return metrics.engagement_rates(self.data.posts, self.year, self.history, self.data.daily)

    @cached_property
    def daily_spans(self) -> dict[str, tuple[dt.date, dt.date]]:
        """First and last day of each platform's daily figures within the year."""
        daily = self.data.daily
        days = daily[daily["date"].dt.year == self.year] if not daily.empty else daily
        return {
            str(platform): (group["date"].min().date(), group["date"].max().date())
            for platform, group in days.groupby("platform", sort=True)
        }

    @cached_property
    def stories(self) -> pd.DataFrame:
        """Stories per platform with their reach, replies, sticker taps, clicks, profile visits."""
        return metrics.story_summary(self.data.posts, self.year)

    @cached_property
    def per_month(self) -> pd.DataFrame:
        """Posts per month (rows 1-12) and platform (columns)."""
        return metrics.posts_per_month(self.data.posts, self.year)

    @cached_property
    def polls(self) -> pd.DataFrame:
        """The year's polls: votes, ``share`` and its 95% interval (``low``, ``high``) per option."""
        return metrics.poll_results(self.data.polls, self.year)

    @cached_property
    def feedback_rows(self) -> pd.DataFrame:
        """The year's feedback, personal data redacted, with a category for each message."""
        return feedback.prepare(self.data.feedback, self.year)

    @property
    def has_feature_data(self) -> bool:
        return not (self.year_posts.empty and self.polls.empty and self.feedback_rows.empty)

    @cached_property
    def videos_listed(self) -> int:
        """How many videos the newest Content download of the year listed, whatever year they
        were posted in."""
        listed = self.data.top_videos
        if listed is None or listed.empty:
            return 0
        of_year = listed[listed["snapshot"].dt.year == self.year]
        return int((of_year["snapshot"] == of_year["snapshot"].max()).sum()) if len(of_year) else 0

    # The evaluation's figures.

    @cached_property
    def last_year(self) -> dict[str, float | None]:
        """The previous year's headline figures (all None: no data that year)."""
        return metrics.headline(self.data, self.year - 1, self.history)

    @property
    def has_last_year(self) -> bool:
        return any(v is not None for v in self.last_year.values())

    @cached_property
    def year_stages(self) -> pd.DataFrame:
        """The national stages and the office's own events that touch the year."""
        return stages.in_year(stages.with_local(self.data.stages), self.year)

    @cached_property
    def stage_activity(self) -> pd.DataFrame:
        return stages.activity(self.data.posts, stages.with_local(self.data.stages), self.year)

    @cached_property
    def pillar_table(self) -> pd.DataFrame:
        assigned = pillars.assign(
            self.data.posts, self.year, self.data.pillars, self.data.pillar_overrides
        )
        return pillars.summary(assigned, self.data.pillars)

    @cached_property
    def answer_times(self) -> pd.DataFrame:
        return responsiveness.answer_times(self.data.questions, self.year)

    @cached_property
    def clarifications(self) -> pd.DataFrame:
        return responsiveness.clarifications_in_year(self.data.clarifications, self.year)

    @cached_property
    def achievement(self) -> pd.DataFrame:
        """The LKj table of the year's targets (see :func:`kpureport.analysis.targets.achievement`)."""
        return targets.achievement(self.data.targets, self.year, self.realised, self.data.scale)

    @cached_property
    def target_status(self) -> dict[str, object] | None:
        """Reached, missed and unmeasured targets, and the lowest (None: no targets)."""
        return summary.target_status(self.achievement) if not self.achievement.empty else None

    @cached_property
    def scorecard(self) -> pd.DataFrame:
        """One row per account (see :func:`kpureport.analysis.summary.scorecard`)."""
        return summary.scorecard(
            [a.platform for a in self.profile.accounts],
            self.platforms,
            self.growth_table,
            self.year_posts,
            self.rates,
            self.year,
        )

    def realised(self, indicator: str, platform: str | None) -> float | None:
        """The realisation of one indicator, computed from the data (None: no data)."""
        if indicator == "pengikut":
            ends = self.history[self.history["year"] == self.year]
            ends = ends[ends["platform"] == platform] if platform else ends
            return float(ends["followers"].sum()) if not ends.empty else None
        if indicator == "pertumbuhan_pengikut":
            return metrics.followers_change(self.growth_table, platform)
        if indicator == "unggahan":
            posts = self.year_posts
            posts = posts[posts["platform"] == platform] if platform else posts
            return float(len(posts)) if not self.year_posts.empty else None
        if indicator == "tingkat_interaksi":
            rates = self.rates[(self.rates["platform"] == platform) & self.rates["rate"].notna()]
            return float(rates["rate"].iloc[0]) if not rates.empty else None
        if indicator == "polling":
            return float(self.polls.groupby(["date", "platform", "question"]).ngroups)
        if indicator == "masukan":
            return float(len(self.feedback_rows))
        if indicator in ("pertanyaan_dijawab", "dijawab_24_jam"):
            if self.answer_times.empty:
                return None
            total = self.answer_times.iloc[-1]
            if indicator == "dijawab_24_jam":
                return float(total["within_share"])
            return fmt.share(int(total["answered"]), int(total["received"]))
        if indicator == "klarifikasi_hoaks":
            return float(len(self.clarifications))
        raise KeyError(indicator)
