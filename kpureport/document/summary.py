"""The executive summary a pimpinan reads first, shown right after the contents; written on
the report's figures and numbering like :class:`~kpureport.document.evaluation.Evaluation`."""

from __future__ import annotations

from kpureport import formatting as fmt
from kpureport.analysis import summary as summary_figures
from kpureport.document.parts import Parts
from kpureport.models import Narrative, PlainText
from kpureport.writing import summary as sentences
from kpureport.writing.narrative import as_of, target_label
from kpureport.writing.render import Fragment

#: The scorecard's column of interaction rates (see ``scorecard_headers`` in summary.yml).
RATE = 7


class Summary(Parts):
    """The summary page, on the report's figures and numbering."""

    def summary(self, narrative: Narrative, constraints_chapter: str) -> Fragment:
        """Ringkasan eksekutif: the year in a few sentences, the scorecard per platform, the
        notable facts and risks, and next year's actions from the office's own solutions."""
        status = self.figures.target_status
        lowest = (
            [
                sentences.lower_first(target_label(r, self.year))
                for _, r in status["lowest"].iterrows()
            ]
            if status
            else []
        )
        answers = (
            self.figures.answer_times.iloc[-1] if not self.figures.answer_times.empty else None
        )
        polls = (
            self.figures.polls.groupby(["date", "platform", "question"]).ngroups
            if not self.figures.polls.empty
            else 0
        )
        stories = (
            int(self.figures.stories["stories"].sum()) if not self.figures.stories.empty else 0
        )
        counted = self.figures.followers_counted
        paragraph = sentences.year_paragraph(
            self.profile.abbrev,
            self.year,
            self.figures.scorecard,
            stories,
            polls,
            len(self.figures.feedback_rows),
            answers,
            status,
            lowest,
            as_of(counted, self.year),
        )
        counted_on = (
            sentences.text("as_of_date", date=fmt.date(counted.date()))
            if counted is not None and (counted.month, counted.day) != (12, 31)
            else sentences.text("as_of_year_end")
        )
        headers = sentences.text("scorecard_headers", previous_year=self.year - 1, as_of=counted_on)
        rows = sentences.scorecard_rows(self.scorecard, self.year)
        # a column the data fills for no account (a year without post exports) is left out
        kept = [i for i in range(len(headers)) if i < 2 or any(r[i] != "-" for r in rows)]
        table = self._table(
            "ringkasan",
            sentences.text("scorecard_caption", year=self.year),
            [headers[i] for i in kept],
            [[r[i] for i in kept] for r in rows],
            {n for n, i in enumerate(kept) if 1 <= i <= 7},
            note=sentences.text("scorecard_note")
            if RATE in kept
            else sentences.text("scorecard_note_no_rate")
            if any(r[i] == "-" for r in rows for i in kept)
            else None,
        )
        notes = sentences.notes(
            self.figures.scorecard,
            summary_figures.silent_stage_days(self.figures.year_posts, self.figures.year_stages),
            summary_figures.watched_stage_days(self.figures.year_stages),
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
            actions=list(narrative.solutions),
            actions_lead=sentences.say(
                "actions_lead", next_year=next_year, chapter=constraints_chapter
            ),
            actions_none=sentences.say("actions_none", next_year=next_year),
        )
