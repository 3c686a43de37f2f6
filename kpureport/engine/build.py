"""Build one document: validate the data, run a notebook under papermill, export, publish.

Everything is written to a staging folder beside the target first and swapped into place only
when complete, with the build record inside, so a failed or interrupted build never replaces a
good report and a published folder always holds the files of one build. A lock per target
keeps two builds of the same document from running at once.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from kpureport.config import (
    FORMATS,
    MAX_SLUG_CHARS,
    PACKAGE_DIR,
    SLOGAN,
    notebook_path,
    notebooks_dir,
    report_stem,
)
from kpureport.engine.kernel import KERNEL, Kernel
from kpureport.errors import (
    ERROR_MIME,
    BuildError,
    DataError,
    ErrorKind,
    KpuReportError,
    error_from_data,
)
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


#: Staging folders are named ``.<target>-staging-<pid>-<random>``.
STAGING = "staging"
_WRITE_ERRORS = {
    errno.ENOSPC: "ruang disk penuh",
    errno.EROFS: "folder hanya-baca",
    errno.EACCES: "tidak ada izin menulis",
    errno.EPERM: "tidak ada izin menulis",
    getattr(errno, "EDQUOT", -1): "kuota disk habis",
}


class BusyError(KpuReportError):
    """The same document is being built by another process right now."""

    kind = ErrorKind.BUSY


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
    #: The folder the inputs are named from in the fingerprint (the data folder).
    data_dir: Path = Path()


def fingerprint(inputs: Iterable[Path], notebook: Path, root: Path) -> str:
    """A digest of everything a document's content depends on: its input files by their path
    inside ``root`` (the data folder) and their bytes, the notebook, and every file of the
    package that can change a report (code, templates, notebooks, calendars, lexicon) by its
    path inside the package. Never a path of this machine: the same data and the same package
    give the same fingerprint in any folder, and an export moved to another folder is a change.
    The formats asked for are not in it: every format of one fingerprint shows the same content.
    """
    from kpureport.version import __version__

    digest = hashlib.sha256(__version__.encode())
    named = [("input", _inside(Path(p), Path(root)), Path(p)) for p in set(inputs)]
    named += [("package", name, path) for name, path in package_files()]
    named.append(("notebook", "", Path(notebook)))
    for kind, name, path in sorted(named):
        if path.is_file():
            content = path.read_bytes()
            for part in (kind.encode(), name.encode(), content):
                digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _inside(path: Path, root: Path) -> str:
    """``path`` as a POSIX path inside ``root``; a file elsewhere (a province's rubric) by name."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return f"../{path.name}"


def package_files() -> list[tuple[str, Path]]:
    """Every file of the package that can change a document, by its path inside the package:
    the code, templates, calendars and lexicon, and the notebooks as ``notebooks/<name>`` (in a
    wheel they are inside the package, in a checkout beside it: the same name either way)."""
    found = {
        path.relative_to(PACKAGE_DIR).as_posix(): path
        for path in PACKAGE_DIR.rglob("*")
        if path.is_file() and _shipped(path.relative_to(PACKAGE_DIR))
    }
    notebooks = notebooks_dir()
    found |= {f"notebooks/{p.name}": p for p in notebooks.glob("*.ipynb")}
    return sorted(found.items())


def _shipped(relative: Path) -> bool:
    """Not a by-product of running the code (bytecode, notebook checkpoints, editor files)."""
    return not (
        {"__pycache__", ".ipynb_checkpoints"} & set(relative.parts)
        or relative.suffix in (".pyc", ".pyo")
        or relative.name.startswith(".")
        or relative.name.endswith("~")
    )


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


#: Platform choices, each behind one seam that tests can set to the other branch.
WINDOWS = sys.platform == "win32"
#: Windows' "file in use by another process" errors (sharing and lock violation).
_HELD_OPEN_WINERRORS = (32, 33)


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
    """Lock the whole file (POSIX) or its first byte (Windows), without waiting. msvcrt locks
    from the current position, and a file opened to append stands at its end, after the PID
    the holder wrote: every build would lock a byte of its own. So: byte 0, always."""
    if WINDOWS:
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def clean_stale(target: Path) -> None:
    """Remove the staging folders of this target that killed builds left behind. Called under
    the target's lock, which every build holds while its staging folder exists: any staging
    folder found then belongs to a build that is gone (no process id needs checking, which
    Windows could not do cheaply)."""
    for stale in target.parent.glob(f".{target.name}-{STAGING}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _held_open(exc: OSError) -> bool:
    """Windows refuses to move a folder while a program (Word, Acrobat) holds a file in it."""
    return getattr(exc, "winerror", None) in _HELD_OPEN_WINERRORS


def _open_elsewhere(target: Path) -> list[str]:
    """The files of ``target`` another program holds (cannot be opened to write here); when
    none can be told apart, the report's PDF and Word files, which such programs keep open."""
    files = sorted(p for p in target.glob("*") if p.is_file()) if target.is_dir() else []
    held = []
    for path in files:
        try:
            with path.open("r+b"):
                pass
        except OSError:
            held.append(path.name)
    return held or [p.name for p in files if p.suffix in (".pdf", ".docx")]


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """Disk full, read-only or forbidden folders, and files held open by another program, said
    in Bahasa Indonesia, naming the folder or the files."""
    folder = target.parent
    try:
        yield
    except OSError as exc:
        if _held_open(exc):
            names = ", ".join(_open_elsewhere(target)) or target.name
            raise KpuReportError(
                f"Tidak dapat mengganti laporan di {target}: berkas {names} sedang dibuka "
                f"program lain. Tutup berkas {names} di Word/Acrobat lalu ulangi. Laporan lama "
                "tidak diubah."
            ) from exc
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
    printer: export.Printer | None = None,
    kernel: Kernel | None = None,
    on_executed: Callable[[], None] | None = None,
) -> BuildResult:
    """The one build path of every document (a report, a roll-up): under the target's lock,
    skip it when current, else execute, export and publish it."""
    formats = tuple(formats)
    with _writing(doc.target), target_lock(doc.target):
        stamp = fingerprint(inputs, doc.notebook, doc.data_dir)
        if not force and is_current(doc, stamp, formats):
            files = sorted(p for p in doc.target.iterdir() if not p.name.startswith("."))
            return BuildResult(doc.parameters.get("office", ""), 0, files=files, skipped=True)
        if isinstance(printer, export.PrinterThread) and {"pdf", "docx"} & set(formats):
            printer.start()  # the browser launches while the notebook runs
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
    printer: export.Printer | None = None,
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
    built = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)  # UTC
    try:
        executed = staging / f"{doc.stem}.ipynb"
        nb = _execute(doc, kernel or Kernel(doc.notebook.parent), executed)
        clock.lap("execute")
        if on_executed:
            on_executed()
        nb.metadata["title"] = doc.title
        html = export.to_html(nb)  # the page every format is made from
        clock.lap("html")
        for name in [f for f in OUTPUT_FORMATS if f in formats]:
            out = OUTPUT_FORMATS[name]
            made = out.write(html, doc, printer, built)
            if made.content is None:
                failed[name] = made.failure
            else:
                (staging / f"{doc.stem}.{out.suffix}").write_bytes(made.content)
            warnings += made.notes
            clock.lap(name)
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
        """The seconds since the last lap, added to the lap of that name."""
        now = time.perf_counter()
        self.laps[name] = round(self.laps.get(name, 0.0) + now - self._last, 3)
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
    times |= {k: v for k, v in laps.items() if k in ("html", "pdf", "docx", "xlsx", "publish")}
    return {k: round(v, 3) for k, v in times.items()}


