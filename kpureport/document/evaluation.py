"""The parts of the report an office is evaluated on: last year side by side, targets and
achievement (LKj), activity per election stage, content pillars, and responsiveness.

A mixin of :class:`~kpureport.document.report.Report`: each part is a method the notebook calls, and
each is left out (an empty fragment) when the office keeps no data for it.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from kpureport import formatting as fmt
from kpureport.analysis import metrics, pillars, responsiveness, stages
from kpureport.writing import charts, narrative
from kpureport.writing.render import Fragment

#: Letters of the evaluation sections of chapter III, after the five of the seed report.
FIRST_LETTER = "F"


class EvaluationParts:
    """Sections computed from the evaluation tables; mixed into ``Report``."""

    def _letter(self, key: str) -> str:
        return chr(ord(FIRST_LETTER) + self._number("bagian", key) - 1)

    # Figures.

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
        from kpureport.analysis.targets import achievement

        return achievement(self.data.targets, self.year, self.realised, self.data.scale)

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

    # Parts.

    def year_on_year(self) -> Fragment:
        """Chapter II: the headline figures against the previous year."""
        if not self.has_last_year:
            return Fragment("")
        now, before = metrics.headline(self.data, self.year, self.history), self.last_year
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
            self.data.posts, self.year - 1, self.history, self.data.daily
        ).set_index("platform")
        for r in self.rates.itertuples(index=False):
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
        """Targets and achievement in the columns of a performance report (LKj)."""
        table = self.achievement
        if table.empty:
            return Fragment("")

        def value(number: float, unit: str) -> str:
            if pd.isna(number):
                return "data tidak tersedia"
            return fmt.percent(number, 2) if unit == "%" else fmt.number(number)

        rows = [
            [
                str(i),
                narrative.target_label(r, self.year),
                value(r["target"], r["unit"]),
                value(r["realisation"], r["unit"]),
                "-" if pd.isna(r["achievement"]) else fmt.percent(r["achievement"], 1),
                r["category"] or "-",
            ]
            for i, (_, r) in enumerate(table.iterrows(), start=1)
        ]
        scale = self.data.scale
        levels = scale.describe()
        return self._section(
            id="target",
            title=f"{self._letter('target')}. Capaian Target Kinerja",
            paragraphs=[narrative.paragraph(narrative.targets(table, self.year))],
            tables=[
                self._table(
                    "target",
                    f"Target dan realisasi kinerja media sosial, tahun {self.year}",
                    ["No.", "Indikator", "Target", "Realisasi", "Capaian", "Kategori"],
                    rows,
                    {2, 3, 4},
                    note=f"Capaian = realisasi / target \u00d7 100%. Kategori: {levels} "
                    f"({scale.source}).",
                )
            ],
        )

    def stages_section(self) -> Fragment:
        """Posts and interactions per day inside each election stage against the rest."""
        table = self.stage_activity
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
        sources = sorted({s for s in self.year_stages["source"].dropna()})
        figures = self._figure(
            "tahapan",
            charts.daily_interactions(
                stages.daily_interactions(self.data.posts, self.year), self.year, self.year_stages
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
        table = self.pillar_table
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
        times, clarifications = self.answer_times, self.clarifications
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
        if not self.has_last_year:
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
        return self._section(
            id="lampiran-bulanan",
            title=f"F. Perbandingan Bulanan dengan Tahun {self.year - 1}",
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
