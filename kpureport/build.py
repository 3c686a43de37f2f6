"""Build one report: validate the data, run the notebook under papermill, export, publish.

Everything is written to a staging folder beside the target first and moved into place only
when complete, so a failed or interrupted build never replaces a good report.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from kpureport import export
from kpureport.config import SLOGAN, notebook_path, report_stem
from kpureport.errors import BuildError
from kpureport.load import load_report_data
from kpureport.report import report_title

FORMATS = ("html", "pdf")
KERNEL = "python3"


@dataclass
class BuildResult:
    office: str
    year: int
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_report(
    office: str,
    year: int,
    data_dir: Path = Path("data"),
    out_dir: Path = Path("outputs"),
    formats: Iterable[str] = FORMATS,
    notebook: Path | None = None,
) -> BuildResult:
    """Build ``outputs/<office>/<year>/laporan-media-sosial-<office>-<year>.{ipynb,html,pdf}``.

    ``notebook`` lets an analyst build from their own copy of the report notebook.
    """
    formats = tuple(formats)
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    data = load_report_data(data_dir, office, year)
    result = BuildResult(office, year)
    target = out_dir / office / str(year)
    stem = report_stem(office, year)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{year}-tmp-", dir=target.parent))
    try:
        executed = staging / f"{stem}.ipynb"
        _execute(Path(notebook or notebook_path()), executed, office, year, data_dir)
        nb = nbformat.read(executed, as_version=4)
        nb.metadata["title"] = report_title(data.profile, year)
        nbformat.write(nb, executed)
        if "html" in formats:
            (staging / f"{stem}.html").write_text(export.to_html(nb), encoding="utf-8")
        if "pdf" in formats:
            pdf = _pdf(nb, data.profile.short_name, data.profile.abbrev, year, result)
            if pdf is not None:
                (staging / f"{stem}.pdf").write_bytes(pdf)
        target.mkdir(exist_ok=True)
        for produced in sorted(staging.iterdir()):
            produced.replace(target / produced.name)
            result.files.append(target / produced.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _execute(notebook: Path, output: Path, office: str, year: int, data_dir: Path) -> None:
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            kernel_name=KERNEL,
            progress_bar=False,
            parameters={"office": office, "year": year, "data_dir": str(data_dir)},
            cwd=str(notebook.parent),
            extra_arguments=["--log-level=ERROR"],  # keep the kernel's start-up chatter away
        )
    except PapermillExecutionError as exc:
        raise BuildError(
            f"Notebook {notebook.name} gagal dijalankan untuk kantor '{office}' tahun {year} "
            f"pada sel {exc.exec_count}: {exc.ename}: {exc.evalue}"
        ) from exc


def _pdf(nb, office_name: str, abbrev: str, year: int, result: BuildResult) -> bytes | None:
    try:
        browser = export.find_browser()
        if browser is None:
            result.warnings.append(export.NO_BROWSER_HELP)
            return None
        exporter = export.ReportPDFExporter(
            browser=str(browser),
            header=f"Laporan Penggunaan Media Sosial {office_name} Tahun {year}",
            footer=f"{abbrev} | {SLOGAN}",
        )
        pdf, _ = exporter.from_notebook_node(nb)
        return pdf
    except export.BrowserNotFoundError as exc:
        result.warnings.append(str(exc))
        return None
