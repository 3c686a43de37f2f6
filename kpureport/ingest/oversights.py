"""What staff easily overlook and what would make a wrong report: example values of the
``init`` templates left in place, data of a platform that has no account in ``profile.yml``
(the followers table and its total would leave it out), and a narrative for a year without
data. Each rule is a declaration; each finding names its file and, where it can, its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kpureport.config import platform_label
from kpureport.errors import Problem
from kpureport.models import Profile


@dataclass(frozen=True)
class Placeholder:
    """An example value of the ``init`` templates: ``text`` found in a line (case ignored) as
    a whole value (``whole``) or anywhere in it."""

    text: str
    whole: bool = False


#: Every example value of templates/office/profile.yml and narrative.yml that no office has
#: (the test of this module checks that each value of the template is caught).
PLACEHOLDERS = (
    Placeholder("nama daerah"),
    Placeholder("namadaerah"),
    Placeholder("nama provinsi"),
    Placeholder("nama kota", whole=True),
    Placeholder("nama ketua", whole=True),
    Placeholder("kpu nd", whole=True),
    Placeholder("paragraf pendahuluan."),
    Placeholder("pengantar bab platform media sosial."),
    Placeholder("kendala pertama."),
    Placeholder("solusi pertama."),
)
EXPECTED = "isian kantor yang sebenarnya, bukan contoh dari templat kpureport init"

_COMMENT = re.compile(r"(?:^|\s)#.*$")
_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[\w-]+\s*:\s*)?(?P<value>.*?)\s*$")


def placeholder_problems(paths: list[Path]) -> list[Problem]:
    """A problem for each line of these YAML files that still holds a template's example."""
    problems = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, start=1):
            text = _COMMENT.sub("", line)
            value = _VALUE.match(text).group("value").strip("\"' ").lower()
            lowered = text.lower()
            found = next(
                (p for p in PLACEHOLDERS if (value == p.text if p.whole else p.text in lowered)),
                None,
            )
            if found is not None:
                problems.append(Problem(path, EXPECTED, found=text.strip(), row=number))
    return problems


def unplaced(
    profile: Profile, followers: pd.DataFrame, posts: pd.DataFrame, daily: pd.DataFrame
) -> list[tuple[str, str]]:
    """``(platform, kind)`` of every kind of data (``pengikut``, ``unggahan``, ``metrik
    harian``) that names a platform without an account in the profile."""
    accounts = {a.platform for a in profile.accounts}
    found = []
    for kind, table in (("pengikut", followers), ("unggahan", posts), ("metrik harian", daily)):
        if table is None or table.empty or "platform" not in table.columns:
            continue
        for platform in sorted(set(table["platform"].dropna()) - accounts):
            found.append((platform, kind))
    return found


def unplaced_problems(path: Path, found: list[tuple[str, str]], year: int) -> list[Problem]:
    """The findings of :func:`unplaced` as problems of ``profile.yml``."""
    kinds: dict[str, list[str]] = {}
    for platform, kind in found:
        kinds.setdefault(platform, []).append(kind)
    return [
        Problem(
            path,
            f"akun {platform_label(platform, year)} di bagian 'accounts', karena ada data "
            f"{' dan '.join(what)} platform itu; tanpa akun, data itu tidak masuk tabel pengikut "
            "dan jumlahnya",
            key="accounts",
        )
        for platform, what in kinds.items()
    ]


def empty_narratives(
    folder: Path, narrative_years: list[int], data_years: set[int]
) -> list[Problem]:
    """A problem for each ``narrative/<year>.yml`` of a year without any data: ``build
    --all`` would make a report of that year with nothing in it."""
    return [
        Problem(
            folder / "narrative" / f"{year}.yml",
            f"narasi untuk tahun yang memiliki data (tahun dengan data: "
            f"{', '.join(map(str, sorted(data_years))) or 'belum ada'}); hapus atau ganti nama "
            "berkas ini bila tahun itu belum berjalan",
            found=f"tahun {year} tanpa data pengikut, polling, masukan, atau ekspor",
        )
        for year in narrative_years
        if year not in data_years
    ]
