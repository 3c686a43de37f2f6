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
        labels = {
            "posts": ("jumlah unggahan di beranda", "unggahan"),
            "interactions": ("jumlah interaksi unggahan", "interaksi"),
            "followers": ("jumlah pengikut akhir tahun", "pengikut"),
            "polls": ("jumlah polling", "polling"),
            "votes": ("jumlah suara polling", "suara"),
            "feedback": ("jumlah masukan masyarakat", "masukan"),
        }
        rows = [
            {
                "label": label,
                "unit": unit,
                "previous": before[key],
                "current": now[key],
                "shown_previous": "-" if before[key] is None else fmt.number(before[key]),
                "shown_current": "-" if now[key] is None else fmt.number(now[key]),
            }
            for key, (label, unit) in labels.items()
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
                    "label": f"tingkat interaksi {self._label(r.platform)} dari "
                    + r.base_label.split(" (")[0],
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
            f"Angka utama tahun {self.year - 1} dan {self.year}",
            ["Indikator", str(self.year - 1), str(self.year), "Perubahan"],
            [
                [
                    r["label"][0].upper() + r["label"][1:],
                    r["shown_previous"],
                    r["shown_current"],
                    "-"
                    if r["previous"] is None or r["current"] is None
                    else narrative.row_change(r).cell,
                ]
                for r in rows
            ],
            {1, 2, 3},
            note="Jumlah pengikut akhir tahun menjumlahkan akun yang tercatat pada tahun itu. "
            "Perbandingan bulanan per platform ada pada Lampiran.",
        )
        return self._section(
            id="tahun-lalu",
            title=f"Perbandingan dengan Tahun {self.year - 1}",
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
                return "data tidak tersedia"
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
                "-" if pd.isna(r["achievement"]) else fmt.percent(r["achievement"], 1),
                status(r["achievement"]),
                r["category"] or "-",
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
                "Di luar tahapan" if r.kind == "luar" else _capital(stages.label(r)),
                "-" if r.kind == "luar" else narrative.stage_period(r.start, r.end),
                fmt.number(r.days),
                fmt.number(r.posts),
                "-" if pd.isna(r.posts_per_day) else fmt.number(r.posts_per_day, 1),
                "-" if pd.isna(r.interactions_per_day) else fmt.number(r.interactions_per_day),
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
            f"Interaksi unggahan per hari terbit dan tahapan pemilu, tahun {self.year}",
        )
        return self._section(
            id="tahapan",
            title=f"{self._letter('tahapan')}. Aktivitas per Tahapan Pemilu",
            paragraphs=[
                narrative.paragraph(narrative.stages(table, self.profile, self.year, stages.SPOKEN))
            ],
            tables=[
                self._table(
                    "tahapan",
                    f"Unggahan dan interaksi per hari menurut tahapan, tahun {self.year}",
                    [
                        "Tahapan",
                        "Periode pada tahun ini",
                        "Hari",
                        "Unggahan",
                        "Unggahan per hari",
                        "Interaksi per hari",
                    ],
                    rows,
                    {2, 3, 4, 5},
                    note="Tahapan dapat bertumpuk; hari di luar tahapan adalah hari yang tidak "
                    "termasuk tahapan mana pun. Sumber jadwal: " + "; ".join(sources) + ".",
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
                "-" if pd.isna(r.engagement_mean) else fmt.number(r.engagement_mean),
            ]
            for r in table.itertuples(index=False)
        ]
        return self._section(
            id="pilar",
            title=f"{self._letter('pilar')}. Pilar Konten",
            paragraphs=[narrative.paragraph(narrative.pillars(table, self.year))],
            tables=[
                self._table(
                    "pilar",
                    f"Unggahan per pilar konten, tahun {self.year}",
                    ["Pilar", "Unggahan", "Persentase", "Rata-rata interaksi"],
                    rows,
                    {1, 2, 3},
                    note="Pilar ditentukan dari kata dan tagar pada teks unggahan menurut aturan "
                    "di Lampiran, kecuali unggahan yang pilarnya ditetapkan staf.",
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

            def hours(value: float) -> str:
                return "-" if pd.isna(value) else fmt.number(value, 1)

            tables.append(
                self._table(
                    "respons",
                    f"Waktu menjawab pertanyaan dan pengaduan per kanal, tahun {self.year}",
                    [
                        "Kanal",
                        "Diterima",
                        "Dijawab",
                        "Median waktu jawab (jam)",
                        "Persentil ke-90 (jam)",
                        "Dijawab dalam 1 \u00d7 24 jam",
                    ],
                    [
                        [
                            "Semua kanal" if pd.isna(r.channel) else r.channel,
                            fmt.number(r.received),
                            fmt.number(r.answered),
                            hours(r.median_hours),
                            hours(r.p90_hours),
                            f"{fmt.number(r.within)} "
                            f"({fmt.percent(r.within_share, fmt.share_digits(r.received))})",
                        ]
                        for r in times.itertuples(index=False)
                    ],
                    {1, 2, 3, 4, 5},
                    note="Persentase dijawab dalam 1 \u00d7 24 jam dihitung dari semua yang diterima, "
                    "termasuk yang belum dijawab.",
                )
            )
        if not clarifications.empty:
            tables.append(self._clarifications_table(clarifications))
        return self._section(
            id="respons",
            title=f"{self._letter('respons')}. Respons dan Klarifikasi Hoaks",
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
        headers = ["Tanggal", "Platform", "Isu", "Tautan"] + (
            ["Jam sejak hoaks diketahui"] if timed else []
        )
        rows = [
            [
                fmt.date(r.date.date()),
                self._label(r.platform) if isinstance(r.platform, str) and r.platform else "-",
                r.issue,
                {"text": r.link or "-", "href": r.link},
            ]
            + (["-" if pd.isna(r.hours) else fmt.number(r.hours, 1)] if timed else [])
            for r in clarifications.itertuples(index=False)
        ]
        return self._table(
            "klarifikasi",
            f"Klarifikasi hoaks yang diterbitkan, tahun {self.year}",
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
                    f"{self._label(account.platform)} per bulan, tahun {a} dan {b}",
                    [
                        "Bulan",
                        f"Unggahan {a}",
                        f"Unggahan {b}",
                        f"Interaksi {a}",
                        f"Interaksi {b}",
                        f"Pengikut akhir bulan {a}",
                        f"Pengikut akhir bulan {b}",
                    ],
                    [
                        [fmt.month_name(int(month)), *(_cell(v) for v in row)]
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
        title = f"{self.numbers.letter('lampiran', 'bulanan')}. Perbandingan Bulanan dengan Tahun {self.year - 1}"
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


def _cell(value: object) -> str:
    return "-" if value is None or pd.isna(value) else fmt.number(value)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
