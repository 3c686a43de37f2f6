"""Content pillars: each feed post placed in one category by stated rules on its caption and
hashtags (``lexicon/pillars.yml``, extended by the office), or by the staff's own table.

Matching is by whole words, consecutive words and hashtags looked up in sets: linear in the
length of the caption, whatever the caption holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from kpureport import safe_yaml
from kpureport.analysis.metrics import posts_in_year, typed_empty
from kpureport.config import PACKAGE_DIR
from kpureport.errors import DataError, Problem

LEXICON = PACKAGE_DIR / "lexicon" / "pillars.yml"
OFFICE_FILE = "pillars.yml"
OTHER = "lainnya"
_WORD = re.compile(r"#?\w+")
LONGEST_PHRASE = 4


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


def rules(folder: Path | None = None) -> list[Pillar]:
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


def classify(text: str | None, pillars: list[Pillar]) -> str:
    """The first pillar whose rule the caption matches, else ``lainnya``.

    >>> classify("Cek DPT online, jangan sampai tidak terdaftar! #cekdpt", rules())
    'sosialisasi_tahapan'
    >>> classify("Foto bersama", rules())
    'lainnya'
    """
    tokens = _WORD.findall((text or "").lower())
    words = [t.lstrip("#") for t in tokens]
    tags = {t[1:] for t in tokens if t.startswith("#")}
    found = set(words)
    grams = {
        tuple(words[i : i + n])
        for n in range(2, LONGEST_PHRASE + 1)
        for i in range(len(words) - n + 1)
    }
    for pillar in pillars:
        if pillar.words & found or pillar.phrases & grams or pillar.hashtags & tags:
            return pillar.key
    return OTHER


def known(pillars: list[Pillar]) -> tuple[str, ...]:
    """The names a staff override may use."""
    return (*(p.key for p in pillars), OTHER)


def assign(
    posts: pd.DataFrame, year: int, pillars: list[Pillar], overrides: pd.DataFrame
) -> pd.DataFrame:
    """The year's feed posts with their ``pillar`` and whether staff set it (``by_staff``)."""
    year_posts = posts_in_year(posts, year).copy()
    year_posts["pillar"] = [
        classify(t if isinstance(t, str) else "", pillars) for t in year_posts["text"]
    ]
    year_posts["by_staff"] = False
    if not overrides.empty and not year_posts.empty:
        fixed = {
            (str(r.platform), str(r.post_id).strip()): str(r.pillar).strip().lower()
            for r in overrides.itertuples(index=False)
        }
        keys = list(
            zip(year_posts["platform"].astype(str), year_posts["post_id"].astype(str), strict=True)
        )
        staff = [fixed.get(k) for k in keys]
        year_posts["by_staff"] = [s is not None for s in staff]
        year_posts["pillar"] = [s or p for s, p in zip(staff, year_posts["pillar"], strict=True)]
    return year_posts


def summary(assigned: pd.DataFrame, pillars: list[Pillar]) -> pd.DataFrame:
    """Per pillar, in the rules' order with ``lainnya`` last: ``pillar, label, posts, share``
    (percent of the year's posts), ``engagement_mean``, ``by_staff``."""
    columns = {
        "pillar": "string",
        "label": "string",
        "posts": "int64",
        "share": "float64",
        "engagement_mean": "float64",
        "by_staff": "int64",
    }
    if assigned.empty:
        return typed_empty(columns)
    labels = {p.key: p.label for p in pillars} | {OTHER: OTHER}
    grouped = assigned.groupby("pillar")
    rows = []
    for key in [*labels]:
        if key not in grouped.groups:
            if key == OTHER:
                rows.append(
                    {
                        "pillar": key,
                        "label": labels[key],
                        "posts": 0,
                        "share": 0.0,
                        "engagement_mean": float("nan"),
                        "by_staff": 0,
                    }
                )
            continue
        group = grouped.get_group(key)
        rows.append(
            {
                "pillar": key,
                "label": labels[key],
                "posts": len(group),
                "share": len(group) * 100 / len(assigned),
                "engagement_mean": float(group["engagement"].mean()),
                "by_staff": int(group["by_staff"].sum()),
            }
        )
    return pd.DataFrame(rows).astype(columns)
