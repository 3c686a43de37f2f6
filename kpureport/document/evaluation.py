"""The parts of the report an office is evaluated on: last year side by side, targets and
achievement (LKj), activity per election stage, content pillars, and responsiveness.

Written on the report's own figures and numbering (:class:`~kpureport.document.parts.Parts`);
the report hands each part to the notebook, and each is left out (an empty fragment) when the
office keeps no data for it.
"""

from __future__ import annotations

import pandas as pd

from kpureport import formatting as fmt
from kpureport.analysis import metrics, stages
from kpureport.config import report_stem
from kpureport.document.parts import Parts
from kpureport.models import PlainText
from kpureport.writing import charts, narrative
from kpureport.writing.render import Fragment
from kpureport.writing.wording import wording


class Evaluation(Parts):
    """Sections computed from the evaluation tables, on the report's figures and numbering."""

    def year_on_year(self) -> Fragment:
        """Chapter II: the headline figures against the previous year."""
        if not self.figures.has_last_year:
            return Fragment("")
        now, before = (
            metrics.headline(self.data, self.year, self.figures.history),
            self.figures.last_year,
        )
        rows = [
            {
                "label": words["label"],
                "unit": words["unit"],
                "previous": before[key],
                "current": now[key],
                "shown_previous": self._cell(before[key]),
                "shown_current": self._cell(now[key]),
            }
            for key, words in wording("report.yml")["year_on_year"]["indicators"].items()
        ]
        previous_rates = metrics.engagement_rates(
            self.data.posts, self.year - 1, self.figures.history, self.data.daily
        ).set_index("platform")
        for r in self.figures.rates.itertuples(index=False):
            if pd.isna(r.rate) or r.platform not in previous_rates.index:
                continue
            old = previous_rates.loc[r.platform]
            if pd.isna(old["rate"]) or old["base"] != r.base:
                continue  # rates of different bases are never compared
            rows.append(
                {
                    "label": self._words(
                        "year_on_year",
                        "rate",
                        platform=self._label(r.platform),
                        base=r.base_label.split(" (")[0],
                    ),
                    "points": True,
                    "digits": 2,
                    "suffix": "%",
                    "previous": float(old["rate"]),
                    "current": float(r.rate),
                    "shown_previous": fmt.percent(old["rate"], 2),
                    "shown_current": fmt.percent(r.rate, 2),
                }
            )
        table = self._table(
            "tahun-lalu",
            self._words("year_on_year", "caption"),
            self._words("year_on_year", "headers"),
            [
                [
                    r["label"][0].upper() + r["label"][1:],
                    r["shown_previous"],
                    r["shown_current"],
                    self._missing
                    if r["previous"] is None or r["current"] is None
                    else narrative.row_change(r).cell,
                ]
                for r in rows
            ],
            {1, 2, 3},
            note=self._words("year_on_year", "note"),
        )
        return self._section(
            id="tahun-lalu",
            title=self._words("year_on_year", "title"),
            paragraphs=[narrative.paragraph(narrative.year_on_year(rows, self.year))],
            tables=[table],
        )

    def targets_section(self) -> Fragment:
        """Targets and achievement in the columns of a performance report (LKj), right after
        the summary: the status (reached or not) apart from the category of the scale."""
        from kpureport.writing import summary

        table = self.figures.achievement
        if table.empty:
            return Fragment("")
        words = wording("targets.yml")

        def value(number: float, unit: str) -> str:
            if pd.isna(number):
                return self._words("targets", "unavailable")
            return fmt.percent(number, 2) if unit == "%" else fmt.number(number)

        def status(achievement: float) -> str:
            if pd.isna(achievement):
                return words["unmeasured"]
            return words["reached"] if achievement >= 100 else words["missed"]

        rows = [
            [
                str(i),
                narrative.target_label(r, self.year),
                value(r["target"], r["unit"]),
                value(r["realisation"], r["unit"]),
                self._missing if pd.isna(r["achievement"]) else fmt.percent(r["achievement"], 1),
                status(r["achievement"]),
                r["category"] or self._missing,
            ]
            for i, (_, r) in enumerate(table.iterrows(), start=1)
        ]
        scale = self.data.scale
        basis = words["basis_own" if scale.own else "basis_default"].format(source=scale.source)
        lowest = [
            summary.lower_first(narrative.target_label(r, self.year))
            for _, r in self.figures.target_status["lowest"].iterrows()
        ]
        return self._fragment(
            "targets.html.j2",
            title=words["title"],
            paragraphs=[
                PlainText(summary.targets_sentence(self.figures.target_status, lowest, self.year))
            ],
            tables=[
                self._table(
                    "target",
                    words["caption"].format(year=self.year),
                    words["headers"],
                    rows,
                    {2, 3, 4},
                    note=words["note"].format(basis=basis, levels=scale.describe()),
                )
            ],
        )

    def stages_section(self) -> Fragment:
        """Posts and interactions per day inside each election stage against the rest."""
        table = self.figures.stage_activity
        if table.empty:
            return Fragment("")
        rows = [
            [
                self._words("stages", "outside") if r.kind == "luar" else _capital(stages.label(r)),
                self._missing if r.kind == "luar" else narrative.stage_period(r.start, r.end),
                fmt.number(r.days),
                fmt.number(r.posts),
                self._cell(r.posts_per_day, narrative.STAGE_DIGITS),
                self._cell(r.interactions_per_day),
            ]
            for r in table.itertuples(index=False)
        ]
        sources = sorted({s for s in self.figures.year_stages["source"].dropna()})
        figures = self._figure(
            "tahapan",
            charts.daily_interactions(
                stages.daily_interactions(self.data.posts, self.year),
                self.year,
                self.figures.year_stages,
            ),
            self._words("stages", "chart"),
        )
        return self._section(
            id="tahapan",
            title=self._words("stages", "title", letter=self._letter("tahapan")),
            paragraphs=[
                narrative.paragraph(narrative.stages(table, self.profile, self.year, stages.SPOKEN))
            ],
            tables=[
                self._table(
                    "tahapan",
                    self._words("stages", "caption"),
                    self._words("stages", "headers"),
                    rows,
                    {2, 3, 4, 5},
                    note=self._words("stages", "note", sources="; ".join(sources)),
                )
            ],
            figures=figures,
        )

    def pillars_section(self) -> Fragment:
        """The share of posts and mean interactions per content pillar."""
        table = self.figures.pillar_table
        if table.empty:
            return Fragment("")
        digits = fmt.share_digits(int(table["posts"].sum()))
        rows = [
            [
                _capital(r.label),
                fmt.number(r.posts),
                fmt.percent(r.share, digits),
                self._cell(r.engagement_mean),
            ]
            for r in table.itertuples(index=False)
        ]
        return self._section(
            id="pilar",
            title=self._words("pillars", "title", letter=self._letter("pilar")),
            paragraphs=[narrative.paragraph(narrative.pillars(table, self.year))],
            tables=[
                self._table(
                    "pilar",
                    self._words("pillars", "caption"),
                    self._words("pillars", "headers"),
                    rows,
                    {1, 2, 3},
                    note=self._words("pillars", "note"),
                )
            ],
        )

    def responsiveness_section(self) -> Fragment:
        """Time to answer the public per channel, and the hoax clarifications published."""
        times, clarifications = self.figures.answer_times, self.figures.clarifications
        if times.empty and clarifications.empty:
            return Fragment("")
        tables = []
        if not times.empty:
            tables.append(
                self._table(
                    "respons",
                    self._words("responses", "caption"),
                    self._words("responses", "headers"),
                    [
                        [
                            self._words("responses", "all_channels")
                            if pd.isna(r.channel)
                            else r.channel,
                            fmt.number(r.received),
                            fmt.number(r.answered),
                            self._cell(r.median_hours, 1),
                            self._cell(r.p90_hours, 1),
                            self._words(
                                "responses",
                                "within",
                                count=fmt.number(r.within),
                                share=fmt.percent(r.within_share, fmt.share_digits(r.received)),
                            ),
                        ]
                        for r in times.itertuples(index=False)
                    ],
                    {1, 2, 3, 4, 5},
                    note=self._words("responses", "note"),
                )
            )
        if not clarifications.empty:
            tables.append(self._clarifications_table(clarifications))
        return self._section(
            id="respons",
            title=self._words("responses", "title", letter=self._letter("respons")),
            paragraphs=[
                narrative.paragraph(
                    narrative.responses(
                        times,
                        clarifications,
                        self.profile,
                        self.year,
                        feedback=(
                            len(self.feedback_rows),
                            int((self.feedback_rows["category"] == "pertanyaan").sum())
                            if not self.feedback_rows.empty
                            else 0,
                        ),
                    )
                )
            ],
            tables=tables,
        )

    def _clarifications_table(self, clarifications: pd.DataFrame) -> dict:
        """Each clarification with its platform and link, and the hours from the hoax being
        noticed to the clarification where the staff's table gives both times."""
        timed = clarifications["hours"].notna().any()
        headers = self._words("clarifications", "headers") + (
            [self._words("clarifications", "hours_header")] if timed else []
        )
        rows = [
            [
                fmt.date(r.date.date()),
                self._label(r.platform)
                if isinstance(r.platform, str) and r.platform
                else self._missing,
                r.issue,
                {"text": r.link or self._missing, "href": r.link},
            ]
            + ([self._cell(r.hours, 1)] if timed else [])
            for r in clarifications.itertuples(index=False)
        ]
        return self._table(
            "klarifikasi",
            self._words("clarifications", "caption"),
            headers,
            rows,
            {4} if timed else set(),
        )

    def monthly_comparison(self) -> Fragment:
        """Appendix: each platform month by month, this year and the year before."""
        if not self.figures.has_last_year:
            return Fragment("")
        counts = metrics.follower_counts(self.data.followers, self.data.daily)
        tables = []
        for account in self.profile.accounts:
            table = metrics.monthly_comparison(self.data.posts, counts, self.year, account.platform)
            if table.isna().all().all() or not table.fillna(0).to_numpy().any():
                continue
            a, b = self.year - 1, self.year
            tables.append(
                self._table(
                    f"bulanan-{account.platform}",
                    self._words("monthly", "caption", platform=self._label(account.platform)),
                    self._words("monthly", "headers"),
                    [
                        [fmt.month_name(int(month)), *(self._cell(v) for v in row)]
                        for month, row in table[
                            [
                                f"posts_{a}",
                                f"posts_{b}",
                                f"interactions_{a}",
                                f"interactions_{b}",
                                f"followers_{a}",
                                f"followers_{b}",
                            ]
                        ].iterrows()
                    ],
                    {1, 2, 3, 4, 5, 6},
                )
            )
        if not tables:
            return Fragment("")
        title = self._words("monthly", "title", letter=self.numbers.letter("lampiran", "bulanan"))
        return self._section(
            id="lampiran-bulanan",
            title=title,
            print_note=wording("workbook.yml")["print_note"].format(
                first=tables[0]["number"],
                last=tables[-1]["number"],
                previous_year=self.year - 1,
                file=f"{report_stem(self.profile.slug, self.year)}.xlsx",
            ),
            paragraphs=[
                narrative.paragraph(
                    [narrative.say("monthly_intro", year=self.year, previous_year=self.year - 1)]
                )
            ],
            tables=tables,
        )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