def _staging_folder(target: Path) -> Path:
    """A new staging folder beside ``target`` (named so that :func:`clean_stale` knows whose
    it is), after removing those that killed builds left. Called under the target's lock."""
    clean_stale(target)
    while True:
        staging = target.parent / f".{target.name}-{STAGING}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            # Made like any folder the user makes (the umask decides), not private as mkdtemp's
            # are: the published report must be readable by colleagues on a shared server.
            staging.mkdir()
        except FileExistsError:
            continue
        return staging


def publish_files(target: Path, files: dict[str, bytes]) -> list[Path]:
    """Files of one build made elsewhere (a cluster worker that cannot see this disk),
    published here as a local build publishes them: staged beside the target and swapped into
    place whole, under the target's lock."""
    with _writing(target), target_lock(target):
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
        footer=f"{profile.abbrev} | {profile.slogan or SLOGAN}",
        author=profile.name,
        subject=f"Laporan tahunan penggunaan media sosial {profile.name} tahun {year}",
        reference=office_reference(office_dir(data_dir, office)),
        data_dir=Path(data_dir),
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
    printer: export.Printer | None = None,
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


class Made(NamedTuple):
    """What a format's writer made: the file's content, or None and why it could not."""

    content: bytes | None
    failure: str | None = None
    #: What the build should tell the user about the file (e.g. styles a reference lacks).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutputFormat:
    """A format a report is published in: its file suffix and its writer, which makes the
    file from the report's HTML page (``export.to_html``), the document's setup and the
    build's browser (None: found when needed)."""

    name: str
    suffix: str
    write: Callable[[str, Document, export.Printer | None, dt.datetime], Made]


