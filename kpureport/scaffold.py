"""``kpureport init``: a new office folder with a profile to fill and empty table templates."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from kpureport import manual
from kpureport.config import TEMPLATES_DIR
from kpureport.errors import KpuReportError
from kpureport.load import EXPORTS_DIR, NARRATIVE_DIR, PROFILE_FILE

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def create_office(data_dir: Path, office: str, year: int | None = None) -> list[Path]:
    """Create ``data/<office>/``; an existing folder is never touched."""
    if not _SLUG.fullmatch(office):
        raise KpuReportError(
            f"Nama kantor '{office}' tidak dapat dipakai: gunakan huruf kecil, angka, dan tanda "
            "hubung saja, mis. kayong-utara atau kota-pontianak."
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
        folder / NARRATIVE_DIR / f"{year}.yml",
        folder / EXPORTS_DIR / "BACA-SAYA.txt",
    ]
    shutil.copyfile(source / "profile.yml", written[0])
    written[1].write_text(
        (source / "narrative.yml").read_text(encoding="utf-8").format(year=year), encoding="utf-8"
    )
    shutil.copyfile(source / "exports-README.txt", written[2])
    return written + manual.write_templates(folder)
