"""Report parts from the 2024-2026 exports and the staff's monthly table, written on the
report's figures and numbering: figures staff copy from the apps ("dicatat staf"), organic and boosted reach,
Meta's audience snapshot, and the appendix notes on which download and which count were used."""

from __future__ import annotations

import pandas as pd

from kpureport import formatting as fmt
from kpureport.analysis import platform_figures
from kpureport.config import AUDIENCE_LABELS
from kpureport.document.parts import Parts
from kpureport.models import PlainText
from kpureport.writing import wording as wording_files
from kpureport.writing.narrative import join_words
from kpureport.writing.render import Fragment

DASH = "\u2013"
SHORTS_VIEWS_CHANGE = pd.Timestamp("2025-03-31")


def wording() -> dict:
    """The parts' sentences (``templates/platform_parts.yml``), whitespace folded."""
    return wording_files.wording("platform_parts.yml")


def _count(value: object) -> str:
    return DASH if value is None or pd.isna(value) else fmt.number(value)


def _months(months: list[int]) -> str:
    names = [fmt.month_name(m) for m in months]
    return names[0] if len(names) == 1 else f"{names[0]} s.d. {names[-1]}"


class PlatformParts(Parts):
    """Sections and appendix notes from the newer exports and the monthly staff table."""

    def staff_figures(self) -> Fragment:
        """Threads, WhatsApp Channels and TikTok's posts, as staff copied them each month."""
        words = wording()["staff"]
        table = platform_figures.staff_figures(self.data.monthly, self.year)
        if table.empty:
            return Fragment("")
        platforms = join_words([self._label(p) for p in table["platform"]])
        rows = [
            [
                self._label(r.platform),
                fmt.number(r.months),
                _count(r.followers)
                + (f" ({fmt.month(r.followers_month.date())})" if pd.notna(r.followers) else ""),
                _count(r.posts),
                _count(r.views),
                words["source"],
            ]
            for r in table.itertuples(index=False)
        ]
        paragraph = words["paragraph"].format(
            platforms=platforms, months=fmt.number(int(table["months"].max())), year=self.year
        )
        return self._section(
            id="dicatat-staf",
            title=words["title"],
            paragraphs=[PlainText(paragraph)],
            tables=[
                self._table(
                    "dicatat-staf",
                    words["caption"].format(platforms=platforms, year=self.year),
                    words["headers"],
                    rows,
                    {1, 2, 3, 4},
                    note=words["note"],
                )
            ],
        )

    def distribution(self) -> Fragment:
        """How much of the reach was organic and how much boosted (paid), per platform."""
        words = wording()["distribution"]
        table = platform_figures.distribution(self.data.posts, self.year)
        if table.empty:
            return Fragment("")
        shares, rows = [], []
        for r in table.itertuples(index=False):
            paid = fmt.percent(r.paid_share, 1) if pd.notna(r.paid_share) else DASH
            shares.append(words["share"].format(platform=self._label(r.platform), paid=paid))
            if pd.notna(r.seconds_viewed):
                shares.append(
                    words["videos"].format(
                        platform=self._label(r.platform),
                        hours=fmt.number(r.seconds_viewed / 3600, 1),
                        videos=fmt.number(r.videos),
                    )
                )
            rows.append(
                [
                    self._label(r.platform),
                    fmt.number(r.posts),
                    _count(r.reach_organic),
                    _count(r.reach_paid),
                    paid,
                    _count(r.views_organic),
                    _count(r.views_paid),
                ]
            )
        return self._section(
            id="organik-berbayar",
            title=words["title"],
            paragraphs=[PlainText(words["paragraph"].format(shares=" ".join(shares)))],
            tables=[
                self._table(
                    "organik-berbayar",
                    words["caption"].format(year=self.year),
                    words["headers"],
                    rows,
                    {1, 2, 3, 4, 5, 6},
                    note=words["note"],
                )
            ],
        )

    def meta_audience(self) -> Fragment:
        """Age and gender and top cities of the Facebook and Instagram followers (Meta's
        Audience file), with the day of the snapshot."""
        words = wording()["audience"]
        found = platform_figures.meta_audience(self.data.audience, self.year)
        if not found:
            return Fragment("")
        parts, tables = [], []
        for platform, table in found.items():
            label = self._label(platform)
            snapshot = fmt.date(pd.Timestamp(table["snapshot"].iloc[0]).date())
            ages = platform_figures.age_gender(table)
            cities = (
                table[table["dimension"] == "city"]
                .sort_values("value", ascending=False, kind="stable")
                .head(5)
            )
            if not ages.empty:
                tables.append(
                    self._table(
                        f"audiens-usia-{platform}",
                        words["age_caption"].format(platform=label, snapshot=snapshot),
                        words["age_headers"],
                        [
                            [r.age, fmt.percent(r.Female * 100, 1), fmt.percent(r.Male * 100, 1)]
                            for r in ages.itertuples(index=False)
                        ],
                        {1, 2},
                        note=words["note"],
                    )
                )
            if not cities.empty:
                tables.append(
                    self._table(
                        f"audiens-kota-{platform}",
                        words["city_caption"].format(platform=label, snapshot=snapshot),
                        words["city_headers"],
                        [
                            [AUDIENCE_LABELS.get(r.key, r.key), fmt.percent(r.value * 100, 1)]
                            for r in cities.itertuples(index=False)
                        ],
                        {1},
                        note=words["note"],
                    )
                )
            if not ages.empty and not cities.empty:
                totals = ages.set_index("age")[["Female", "Male"]].sum(axis=1)
                parts.append(
                    words["part"].format(
                        platform=label,
                        snapshot=snapshot,
                        gender_share=fmt.percent(ages["Female"].sum() * 100, 0),
                        age=totals.idxmax(),
                        city=AUDIENCE_LABELS.get(cities["key"].iloc[0], cities["key"].iloc[0]),
                    )
                )
        paragraphs = [PlainText(words["paragraph"].format(parts="; ".join(parts)))] if parts else []
        return self._section(
            id="audiens-meta", title=words["title"], paragraphs=paragraphs, tables=tables
        )

    def export_notes(self) -> list[PlainText]:
        """Appendix sentences: which download of a post was used, a year whose posts carry
        impressions for some months and views for others, and YouTube's count of views."""
        words = wording()["notes"]
        notes = []
        coverage = self.data.coverage
        if coverage is not None and not coverage.empty and "replaced" in coverage.columns:
            posts = self.figures.year_posts
            used = set(posts["source"].dropna()) if "source" in posts.columns else set()
            first, last = pd.Timestamp(f"{self.year}-01-01"), pd.Timestamp(f"{self.year}-12-31")
            ordered = coverage.reset_index(drop=True)
            for number, row in ordered.iterrows():
                if row["kind"] != "posts" or not row["replaced"]:
                    continue
                if not (row["start"] <= last and row["end"] >= first):
                    continue
                later = ordered.iloc[number + 1 :]
                newer = later[
                    (later["kind"] == "posts")
                    & (later["platform"] == row["platform"])
                    & later["source"].map(lambda s: s.rsplit("/", 1)[-1] in used)
                ]
                names = [
                    f"\u201c{r.source}\u201d, diunduh {fmt.date(r.downloaded.date())}"
                    if r.by == "name"
                    else f"\u201c{r.source}\u201d"
                    for r in newer.itertuples(index=False)
                ]
                notes.append(
                    words["replaced"].format(
                        count=fmt.number(row["replaced"]),
                        platform=self._label(row["platform"]),
                        older=row["source"],
                        newer=join_words(names) or "berkas lain",
                    )
                )
            if notes:
                notes.append(words["order"])
        for r in platform_figures.reach_side_months(self.data.posts, self.year).itertuples():
            notes.append(
                words["reach_side"].format(
                    platform=self._label(r.platform),
                    year=self.year,
                    impressions=_months(r.impressions),
                    views=_months(r.views),
                )
            )
        notes += self._youtube_notes(words)
        return [PlainText(n) for n in notes]

    def _youtube_notes(self, words: dict) -> list[str]:
        posts = self.figures.year_posts
        youtube = posts[posts["platform"] == "youtube"] if not posts.empty else posts
        end = pd.Timestamp(f"{self.year}-12-31")
        if youtube.empty or end < SHORTS_VIEWS_CHANGE:
            return []
        notes = [words["youtube"]]
        if "engaged_views" in youtube.columns and youtube["engaged_views"].notna().any():
            notes.append(
                words["youtube_engaged"].format(
                    engaged=fmt.number(youtube["engaged_views"].sum()),
                    views=fmt.number(youtube["views"].sum()),
                    year=self.year,
                )
            )
        return notes
