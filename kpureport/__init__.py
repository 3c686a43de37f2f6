"""kpureport: the yearly *Laporan Penggunaan Media Sosial* of a KPU office, from its data."""

from kpureport.errors import DataError, KpuReportError

__version__ = "0.1.0"

__all__ = ["DataError", "KpuReportError", "Report", "__version__"]


def __getattr__(name: str):
    """``kpureport.Report`` on first use: the command line never pays for charts it does not draw."""
    if name == "Report":
        from kpureport.report import Report

        return Report
    raise AttributeError(f"module 'kpureport' has no attribute {name!r}")
