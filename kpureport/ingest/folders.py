"""Where an office's data is: the data folder by its one rule, the offices in it, an office's
folder. Kept apart from :mod:`kpureport.ingest.load` and its libraries, so that a command finds
its folders, and starts its kernel, before pandas is imported."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kpureport.config import MAX_SLUG_CHARS
from kpureport.errors import OfficeNotFoundError

PROFILE_FILE = "profile.yml"

#: Names the data folder when no argument does (the command line's ``--data`` and the
#: notebooks' ``data_dir`` parameter come first).
DATA_ENV = "KPUREPORT_DATA"


def data_folder(given: str | Path | None = None, start: Path | None = None) -> Path:
    """The folder of all offices' data, as an absolute path, found by one rule everywhere (the
    command line, the notebooks, papermill): the folder given; else ``$KPUREPORT_DATA``; else
    the nearest ``data/`` holding an office folder, from the working directory upward.
    """
    chosen = given if given not in (None, "") else os.environ.get(DATA_ENV) or None
    if chosen is not None:
        folder = Path(chosen).expanduser().resolve()
        if not folder.is_dir():
            source = f"variabel {DATA_ENV}" if given in (None, "") else "folder data yang diberikan"
            raise OfficeNotFoundError(
                f"Folder data {folder} ({source}) tidak ada. Tetapkan folder yang berisi folder "
                f"kantor (mis. data/kayong-utara/{PROFILE_FILE})."
            )
        return folder
    here = (start or Path.cwd()).resolve()
    for parent in (here, *here.parents):
        candidate = parent / "data"
        if candidate.is_dir() and offices(candidate):
            return candidate
    raise OfficeNotFoundError(
        f"Folder data tidak ditemukan: tidak ada folder data/ berisi folder kantor (dengan "
        f"{PROFILE_FILE}) di {here} maupun di folder induknya. Jalankan dari folder proyek, "
        f"berikan --data (atau parameter data_dir), atau tetapkan variabel {DATA_ENV}."
    )


def offices(data_dir: str | Path | None = None) -> list[str]:
    """Slugs of the offices that have a profile in the data folder (found by
    :func:`data_folder` when not given)."""
    folder = Path(data_dir) if data_dir is not None else data_folder()
    return sorted(p.parent.name for p in folder.glob(f"*/{PROFILE_FILE}"))


#: An office is named by a slug (``kayong-utara``), never by a path.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check_office_name(office: str) -> None:
    """Refuse anything but a slug, so that no name can reach outside the data folder."""
    if not isinstance(office, str) or not _SLUG.fullmatch(office):
        raise OfficeNotFoundError(
            f"Nama kantor {office!r} tidak sah: nama kantor adalah nama folder di dalam folder "
            "data, ditulis dengan huruf kecil, angka, dan tanda hubung (mis. kayong-utara), "
            "bukan jalur folder."
        )
    if len(office) > MAX_SLUG_CHARS:
        raise OfficeNotFoundError(
            f"Nama kantor '{office[:40]}...' terlalu panjang ({len(office)} karakter): paling "
            f"panjang {MAX_SLUG_CHARS} karakter, karena dipakai di nama setiap berkas laporan. "
            "Ganti nama foldernya dengan singkatan, mis. kab-kayong-utara."
        )


def office_dir(data_dir: Path, office: str) -> Path:
    """The folder of one office, or a message that lists the offices there are."""
    check_office_name(office)
    folder = Path(data_dir) / office
    if not (folder / PROFILE_FILE).is_file():
        known = ", ".join(offices(data_dir)) or "belum ada"
        raise OfficeNotFoundError(
            f"Kantor '{office}' tidak ditemukan: berkas {(folder / PROFILE_FILE).resolve()} tidak "
            f"ada. Kantor yang tersedia di {Path(data_dir).resolve()}: {known}."
        )
    return folder
