"""Plain records of what an office's YAML files say, once validated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kpureport.config import DEFAULT_TIMEZONE, REPORT_TITLE

PREFIX = "Komisi Pemilihan Umum "


class PlainText(str):
    """A text kpureport generated (a sentence with the office's name, say): shown as written,
    never read as Markdown, so a ``*`` or ``_`` in a profile value stays a character."""


@dataclass(frozen=True)
class Account:
    platform: str
    name: str
    url: str
    handle: str | None = None
    since: dt.date | None = None

    @property
    def display_name(self) -> str:
        """Name as the seed report writes it: ``KPU KAYONG UTARA ( @kpu_kku )`` without the gaps."""
        return f"{self.name} ({self.handle})" if self.handle else self.name


@dataclass(frozen=True)
class Profile:
    slug: str
    name: str
    province: str
    city: str
    accounts: tuple[Account, ...]
    abbreviation: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    website: str | None = None
    jdih: str | None = None
    email: str | None = None
    chair: str | None = None
    slogan: str | None = None  # the office letterhead's own tagline, if it differs from KPU's
    feedback_column: str | None = None  # header of the form question holding the feedback text
    form_date_order: str | None = None  # "day-first" or "month-first" for Forms timestamps
    meta_timezone: str | None = None  # the zone Meta writes Publish time in, if Meta changes it
    fictional: bool = False  # a demo office: its report says so on the first page
    lists_of_tables: bool = False  # printed contents also list the tables and figures

    @property
    def region(self) -> str:
        """``Kabupaten Kayong Utara`` from ``Komisi Pemilihan Umum Kabupaten Kayong Utara``."""
        return self.name.removeprefix(PREFIX)

    @property
    def short_name(self) -> str:
        """``KPU Kabupaten Kayong Utara``: how the report names the office in headings."""
        return f"KPU {self.region}"

    @property
    def abbrev(self) -> str:
        """The office's own abbreviation (``KPU KKU``), else its short name."""
        return self.abbreviation or self.short_name

    def report_title(self, year: int) -> str:
        """The document title, also the HTML page title."""
        return f"{REPORT_TITLE} {self.short_name} Tahun {year}"

    @property
    def since(self) -> dt.date | None:
        """When the office's first account started."""
        dates = [a.since for a in self.accounts if a.since]
        return min(dates) if dates else None


@dataclass(frozen=True)
class Signature:
    place: str
    date: dt.date
    date_is_month: bool
    title: str
    name: str


@dataclass(frozen=True)
class Narrative:
    """Hand-written parts of one year's report; ``None`` where staff left a part out."""

    year: int
    introduction: str | None = None
    platforms: str | None = None
    features: str | None = None
    constraints_intro: str | None = None
    constraints: tuple[str, ...] = field(default_factory=tuple)
    solutions: tuple[str, ...] = field(default_factory=tuple)
    closing: str | None = None
    signature: Signature | None = None
