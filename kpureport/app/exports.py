"""The exports panel: files picked or dropped in the page are recognised on the spot by the
readers ``kpureport inspect`` uses, stored byte for byte in ``exports/`` (the same file once),
listed with what they hold, and removable; a strip per platform shows the year's months with
and without data."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import ipywidgets as widgets
import pandas as pd

from kpureport import formatting as fmt
from kpureport.config import NO_EXPORT, platform_label
from kpureport.errors import DataError, KpuReportError
from kpureport.ingest import cache, readers
from kpureport.ingest.load import EXPORTS_DIR, export_files, load_profile, reader_settings

from .common import Message, guarded, html
from .state import State

#: Largest file taken from the page; tornado's websocket limit is set above it by the launcher.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Largest total of one pick (the launcher sets the websocket's limit to carry it).
MAX_PICK_BYTES = 200 * 1024 * 1024
SUFFIXES = (".csv", ".xlsx", ".zip")
#: Removed exports are moved here (inside the office folder), never destroyed.
REMOVED_DIR = ".dihapus"
#: Uploads are read here, inside the office folder, before they are moved into exports/.
STAGING_DIR = ".unggahan"
KINDS = {
    "posts": "unggahan",
    "daily": "angka harian",
    "feedback": "masukan",
    "audience": "audiens",
    "top": "video teratas",
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def clean_name(name: str) -> str | None:
    """A file name fit to store: the last part of any path, no control or reserved
    characters, no leading dots (hidden files); None when nothing usable is left.

    >>> clean_name("../../etc/passwd.csv"), clean_name("C:\\\\x\\\\Overview.csv")
    ('passwd.csv', 'Overview.csv')
    >>> clean_name(".bashrc"), clean_name("<img src=x onerror=alert(1)>.csv")
    (None, '_img src=x onerror=alert(1)_.csv')
    """
    text = unicodedata.normalize("NFC", str(name)).replace("\\", "/")
    text = PurePosixPath(text).name if "/" in text else text
    if text.startswith("."):
        return None
    text = _UNSAFE.sub("_", text).strip().strip(".")
    if not text or text.startswith(".") or text in (".", ".."):
        return None
    stem, suffix = os.path.splitext(text)
    return stem[: 180 - len(suffix)] + suffix


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Outcome:
    """What became of one picked file: stored (with what was read), already there, or refused."""

    name: str
    status: str  # stored, duplicate, refused
    reason: str = ""
    stored: Path | None = None
    summaries: list[dict] = field(default_factory=list)


def _settings(folder: Path) -> tuple[str, str | None, dict]:
    profile = load_profile(folder)
    return profile.timezone, profile.feedback_column, reader_settings(profile)


def read(path: Path, folder: Path) -> list[dict]:
    """What ``kpureport inspect --office`` says of a file: one summary per export in it."""
    timezone, column, settings = _settings(folder)
    return [readers.summary(e) for e in cache.read_exports(path, timezone, column, **settings)]


def store(folder: Path, name: str, data: bytes) -> Outcome:
    """Take one picked file into ``<folder>/exports`` if it is a known export, byte for byte;
    nothing is written outside the office folder, and nothing unread is kept."""
    shown = str(name)
    cleaned = clean_name(name)
    if cleaned is None:
        return Outcome(
            shown,
            "refused",
            "nama berkas tidak dapat dipakai (berkas tersembunyi "
            "atau nama kosong); ganti namanya lalu pilih lagi",
        )
    if not data:
        return Outcome(cleaned, "refused", "berkas kosong (0 bita); unduh ulang dari platformnya")
    if len(data) > MAX_FILE_BYTES:
        return Outcome(
            cleaned,
            "refused",
            f"berkas {fmt.number(len(data) / 1024**2, 1)} MB, melebihi batas "
            f"{fmt.number(MAX_FILE_BYTES // 1024**2)} MB per berkas",
        )
    if Path(cleaned).suffix.lower() not in SUFFIXES:
        return Outcome(cleaned, "refused", "bukan berkas CSV, Excel (.xlsx), atau ZIP")
    exports = folder / EXPORTS_DIR
    wanted = digest(data)
    stored, _ = export_files(folder)
    for existing in stored:
        if existing.stat().st_size == len(data) and digest(existing.read_bytes()) == wanted:
            return Outcome(
                cleaned,
                "duplicate",
                f"isinya sama dengan {existing.relative_to(exports).as_posix()} yang sudah "
                "tersimpan; tidak disimpan dua kali",
                existing,
            )
    (folder / STAGING_DIR).mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder / STAGING_DIR))
    try:
        staged = staging / cleaned
        staged.write_bytes(data)
        try:
            summaries = read(staged, folder)
        except DataError as exc:
            reasons = [
                p.expected if p.found is None else f"{p.found}; seharusnya {p.expected}"
                for p in exc.problems
            ]
            return Outcome(cleaned, "refused", "tidak dikenali: " + " | ".join(reasons))
        target = _free_place(exports, cleaned)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for found in summaries:
        found["file"] = target.relative_to(exports).as_posix()
    return Outcome(cleaned, "stored", stored=target, summaries=summaries)


def _free_place(exports: Path, name: str) -> Path:
    """``exports/<name>``, or, when another file has that name, the same name in a numbered
    sub-folder: the name itself (TikTok's date anchor in it) is never changed."""
    target = exports / name
    number = 2
    while target.exists():
        target = exports / f"unggahan-{number}" / name
        number += 1
    return target


def remove(folder: Path, relative: str) -> Path:
    """Move one export out of ``exports/`` into ``.dihapus/`` of the office (kept, unread)."""
    exports = (folder / EXPORTS_DIR).resolve()
    path = (exports / relative).resolve()
    if not path.is_relative_to(exports) or not path.is_file():
        raise KpuReportError(f"Berkas {relative} tidak ada di folder ekspor kantor ini.")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / REMOVED_DIR / stamp / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(path, target)
    return target


@dataclass
class Listed:
    relative: str
    summaries: list[dict]
    problem: str = ""


def listing(folder: Path) -> list[Listed]:
    """Every file in ``exports/`` with what it holds, or why it cannot be read."""
    exports = folder / EXPORTS_DIR
    paths, problems = export_files(folder)
    rows = []
    for path in paths:
        relative = path.relative_to(exports).as_posix()
        try:
            rows.append(Listed(relative, read(path, folder)))
        except DataError as exc:
            rows.append(Listed(relative, [], " | ".join(p.expected for p in exc.problems)))
    rows += [Listed(str(p.path.name), [], p.expected) for p in problems]
    return rows


def coverage(rows: list[Listed], year: int, platforms: list[str]) -> list[dict]:
    """Per platform, each month of ``year``: whether some export's period covers part of it."""
    spans: dict[str, list[tuple[pd.Timestamp, pd.Timestamp]]] = {p: [] for p in platforms}
    for row in rows:
        for found in row.summaries:
            if found["platform"] and found["start"] and found["kind"] in ("posts", "daily"):
                spans.setdefault(found["platform"], []).append(
                    (pd.Timestamp(found["start"]), pd.Timestamp(found["end"]))
                )
    strips = []
    for platform, periods in spans.items():
        months = []
        for month in range(1, 13):
            first = pd.Timestamp(year, month, 1)
            last = first + pd.offsets.MonthEnd(0)
            covered = any(start <= last and end >= first for start, end in periods)
            months.append(
                {
                    "name": fmt.month_name(month)[:3],
                    "full": fmt.month_name(month),
                    "covered": covered,
                }
            )
        strips.append(
            {
                "label": platform_label(platform, year),
                "months": months,
                "count": sum(m["covered"] for m in months),
            }
        )
    return strips


def described(found: dict, year: int) -> dict:
    """One export as the list shows it, in Indonesian words and numbers."""
    period = "-"
    if found["start"]:
        start, end = dt.date.fromisoformat(found["start"]), dt.date.fromisoformat(found["end"])
        period = f"{fmt.date(start)} s.d. {fmt.date(end)}"
    totals = ", ".join(
        f"{name} {fmt.number(value, 0 if float(value).is_integer() else 2)}"
        for name, value in found["totals"].items()
    )
    return {
        "file": found["file"],
        "title": found["title"],
        "platform": platform_label(found["platform"], year) if found["platform"] else "-",
        "kind": KINDS.get(found["kind"], found["kind"]),
        "period": period,
        "rows": fmt.number(found["rows"]),
        "totals": totals or "-",
    }


class ExportsPanel:
    def __init__(self, state: State):
        self.state = state
        self.message = Message()
        self.upload = widgets.FileUpload(
            accept=",".join(SUFFIXES),
            multiple=True,
            description="Pilih berkas ekspor",
            tooltip="Pilih berkas ekspor (CSV, XLSX, ZIP)",
            layout=widgets.Layout(width="auto"),
        )
        self.upload.observe(self._received, names="value")
        self.intro = widgets.HTML(
            html(
                "exports_intro.html.j2",
                per_file=fmt.number(MAX_FILE_BYTES // 1024**2),
                per_pick=fmt.number(MAX_PICK_BYTES // 1024**2),
            )
        )
        self.results = widgets.HTML()
        self.strip = widgets.HTML()
        self.files = widgets.VBox()
        self.widget = widgets.VBox(
            [self.intro, self.upload, self.message.widget, self.results, self.strip, self.files]
        )
        self.widget.add_class("kr-exports")

    def refresh(self) -> None:
        folder = self.state.folder
        self.upload.disabled = folder is None
        if folder is None:
            self.files.children = []
            self.strip.value = ""
            self.message.show("info", "Buat atau pilih kantor dulu di tab Kantor.")
            return
        with cache.using(self.state.out_dir / cache.CACHE_DIR):
            rows = listing(folder)
        profile = load_profile(folder)
        platforms = list(
            dict.fromkeys(a.platform for a in profile.accounts if a.platform not in NO_EXPORT)
        )
        year = self.state.year
        self.strip.value = html(
            "coverage.html.j2", year=year, strips=coverage(rows, year, platforms)
        )
        children = [widgets.HTML(html("exports_head.html.j2", count=len(rows)))]
        for row in rows:
            button = widgets.Button(description="Hapus", tooltip=f"Hapus {row.relative}")
            button.on_click(
                guarded(self.message, "menghapus berkas")(lambda _, r=row.relative: self._remove(r))
            )
            info = widgets.HTML(
                html(
                    "export_row.html.j2",
                    relative=row.relative,
                    problem=row.problem,
                    exports=[described(f, year) for f in row.summaries],
                )
            )
            line = widgets.HBox([info, button])
            line.add_class("kr-file")
            children.append(line)
        self.files.children = children

    def _received(self, change) -> None:
        guarded(self.message, "menerima berkas")(self._take)(change["new"])

    def _take(self, picked) -> None:
        if not picked:
            return
        folder = self.state.folder
        if folder is None:
            self.message.show("error", "Buat atau pilih kantor dulu di tab Kantor.")
            return
        self.message.show("busy", f"Memeriksa dan menyimpan {len(picked)} berkas...")
        outcomes = []
        with cache.using(self.state.out_dir / cache.CACHE_DIR):
            for item in picked:
                outcomes.append(store(folder, item["name"], bytes(item["content"])))
        self.upload.value = ()
        self.refresh()
        stored = sum(o.status == "stored" for o in outcomes)
        refused = sum(o.status == "refused" for o in outcomes)
        self.results.value = html(
            "upload_results.html.j2",
            outcomes=[
                {
                    "name": o.name,
                    "status": o.status,
                    "reason": o.reason,
                    "exports": [described(f, self.state.year) for f in o.summaries],
                }
                for o in outcomes
            ],
        )
        kind = "error" if refused and not stored else "ok"
        self.message.show(
            kind,
            f"{len(outcomes)} berkas diterima: {stored} disimpan, "
            f"{len(outcomes) - stored - refused} sudah ada, {refused} ditolak.",
        )

    def _remove(self, relative: str) -> None:
        moved = remove(self.state.folder, relative)
        self.message.show(
            "ok",
            f"Berkas {relative} dihapus dari daftar ekspor (salinannya "
            f"disimpan di {moved.parent}).",
        )
        self.refresh()
