"""The office's rule files, read and checked where the office's other files are: the content
pillars (``lexicon/pillars.yml``, extended by the office's ``pillars.yml``) and the achievement
scale (``templates/capaian.yml``, or the office's own ``capaian.yml``).

The analysis applies these rules (:mod:`kpureport.analysis.pillars`,
:mod:`kpureport.analysis.targets`); reading them is part of loading an office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kpureport import formatting as fmt
from kpureport import safe_yaml
from kpureport.config import PACKAGE_DIR, TEMPLATES_DIR
from kpureport.errors import DataError, Problem

LEXICON = PACKAGE_DIR / "lexicon" / "pillars.yml"
OFFICE_FILE = "pillars.yml"
OTHER = "lainnya"


@dataclass(frozen=True)
class Pillar:
    key: str
    label: str
    words: frozenset[str]
    phrases: frozenset[tuple[str, ...]]
    hashtags: frozenset[str]


@cache
def _shipped() -> dict:
    return safe_yaml.read(LEXICON)["pillars"]


def load_pillars(folder: Path | None = None) -> list[Pillar]:
    """The shipped pillars in order, extended by ``<folder>/pillars.yml`` when present."""
    merged = {key: dict(rule) for key, rule in _shipped().items()}
    if folder is not None and (folder / OFFICE_FILE).is_file():
        for key, rule in _office_rules(folder / OFFICE_FILE).items():
            base = merged.setdefault(key, {"label": rule.get("label", key.replace("_", " "))})
            for part in ("words", "phrases", "hashtags"):
                base[part] = list(base.get(part, [])) + list(rule.get(part, []))
            if "label" in rule:
                base["label"] = rule["label"]
    return [
        Pillar(
            key,
            str(rule.get("label", key)),
            frozenset(str(w).lower() for w in rule.get("words", []) if " " not in str(w)),
            frozenset(
                tuple(str(p).lower().split())
                for p in [
                    *rule.get("phrases", []),
                    *(w for w in rule.get("words", []) if " " in str(w)),
                ]
            ),
            frozenset(str(h).lower().lstrip("#") for h in rule.get("hashtags", [])),
        )
        for key, rule in merged.items()
    ]


def _office_rules(path: Path) -> dict:
    """An office's additions, or an error naming what is wrong in the file."""
    raw = safe_yaml.read(path) or {}
    pillars = raw.get("pillars") if isinstance(raw, dict) else None
    if not isinstance(pillars, dict):
        raise DataError(
            [
                Problem(
                    path,
                    found="tidak ada bagian 'pillars'",
                    expected="pillars: <pilar>: words: [...]",
                )
            ]
        )
    problems = []
    for key, rule in pillars.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(key)) or key == OTHER:
            problems.append(
                Problem(
                    path,
                    column=str(key),
                    found=str(key),
                    expected="nama pilar huruf kecil, angka, dan garis bawah, bukan 'lainnya'",
                )
            )
        if not isinstance(rule, dict) or not set(rule) <= {"label", "words", "phrases", "hashtags"}:
            problems.append(
                Problem(
                    path,
                    column=str(key),
                    found=str(rule)[:80],
                    expected="label, words, phrases, dan/atau hashtags",
                )
            )
            continue
        for part in ("words", "phrases", "hashtags"):
            if part in rule and not (
                isinstance(rule[part], list)
                and all(isinstance(w, str) and w.strip() for w in rule[part])
            ):
                problems.append(
                    Problem(
                        path,
                        column=f"{key}.{part}",
                        found=str(rule[part])[:80],
                        expected="daftar kata, mis. [hoaks, klarifikasi]",
                    )
                )
    if problems:
        raise DataError(problems)
    return pillars


def known(pillars: list[Pillar]) -> tuple[str, ...]:
    """The names a staff override may use."""
    return (*(p.key for p in pillars), OTHER)


SCALE_FILE = "capaian.yml"


@dataclass(frozen=True)
class Scale:
    """Categories from the highest threshold down: ``(minimum achievement %, name)``."""

    levels: tuple[tuple[float, str], ...]
    source: str
    #: The office's own scale (its ``capaian.yml``), not the shipped default.
    own: bool = False

    def describe(self) -> str:
        """The levels as bands that do not overlap, each up to the next one's minimum.

        >>> default_scale().describe().split("; ")[:2]
        ['Sangat Tinggi 91% ke atas', 'Tinggi 76% sampai kurang dari 91%']
        """
        bands = []
        for i, (minimum, name) in enumerate(self.levels):
            upper = self.levels[i - 1][0] if i else None
            low = f"{fmt.number(minimum)}%"
            if upper is None:
                bands.append(f"{name} {low} ke atas")
            elif minimum:
                bands.append(f"{name} {low} sampai kurang dari {fmt.number(upper)}%")
            else:
                bands.append(f"{name} kurang dari {fmt.number(upper)}%")
        return "; ".join(bands)

    def category(self, achievement: float) -> str:
        """The first level whose minimum the achievement reaches.

        >>> default_scale().category(95.0), default_scale().category(50.0)
        ('Sangat Tinggi', 'Sangat Rendah')
        """
        for minimum, name in self.levels:
            if achievement >= minimum:
                return name
        return self.levels[-1][1]


def _scale(path: Path, own: bool = True) -> Scale:
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
    return Scale(tuple(parsed), source, own)


@cache
def default_scale() -> Scale:
    """The shipped scale, named as a default the office may replace."""
    return _scale(TEMPLATES_DIR / SCALE_FILE, own=False)


def load_scale(folder: Path) -> Scale:
    """The office's scale (``<folder>/capaian.yml``) or the shipped default."""
    path = folder / SCALE_FILE
    return _scale(path) if path.is_file() else default_scale()
