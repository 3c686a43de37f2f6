"""Read an office's data folder into validated records and tidy DataFrames.

Input files are only ever read. Every reader collects all problems of a file before raising
one :class:`~kpureport.errors.DataError`, so staff can fix a file in one pass.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kpureport import safe_yaml
from kpureport.errors import (
    DataError,
    KpuReportError,
    Note,
    Problem,
    YearNotAvailableError,
)
from kpureport.ingest import cache, canonical, manual, oversights, readers, rules, validate
from kpureport.ingest.folders import (  # noqa: F401  (the public names of the data folder)
    DATA_ENV,
    PROFILE_FILE,
    check_office_name,
    data_folder,
    office_dir,
    offices,
)
from kpureport.models import Account, Narrative, Profile, Signature

NARRATIVE_DIR = "narrative"
EXPORTS_DIR = "exports"


@dataclass(frozen=True, repr=False)
class ReportData:
    """Everything one year's report of one office is made from (tables hold every year).

    ``followers``: ``date, platform, followers`` counted by staff. ``polls``: ``date, platform,
    question, option, votes``. ``feedback``: ``date, channel, category, text`` (staff table and
    form answers). ``posts``: one row per post (``platform, post_id, published`` in office
    time, ``type, text, link, story`` and the metrics the export gave). ``daily``: account
    figures, long form ``platform, date, metric, value``.
    """

    profile: Profile
    year: int
    followers: pd.DataFrame
    narrative: Narrative
    polls: pd.DataFrame
    feedback: pd.DataFrame
    posts: pd.DataFrame
    daily: pd.DataFrame
    #: Audience snapshots (``platform, snapshot, dimension, key, value``).
    audience: pd.DataFrame | None = None
    #: Videos a platform listed as recent or top (never a count of posts).
    top_videos: pd.DataFrame | None = None
    #: What each export file covers (``platform, kind, format, title, source, start, end``).
    coverage: pd.DataFrame | None = None
    #: The staff's evaluation tables (empty when the office keeps none): yearly targets
    #: (``year, indicator, platform, target``), local stages (``start, end, stage, source``),
    #: pillar overrides (``platform, post_id, pillar``), questions (``received, answered,
    #: channel``) and hoax clarifications (``date, issue, link``).
    targets: pd.DataFrame | None = None
    stages: pd.DataFrame | None = None
    pillar_overrides: pd.DataFrame | None = None
    questions: pd.DataFrame | None = None
    clarifications: pd.DataFrame | None = None
    #: Figures staff copy from the apps each month (``month, platform, followers, posts,
    #: views``): Threads, WhatsApp Channels, TikTok's posts; shown as "dicatat staf".
    monthly: pd.DataFrame | None = None
    #: The office's content-pillar rules and achievement scale.
    pillars: list[rules.Pillar] | None = None
    scale: rules.Scale | None = None

    def __repr__(self) -> str:
        return (
            f"ReportData({self.profile.slug!r}, {self.year}: {self.tables()}; data {self.period()})"
        )

    def tables(self) -> str:
        """Rows per table, e.g. ``posts=2490, daily=5101, ...``."""
        names = ("followers", "polls", "feedback", "posts", "daily")
        return ", ".join(f"{name}={len(getattr(self, name))}" for name in names)

    def period(self) -> str:
        """The first and last day any table holds, ``2019-01-02 s.d. 2024-12-31``."""
        days = [
            pd.Timestamp(day).tz_localize(None) if pd.Timestamp(day).tzinfo else pd.Timestamp(day)
            for table, column in (
                (self.followers, "date"),
                (self.polls, "date"),
                (self.feedback, "date"),
                (self.posts, "published"),
                (self.daily, "date"),
            )
            if not table.empty
            for day in (table[column].min(), table[column].max())
            if pd.notna(day)
        ]
        if not days:
            return "kosong"
        return f"{min(days).date()} s.d. {max(days).date()}"


def read_yaml(path: Path, folder: Path | None = None) -> object:
    """Parse a YAML file of the office ``folder``; a syntax error names the line where it was
    found."""
    refused = validate.outside(path, folder or path.parent)
    if refused:
        raise DataError([refused])
    return safe_yaml.read(path)


def load_profile(folder: Path) -> Profile:
    path = folder / PROFILE_FILE
    raw = read_yaml(path, folder)
    problems = validate.mapping_problems(raw, validate.PROFILE_FIELDS, path)
    if problems:
        raise DataError(problems)
    accounts = tuple(
        Account(
            platform=a["platform"],
            name=a["name"].strip(),
            url=a["url"].strip(),
            handle=a.get("handle"),
            since=validate.parse_month_or_date(a["since"])[0] if a.get("since") else None,
        )
        for a in raw["accounts"]
    )
    required = {f.key for f in validate.PROFILE_FIELDS if f.required}
    optional = {
        f.key: raw[f.key]
        for f in validate.PROFILE_FIELDS
        if f.key not in required and raw.get(f.key) is not None
    }
    return Profile(
        slug=folder.name,
        name=raw["name"].strip(),
        province=raw["province"],
        city=raw["city"],
        accounts=accounts,
        **optional,
    )


def load_followers(folder: Path) -> pd.DataFrame:
    """Follower counts as a tidy table: ``date`` (datetime), ``platform``, ``followers`` (int)."""
    return manual.read_manual(folder, "followers")


@dataclass(frozen=True)
class Exports:
    """What the platform exports in ``exports/`` hold, merged across files."""

    posts: pd.DataFrame
    daily: pd.DataFrame
    feedback: pd.DataFrame
    files: tuple[readers.Export, ...]
    notes: tuple[Note, ...] = ()
    #: Audience snapshots (TikTok active followers by hour, gender, territories).
    audience: pd.DataFrame | None = None
    #: Videos a platform lists as recent or top (TikTok Content): never a count of posts.
    top_videos: pd.DataFrame | None = None
    #: What each file covers: ``platform, kind, format, title, source, start, end``.
    coverage: pd.DataFrame | None = None


def office_files(folder: Path, under: str | None = None) -> tuple[list[Path], list[Problem]]:
    """The files of an office folder (or its sub-folder ``under``), and a problem for every
    symbolic link that leads outside the office folder: refused by name, never opened."""
    root = Path(folder)
    start = Path(folder) / under if under else Path(folder)
    files, problems = [], []
    if not start.is_dir():
        return files, problems
    for base, dirs, names in os.walk(start, followlinks=False):
        for name in sorted(dirs + names):
            path = Path(base) / name
            refused = validate.outside(path, root)
            if refused:
                problems.append(refused)
            elif name in names and path.is_file():
                files.append(path)
    return sorted(files), problems


def export_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """Files dropped into ``exports/`` (any name; hidden files and notes are left out)."""
    files, problems = office_files(folder, EXPORTS_DIR)
    return [
        p
        for p in files
        if not p.name.startswith((".", "~$")) and p.suffix.lower() not in (".md", ".txt")
    ], problems


def reader_settings(profile: Profile) -> dict[str, str | None]:
    return {"form_date_order": profile.form_date_order, "meta_timezone": profile.meta_timezone}


def load_exports(folder: Path, profile: Profile) -> Exports:
    """Read every export; files are merged oldest first so that the newest export wins."""
    paths, problems = export_files(folder)
    files: list[readers.Export] = []
    settings = reader_settings(profile)
    for path in paths:
        try:
            files += cache.read_exports(path, profile.timezone, profile.feedback_column, **settings)
        except DataError as exc:
            problems += exc.problems
    for export in files:
        if export.format.kind == "daily" and export.table["platform"].isna().any():
            problems.append(
                Problem(
                    export.path,
                    found="metrik harian tanpa nama platform",
                    expected="nama berkas yang memuat 'facebook' atau 'instagram' "
                    "(baris kedua berkas tidak menyebut platformnya)",
                )
            )
    if problems:
        raise DataError(problems)
    root = folder / EXPORTS_DIR
    files.sort(key=lambda export: download_order(export, root, profile.timezone))
    by_kind = {
        kind: [e.table for e in files if e.format.kind == kind]
        for kind in ("posts", "daily", "feedback", "audience", "top")
    }
    notes = [note for export in files for note in export.notes]
    daily = canonical.merge_daily(by_kind["daily"])
    notes += _daily_notes(folder, by_kind["daily"], daily)
    feedback = canonical.merge_feedback(by_kind["feedback"])
    repeated = sum(len(t) for t in by_kind["feedback"]) - len(feedback)
    if repeated:
        notes.append(
            Note(
                folder / EXPORTS_DIR,
                f"{repeated} jawaban formulir muncul lebih dari sekali (cap waktu dan semua "
                "jawabannya sama, dari salinan atau ekspor yang tumpang tindih) dan dihitung "
                "satu kali",
            )
        )
    return Exports(
        posts=canonical.merge_posts(by_kind["posts"], profile.timezone),
        daily=daily,
        feedback=feedback,
        files=tuple(files),
        notes=tuple(notes),
        audience=_newest(by_kind["audience"], ["platform", "dimension", "key"], "snapshot"),
        top_videos=_newest(by_kind["top"], ["platform", "link"], "snapshot"),
        coverage=_coverage(files, root, profile.timezone),
    )


#: How many days or months a note lists before it says "and N more".
LISTED = 5


def _daily_notes(folder: Path, frames: list[pd.DataFrame], daily: pd.DataFrame) -> list[Note]:
    """Months without any daily figure inside a platform's data, and days on which two
    exports disagree by more than rounding (the newer download is used)."""
    from kpureport import formatting as fmt
    from kpureport.config import platform_label

    notes = []
    where = folder / EXPORTS_DIR
    for platform, gaps in canonical.daily_gaps(daily).groupby("platform", sort=True):
        months = [fmt.month(m.to_timestamp().date()) for m in gaps["month"]]
        notes.append(
            Note(
                where,
                f"data harian {platform_label(platform, gaps['month'].iloc[-1].year)} tidak ada untuk bulan "
                f"{_listed(months)}; unduh ekspor yang mencakup bulan tersebut agar grafik dan "
                "jumlah tahunan lengkap",
            )
        )
    conflicts = canonical.daily_conflicts(frames)
    for (platform, metric, source, other), rows in conflicts.groupby(
        ["platform", "metric", "source", "other_source"], sort=True
    ):
        days = [
            f"{fmt.date(r.date.date())} ({fmt.number(r.other_value)} dan {fmt.number(r.value)})"
            for r in rows.itertuples(index=False)
        ]
        notes.append(
            Note(
                where,
                f"ekspor \u201c{other}\u201d dan \u201c{source}\u201d berbeda untuk "
                f"{platform_label(platform, rows['date'].iloc[-1].year)} ({metric}) pada {_listed(days)}; yang dipakai "
                f"angka dari unduhan yang lebih baru, \u201c{source}\u201d",
            )
        )
    return notes


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:LISTED])
    return shown + (f", dan {len(items) - LISTED} lainnya" if len(items) > LISTED else "")


def _coverage(files: list[readers.Export], root: Path, timezone: str) -> pd.DataFrame:
    """One row per export read: its platform, kind, format, name, first and last day, the
    download day that ordered it (``downloaded``, and ``by``: ``name`` or ``data``), and
    ``replaced``: its posts that a later download of the same posts replaced."""
    rows = []
    later: set[tuple[str, str]] = set()
    replaced: dict[int, int] = {}
    for number in range(len(files) - 1, -1, -1):  # newest first: what it holds is kept
        export = files[number]
        if export.format.kind != "posts" or export.table.empty:
            continue
        keys = set(zip(export.table["platform"], export.table["post_id"], strict=True))
        replaced[number] = len(keys & later)
        later |= keys
    for number, export in enumerate(files):
        found = readers.summary(export)
        named = _names_day(export, root, timezone)
        rows.append(
            {
                "platform": found["platform"],
                "kind": found["kind"],
                "format": found["format"],
                "title": found["title"],
                "source": _shown_path(export.path, root),
                "start": pd.Timestamp(found["start"]) if found["start"] else pd.NaT,
                "end": pd.Timestamp(found["end"]) if found["end"] else pd.NaT,
                "downloaded": named if named is not None else _last_day(export),
                "by": "name" if named is not None else "data",
                "replaced": replaced.get(number, 0),
            }
        )
    columns = [
        "platform",
        "kind",
        "format",
        "title",
        "source",
        "start",
        "end",
        "downloaded",
        "by",
        "replaced",
    ]
    return pd.DataFrame(rows, columns=columns)


def _shown_path(path: Path, root: Path) -> str:
    """A file's name as staff see it in exports/ (a ZIP's member after the ZIP's name)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _newest(frames: list[pd.DataFrame], keys: list[str], when: str) -> pd.DataFrame:
    """Snapshot tables from several downloads: for each key, the newest download's row."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=[*keys, when])
    table = pd.concat(frames, ignore_index=True).sort_values(when, kind="stable")
    return table.drop_duplicates(keys, keep="last").reset_index(drop=True)


def download_order(export: readers.Export, root: Path, timezone: str) -> tuple:
    """The order in which exports are merged, the later download last so that its lifetime
    totals win: by the download day the file's name states (TikTok's Unix seconds, the last
    day of the period Meta and X write into their names, a date staff added); a name that
    states none, by the last day of its data; then by the last day of its data, then by its
    name (a browser names a second download of one period ``... (1).csv``). Modification
    times are never used: copying or shipping a file changes them, and the choice must be the
    same on every computer."""
    latest = _last_day(export)
    named = _names_day(export, root, timezone)
    return (named or latest, latest, _shown_path(export.path, root))


def _names_day(export: readers.Export, root: Path, timezone: str) -> pd.Timestamp | None:
    from kpureport.ingest.readers import stated

    day = stated.stated_day(_shown_path(export.path, root), timezone)
    return pd.Timestamp(day) if day else None


def _last_day(export: readers.Export) -> pd.Timestamp:
    """The last day an export's data holds (its latest post, day or snapshot)."""
    column = next((c for c in ("published", "date", "snapshot") if c in export.table.columns), None)
    if column is None or export.table.empty:
        return pd.Timestamp.min
    latest = pd.Timestamp(export.table[column].max())
    if pd.isna(latest):
        return pd.Timestamp.min
    if latest.tzinfo is not None:
        latest = latest.tz_localize(None)
    return latest.normalize()


