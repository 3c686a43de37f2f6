"""Targets and achievement as a performance report (LKj) writes them: Indikator, Target,
Realisasi, Capaian (%), Kategori, with the category scale stated (shipped default,
``templates/capaian.yml``, or the office's own ``capaian.yml``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from kpureport import formatting as fmt
from kpureport import safe_yaml
from kpureport.analysis.metrics import typed_empty
from kpureport.config import TARGET_INDICATORS, TEMPLATES_DIR
from kpureport.errors import DataError, Problem

SCALE_FILE = "capaian.yml"


@dataclass(frozen=True)
class Scale:
    """Categories from the highest threshold down: ``(minimum achievement %, name)``."""

    levels: tuple[tuple[float, str], ...]
    source: str

    def describe(self) -> str:
        """The levels in words: ``Sangat Tinggi 91% ke atas; ...; Sangat Rendah di bawahnya``."""
        return "; ".join(
            f"{name} {fmt.number(minimum)}% ke atas" if minimum else f"{name} di bawahnya"
            for minimum, name in self.levels
        )

    def category(self, achievement: float) -> str:
        """The first level whose minimum the achievement reaches.

        >>> default_scale().category(95.0), default_scale().category(50.0)
        ('Sangat Tinggi', 'Sangat Rendah')
        """
        for minimum, name in self.levels:
            if achievement >= minimum:
                return name
        return self.levels[-1][1]


def _scale(path: Path) -> Scale:
    """A scale file, or an error naming each thing wrong in it."""
    raw = safe_yaml.read(path)
    levels = raw.get("kategori") if isinstance(raw, dict) else None
    if not isinstance(levels, list) or not levels:
        raise DataError(
            [
                Problem(
                    path,
                    found="tidak ada daftar 'kategori'",
                    expected="kategori: daftar berisi min (angka) dan nama",
                )
            ]
        )
    problems, parsed = [], []
    for i, level in enumerate(levels, start=1):
        minimum = level.get("min") if isinstance(level, dict) else None
        name = level.get("nama") if isinstance(level, dict) else None
        if not isinstance(minimum, int | float) or isinstance(minimum, bool) or minimum < 0:
            problems.append(
                Problem(
                    path,
                    column=f"kategori {i}: min",
                    found=str(minimum),
                    expected="angka 0 atau lebih",
                )
            )
        elif parsed and minimum >= parsed[-1][0]:
            problems.append(
                Problem(
                    path,
                    column=f"kategori {i}: min",
                    found=str(minimum),
                    expected=f"lebih kecil daripada batas kategori sebelumnya ({parsed[-1][0]}): "
                    "kategori ditulis dari yang tertinggi",
                )
            )
        if not isinstance(name, str) or not name.strip():
            problems.append(
                Problem(
                    path, column=f"kategori {i}: nama", found=str(name), expected="nama kategori"
                )
            )
        if not problems:
            parsed.append((float(minimum), name.strip()))
    if not problems and parsed[-1][0] != 0:
        problems.append(
            Problem(
                path,
                column=f"kategori {len(levels)}: min",
                found=str(parsed[-1][0]),
                expected="0 pada kategori terakhir, agar setiap capaian punya kategori",
            )
        )
    if problems:
        raise DataError(problems)
    source = " ".join(str(raw.get("sumber", "")).split()) or f"skala kantor ({path.name})"
    return Scale(tuple(parsed), source)


@cache
def default_scale() -> Scale:
    return _scale(TEMPLATES_DIR / SCALE_FILE)


def load_scale(folder: Path) -> Scale:
    """The office's scale (``<folder>/capaian.yml``) or the shipped default."""
    path = folder / SCALE_FILE
    return _scale(path) if path.is_file() else default_scale()


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
