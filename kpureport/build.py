"""Build one document: validate the data, run a notebook under papermill, export, publish.

Everything is written to a staging folder beside the target first and moved into place only
when complete, the build record last, so a failed or interrupted build never replaces a good
report (an interrupted one is simply rebuilt next time).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from kpureport import export
from kpureport.config import (
    FORMATS,
    PACKAGE_DIR,
    SLOGAN,
    TEMPLATES_DIR,
    notebook_path,
    report_stem,
)
from kpureport.errors import BuildError, KpuReportError
from kpureport.kernel import KERNEL, Kernel
from kpureport.load import load_profile, office_dir

RECORD = ".kpureport-build.json"
#: Errors the notebook raises about the data itself; their message is all a user needs.
USER_ERRORS = {"DataError", "OfficeNotFoundError", "YearNotAvailableError"}


@dataclass
class BuildResult:
    office: str
    year: int
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False


@dataclass(frozen=True)
class Document:
    """One notebook run and exported: where it comes from, where it goes, how it is titled."""

    notebook: Path
    parameters: dict
    target: Path
    stem: str
    title: str
    header: str
    footer: str


def fingerprint(inputs: Iterable[Path], notebook: Path, formats: Iterable[str]) -> str:
    """A digest of everything a document depends on: its input files, the notebook, the
    templates, the package's own code and version, and the formats asked for."""
    from kpureport import __version__

    digest = hashlib.sha256(f"{__version__}|{','.join(sorted(formats))}".encode())
    files = sorted(
        {Path(p) for p in inputs}
        | {notebook}
        | set(TEMPLATES_DIR.rglob("*"))
        | set(PACKAGE_DIR.rglob("*.py"))
        | set((PACKAGE_DIR / "lexicon").rglob("*"))
    )
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(doc: Document, stamp: str, formats: Iterable[str]) -> bool:
    """True when the target holds a complete build made from exactly these inputs."""
    record = doc.target / RECORD
    if not record.is_file():
        return False
    try:
        saved = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    wanted = {f"{doc.stem}.{ext}" for ext in ("ipynb", *formats)}
    made = set(saved.get("files", []))
    return (
        saved.get("fingerprint") == stamp
        and wanted <= made
        and all((doc.target / name).is_file() for name in made)
    )


