"""``kpureport app``: the staff's page in the browser, a notebook of widgets served by Voila.

The notebook (``aplikasi.ipynb``) only shows :class:`kpureport.app.page.App`; the panels
live here, one module each: :mod:`.server` (the launcher), :mod:`.office` (the office form),
:mod:`.exports` (uploads and coverage), :mod:`.tables` (the staff tables), :mod:`.narrative`
(the narrative editor) and :mod:`.build` (check and build).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kpureport.config import notebook_path
from kpureport.errors import KpuReportError

NOTEBOOK = "aplikasi.ipynb"


def notebook() -> Path:
    """The page's notebook: in a checkout, ``notebooks/aplikasi.ipynb``; in an installed
    package, the copy shipped as package data. The one place that looks for it."""
    candidates = [
        notebook_path(NOTEBOOK),
        Path(str(resources.files("kpureport").joinpath("notebooks", NOTEBOOK))),
    ]
    for path in candidates:
        if path.is_file():
            return path
    raise KpuReportError(
        f"Notebook halaman staf ({NOTEBOOK}) tidak ditemukan di "
        f"{' atau '.join(str(p) for p in candidates)}. Pasang ulang kpureport."
    )
