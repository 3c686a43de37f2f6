"""``kpureport init``: a new office folder with a profile to fill and empty table templates."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from kpureport.analysis import monev
from kpureport.config import MAX_SLUG_CHARS, TEMPLATES_DIR
from kpureport.errors import KpuReportError
from kpureport.ingest import manual, validate
from kpureport.ingest.load import (
    EXPORTS_DIR,
    NARRATIVE_DIR,
    PROFILE_FILE,
    check_office_name,
    province_offices,
)

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: The narrative template ``init`` writes, to be copied as ``<year>.yml``.
NARRATIVE_TEMPLATE = "templat-tahun.yml"


def create_office(data_dir: Path, office: str, year: int | None = None) -> list[Path]:
    """Create ``data/<office>/``; an existing folder is never touched."""
    if not _SLUG.fullmatch(office) or len(office) > MAX_SLUG_CHARS:
        raise KpuReportError(
            f"Nama kantor '{office}' tidak dapat dipakai: gunakan huruf kecil, angka, dan tanda "
            f"hubung saja, paling panjang {MAX_SLUG_CHARS} karakter, mis. kayong-utara atau "
            "kota-pontianak."
        )
    folder = Path(data_dir) / office
    if folder.exists():
        raise KpuReportError(f"Folder {folder} sudah ada; kpureport tidak menimpa data yang ada.")
    year = year or dt.date.today().year
    source = TEMPLATES_DIR / "office"
    (folder / NARRATIVE_DIR).mkdir(parents=True)
    (folder / EXPORTS_DIR).mkdir()
    written = [
        folder / PROFILE_FILE,
        # Not <year>.yml: a narrative makes its year a report of `build --all`, data or not.
        folder / NARRATIVE_DIR / NARRATIVE_TEMPLATE,
        folder / EXPORTS_DIR / "BACA-SAYA.txt",
    ]
    shutil.copyfile(source / "profile.yml", written[0])
    written[1].write_text(
        (source / "narrative.yml").read_text(encoding="utf-8").format(example=year - 1),
        encoding="utf-8",
    )
    shutil.copyfile(source / "exports-README.txt", written[2])
    return written + manual.write_templates(folder)


def rollup_templates(
    folder: Path,
    data_dir: Path,
    province: str | None,
    offices: Iterable[str] | None,
    rubric: Path | None = None,
) -> list[Path]:
    """A province's starting files in ``folder``: the rubric (a copy of the shipped one, or of
    ``rubric``) and the juried-score table with one row per office and juried criterion, the
    scores left for the jury; files already there are never overwritten."""
    rules = monev.load_rubric(rubric)
    names = list(offices or []) or province_offices(Path(data_dir), province or "")
    if not names:
        raise KpuReportError(f"Tidak ada kantor dengan provinsi '{province}' di {data_dir}.")
    for name in names:  # a name is a folder of the data, never a formula for the spreadsheet
        check_office_name(name)
    folder = Path(folder)
    targets = [folder / monev.RUBRIC_FILE, folder / "nilai-juri.csv"]
    existing = [str(p) for p in targets if p.exists()]
    if existing:
        raise KpuReportError(
            f"Berkas sudah ada dan tidak ditimpa: {', '.join(existing)}. Pilih folder lain."
        )
    folder.mkdir(parents=True, exist_ok=True)
    targets[0].write_bytes(rules.path.read_bytes())
    labels = [c.label for c in validate.ROLLUP_TABLES["jury"]]
    rows = [",".join(labels)] + [f"{n},{c.code}," for n in names for c in rules.juried]
    targets[1].write_text("\n".join(rows) + "\n", encoding="utf-8")
    return targets