def narrative_years(folder: Path) -> list[int]:
    return sorted(int(p.stem) for p in (folder / NARRATIVE_DIR).glob("*.yml") if p.stem.isdigit())


def load_narrative(folder: Path, year: int, notes: list[Note] | None = None) -> Narrative:
    """The hand-written parts for ``year``; an absent file means every part is generated."""
    path = folder / NARRATIVE_DIR / f"{year}.yml"
    if not path.is_file():
        return Narrative(year=year)
    raw = read_yaml(path, folder)
    if raw is None:
        return Narrative(year=year)
    problems = validate.mapping_problems(raw, validate.NARRATIVE_FIELDS, path)
    if problems:
        raise DataError(problems)
    raw = _limited(raw, path, "", [] if notes is None else notes)
    signature = None
    if raw.get("signature"):
        sig = raw["signature"]
        day, month_only = validate.signing_day(sig["date"])
        signature = Signature(
            place=sig["place"],
            date=day,
            date_is_month=month_only,
            title=sig["title"],
            name=sig["name"],
        )
    return Narrative(
        year=year,
        introduction=raw.get("introduction"),
        platforms=raw.get("platforms"),
        features=raw.get("features"),
        constraints_intro=raw.get("constraints_intro"),
        constraints=tuple(raw.get("constraints") or ()),
        solutions=tuple(raw.get("solutions") or ()),
        closing=raw.get("closing"),
        signature=signature,
    )