#: The formats by name, in the order a build makes them (``kpureport build --format``).
OUTPUT_FORMATS: dict[str, OutputFormat] = {}


def output_format(name: str, suffix: str | None = None):
    """Register a format's writer (like papermill's engines registry)."""

    def register(
        write: Callable[[str, Document, export.Printer | None, dt.datetime], Made],
    ) -> Callable[[str, Document, export.Printer | None], Made]:
        OUTPUT_FORMATS[name] = OutputFormat(name, suffix or name, write)
        return write

    return register


@output_format("html")
def _html(html: str, doc: Document, printer: export.Printer | None, built: dt.datetime) -> Made:
    """The self-contained page itself."""
    return Made(html.encode("utf-8"))


@output_format("pdf")
def _pdf(html: str, doc: Document, printer: export.Printer | None, built: dt.datetime) -> Made:
    """The PDF of the report's HTML page (the very page the HTML format publishes), or why
    not: the HTML of the same build is still published, and the command ends with an error
    that says why the PDF is missing."""
    try:
        browser = printer.browser_path if printer else export.find_browser()
        if browser is None:
            return Made(None, export.NO_BROWSER_HELP)
        setup = export.PageSetup(doc.header, doc.footer, doc.author, doc.subject)
        if printer is not None:
            return Made(printer.print(html, setup))
        return Made(export.print_pdf(html, browser, setup))
    except export.BrowserNotFoundError as exc:
        return Made(None, str(exc))
    except Exception as exc:  # the browser crashed or timed out: the HTML is still good
        return Made(None, f"PDF gagal dicetak oleh peramban: {type(exc).__name__}: {exc}")


@output_format("docx")
def _docx(html: str, doc: Document, printer: export.Printer | None, built: dt.datetime) -> Made:
    """The Word document from the report's HTML, or why not. Its charts are made PNG by the
    same browser that prints the PDF."""
    from kpureport.output import word

    try:
        browser = printer.browser_path if printer else export.find_browser()
        if browser is None:
            return Made(None, export.NO_BROWSER_WORD)
        setup = word.Setup(
            title=doc.title,
            header=doc.header,
            footer=doc.footer,
            author=doc.author,
            subject=doc.subject,
            reference=doc.reference or word.REFERENCE,
            created=built,
        )
        content = word.to_docx(
            html,
            setup,
            printer.rasterize if printer else (lambda uris: export.rasterize(uris, browser)),
        )
        return Made(content, notes=tuple(setup.notes))
    except (export.BrowserNotFoundError, DataError) as exc:
        return Made(None, str(exc))
    except Exception as exc:  # a broken reference document, a browser crash: HTML still good
        return Made(None, f"Dokumen Word gagal dibuat: {type(exc).__name__}: {exc}")


@output_format("xlsx")
def _xlsx(html: str, doc: Document, printer: export.Printer | None, built: dt.datetime) -> Made:
    """The data workbook: every table of the report and every chart's figures."""
    from kpureport.output import workbook

    return Made(workbook.to_xlsx(html, doc.title, doc.author, built))


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
        data_dir=data_dir,
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
