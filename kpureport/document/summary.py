"""The executive summary a pimpinan reads first: a mixin of
:class:`~kpureport.document.report.Report`, shown right after the contents."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from kpureport.analysis import summary as figures
from kpureport.models import PlainText
from kpureport.writing import summary as sentences
from kpureport.writing.narrative import target_label
from kpureport.writing.render import Fragment

#: The scorecard's column of interaction rates (see ``scorecard_headers`` in summary.yml).
RATE = 7


class SummaryParts:
    """The summary page; mixed into ``Report`` (uses its figures and numbering)."""

    @cached_property
    def scorecard(self) -> pd.DataFrame:
        """One row per account (see :func:`kpureport.analysis.summary.scorecard`)."""
        return figures.scorecard(
            [a.platform for a in self.profile.accounts],
            self.platforms,
            self.growth_table,
            self.year_posts,
            self.rates,
            self.year,
        )

    def target_status(self) -> dict[str, object] | None:
        """Reached, missed and unmeasured targets, and the lowest (None: no targets)."""
        return figures.target_status(self.achievement) if not self.achievement.empty else None

    def summary(self) -> Fragment:
        """Ringkasan eksekutif: the year in a few sentences, the scorecard per platform, the
        notable facts and risks, and next year's actions from the office's own solutions."""
        status = self.target_status()
        lowest = (
            [
                sentences.lower_first(target_label(r, self.year))
                for _, r in status["lowest"].iterrows()
            ]
            if status
            else []
        )
        answers = self.answer_times.iloc[-1] if not self.answer_times.empty else None
        polls = (
            self.polls.groupby(["date", "platform", "question"]).ngroups
            if not self.polls.empty
            else 0
        )
        stories = int(self.stories["stories"].sum()) if not self.stories.empty else 0
        paragraph = sentences.year_paragraph(
            self.profile.abbrev,
            self.year,
            self.scorecard,
            stories,
            polls,
            len(self.feedback_rows),
            answers,
            status,
            lowest,
        )
        headers = sentences.text("scorecard_headers", previous_year=self.year - 1)
        rows = sentences.scorecard_rows(self.scorecard, self.year)
        # a column the data fills for no account (a year without post exports) is left out
        kept = [i for i in range(len(headers)) if i < 2 or any(r[i] != "-" for r in rows)]
        table = self._table(
            "ringkasan",
            sentences.text("scorecard_caption", year=self.year),
            [headers[i] for i in kept],
            [[r[i] for i in kept] for r in rows],
            {n for n, i in enumerate(kept) if 1 <= i <= 7},
            note=sentences.text("scorecard_note" if RATE in kept else "scorecard_note_no_rate"),
        )
        notes = sentences.notes(
            self.scorecard,
            figures.silent_stage_days(self.year_posts, self.year_stages),
            figures.watched_stage_days(self.year_stages),
            self.year,
        )
        next_year = self.year + 1
        return self._fragment(
            "summary.html.j2",
            title=sentences.text("title"),
            paragraph=PlainText(" ".join(paragraph)),
            table=table,
            notes_title=sentences.text("notes_title"),
            notes=notes,
            actions_title=sentences.text("actions_title", next_year=next_year),
            actions=list(self.narrative.solutions),
            actions_lead=sentences.say(
                "actions_lead", next_year=next_year, chapter=self._chapter("kendala")["number"]
            ),
            actions_none=sentences.say("actions_none", next_year=next_year),
        )
