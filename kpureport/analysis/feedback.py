"""Feedback, read closely: categories by stated rules, main themes, representative quotes.

Every text is redacted (:mod:`kpureport.redact`) before anything is taken from it. Themes are
word stems (PySastrawi) and pairs of neighbouring words, after a stopword list that keeps
negations; each stem is shown as the word form that occurs most often.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import pairwise

import pandas as pd

from kpureport import safe_yaml
from kpureport.config import PACKAGE_DIR
from kpureport.ingest.validate import CATEGORIES
from kpureport.redact import redact_text

LEXICON = PACKAGE_DIR / "lexicon" / "feedback.yml"
_WORD = re.compile(r"[a-zA-Z]+")
_MARK = re.compile(r"\[[^\]]+ dihapus\]")
_CLAUSE = re.compile(r"[.,;:!?()\n]+")


@cache
def lexicon() -> dict:
    return safe_yaml.read(LEXICON)


def classify(text: str) -> str:
    """The category of one message by the rules in ``lexicon/feedback.yml``."""
    lowered = (text or "").lower().strip()
    words = set(_WORD.findall(lowered))
    for category, rule in lexicon()["categories"].items():
        if rule.get("question_mark") and "?" in lowered:
            return category
        if any(lowered.startswith(w + " ") or lowered == w for w in rule.get("starts_with", [])):
            return category
        if words & set(rule.get("words", [])):
            return category
        if any(phrase in lowered for phrase in rule.get("phrases", [])):
            return category
    return "lainnya"


def prepare(feedback: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's feedback, redacted, each with a category (given, or by the rules)."""
    rows = feedback[feedback["date"].dt.year == year].copy()
    rows["text"] = rows["text"].astype("string").fillna("").map(redact_text)
    given = rows["category"].astype("string").str.lower()
    rows["category_source"] = (
        given.where(given.isin(CATEGORIES)).notna().map({True: "sumber", False: "aturan"})
    )
    rows["category"] = given.where(given.isin(CATEGORIES), rows["text"].map(classify))
    return rows.reset_index(drop=True)


def counts_by_category(rows: pd.DataFrame) -> pd.DataFrame:
    counts = rows["category"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    return counts.rename_axis("category").reset_index(name="count")


def counts_by_month(rows: pd.DataFrame) -> pd.DataFrame:
    """Messages per month and category (months 1-12, zero where none)."""
    table = pd.crosstab(rows["date"].dt.month, rows["category"])
    return table.reindex(index=range(1, 13), columns=list(CATEGORIES), fill_value=0)


def counts_by_channel(rows: pd.DataFrame) -> pd.DataFrame:
    return rows["channel"].value_counts().rename_axis("channel").reset_index(name="count")


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@cache
def stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    words = set(StopWordRemoverFactory().get_stop_words()) | set(lexicon()["stopwords"])
    return frozenset(words - set(lexicon()["keep"]))


@cache
def stem(word: str) -> str:
    return _stemmer().stem(word)


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(stem, word, position) of a message's meaningful words; positions count every word, and
    punctuation adds a gap, so neighbours are words that really stand side by side. A word
    right after a negation is kept even if common ("tidak jelas", "belum ada")."""
    cleaned = _MARK.sub(" . ", text.lower())
    negations = set(lexicon()["keep"])
    found, position = [], 0
    for clause in _CLAUSE.split(cleaned):
        previous = ""
        for word in _WORD.findall(clause):
            position += 1
            negated, previous = previous in negations, word
            if (word in stopwords() and not negated) or len(word) < 2:
                continue
            root = stem(word)
            if len(root) > 2 or word in lexicon()["keep"]:
                found.append((root, word, position))
        position += 2
    return found


#: Written in capitals wherever a frequent word is shown, whatever the public typed.
ACRONYMS = frozenset(
    {"dpt", "dps", "dptb", "dpk", "tps", "kpu", "kpps", "ppk", "pps", "nik", "ktp"}
)


#: Proper names written with their capitals wherever a frequent word is shown.
PROPER_NAMES = {
    name.lower(): name
    for name in (
        "Instagram",
        "Facebook",
        "YouTube",
        "TikTok",
        "Twitter",
        "WhatsApp",
        "Google",
        "Indonesia",
    )
}


def themes(rows: pd.DataFrame, top: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The most frequent terms and neighbouring word pairs: ``term, count`` tables."""
    terms: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    pair_surface: dict[str, Counter[str]] = {}
    for text in rows["text"]:
        found = tokens(text)
        for stem_, word, _ in found:
            surface.setdefault(stem_, Counter())[word] += 1
        terms.update(s for s, _, _ in found if s not in lexicon()["keep"])
        for (a, x, i), (b, y, j) in pairwise(found):
            if j == i + 1 and a != b:
                pairs[f"{a} {b}"] += 1
                pair_surface.setdefault(f"{a} {b}", Counter())[f"{x} {y}"] += 1

    def written(word: str) -> str:
        return word.upper() if word in ACRONYMS else PROPER_NAMES.get(word, word)

    def shown(stem_: str) -> str:
        return written(surface[stem_].most_common(1)[0][0])

    def shown_pair(pair: str) -> str:
        """The pair as people wrote it most often ("pemilih pemula"), never its stems."""
        return " ".join(written(w) for w in pair_surface[pair].most_common(1)[0][0].split())

    term_table = pd.DataFrame(
        [(shown(s), n) for s, n in terms.most_common(top) if n > 1], columns=["term", "count"]
    )
    pair_table = pd.DataFrame(
        [(shown_pair(p), n) for p, n in pairs.most_common(top) if n > 1],
        columns=["term", "count"],
    )
    return term_table, pair_table


def quotes(rows: pd.DataFrame, per_category: int = 1, limit: int = 200) -> pd.DataFrame:
    """A few representative messages: per category, the one richest in the year's themes."""
    if rows.empty:
        return pd.DataFrame(columns=["category", "date", "channel", "text"])
    common = {
        s for s, _ in Counter(s for t in rows["text"] for s, _, _ in tokens(t)).most_common(20)
    }
    scored = rows.assign(
        score=rows["text"].map(lambda t: len({s for s, _, _ in tokens(t)} & common)),
        length=rows["text"].str.len(),
    )
    usable = scored[(scored["length"] >= 20)]
    picked = (
        usable.sort_values(["score", "length"], ascending=[False, True])
        .groupby("category", sort=False)
        .head(per_category)
    )
    picked = picked.assign(
        text=picked["text"].map(
            lambda t: t if len(t) <= limit else t[: limit - 1].rsplit(" ", 1)[0] + "…"
        )
    )
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return picked.sort_values("category", key=lambda c: c.map(order))[
        ["category", "date", "channel", "text"]
    ].reset_index(drop=True)
