"""kpureport: the yearly *Laporan Penggunaan Media Sosial* of a KPU office, from its data."""

from kpureport.errors import DataError, KpuReportError
from kpureport.report import Report

__version__ = "0.1.0"

__all__ = ["DataError", "KpuReportError", "Report", "__version__"]
