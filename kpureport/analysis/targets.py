"""Targets and achievement as a performance report (LKj) writes them: Indikator, Target,
Realisasi, Capaian (%), Kategori, with the category scale stated (shipped default,
``templates/capaian.yml``, or the office's own ``capaian.yml``)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from kpureport.analysis.metrics import typed_empty
from kpureport.config import TARGET_INDICATORS
from kpureport.ingest.rules import Scale


def achievement(
    targets: pd.DataFrame,
    year: int,
    realised: Callable[[str, str | None], float | None],
    scale: Scale,
) -> pd.DataFrame:
    """The LKj table of ``year``: ``indicator, platform, label, unit, target, realisation,
    achievement`` (percent of target) ``, category``; realisation None where the data lacks it.
    ``realised(indicator, platform)`` computes a realisation from the data."""
    columns = {
        "indicator": "string",
        "platform": "object",
        "label": "string",
        "unit": "string",
        "target": "float64",
        "realisation": "float64",
        "achievement": "float64",
        "category": "object",
    }
    rows = targets[targets["year"] == year]
    if rows.empty:
        return typed_empty(columns)
    out = []
    for row in rows.itertuples(index=False):
        platform = row.platform if isinstance(row.platform, str) and row.platform else None
        label, unit, _ = TARGET_INDICATORS[row.indicator]
        value = realised(row.indicator, platform)
        reached = value * 100 / row.target if value is not None and row.target > 0 else float("nan")
        out.append(
            {
                "indicator": row.indicator,
                "platform": platform,
                "label": label,
                "unit": unit,
                "target": float(row.target),
                "realisation": float("nan") if value is None else float(value),
                "achievement": reached,
                "category": None if pd.isna(reached) else scale.category(reached),
            }
        )
    return pd.DataFrame(out).astype(columns)
