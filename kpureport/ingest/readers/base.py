"""What a platform export format is: the columns that identify it and how to read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from kpureport.errors import Note, Problem
from kpureport.ingest import canonical
from kpureport.ingest.readers.textfile import TextTable

#: Meta Business Suite writes ``Publish time`` in US Pacific time, whatever the account's zone.
META_TIMEZONE = "America/Los_Angeles"


@dataclass
class Context:
    """What a reader needs besides the file (the office's settings from its profile), and
    where to put the problems that stop a report and the notes that do not."""

    timezone: str
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    feedback_column: str | None = None
    form_date_order: str | None = None  # "day-first" or "month-first", for Forms timestamps
    meta_timezone: str = META_TIMEZONE


Reader = Callable[[TextTable, Context], pd.DataFrame]


@dataclass(frozen=True)
class Format:
    """One export format, recognized by a required subset of its columns (never the full list).

    ``required`` holds alternatives, e.g. the English and the Indonesian header of one file.
    """

    name: str
    title: str
    kind: str  # posts, daily, feedback
    required: tuple[frozenset[str], ...]
    read: Reader
    platform: str | None = None
    excludes: frozenset[str] = frozenset()
    exact: bool = False  # the header is one of ``required`` and nothing more
    #: Columns read when the file has them (metrics the user may not have ticked).
    optional: frozenset[str] = frozenset()

    def matches(self, table: TextTable) -> bool:
        found = folded(table.columns)
        if folded(self.excludes) & found:
            return False
        if self.exact:
            return found in {folded(req) for req in self.required}
        return any(folded(req) <= found for req in self.required)

    def missing(self, columns: set[str]) -> list[str]:
        """Columns of the closest alternative that the file lacks."""
        found = folded(columns)
        best = min(self.required, key=lambda req: len(folded(req) - found))
        return sorted(name for name in best if fold(name) not in found)

    def overlap(self, columns: set[str]) -> float:
        """How close a header is to this format: its share of the required columns (for an
        exact format, of all columns on either side)."""
        found = folded(columns)
        if self.exact:
            return max(len(folded(req) & found) / len(folded(req) | found) for req in self.required)
        return max(len(folded(req) & found) / len(req) for req in self.required)

    @property
    def names(self) -> frozenset[str]:
        """Every column this format reads, as the declaration spells it."""
        return frozenset().union(*self.required, self.optional)

    def spelled(self, header: list[str]) -> list[str]:
        """The header with each name this format reads spelled as declared: downloads differ
        in case and spacing ("Reactions, comments and shares")."""
        known = {fold(name): name for name in self.names}
        return [known.get(fold(name), name) for name in header]


def fold(name: str) -> str:
    """A header name compared without regard to case or repeated spaces."""
    return " ".join(name.split()).casefold()


def folded(names: set[str] | frozenset[str]) -> frozenset[str]:
    """The names folded; remembered, since every format asks again about one header of
    thousands of names."""
    return _folded(frozenset(names))


@lru_cache(maxsize=256)
def _folded(names: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(name) for name in names)


def columns(*names: str) -> frozenset[str]:
    return frozenset(names)


def rename_present(frame: pd.DataFrame, mapping: dict[str, str]) -> dict[str, str]:
    """The part of a header-to-canonical mapping whose source columns the file has."""
    return {source: target for source, target in mapping.items() if source in frame.columns}


def posts_frame(
    frame: pd.DataFrame,
    table: TextTable,
    ctx: Context,
    *,
    platform: str,
    post_id: str,
    published: pd.Series,
    metrics: dict[str, str],
    kind: str | None = None,
    text: str | None = None,
    link: str | None = None,
    signed: frozenset[str] = frozenset(),
    stories: frozenset[str] = frozenset(),
    timed: pd.Series | bool = True,
) -> pd.DataFrame:
    """The canonical posts table from one export's columns (metrics: header -> canonical);
    rows whose ``kind`` is one of ``stories`` are marked as stories; ``timed`` is false where
    the export gave only the day (the hour of such a post is unknown, not midnight)."""
    from kpureport.ingest.readers import parse

    out = pd.DataFrame(index=frame.index)
    out["platform"] = platform
    out["post_id"] = frame[post_id].astype("string").str.strip().str.lstrip("'")
    out["published"] = published
    out["type"] = frame[kind].astype("string") if kind else pd.NA
    out["text"] = frame[text].astype("string") if text else pd.NA
    out["link"] = frame[link].astype("string") if link else pd.NA
    out["story"] = out["type"].str.strip().isin(stories).fillna(False).astype(bool)
    out["timed"] = timed
    for source, target in rename_present(frame, metrics).items():
        if target in out.columns:
            continue  # an older alias of a metric the file already gave (Impressions / Views)
        values = parse.numbers(
            frame,
            source,
            table,
            ctx.problems,
            count=target not in canonical.MEASURES,
            signed=target in signed,
        )
        out[target] = values
    missing_id = out["post_id"].isna() | (out["post_id"] == "")
    for row in out.index[missing_id]:
        ctx.problems.append(
            Problem(
                table.path, row=int(row), column=post_id, found="kosong", expected="ID unggahan"
            )
        )
    repeated = frame[post_id].duplicated(keep="first").to_numpy() & ~missing_id
    for row in out.index[repeated]:
        first = int(out.index[(out["post_id"] == out.at[row, "post_id"])][0])
        ctx.problems.append(
            Problem(
                table.path,
                row=int(row),
                column=post_id,
                found=str(out.at[row, "post_id"]),
                expected=f"setiap unggahan satu kali dalam satu berkas (sama dengan baris {first}); "
                "unduh ulang ekspornya",
            )
        )
    return out.reset_index(drop=True)


def daily_frame(
    dates: pd.Series,
    frame: pd.DataFrame,
    table: TextTable,
    ctx: Context,
    *,
    platform: str | None,
    metrics: dict[str, str],
    signed: frozenset[str] = frozenset(),
    followers: str | None = None,
) -> pd.DataFrame:
    """The canonical long table ``platform, date, metric, value`` from wide daily columns."""
    from kpureport.ingest.readers import parse

    parts = []
    present = rename_present(frame, metrics)
    if followers and followers in frame.columns:
        present[followers] = "followers"
    for source, target in present.items():
        values = parse.numbers(
            frame,
            source,
            table,
            ctx.problems,
            count=target not in canonical.MEASURES,
            signed=target in signed,
        )
        part = pd.DataFrame(
            {
                "platform": platform,
                "date": dates.to_numpy(),
                "metric": target,
                "value": values.to_numpy(),
            }
        )
        parts.append(part[part["value"].notna() & part["date"].notna()])
    if not parts:
        return pd.DataFrame(columns=["platform", "date", "metric", "value"])
    return pd.concat(parts, ignore_index=True)