def _limited(value: object, path: Path, key: str, notes: list[Note]) -> object:
    """Every text of a YAML document cut to MAX_TEXT_CHARS, with a note for each one cut."""
    if isinstance(value, str):
        return validate.limit_text(value, path, key or "(akar)", notes)
    if isinstance(value, dict):
        return {
            k: _limited(v, path, f"{key}.{k}" if key else str(k), notes) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_limited(v, path, f"{key}[{i}]", notes) for i, v in enumerate(value, start=1)]
    return value


def years(folder: Path, *tables: pd.DataFrame) -> list[int]:
    """Years for which the office has any data: a dated row in any table, or a narrative."""
    return sorted(set(narrative_years(folder)) | data_years(*tables))


def data_years(*tables: pd.DataFrame) -> set[int]:
    """Years of the dated rows of these tables."""
    found: set[int] = set()
    for table in tables:
        for column in ("date", "published"):
            if column in table.columns and not table.empty:
                found |= set(pd.DatetimeIndex(table[column].dropna()).year.unique().tolist())
    return found


def _placeholders(folder: Path) -> None:
    """Example values of the init templates left in the profile or a narrative: refused."""
    paths = [folder / PROFILE_FILE, *sorted((folder / NARRATIVE_DIR).glob("*.yml"))]
    problems = oversights.placeholder_problems(paths)
    if problems:
        raise DataError(problems)


