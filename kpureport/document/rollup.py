"""The provincial or national roll-up ("monev"): offices compared, then scored and ranked by
a declared rubric (``monev``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from kpureport import formatting as fmt
from kpureport.analysis import metrics, monev
from kpureport.config import PLATFORMS, SLOGAN, platform_label
from kpureport.document.numbering import Numbering
from kpureport.errors import DataError, KpuReportError, YearNotAvailableError
from kpureport.ingest.load import (
    ReportData,
    data_folder,
    load_report_data,
    province_offices,
    report_year,
)
from kpureport.writing import charts, wording
from kpureport.writing.narrative import join_words
from kpureport.writing.render import Fragment, fragment, section


def say(key: str, **fields: object) -> str:
    """A sentence of ``templates/rekap.yml``, filled."""
    return wording.say("rekap.yml", key, **fields)


def office_row(data: ReportData, rubric: monev.Rubric) -> dict:
    """One office's figures for the comparison (followers, growth, posts, engagement) and the
    raw values of the rubric's measured criteria."""
    year = data.year
    history = metrics.year_end_history(metrics.follower_counts(data.followers, data.daily))
    now = history[history["year"] == year].set_index("platform")["followers"]
    growth = metrics.growth(history, year)
    both = growth[growth["previous"].notna()]
    before, after = int(both["previous"].sum()), int(both["current"].sum())
    posts = metrics.posts_in_year(data.posts, year)
    interactions = float(posts["engagement"].sum()) if not posts.empty else 0.0
    audience = (
        int(now.reindex(posts["platform"].unique()).fillna(0).sum()) if not posts.empty else 0
    )
    engagement = (
        fmt.share(int(interactions), audience * len(posts))
        if len(posts) and audience
        else float("nan")
    )
    growth_pct = fmt.share(after - before, before) if before else float("nan")
    row = {
        "office": data.profile.slug,
        "name": data.profile.short_name,
        "fictional": data.profile.fictional,
        "total": int(now.sum()),
        "growth": growth_pct,
        "posts": len(posts),
        "engagement": engagement,
    }
    row.update({p: (int(now[p]) if p in now.index else None) for p in PLATFORMS})
    row.update(monev.measures(data, rubric, growth_pct, engagement))
    return row


#: Columns of one office's row in the comparison, typed (also when no office loaded).
COMPARISON_TYPES = {
    "office": "object",
    "name": "object",
    "fictional": "bool",
    "total": "int64",
    "growth": "float64",
    "posts": "int64",
    "engagement": "float64",
    **{platform: "Int64" for platform in PLATFORMS},
    **{code: "float64" for code in monev.MEASURED},
}


def comparison(datasets: list[ReportData], rubric: monev.Rubric) -> pd.DataFrame:
    """Offices side by side, by name: followers per platform, growth, posts, engagement, and
    the raw values of the rubric's measured criteria."""
    table = pd.DataFrame(
        [office_row(d, rubric) for d in datasets], columns=list(COMPARISON_TYPES)
    ).astype(COMPARISON_TYPES)
    return table.sort_values("name", ignore_index=True)


#: The output of a roll-up's title page that lists the offices left out, for ``rekap``.
LEFT_OUT_MIME = "application/vnd.kpureport.left-out+json"


class _TitlePage(Fragment):
    def __init__(self, html: str, left_out: list[str]):
        super().__init__(html)
        self.left_out = list(left_out)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/html": self._repr_html_()}
        if self.left_out:
            bundle[LEFT_OUT_MIME] = {"offices": self.left_out}
        return bundle


