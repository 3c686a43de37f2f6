"""Build one document: validate the data, run a notebook under papermill, export, publish.

Everything is written to a staging folder beside the target first and swapped into place only
when complete, with the build record inside, so a failed or interrupted build never replaces a
good report and a published folder always holds the files of one build. A lock per target
keeps two builds of the same document from running at once.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from kpureport.config import (
    FORMATS,
    MAX_SLUG_CHARS,
    PACKAGE_DIR,
    SLOGAN,
    TEMPLATES_DIR,
    notebook_path,
    report_stem,
)
from kpureport.engine.kernel import KERNEL, Kernel
from kpureport.errors import ERROR_MIME, BuildError, DataError, KpuReportError, error_from_data
from kpureport.ingest.load import (
    data_folder,
    load_profile,
    office_dir,
    office_files,
    province_offices,
    report_year,
)
from kpureport.output import export

RECORD = ".kpureport-build.json"


#: Staging folders are named ``.<target>-staging-<pid>-<random>``; older than this, they are
#: taken as left behind whatever their process.
STAGING = "staging"
STALE_SECONDS = 24 * 3600
_WRITE_ERRORS = {
    errno.ENOSPC: "ruang disk penuh",
    errno.EROFS: "folder hanya-baca",
    errno.EACCES: "tidak ada izin menulis",
    errno.EPERM: "tidak ada izin menulis",
    getattr(errno, "EDQUOT", -1): "kuota disk habis",
}


class BusyError(KpuReportError):
    """The same document is being built by another process right now."""


@dataclass
class BuildResult:
    office: str
    year: int
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False
    failed: dict[str, str] = field(default_factory=dict)  # requested formats not made, and why
    #: Seconds per stage of this build (:func:`stage_times`), empty when it was skipped.
    timings: dict[str, float] = field(default_factory=dict)
    #: A roll-up's offices left out, each with the reason.
    left_out: list[str] = field(default_factory=list)


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
    author: str = ""
    subject: str = ""
    #: The Word reference document (styles); None: kpureport's own.
    reference: Path | None = None


def fingerprint(inputs: Iterable[Path], notebook: Path) -> str:
    """A digest of everything a document's content depends on: its input files, the notebook,
    the templates, and the package's own code and version (not the formats asked for: every
    format of one fingerprint shows the same content)."""
    from kpureport import __version__

    digest = hashlib.sha256(__version__.encode())
    inputs = {Path(p) for p in inputs}
    root = Path(os.path.commonpath(inputs)) if inputs else PACKAGE_DIR

    def named(path: Path) -> str:
        """Where the file sits: an export moved out of exports/ is a change of the input."""
        for base in (PACKAGE_DIR, root):
            if path.is_relative_to(base):
                return path.relative_to(base).as_posix()
        return path.name

    files = sorted(
        inputs
        | {notebook}
        | set(TEMPLATES_DIR.rglob("*"))
        | set(PACKAGE_DIR.rglob("*.py"))
        | set((PACKAGE_DIR / "lexicon").rglob("*"))
    )
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(named(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _record(target: Path) -> dict:
    try:
        saved = json.loads((target / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved if isinstance(saved, dict) else {}


def is_current(doc: Document, stamp: str, formats: Iterable[str]) -> bool:
    """True when the target holds a complete build made from exactly these inputs."""
    saved = _record(doc.target)
    wanted = {f"{doc.stem}.{ext}" for ext in ("ipynb", *formats)}
    made = set(saved.get("files", []))
    return (
        saved.get("fingerprint") == stamp
        and wanted <= made
        and all((doc.target / name).is_file() for name in made)
    )


@contextmanager
def target_lock(target: Path) -> Iterator[None]:
    """One build of a target at a time, across processes: a second build of the same office
    and year says so at once instead of deleting the first one's files."""
    target.parent.mkdir(parents=True, exist_ok=True)
    path = target.parent / f".{target.name}.lock"
    handle = path.open("a+")
    try:
        try:
            _lock(handle)
        except OSError as exc:
            raise BusyError(
                f"{target} sedang dibuat oleh proses lain (kunci {path.name}). Tunggu sampai "
                "proses itu selesai, lalu jalankan perintah ini lagi bila masih perlu."
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock, also when the process dies


def _lock(handle) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _owner_alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # cannot tell cheaply: such folders go by age alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(target: Path, now: float | None = None) -> None:
    """Remove staging folders of this target left by builds that were killed: those whose
    process is gone, or older than a day. Called under the target's lock."""
    now = time.time() if now is None else now
    for stale in target.parent.glob(f".{target.name}-{STAGING}-*"):
        parts = stale.name.rsplit("-", 2)
        pid = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None
        old = now - stale.stat().st_mtime > STALE_SECONDS
        if old or (pid is not None and pid != os.getpid() and not _owner_alive(pid)):
            shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def _writing(folder: Path) -> Iterator[None]:
    """Disk full, read-only or forbidden folders said in Bahasa Indonesia, naming the folder."""
    try:
        yield
    except OSError as exc:
        reason = _WRITE_ERRORS.get(exc.errno)
        if reason is None:
            raise
        raise KpuReportError(
            f"Tidak dapat menulis hasil ke folder {folder}: {reason}. Laporan lama (bila ada) "
            "tidak diubah."
        ) from exc


def build_document(
    doc: Document,
    inputs: Iterable[Path],
    formats: Iterable[str],
    force: bool = True,
    printer: export.PdfPrinter | None = None,
    kernel: Kernel | None = None,
    on_executed: Callable[[], None] | None = None,
) -> BuildResult:
    """The one build path of every document (a report, a roll-up): under the target's lock,
    skip it when current, else execute, export and publish it."""
    formats = tuple(formats)
    with _writing(doc.target.parent), target_lock(doc.target):
        stamp = fingerprint(inputs, doc.notebook)
        if not force and is_current(doc, stamp, formats):
            files = sorted(p for p in doc.target.iterdir() if not p.name.startswith("."))
            return BuildResult(doc.parameters.get("office", ""), 0, files=files, skipped=True)
        files, warnings, failed, timings = publish(
            doc, formats, stamp, printer, kernel, on_executed
        )
        return BuildResult(
            doc.parameters.get("office", ""),
            0,
            files=files,
            warnings=warnings,
            failed=failed,
            timings=timings,
        )


def publish(
    doc: Document,
    formats: Iterable[str],
    stamp: str,
    printer: export.PdfPrinter | None = None,
    kernel: Kernel | None = None,
    on_executed: Callable[[], None] | None = None,
) -> tuple[list[Path], list[str], dict[str, str], dict[str, float]]:
    """Execute, export and swap the staged folder in place of ``doc.target``; returns the files,
    the warnings, the requested formats that failed (with the reason) and the seconds each
    stage took. Called under the target's lock (:func:`build_document`).

    The published folder is always one build's set: a format not made this time is carried
    over only when it was made from the same inputs (same fingerprint), otherwise it is gone.
    ``kernel`` is a kernel started ahead for this document (one is started here otherwise);
    ``on_executed`` runs once the notebook has run and before the export, e.g. to start the
    next report's kernel while this one is exported.
    """
    formats = tuple(formats)
    staging = _staging_folder(doc.target)
    warnings: list[str] = []
    failed: dict[str, str] = {}
    clock = Stopwatch()
    try:
        executed = staging / f"{doc.stem}.ipynb"
        nb = _execute(doc, kernel or Kernel(doc.notebook.parent), executed)
        clock.lap("execute")
        if on_executed:
            on_executed()
        nb.metadata["title"] = doc.title
        html = export.to_html(nb)  # the page every format is made from
        if "html" in formats:
            (staging / f"{doc.stem}.html").write_text(html, encoding="utf-8")
        clock.lap("html")
        if "pdf" in formats:
            pdf = _pdf(html, doc, failed, printer)
            if pdf is not None:
                (staging / f"{doc.stem}.pdf").write_bytes(pdf)
            clock.lap("pdf")
        if "docx" in formats:
            docx = _docx(html, doc, failed, printer, warnings)
            if docx is not None:
                (staging / f"{doc.stem}.docx").write_bytes(docx)
            clock.lap("docx")
        warnings += failed.values()
        nbformat.write(nb, executed)
        _carry_over(doc, stamp, staging)
        produced = sorted(p.name for p in staging.iterdir())
        clock.lap("publish")  # what is left, the record and one rename, takes no time
        timings = stage_times(nb, clock.laps)
        (staging / RECORD).write_text(
            json.dumps({"fingerprint": stamp, "files": produced, "timings": timings}),
            encoding="utf-8",
        )
        _swap(staging, doc.target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [doc.target / name for name in produced], warnings, failed, timings


class Stopwatch:
    """Seconds between laps, by name."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> float:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 3)
        self._last = now
        return self.laps[name]


def _moment(text: str | None) -> float | None:
    if not text:
        return None
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def stage_times(nb: nbformat.NotebookNode, laps: dict[str, float]) -> dict[str, float]:
    """Seconds per stage: ``kernel`` (start, warm imports, waiting, shutting down: the run's
    time outside its cells), ``load`` (the cell that loads the data), ``analysis`` (the other
    cells), then ``html``, ``pdf``, ``docx`` as exported and ``publish`` (the folder written
    and swapped into place); the cells' times are the kernel's own timestamps of
    each cell (nbclient records them)."""
    load = analysis = 0.0
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        busy, idle = (
            _moment(timing.get("iopub.status.busy")),
            _moment(timing.get("iopub.status.idle")),
        )
        if cell.cell_type != "code" or busy is None or idle is None:
            continue
        if ".load(" in cell.source:
            load += idle - busy
        else:
            analysis += idle - busy
    run = laps.get("execute", 0.0)
    times = {"kernel": max(run - load - analysis, 0.0), "load": load, "analysis": analysis}
    times |= {k: v for k, v in laps.items() if k in ("html", "pdf", "docx", "publish")}
    return {k: round(v, 3) for k, v in times.items()}


def _staging_folder(target: Path) -> Path:
    """A new staging folder beside ``target`` (named so that :func:`clean_stale` knows whose
    it is), after removing those that killed builds left. Called under the target's lock."""
    clean_stale(target)
    prefix = f".{target.name}-{STAGING}-{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))


def publish_files(target: Path, files: dict[str, bytes]) -> list[Path]:
    """Files of one build made elsewhere (a cluster worker that cannot see this disk),
    published here as a local build publishes them: staged beside the target and swapped into
    place whole, under the target's lock."""
    with _writing(target.parent), target_lock(target):
        staging = _staging_folder(target)
        try:
            for name, content in files.items():
                if Path(name).name != name or name in (".", ".."):
                    raise BuildError(f"Nama berkas hasil tidak sah dari pekerja klaster: {name!r}")
                (staging / name).write_bytes(content)
            _swap(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return sorted(target / name for name in files if not name.startswith("."))


def _carry_over(doc: Document, stamp: str, staging: Path) -> None:
    """Formats of the last build not made now stay only if that build had the same inputs."""
    saved = _record(doc.target)
    if saved.get("fingerprint") != stamp:
        return
    for name in saved.get("files", []):
        old, new = doc.target / name, staging / name
        if Path(name).name == name and old.is_file() and not new.exists():
            shutil.copy2(old, new)


def _swap(staging: Path, target: Path) -> None:
    """Put the staged folder in place of the target: readers see the old set or the new one,
    never a mixture. The old folder is moved aside first and put back if the move fails."""
    aside = None
    if target.exists():
        aside = target.parent / f".{target.name}-{STAGING}-{os.getpid()}-old"
        shutil.rmtree(aside, ignore_errors=True)
        target.replace(aside)
    try:
        staging.replace(target)
    except OSError:
        if aside is not None:
            aside.replace(target)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def office_reference(folder: Path) -> Path | None:
    """The office's own Word reference document (``referensi.docx`` in its folder), if any."""
    path = folder / "referensi.docx"
    return path if path.is_file() else None


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
        author=profile.name,
        subject=f"Laporan tahunan penggunaan media sosial {profile.name} tahun {year}",
        reference=office_reference(office_dir(data_dir, office)),
    )
    return doc, office_files(office_dir(data_dir, office))[0]


def build_report(
    office: str,
    year: int,
    data_dir: str | Path | None = None,
    out_dir: str | Path = Path("outputs"),
    formats: Iterable[str] = FORMATS,
    notebook: Path | None = None,
    force: bool = True,
    printer: export.PdfPrinter | None = None,
    kernel: Kernel | None = None,
    on_executed: Callable[[], None] | None = None,
) -> BuildResult:
    """Build ``outputs/<office>/<year>/laporan-media-sosial-<office>-<year>.{ipynb,html,pdf}``.

    ``data_dir`` None finds the data folder by :func:`kpureport.ingest.load.data_folder`'s rule.
    ``notebook`` lets an analyst build from their own copy of the report notebook; with
    ``force=False`` an up-to-date report is left as it is. ``kernel``, ``printer`` and
    ``on_executed`` let a caller start the kernel and the browser ahead (see :func:`publish`).
    """
    try:
        doc, inputs = report_document(
            office, report_year(year), data_folder(data_dir), Path(out_dir).resolve(), notebook
        )
        result = build_document(doc, inputs, formats, force, printer, kernel, on_executed)
        result.office, result.year = office, year
        return result
    finally:
        if kernel is not None:
            kernel.close()  # unused when the report was up to date or its data was wrong


def _execute(doc: Document, kernel: Kernel, executed: Path) -> nbformat.NotebookNode:
    """Run the notebook in ``kernel`` (its own, fresh), then shut the kernel down. The run is
    saved to ``executed`` as it ends; when it fails on the user's data, the error the kernel
    gave as data (kind, message, problems) is raised here again."""
    if kernel.cwd != doc.notebook.parent:  # started ahead for a notebook elsewhere
        kernel.close()
        kernel = Kernel(doc.notebook.parent)
    try:
        return papermill.execute_notebook(
            str(doc.notebook),
            str(executed),
            kernel_name=KERNEL,
            km=kernel.manager,
            progress_bar=False,
            parameters=doc.parameters,
            cwd=str(doc.notebook.parent),
            request_save_on_cell_execute=False,
        )
    except PapermillExecutionError as exc:
        given = _error_given(executed)
        if given is not None:  # bad input, already said in Bahasa Indonesia
            raise error_from_data(given) from exc
        raise BuildError(
            f"Notebook {doc.notebook.name} gagal dijalankan untuk {doc.title} "
            f"pada sel {exc.exec_count}: {exc.ename}: {exc.evalue}"
        ) from exc
    except RuntimeError as exc:  # the kernel died or could not start
        raise BuildError(f"Kernel notebook berhenti saat membuat {doc.title}: {exc}") from exc
    finally:
        kernel.close()


def _error_given(executed: Path) -> dict | None:
    """The error data a failed run's kernel left in its notebook (see kpureport.jupyter)."""
    try:
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return None
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if ERROR_MIME in output.get("data", {}):
                return dict(output["data"][ERROR_MIME])
    return None


def _docx(
    html: str,
    doc: Document,
    failed: dict[str, str],
    printer: export.PdfPrinter | None,
    warnings: list[str],
) -> bytes | None:
    """The Word document from the report's HTML, or None with the reason in ``failed``. Its
    charts are made PNG by the same browser that prints the PDF."""
    from kpureport.output import word

    try:
        browser = printer.browser_path if printer else export.find_browser()
        if browser is None:
            failed["docx"] = export.NO_BROWSER_WORD
            return None
        setup = word.Setup(
            title=doc.title,
            header=doc.header,
            footer=doc.footer,
            author=doc.author,
            subject=doc.subject,
            reference=doc.reference or word.REFERENCE,
        )
        made = word.to_docx(
            html,
            setup,
            printer.rasterize if printer else (lambda uris: export.rasterize(uris, browser)),
        )
        warnings += setup.notes
        return made
    except (export.BrowserNotFoundError, DataError) as exc:
        failed["docx"] = str(exc)
    except Exception as exc:  # a broken reference document, a browser crash: HTML still good
        failed["docx"] = f"Dokumen Word gagal dibuat: {type(exc).__name__}: {exc}"
    return None


def _pdf(
    html: str, doc: Document, failed: dict[str, str], printer: export.PdfPrinter | None
) -> bytes | None:
    """The PDF of the report's HTML page (the very page the HTML format publishes), or None
    with the reason in ``failed``: the HTML of the same build is still published, and the
    command ends with an error that says why the PDF is missing."""
    try:
        browser = printer.browser_path if printer else export.find_browser()
        if browser is None:
            failed["pdf"] = export.NO_BROWSER_HELP
            return None
        setup = export.PageSetup(doc.header, doc.footer, doc.author, doc.subject)
        if printer is not None:
            return printer.print(html, setup)
        return export.print_pdf(html, browser, setup)
    except export.BrowserNotFoundError as exc:
        failed["pdf"] = str(exc)
    except Exception as exc:  # the browser crashed or timed out: the HTML is still good
        failed["pdf"] = f"PDF gagal dicetak oleh peramban: {type(exc).__name__}: {exc}"
    return None


def _area_slug(province: str) -> str:
    """A province's name for file names: its Latin letters and digits (accents dropped), or,
    for a name written in another script, a digest of it, so no two names share a file.

    >>> _area_slug("Kalimantan Barat"), _area_slug("Papua Barat Daya")
    ('kalimantan-barat', 'papua-barat-daya')
    >>> _area_slug("Папуа") == _area_slug("Папуа") != _area_slug("Бали")
    True
    """
    folded = unicodedata.normalize("NFKD", province).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(re.sub(r"[^\w]", "", folded)) < len(re.sub(r"[^\w]", "", province)):
        slug = "-".join(filter(None, [slug, hashlib.sha256(province.encode()).hexdigest()[:8]]))
    return slug[:MAX_SLUG_CHARS]


def build_rollup(
    data_dir: Path,
    out_dir: Path,
    year: int,
    province: str | None = None,
    offices: Iterable[str] | None = None,
    formats: Iterable[str] = ("html", "pdf"),
    force: bool = False,
    rubric: Path | None = None,
    jury: Path | None = None,
):
    """Build ``outputs/rekap/<province-slug>/<year>/rekap-<province-slug>-<year>.*``, scored
    by ``rubric`` (None: the shipped one) with the juried scores of ``jury`` (if any)."""
    rubric, jury = (Path(p).resolve() if p else None for p in (rubric, jury))
    if jury and not jury.is_file():
        raise KpuReportError(f"Tabel nilai juri {jury} tidak ditemukan.")
    from kpureport.analysis import monev

    monev.load_rubric(rubric)  # a rubric's mistakes are said before any kernel starts
    data_dir, out_dir, formats = Path(data_dir).resolve(), Path(out_dir).resolve(), tuple(formats)
    names = list(offices or []) or province_offices(data_dir, province or "")
    if not names:
        raise KpuReportError(f"Tidak ada kantor dengan provinsi '{province}' di {data_dir}.")
    area = _area_slug(province) if province else "kantor-terpilih"
    title = (
        f"Rekap Penggunaan Media Sosial KPU Kabupaten/Kota se-Provinsi {province} Tahun {year}"
        if province
        else f"Rekap Penggunaan Media Sosial KPU Kabupaten/Kota Terpilih Tahun {year}"
    )
    doc = Document(
        notebook=notebook_path("rekap"),
        parameters={
            "offices": names,
            "province": province or "",
            "year": int(year),
            "data_dir": str(data_dir),
            "rubric": str(rubric) if rubric else None,
            "jury": str(jury) if jury else None,
        },
        target=out_dir / "rekap" / area / str(year),
        stem=f"rekap-{area}-{year}",
        title=title,
        header=title,
        footer=SLOGAN,
        author="Komisi Pemilihan Umum" + (f" Provinsi {province}" if province else ""),
        subject=title,
    )
    inputs = [p for name in names for p in office_files(office_dir(data_dir, name))[0]]
    inputs += [p for p in (rubric, jury) if p]
    result = build_document(doc, inputs, formats, force)
    result.office, result.year = area, int(year)
    result.left_out = _left_out(doc.target / f"{doc.stem}.ipynb")
    return result


def _left_out(executed: Path) -> list[str]:
    """The offices a roll-up's notebook left out, with the reason, as its title page lists
    them."""
    from kpureport.document.rollup import LEFT_OUT_MIME

    try:
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return []
    return [
        str(reason)
        for cell in nb.cells
        for output in cell.get("outputs", [])
        for reason in output.get("data", {}).get(LEFT_OUT_MIME, {}).get("offices", [])
    ]
