"""The report as the notebook sees it: one object per office and year, one method per part.

The notebook only arranges these parts; each returns a :class:`~kpureport.render.Fragment`
that Jupyter shows and nbconvert exports. Table and figure numbers are keyed by name, so
re-running a cell in JupyterLab keeps its number.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpureport import charts, metrics, narrative
from kpureport.config import REPORT_TITLE, SLOGAN, platform_label
from kpureport.load import ReportData, load_report_data
from kpureport.models import Profile
from kpureport.render import Fragment, fragment

#: Chapters as in the seed report: key, title (``{office}`` is the office's short name).
CHAPTERS = (
    ("pendahuluan", "Pendahuluan"),
    ("platform", "Platform Media Sosial di {office}"),
    ("fitur", "Penggunaan Fitur Media Sosial"),
    ("kendala", "Kendala dan Solusi"),
    ("penutup", "Penutup"),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class Report:
    """One office's report for one year, built from its validated data."""

    def __init__(self, data: ReportData, today: dt.date | None = None):
        self.data = data
        self.profile = data.profile
        self.year = data.year
        self.narrative = data.narrative
        self.today = today or dt.date.today()
        self.platforms = metrics.platform_table(self.profile, data.followers, self.year)
        self._numbers: dict[tuple[str, str], int] = {}

    @classmethod
    def load(cls, office: str, year: int, data_dir: str | Path = "../data") -> Report:
        return cls(load_report_data(Path(data_dir), office, int(year)))

    def _number(self, kind: str, key: str) -> int:
        count = sum(1 for k in self._numbers if k[0] == kind)
        return self._numbers.setdefault((kind, key), count + 1)

    def _chapter(self, key: str) -> dict[str, str]:
        index = [k for k, _ in CHAPTERS].index(key)
        title = CHAPTERS[index][1].format(office=self.profile.short_name)
        return {"id": f"bab-{index + 1}", "number": ROMAN[index], "title": title}

    def title_page(self) -> Fragment:
        """Letterhead, title, year, and the table of contents."""
        chapters = [self._chapter(key) for key, _ in CHAPTERS]
        return fragment(
            "title_page.html.j2",
            profile=self.profile,
            year=self.year,
            report_title=REPORT_TITLE,
            chapters=chapters,
        )

    def introduction(self) -> Fragment:
        return fragment(
            "chapter.html.j2",
            chapter=self._chapter("pendahuluan"),
            overview=f"Gambaran Umum Penggunaan Media Sosial {self.profile.short_name}",
            body=narrative.introduction(self.narrative, self.profile),
        )

    def platforms_chapter(self) -> Fragment:
        """Chapter II: the accounts, their followers and what the figures say."""
        return fragment(
            "chapter.html.j2",
            chapter=self._chapter("platform"),
            body=narrative.platforms_intro(self.narrative, self.profile),
        )

    def followers_table(self) -> Fragment:
        rows = [
            dict(row._asdict(), label=platform_label(row.platform, self.year))
            for row in self.platforms.itertuples(index=False)
        ]
        known = self.platforms["followers"].notna().any()
        return fragment(
            "followers_table.html.j2",
            rows=rows,
            year=self.year,
            number=self._number("tabel", "pengikut"),
            total=metrics.total_followers(self.platforms) if known else None,
        )

    def followers_summary(self) -> Fragment:
        return fragment(
            "paragraphs.html.j2",
            paragraphs=[
                " ".join(narrative.followers_summary(self.platforms, self.profile, self.year))
            ],
        )

    def followers_chart(self) -> Fragment:
        if not self.platforms["followers"].notna().any():
            return Fragment("")
        chart = charts.followers_by_platform(self.platforms, self.year)
        return fragment(
            "figure.html.j2",
            chart=chart,
            number=self._number("gambar", "pengikut"),
            caption=f"Jumlah pengikut per platform, tahun {self.year}",
        )

    def features_chapter(self) -> Fragment:
        return fragment(
            "chapter.html.j2",
            chapter=self._chapter("fitur"),
            body=narrative.features(self.narrative, self.profile),
            note=narrative.features_data_missing(self.profile, self.year),
        )

    def constraints_chapter(self) -> Fragment:
        return fragment(
            "constraints.html.j2",
            chapter=self._chapter("kendala"),
            intro=narrative.constraints_intro(self.narrative, self.profile),
            constraints=self.narrative.constraints,
            solutions=self.narrative.solutions,
            constraints_none=narrative.say("constraints_none", year=self.year),
            solutions_none=narrative.say("solutions_none", year=self.year),
        )

    def closing_chapter(self) -> Fragment:
        sig = narrative.signature(self.narrative, self.profile, self.today)
        return fragment(
            "closing.html.j2",
            chapter=self._chapter("penutup"),
            body=narrative.closing(self.narrative, self.profile),
            signature=sig,
            signing_date=narrative.signing_date(sig),
        )

    def footer(self) -> Fragment:
        return fragment("footer.html.j2", profile=self.profile, slogan=SLOGAN)


def report_title(profile: Profile, year: int) -> str:
    """The document title, also the HTML page title."""
    return f"{REPORT_TITLE} {profile.short_name} Tahun {year}"