def _collect(loaders: dict[str, Callable[[], object]]) -> tuple[dict[str, object], list[Problem]]:
    results, problems = {}, []
    for name, loader in loaders.items():
        try:
            results[name] = loader()
        except DataError as exc:
            problems += exc.problems
    return results, problems


def years_of_office(folder: str | Path) -> list[int]:
    """Years for which an office folder has any data (for building every report at once)."""
    folder = Path(folder)
    profile = load_profile(folder)
    exports = load_exports(folder, profile)
    tables = [manual.read_manual(folder, name) for name in ("followers", "polls", "feedback")]
    return years(folder, *tables, exports.posts, exports.daily, exports.feedback)


def report_year(value: object) -> int:
    """A report's year from a parameter (``2021`` or ``"2021"``), or a message that says what
    a year looks like."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or len(text) != 4:
        raise YearNotAvailableError(
            f"Tahun laporan {value!r} tidak sah: tulis tahun dengan empat angka, mis. 2021."
        )
    return int(text)


def office_years(office: str, data_dir: str | Path | None = None) -> list[int]:
    """Years for which ``office`` has any data, in the data folder found by
    :func:`data_folder`."""
    return years_of_office(office_dir(data_folder(data_dir), office))


def load_report_data(data_dir: str | Path | None, office: str, year: int) -> ReportData:
    """Load and validate everything one report needs, or raise one error listing all problems.

    ``data_dir`` None finds the data folder by :func:`data_folder`'s rule.
    """
    data_dir = data_folder(data_dir)
    year = report_year(year)
    folder = office_dir(data_dir, office)
    results, problems = _collect(
        {
            "profile": lambda: load_profile(folder),
            "followers": lambda: load_followers(folder),
            "polls": lambda: manual.read_manual(folder, "polls"),
            "feedback": lambda: manual.read_manual(folder, "feedback"),
            "narrative": lambda: load_narrative(folder, year),
            "placeholders": lambda: _placeholders(folder),
            **evaluation_loaders(folder),
        }
    )
    if "profile" in results:
        exports, export_problems = _collect(
            {"exports": lambda: load_exports(folder, results["profile"])}
        )
        results.update(exports)
        problems += export_problems
    if problems:
        raise DataError(problems)
    exports = results["exports"]
    available = years(
        folder,
        results["followers"],
        results["polls"],
        results["feedback"],
        exports.posts,
        exports.daily,
        exports.feedback,
    )
    if year not in available:
        listed = ", ".join(map(str, available)) or "belum ada"
        raise YearNotAvailableError(
            f"Tidak ada data tahun {year} untuk kantor '{office}' di {folder}: tidak ada data "
            f"bertanggal tahun {year} (pengikut, polling, masukan, atau ekspor platform) dan tidak "
            f"ada berkas {NARRATIVE_DIR}/{year}.yml. Tahun yang tersedia: {listed}."
        )
    feedback = (
        pd.concat(
            [f for f in (results["feedback"], exports.feedback) if not f.empty], ignore_index=True
        )
        if not exports.feedback.empty
        else results["feedback"]
    )
    return ReportData(
        profile=results["profile"],
        year=year,
        followers=results["followers"],
        narrative=results["narrative"],
        polls=results["polls"],
        feedback=feedback,
        posts=exports.posts,
        daily=exports.daily,
        audience=exports.audience,
        top_videos=exports.top_videos,
        coverage=exports.coverage,
        **{name: results[name] for name in EVALUATION},
    )


#: The evaluation inputs of a report, each optional: the manual tables and the office's rules.
EVALUATION = (
    "targets",
    "stages",
    "pillar_overrides",
    "questions",
    "clarifications",
    "monthly",
    "pillars",
    "scale",
)


def evaluation_loaders(
    folder: Path, notes: list[Note] | None = None
) -> dict[str, Callable[[], object]]:
    """Loaders of the evaluation inputs; the pillar overrides are checked against the office's
    own pillar names."""

    def overrides() -> pd.DataFrame:
        names = rules.known(rules.load_pillars(folder))
        return manual.read_manual(folder, "pillars", notes, choices={"pillar": names})

    return {
        "targets": lambda: manual.read_manual(folder, "targets", notes),
        "stages": lambda: manual.read_manual(folder, "stages", notes),
        "pillar_overrides": overrides,
        "questions": lambda: manual.read_manual(folder, "questions", notes),
        "clarifications": lambda: manual.read_manual(folder, "clarifications", notes),
        "monthly": lambda: manual.read_manual(folder, "monthly", notes),
        "pillars": lambda: rules.load_pillars(folder),
        "scale": lambda: rules.load_scale(folder),
    }


def check_office(data_dir: Path, office: str) -> tuple[list[Problem], list[Note]]:
    """Every problem in an office's folder, across all its files and years, and the notes
    (texts cut, answers counted once) that do not stop a report."""
    folder = office_dir(data_dir, office)
    notes: list[Note] = []
    loaders = {"profile": lambda: load_profile(folder)}
    loaders |= {
        name: (lambda n=name: manual.read_manual(folder, n, notes))
        for name in ("followers", "polls", "feedback")
    }
    loaders |= evaluation_loaders(folder, notes)
    loaders |= {
        f"narrative-{y}": (lambda y=y: load_narrative(folder, y, notes))
        for y in narrative_years(folder)
    }
    loaders["placeholders"] = lambda: _placeholders(folder)
    results, problems = _collect(loaders)
    if "profile" in results:
        exports, more = _collect({"exports": lambda: load_exports(folder, results["profile"])})
        problems += more
        if "exports" in exports:
            notes += exports["exports"].notes
            problems += _overlooked(folder, results, exports["exports"])
    return problems, notes


def _overlooked(folder: Path, results: dict, exports) -> list[Problem]:
    """Data of platforms without an account, and narratives of years without data."""
    if "followers" not in results:
        return []
    tables = [results[n] for n in ("followers", "polls", "feedback") if n in results]
    found = data_years(*tables, exports.posts, exports.daily, exports.feedback)
    lost = oversights.unplaced(
        results["profile"], results["followers"], exports.posts, exports.daily
    )
    return oversights.unplaced_problems(
        folder / PROFILE_FILE, lost, max(found, default=0)
    ) + oversights.empty_narratives(folder, narrative_years(folder), found)


def province_offices(data_dir: Path, province: str) -> list[str]:
    """Offices whose profile names ``province`` (case and spacing ignored)."""
    wanted = " ".join(province.lower().split())
    found = []
    for name in offices(data_dir):
        try:
            if (
                " ".join(load_profile(office_dir(data_dir, name)).province.lower().split())
                == wanted
            ):
                found.append(name)
        except KpuReportError:
            continue
    return found
