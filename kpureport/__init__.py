"""kpureport: the yearly *Laporan Penggunaan Media Sosial* of a KPU office, from its data.

In a notebook::

    import kpureport
    kpureport.offices()                 # the offices in the data folder
    kpureport.years("contoh")           # the years an office has data for
    laporan = kpureport.Report.load("contoh", 2024)

The data folder is the one given, else ``$KPUREPORT_DATA``, else the nearest ``data/`` from the
working directory upward (:func:`kpureport.ingest.load.data_folder`).
"""

from kpureport.errors import DataError, KpuReportError
from kpureport.version import __version__

__all__ = [
    "DataError",
    "KpuReportError",
    "Report",
    "Rollup",
    "__version__",
    "data_folder",
    "offices",
    "picker",
    "years",
]


def offices(data_dir=None) -> list[str]:
    """The offices (folder names) in the data folder."""
    from kpureport.ingest.load import offices as _offices

    return _offices(data_dir)


def years(office: str, data_dir=None) -> list[int]:
    """The years for which ``office`` has any data."""
    from kpureport.ingest.load import office_years

    return office_years(office, data_dir)


def data_folder(data_dir=None):
    """The data folder, found by the one rule (given, ``$KPUREPORT_DATA``, nearest data/)."""
    from kpureport.ingest.load import data_folder as _data_folder

    return _data_folder(data_dir)


def picker(data_dir=None, office=None, year=None):
    """Drop-down lists of offices and years for a notebook; None without ipywidgets."""
    from kpureport.jupyter import picker as _picker

    return _picker(data_dir, office, year)


def __getattr__(name: str):
    """``kpureport.Report`` on first use: the command line never pays for charts it does not draw."""
    if name == "Report":
        from kpureport.document.report import Report

        return Report
    if name == "Rollup":
        from kpureport.document.rollup import Rollup

        return Rollup
    raise AttributeError(f"module 'kpureport' has no attribute {name!r}")


def _in_ipython() -> None:
    """Short messages for kpureport's errors when imported in a notebook (see kpureport.jupyter)."""
    import sys

    if "IPython" in sys.modules:
        from kpureport.jupyter import install

        install()


_in_ipython()
