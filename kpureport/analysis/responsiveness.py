"""How fast the office answers the public, and the hoax clarifications it published, from the
staff's tables ``questions`` (received, answered, channel) and ``clarifications``."""

from __future__ import annotations

import pandas as pd

from kpureport.analysis.metrics import typed_empty

#: The service standard the share is measured against: an answer within 24 hours.
WITHIN_HOURS = 24


def _stats(rows: pd.DataFrame) -> dict:
    hours = (rows["answered"] - rows["received"]).dt.total_seconds() / 3600
    answered = hours.dropna()
    return {
        "received": len(rows),
        "answered": len(answered),
        "unanswered": int(rows["answered"].isna().sum()),
        "median_hours": float(answered.median()) if len(answered) else float("nan"),
        "p90_hours": float(answered.quantile(0.9, interpolation="higher"))
        if len(answered)
        else float("nan"),
        "within": int((answered <= WITHIN_HOURS).sum()),
        "within_share": float((answered <= WITHIN_HOURS).sum() * 100 / len(rows))
        if len(rows)
        else float("nan"),
    }


def answer_times(questions: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per channel, then all channels (``channel`` None, last row): questions received in
    ``year``, answered, unanswered, median and 90th-percentile hours to answer (of those
    answered; the 90th percentile is an observed time, never interpolated), answered within
    24 hours and that as a share of all received."""
    columns = {
        "channel": "object",
        "received": "int64",
        "answered": "int64",
        "unanswered": "int64",
        "median_hours": "float64",
        "p90_hours": "float64",
        "within": "int64",
        "within_share": "float64",
    }
    rows = questions[questions["received"].dt.year == year]
    if rows.empty:
        return typed_empty(columns)
    table = [
        {"channel": channel, **_stats(group)}
        for channel, group in rows.groupby("channel", sort=True)
    ]
    table.append({"channel": None, **_stats(rows)})
    return pd.DataFrame(table).astype(columns)


def clarifications_in_year(clarifications: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's clarifications with ``hours`` from the hoax being noticed to the
    clarification published, where staff typed both times (missing otherwise)."""
    rows = clarifications[clarifications["date"].dt.year == year].reset_index(drop=True)
    if {"hoax_seen", "published"} <= set(rows.columns):
        hours = (rows["published"] - rows["hoax_seen"]).dt.total_seconds() / 3600
    else:
        hours = pd.Series(float("nan"), index=rows.index)
    return rows.assign(hours=hours.astype("float64"))