def publish(
    doc: Document,
    formats: Iterable[str],
    stamp: str,
    printer: export.PdfPrinter | None = None,
    kernel: Kernel | None = None,
    on_executed: Callable[[], None] | None = None,
) -> tuple[list[Path], list[str]]:
    """Execute, export and move the files into ``doc.target``; returns files and warnings.

    ``kernel`` is a kernel started ahead for this document (one is started here otherwise);
    ``on_executed`` runs once the notebook has run and before the export, e.g. to start the
    next report's kernel while this one is exported.
    """
    formats = tuple(formats)
    doc.target.parent.mkdir(parents=True, exist_ok=True)
    for stale in doc.target.parent.glob(f".{doc.target.name}-tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
    staging = Path(tempfile.mkdtemp(prefix=f".{doc.target.name}-tmp-", dir=doc.target.parent))
    warnings: list[str] = []
    try:
        executed = staging / f"{doc.stem}.ipynb"
        _execute(doc, executed, kernel or Kernel(doc.notebook.parent))
        if on_executed:
            on_executed()
        nb = nbformat.read(executed, as_version=4)
        nb.metadata["title"] = doc.title
        nbformat.write(nb, executed)
        if "html" in formats:
            (staging / f"{doc.stem}.html").write_text(export.to_html(nb), encoding="utf-8")
        if "pdf" in formats:
            pdf = _pdf(nb, doc, warnings, printer)
            if pdf is not None:
                (staging / f"{doc.stem}.pdf").write_bytes(pdf)
        produced = sorted(p.name for p in staging.iterdir())
        (staging / RECORD).write_text(
            json.dumps({"fingerprint": stamp, "files": produced}), encoding="utf-8"
        )
        doc.target.mkdir(exist_ok=True)
        for name in [*produced, RECORD]:  # the record last: it vouches for the others
            (staging / name).replace(doc.target / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [doc.target / name for name in produced], warnings


def report_document(
    office: str, year: int, data_dir: Path, out_dir: Path, notebook: Path | None = None
) -> tuple[Document, list[Path]]:
    """The report of one office and year, and the input files it depends on.

    Only the profile is read here; the notebook loads and validates the rest itself, so the
    data is read once per report, and its problems come back word for word.
    """
    profile = load_profile(office_dir(data_dir, office))
    doc = Document(
        notebook=Path(notebook or notebook_path()),
        parameters={"office": office, "year": year, "data_dir": str(data_dir)},
        target=out_dir / office / str(year),
        stem=report_stem(office, year),
        title=profile.report_title(year),
        header=f"Laporan Penggunaan Media Sosial {profile.short_name} Tahun {year}",
        footer=f"{profile.abbrev} | {SLOGAN}",
    )
    inputs = [p for p in office_dir(data_dir, office).rglob("*") if p.is_file()]
    return doc, inputs


def build_report(
    office: str,
    year: int,
    data_dir: Path = Path("data"),
    out_dir: Path = Path("outputs"),
    formats: Iterable[str] = FORMATS,
    notebook: Path | None = None,
    force: bool = True,
    printer: export.PdfPrinter | None = None,
    kernel: Kernel | None = None,
    on_executed: Callable[[], None] | None = None,
) -> BuildResult:
    """Build ``outputs/<office>/<year>/laporan-media-sosial-<office>-<year>.{ipynb,html,pdf}``.

    ``notebook`` lets an analyst build from their own copy of the report notebook; with
    ``force=False`` an up-to-date report is left as it is. ``kernel``, ``printer`` and
    ``on_executed`` let a caller start the kernel and the browser ahead (see :func:`publish`).
    """
    formats = tuple(formats)
    try:
        doc, inputs = report_document(
            office, year, Path(data_dir).resolve(), Path(out_dir).resolve(), notebook
        )
        stamp = fingerprint(inputs, doc.notebook, formats)
        if not force and is_current(doc, stamp, formats):
            files = sorted(p for p in doc.target.iterdir() if not p.name.startswith("."))
            return BuildResult(office, year, files=files, skipped=True)
        files, warnings = publish(doc, formats, stamp, printer, kernel, on_executed)
        return BuildResult(office, year, files=files, warnings=warnings)
    finally:
        if kernel is not None:
            kernel.close()  # unused when the report was up to date or its data was wrong


def _execute(doc: Document, output: Path, kernel: Kernel) -> None:
    """Run the notebook in ``kernel`` (its own, fresh), then shut the kernel down."""
    if kernel.cwd != doc.notebook.parent:  # started ahead for a notebook elsewhere
        kernel.close()
        kernel = Kernel(doc.notebook.parent)
    try:
        papermill.execute_notebook(
            str(doc.notebook),
            str(output),
            kernel_name=KERNEL,
            km=kernel.manager,
            progress_bar=False,
            parameters=doc.parameters,
            cwd=str(doc.notebook.parent),
            request_save_on_cell_execute=False,  # one write at the end, not one per cell
        )
    except PapermillExecutionError as exc:
        if exc.ename in USER_ERRORS:  # bad input, already said in Bahasa Indonesia
            raise KpuReportError(exc.evalue) from exc
        raise BuildError(
            f"Notebook {doc.notebook.name} gagal dijalankan untuk {doc.title} "
            f"pada sel {exc.exec_count}: {exc.ename}: {exc.evalue}"
        ) from exc
    except RuntimeError as exc:  # the kernel died or could not start
        raise BuildError(f"Kernel notebook berhenti saat membuat {doc.title}: {exc}") from exc
    finally:
        kernel.close()


def _pdf(nb, doc: Document, warnings: list[str], printer: export.PdfPrinter | None) -> bytes | None:
    try:
        browser = printer.browser_path if printer else export.find_browser()
        if browser is None:
            warnings.append(export.NO_BROWSER_HELP)
            return None
        exporter = export.ReportPDFExporter(
            browser=str(browser), header=doc.header, footer=doc.footer
        )
        exporter.printer = printer
        pdf, _ = exporter.from_notebook_node(nb)
        return pdf
    except export.BrowserNotFoundError as exc:
        warnings.append(str(exc))
        return None