class Rollup:
    """The roll-up of several offices for one year, as the rekap notebook shows it: the
    offices compared, then scored by the monev rubric."""

    def __init__(
        self,
        datasets: list[ReportData],
        year: int,
        area: str,
        missing: list[str],
        rubric: monev.Rubric | None = None,
        jury: pd.DataFrame | None = None,
    ):
        self.datasets, self.year, self.area, self.missing = datasets, year, area, missing
        #: Offices left out for broken data (not for a year without data): the command fails.
        self.broken: list[str] = []
        self.rubric = rubric or monev.default_rubric()
        self.jury = jury
        self.table = comparison(datasets, self.rubric)
        self.scores = monev.score(self.table, self.rubric, jury)
        self.numbers = Numbering()

    @classmethod
    def load(
        cls,
        year: int | str,
        data_dir: str | Path | None = None,
        offices: Iterable[str] = (),
        province: str | None = None,
        rubric: str | Path | None = None,
        jury: str | Path | None = None,
    ) -> Rollup:
        """The offices named (or every office of ``province``) for ``year``, scored by
        ``rubric`` (a YAML file; None: the shipped one) with the juried scores of ``jury`` (a
        table ``kantor, kriteria, nilai``; None: not juried). Offices whose data does not load
        are listed in ``missing``; it is an error when none loads."""
        data_dir = data_folder(data_dir)
        year = report_year(year)
        rules = monev.load_rubric(rubric)
        names = list(offices) or (province_offices(data_dir, province) if province else [])
        if not names:
            raise KpuReportError(
                f"Tidak ada kantor untuk direkap: tidak ada profil kantor dengan "
                f"provinsi '{province}' di {data_dir}."
                if province
                else "Sebutkan kantor-kantor yang direkap atau provinsinya."
            )
        datasets, missing, broken = [], [], []
        for name in names:
            try:
                datasets.append(load_report_data(data_dir, name, int(year)))
            except YearNotAvailableError:
                missing.append(say("missing_year", office=name, year=year))
            except DataError as exc:
                more = len(exc.problems) - 1
                broken.append(
                    f"{name}: {exc.problems[0]}"
                    + (f" (dan {more} masalah lain)" if more else "")
                    + f"; periksa dengan: kpureport check --office {name}"
                )
                missing.append(broken[-1])
            except KpuReportError as exc:
                broken.append(f"{name}: {str(exc).splitlines()[0]}")
                missing.append(broken[-1])
        if not datasets:
            raise KpuReportError(
                f"Tidak ada data kantor yang dapat dimuat untuk rekap tahun {year} (folder data "
                f"{data_dir}): " + "; ".join(missing)
            )
        scored = [d.profile.slug for d in datasets]
        juried = monev.read_jury(jury, rules, scored) if jury else None
        area = say("area_province", province=province) if province else say("area_chosen")
        rollup = cls(datasets, year, area, missing, rules, juried)
        rollup.broken = broken
        return rollup

    def __repr__(self) -> str:
        missing = f", {len(self.missing)} tidak dimuat" if self.missing else ""
        return f"<Rollup {self.area} {self.year}: {len(self.datasets)} kantor{missing}>"

    def _name(self, office: str, mark: bool = True) -> str:
        """The office's short name; in tables a fictional one is marked with an asterisk."""
        row = self.table[self.table["office"] == office].iloc[0]
        return row["name"] + (" *" if row["fictional"] and mark else "")

    def _fictional_note(self) -> str:
        return say("fictional_note") if self.table["fictional"].any() else ""

    def title_page(self) -> Fragment:
        """The title page, naming the offices left out and why; the command line reads those
        left out for broken data from its output (:data:`LEFT_OUT_MIME`) to end with an error
        (an office without data for the year is named, and is no failure)."""
        page = fragment(
            "rollup_title.html.j2",
            area=self.area,
            year=self.year,
            offices=len(self.datasets),
            fictional=bool(self.table.get("fictional", pd.Series()).any()),
            left_out=self.missing,
        )
        return _TitlePage(page.html, self.broken)

    def comparison_section(self) -> Fragment:
        if self.table.empty:
            return Fragment("")
        platforms = [p for p in PLATFORMS if self.table[p].notna().any()]
        headers = [
            HEADERS["office"],
            *[platform_label(p, self.year) for p in platforms],
            HEADERS["total"],
            HEADERS["growth"],
            HEADERS["posts"],
            HEADERS["engagement"],
        ]
        rows = [
            [
                self._name(r["office"]),
                *["-" if pd.isna(r[p]) else fmt.number(r[p]) for p in platforms],
                fmt.number(r["total"]),
                _pct(r["growth"]),
                fmt.number(r["posts"]),
                _pct(r["engagement"]),
            ]
            for _, r in self.table.iterrows()
        ]
        table = {
            "key": "perbandingan",
            "number": self.numbers.table("perbandingan"),
            "headers": headers,
            "rows": rows,
            "numeric": set(range(1, len(headers))),
            "note": self._fictional_note() or None,
            "caption": say("comparison_caption", area=self.area, year=self.year),
        }
        figures = [
            {
                "number": self.numbers.figure("perbandingan"),
                "chart": charts.followers_by_office(self.table, self.year),
                "caption": say("comparison_figure", year=self.year),
            }
        ]
        count = fmt.number(len(self.table))
        paragraphs = [say("comparison_intro", count=count, area=self.area, year=self.year)]
        if self.missing:
            paragraphs.append(say("comparison_missing", offices="; ".join(self.missing)))
        return section(
            id="perbandingan",
            title=f"{self.numbers.letter('rekap', 'perbandingan')}. {say('comparison_title')}",
            paragraphs=paragraphs,
            tables=[table],
            figures=figures,
        )

    def rubric_section(self) -> Fragment:
        """Every sub-score, the total and the rank (with and without the juried part), the
        raw values behind the measured criteria, weeks posted per platform, and the rules."""
        if self.scores.empty:
            return Fragment("")
        return section(
            id="peringkat",
            title=f"{self.numbers.letter('rekap', 'peringkat')}. {say('rubric_title')}",
            paragraphs=self._rubric_paragraphs(),
            tables=[
                self._rank_table(),
                self._criteria_table(),
                self._values_table(),
                self._consistency_table(),
            ],
        )

    def _juried_shown(self) -> bool:
        return bool(self.rubric.juried) and self.jury is not None

    def _rubric_paragraphs(self) -> list[str]:
        rubric, scores = self.rubric, self.scores
        paragraphs = [say("rubric_intro", rubric=rubric.name)]
        if rubric.juried:
            key = "rubric_juried" if self._juried_shown() else "rubric_no_jury"
            paragraphs.append(say(key, criteria=join_words([c.name for c in rubric.juried])))
        leaders = scores[scores["rank"] == 1]
        outcome = [
            say(
                "rubric_leader",
                offices=join_words([self._name(o, mark=False) for o in leaders["office"]]),
                total=_score(leaders["total"].iloc[0]),
            )
        ]
        for rank, names, total in self._shared("rank", "tied", "total"):
            outcome.append(say("rubric_tie", offices=names, total=total, rank=rank))
        if self._juried_shown():
            for rank, names, total in self._shared("rank_data", "tied_data", "total_data"):
                outcome.append(say("rubric_tie_data", offices=names, total=total, rank=rank))
        paragraphs.append(" ".join(outcome))
        rules = wording.wording("rekap.yml")["criteria"]
        channels = join_words([platform_label(p, self.year) for p in rubric.channels])
        for c in rubric.criteria:
            rule = rules["juried"] if c.juried else rules[c.code].format(channels=channels)
            paragraphs.append(
                say(
                    "criterion_rule",
                    criterion=c.name,
                    weight=monev.weight_text(c.weight),
                    rule=rule,
                )
            )
        return paragraphs

    def _shared(self, rank: str, tied: str, total: str) -> list[tuple[int, str, str]]:
        """Each shared rank, with the offices sharing it and their total as shown."""
        return [
            (
                int(value),
                join_words([self._name(o, mark=False) for o in group["office"]]),
                _score(group[total].iloc[0]),
            )
            for value, group in self.scores[self.scores[tied]].groupby(rank, sort=True)
        ]

    def _criteria_table(self) -> dict:
        """Every sub-score of every office, in rank order, the weight in each header."""
        juried = self._juried_shown()
        criteria = [c for c in self.rubric.criteria if juried or not c.juried]
        rows = [
            [self._name(r["office"]), *[_score(r[c.code]) for c in criteria]]
            for _, r in self.scores.iterrows()
        ]
        skipped = [
            c.name for c in criteria if c.missing == "lewati" and self.scores[c.code].isna().any()
        ]
        note = [
            say("criteria_note"),
            say("rubric_skipped", criteria=join_words(skipped)) if skipped else "",
            say("rubric_zero") if self._zeroed(criteria) else "",
            self._fictional_note(),
        ]
        return {
            "key": "nilai-kriteria",
            "number": self.numbers.table("nilai-kriteria"),
            "headers": [
                HEADERS["office"],
                *[
                    say("criterion_header", criterion=c.name, weight=monev.weight_text(c.weight))
                    for c in criteria
                ],
            ],
            "rows": rows,
            "numeric": set(range(1, len(criteria) + 1)),
            "note": " ".join(n for n in note if n),
            "caption": say("criteria_caption", area=self.area, year=self.year),
        }

    def _zeroed(self, criteria: list[monev.Criterion]) -> bool:
        """Whether an office lacked the data of a criterion that scores such an office 0."""
        return any(
            c.missing == "nol" and self.table[c.code].isna().any() for c in criteria if not c.juried
        )

    def _rank_table(self) -> dict:
        """The total and the rank, and beside them the same without the juried part."""
        juried = self._juried_shown()
        headers = [HEADERS["rank"], HEADERS["office"], HEADERS["score"]]
        if juried:
            headers += [HEADERS["score_data"], HEADERS["rank_data"]]
        rows = []
        for _, r in self.scores.iterrows():
            row = [_rank(r["rank"], r["tied"]), self._name(r["office"]), _score(r["total"])]
            if juried:
                row += [_score(r["total_data"]), _rank(r["rank_data"], r["tied_data"])]
            rows.append(row)
        return {
            "key": "peringkat",
            "number": self.numbers.table("peringkat"),
            "headers": headers,
            "rows": rows,
            "numeric": set(range(2, len(headers))),
            "note": " ".join(n for n in (say("rank_note"), self._fictional_note()) if n),
            "caption": say("rank_caption", area=self.area, year=self.year),
        }

    def _values_table(self) -> dict:
        measured = {c.code for c in self.rubric.measured}
        columns = [(code, label) for code, label in VALUE_COLUMNS.items() if code in measured]
        headers = [HEADERS["office"], *[label for _, label in columns]]
        if "kehadiran" in measured:
            headers.append(HEADERS["absent"])
        rows = []
        for office in self.scores["office"]:
            values = self.table[self.table["office"] == office].iloc[0]
            row = [self._name(office), *[_pct(values[code]) for code, _ in columns]]
            if "kehadiran" in measured:
                data = next(d for d in self.datasets if d.profile.slug == office)
                have = {a.platform for a in monev.present_accounts(data)}
                absent = [p for p in self.rubric.channels if p not in have]
                row.append(", ".join(platform_label(p, self.year) for p in absent) or "-")
            rows.append(row)
        channels = ", ".join(platform_label(p, self.year) for p in self.rubric.channels)
        note = [say("values_note", channels=channels), self._fictional_note()]
        return {
            "key": "angka-dasar",
            "number": self.numbers.table("angka-dasar"),
            "headers": headers,
            "rows": rows,
            "numeric": set(range(1, len(columns) + 1)),
            "note": " ".join(n for n in note if n),
            "caption": say("values_caption", year=self.year),
        }

    def _consistency_table(self) -> dict:
        weeks = {
            d.profile.slug: monev.weekly_consistency(d, self.rubric).set_index("platform")
            for d in self.datasets
        }
        platforms = [p for p in self.rubric.channels if any(p in t.index for t in weeks.values())]
        rows = [
            [
                self._name(office),
                *[
                    f"{fmt.number(weeks[office].at[p, 'weeks'])} "
                    f"({_pct(weeks[office].at[p, 'share'])})"
                    if p in weeks[office].index
                    else "-"
                    for p in platforms
                ],
            ]
            for office in self.scores["office"]
        ]
        return {
            "key": "konsistensi",
            "number": self.numbers.table("konsistensi"),
            "headers": [HEADERS["office"], *[platform_label(p, self.year) for p in platforms]],
            "rows": rows,
            "numeric": set(range(1, len(platforms) + 1)),
            "note": say("consistency_note", weeks=monev.WEEKS),
            "caption": say("consistency_caption", year=self.year),
        }

    def footer(self) -> Fragment:
        return fragment("rollup_footer.html.j2", slogan=SLOGAN)


#: Table headers of the roll-up, and the raw values behind the measured criteria as the table
#: of base figures heads them (``templates/rekap.yml``).
HEADERS = wording.wording("rekap.yml")["headers"]
VALUE_COLUMNS = wording.wording("rekap.yml")["values"]


def _rank(rank: int, tied: bool) -> str:
    return f"{rank} ({say('tied')})" if tied else str(rank)


def _score(value: float) -> str:
    return "-" if pd.isna(value) else fmt.number(value, 2)


def _pct(value: float | None) -> str:
    return "-" if value is None or pd.isna(value) else fmt.percent(value, 2)
