"""What every part of the report is written with: the year's figures, the document's one
numbering, and the office's own published contacts (shown, never redacted).

:class:`~kpureport.document.report.Report` and
:class:`~kpureport.document.evaluation.Evaluation` both write their parts on this base and
share one :class:`Figures` and one :class:`Numbering`.
"""

from __future__ import annotations

import pandas as pd

from kpureport import formatting as fmt
from kpureport.config import platform_label
from kpureport.document.figures import Figures
from kpureport.document.numbering import Numbering
from kpureport.models import PlainText
from kpureport.writing.charts import Chart
from kpureport.writing.render import Fragment, fragment, section
from kpureport.writing.wording import fill, wording

#: The chapter whose sections are lettered A, B, ... (the report's parts and its evaluation).
FEATURES = "fitur"


class Parts:
    """A writer of report parts over shared figures and numbering."""

    def __init__(self, figures: Figures, numbers: Numbering, official: frozenset[str]):
        self.figures = figures
        self.numbers = numbers
        self._official = official

    def __getattr__(self, name: str):
        """The year's tables read from the figures too (``laporan.rates``, as analysts use
        them; a part may write ``self.rates`` for ``self.figures.rates``)."""
        if name.startswith("_") or name == "figures":
            raise AttributeError(name)
        return getattr(self.figures, name)

    @property
    def data(self):
        return self.figures.data

    @property
    def profile(self):
        return self.figures.profile

    @property
    def year(self) -> int:
        return self.figures.year

    def _fragment(self, template: str, **context: object) -> Fragment:
        return fragment(template, official=self._official, **context)

    def _section(self, **parts: object) -> Fragment:
        return section(official=self._official, **parts)

    def _words(self, part: str, key: str, **fields: object):
        """The wording ``key`` of ``part`` in ``templates/report.yml`` (a text or a list of
        headers), filled with ``fields`` and the report's ``{year}`` and ``{previous_year}``."""
        return fill(
            wording("report.yml")[part][key],
            year=self.year,
            previous_year=self.year - 1,
            **fields,
        )

    @property
    def _missing(self) -> str:
        """The cell of a value the data does not give."""
        return wording("report.yml")["cells"]["missing"]

    def _cell(self, value: object, digits: int = 0) -> str:
        """A number as a table cell, or the missing mark."""
        if value is None or pd.isna(value):
            return self._missing
        return fmt.number(value, digits)

    def _letter(self, key: str) -> str:
        """The letter of a section of chapter III, in the order the sections are shown."""
        return self.numbers.letter(FEATURES, key)

    def _table(
        self,
        key: str,
        caption: str,
        headers: list[str],
        rows: list[list],
        numeric: set[int],
        note: str | None = None,
    ) -> dict:
        return {
            "key": key,
            "number": self.numbers.table(key),
            "caption": PlainText(caption),
            "headers": headers,
            "rows": rows,
            "numeric": numeric,
            "note": PlainText(note) if note else None,
        }

    def _figure(
        self, key: str, chart: Chart | None, caption: str, print_data: bool = False
    ) -> list[dict]:
        """A numbered chart. Its figures fold under it on screen and go to the data workbook;
        ``print_data``: they are printed too, as the chart is the only place of a figure the
        text cites."""
        if chart is None:
            return []
        return [
            {
                "number": self.numbers.figure(key),
                "chart": chart,
                "caption": PlainText(caption),
                "print_data": print_data,
            }
        ]

    def _label(self, platform: str) -> str:
        return platform_label(platform, self.year)
