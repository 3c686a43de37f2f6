"""Build many reports: several offices and years, in parallel, on this machine or on Dask.

Each report runs in its own kernel (papermill starts one per notebook), inside a worker
process that pays the imports once and keeps one headless browser for all of its PDFs. A
report that fails, or a worker that dies, never stops the others; the summary says why.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from multiprocessing import get_context
from multiprocessing.util import Finalize
from pathlib import Path, PurePosixPath

from tqdm import tqdm

from kpureport import formatting as fmt
from kpureport.engine.kernel import Kernel
from kpureport.errors import DataError, KpuReportError, stop_on_signals
from kpureport.ingest.load import (
    PROFILE_FILE,
    check_office_name,
    office_dir,
    office_files,
    offices,
    years_of_office,
)
from kpureport.output import export


class Status(str, Enum):
    """How one report of a batch ended, in the words of the closing table."""

    BUILT = "dibuat"
    SKIPPED = "dilewati"
    PARTIAL = "sebagian"
    FAILED = "gagal"

    def __str__(self) -> str:
        return self.value


BUILT, SKIPPED, PARTIAL, FAILED = Status


@dataclass(frozen=True)
class Job:
    office: str
    year: int | None  # None: the office could not be planned at all (its data is broken)


@dataclass
class Outcome:
    job: Job
    status: Status
    detail: str = ""
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    peak_mb: float = 0.0
    #: The traceback of an unexpected failure (a defect, not the user's data), for the log.
    trace: str = ""


def parse_years(values: Iterable[str]) -> list[int]:
    """``2021``, ``2019-2024`` and ``2019,2021`` as a sorted list of years."""
    years: set[int] = set()
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
            if not match:
                raise KpuReportError(
                    f"Tahun '{part}' tidak dikenali: tulis mis. 2021 atau 2019-2024."
                )
            first, last = int(match.group(1)), int(match.group(2) or match.group(1))
            if last < first:
                raise KpuReportError(f"Rentang tahun '{part}' terbalik: tulis {last}-{first}.")
            years.update(range(first, last + 1))
    return sorted(years)


@dataclass
class Plan:
    """What a build command will do: the jobs, the offices that cannot be built at all (with
    the reason, as failed outcomes), and notes on years asked for that have no data."""

    jobs: list[Job]
    failed: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def plan(data_dir: Path, office_names: list[str], year_values: list[str], every: bool) -> Plan:
    """The reports to build: the given offices and years, or with ``every`` all that have data.

    An office whose data cannot be read becomes a failed outcome, never a reason to build
    nothing for the others. A range of years (``2019-2030``) is cut to the years an office has
    data for, with a note; a year named alone is always tried, so its error says what is there.
    """
    if not every and (not office_names or not year_values):
        raise KpuReportError(
            "Sebutkan --office dan --year, atau pakai --all untuk semua kantor "
            "dan tahun yang memiliki data."
        )
    for name in office_names:
        check_office_name(name)
    years = parse_years(year_values) if year_values else None
    ranged = any("-" in str(v) for v in year_values)
    if not every and not ranged:
        return Plan([Job(o, y) for o in office_names for y in years])
    result = Plan([])
    for name in office_names or offices(data_dir):
        try:
            available = years_of_office(office_dir(data_dir, name))
        except KpuReportError as exc:
            result.failed.append(Outcome(Job(name, None), FAILED, str(exc)))
            continue
        chosen = [y for y in available if years is None or y in years]
        result.jobs += [Job(name, y) for y in chosen]
        if years is not None and not every:
            absent = [y for y in years if y not in available]
            if absent:
                result.notes.append(
                    f"{name}: tidak ada data untuk tahun {_spans(absent)}; tahun yang tersedia: "
                    f"{_spans(available) or 'belum ada'}."
                )
    return result


def _spans(years: list[int]) -> str:
    """``2019-2021, 2024`` from a sorted list of years."""
    spans: list[list[int]] = []
    for year in years:
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    return ", ".join(f"{s[0]}-{s[-1]}" if len(s) > 1 else str(s[0]) for s in spans)


#: Set (to anything) to start every kernel the plain way, never forked.
NO_FORK_ENV = "KPUREPORT_NO_FORK"
#: How long an interrupted worker gets to stop its kernel and browser before it is killed.
WORKER_STOP_SECONDS = 20


class Worker:
    """What one batch worker keeps from report to report: the warm parent its kernels are
    forked from, the next report's kernel started ahead, and the browser that prints its PDFs.

    Playwright's objects belong to the thread that made them, so each worker thread has its
    own Worker (:func:`worker`); everything it started is closed when its process ends.
    """

    def __init__(self, forking: bool):
        from kpureport.engine import zygote

        self.forking = forking and zygote.available() and not os.environ.get(NO_FORK_ENV)
        self._zygote = None
        self._next: Kernel | None = None
        self._printer: export.PdfPrinter | None = None
        Finalize(self, self.close, exitpriority=10)

    def kernel(self) -> Kernel:
        """This report's kernel: the one started ahead, or a new one."""
        kernel, self._next = self._next, None
        return kernel or self._new_kernel()

    def start_next(self) -> None:
        """Start the next report's kernel now, so that it boots while this report exports."""
        self._next = self._new_kernel()

    def _new_kernel(self) -> Kernel:
        """A fresh kernel, forked from the warm parent where the system can fork (see
        :mod:`kpureport.engine.zygote`), else booted the plain way."""
        from kpureport.config import notebook_path

        if self.forking and (self._zygote is None or not self._zygote.alive):
            from kpureport.engine.zygote import Zygote

            self._zygote = Zygote()
        return Kernel(notebook_path().parent, zygote=self._zygote if self.forking else None)

    def printer(self, formats: tuple[str, ...]) -> export.PdfPrinter | None:
        """The browser, started at the first PDF (or Word file, whose charts it makes
        pictures)."""
        if not {"pdf", "docx"} & set(formats):
            return None
        if self._printer is None:
            browser = export.find_browser()
            if browser is None:
                return None
            self._printer = export.PdfPrinter(browser).__enter__()
        return self._printer

    def close(self) -> None:
        if self._next is not None:
            self._next.close()
            self._next = None
        if self._printer is not None:
            self._printer.__exit__(None, None, None)
            self._printer = None
        if self._zygote is not None:
            self._zygote.close()
            self._zygote = None


_LOCAL = threading.local()


def worker(forking: bool = True) -> Worker:
    """This thread's worker, made at its first report."""
    found = getattr(_LOCAL, "worker", None)
    if found is None:
        found = _LOCAL.worker = Worker(forking)
    return found


def run_job(
    job: Job,
    data_dir: str,
    out_dir: str,
    formats: tuple[str, ...],
    force: bool,
    in_worker: bool = True,
    kernel: Kernel | None = None,
    prefetch: bool = True,
) -> Outcome:
    """Build one report and say how it went; never raises for a report's own failure.

    In a worker (``in_worker``, one of many reports), one browser serves all the worker's
    PDFs and, with ``prefetch``, kernels are forked warm and the next report's kernel starts
    while this report is exported (not on a shared Dask cluster, where an idle kernel would
    wait in every worker thread). A lone report may bring a ``kernel`` started ahead by the
    caller.
    """
    from kpureport.engine.build import build_report

    start = time.perf_counter()
    owner = worker(forking=prefetch) if in_worker else None
    if owner is not None and prefetch:
        kernel = owner.kernel()
    _BUILDING.set()
    printer = owner.printer(formats) if owner else _lone_printer(formats)
    parsing = _parse_ahead(Path(data_dir), job.office) if owner is None else None
    try:
        result = build_report(
            job.office,
            job.year,
            Path(data_dir),
            Path(out_dir),
            formats,
            force=force,
            printer=printer,
            kernel=kernel,
            on_executed=owner.start_next if owner and prefetch else None,
        )
    except KpuReportError as exc:
        outcome = Outcome(job, FAILED, str(exc))
    except Exception as exc:  # a report's crash must not stop the batch
        import traceback

        outcome = Outcome(job, FAILED, f"{type(exc).__name__}: {exc}", trace=traceback.format_exc())
    else:
        if result.failed:
            status = PARTIAL
            detail = "\n".join(
                f"{fmt_name.upper()} tidak dibuat: {reason}"
                for fmt_name, reason in result.failed.items()
            )
        else:
            status = SKIPPED if result.skipped else BUILT
            detail = "sudah mutakhir" if result.skipped else ""
        warnings = [w for w in result.warnings if w not in result.failed.values()]
        outcome = Outcome(job, status, detail, files=result.files, warnings=warnings)
    finally:
        _BUILDING.clear()
        if owner is None and printer is not None:
            printer.close()
        if parsing is not None:
            parsing.join()  # it stops at the first file the kernel has cached
    outcome.seconds = time.perf_counter() - start
    outcome.peak_mb = _peak_mb()
    return outcome


def _parse_ahead(data_dir: Path, office: str) -> threading.Thread | None:
    """A lone report's exports parsed into the cache here, newest first, while its kernel
    boots and then reads them oldest first: the two meet in the middle, each file parsed once,
    on two cores. Stops at the first file already cached; a file that does not read is left
    to the kernel, which reports its problems."""
    from kpureport.ingest import cache

    if cache.cache_folder() is None:
        return None

    def run() -> None:
        from kpureport.ingest.load import export_files, load_profile, reader_settings

        try:
            folder = office_dir(data_dir, office)
            profile = load_profile(folder)
            paths, _ = export_files(folder)
        except (KpuReportError, OSError):
            return
        zone, column, settings = profile.timezone, profile.feedback_column, reader_settings(profile)
        for path in reversed(paths):
            try:
                if cache.is_cached(path, zone, column, **settings):
                    return
                cache.read_exports(path, zone, column, **settings)
            except Exception:  # the kernel reads it again and says what is wrong
                continue

    thread = threading.Thread(target=run, name="kpureport-parse-ahead", daemon=True)
    thread.start()
    return thread


def _lone_printer(formats: tuple[str, ...]) -> export.PrinterThread | None:
    """A lone report's browser, on a thread of its own so that it launches while the notebook
    runs (the build starts it once it knows the report is not up to date)."""
    if not {"pdf", "docx"} & set(formats):
        return None
    try:
        browser = export.find_browser()
    except export.BrowserNotFoundError:
        return None  # the build says so, with the path that is wrong
    return export.PrinterThread(browser) if browser is not None else None


def _peak_mb() -> float:
    """This process's peak resident memory (Linux and macOS; 0 where it cannot be read)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024**2 if sys.platform == "darwin" else peak / 1024


#: Set in a batch worker while it builds a report: a stop asked then unwinds that report.
_BUILDING = threading.Event()


def _worker_start(stop=None) -> None:
    """Pay the heavy imports once per worker, not once per report. A stop of the batch
    (``stop`` set by the parent, or Ctrl-C or SIGTERM) unwinds the running report: its kernel,
    browser and staging folder are cleaned up."""
    stop_on_signals()
    if stop is not None:
        threading.Thread(target=_stop_when, args=(stop,), daemon=True).start()
    import matplotlib  # noqa: F401
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401

    import kpureport.engine.build  # noqa: F401


def _stop_when(stop) -> None:
    """In a worker: once the batch is stopped, interrupt the report being built, as Ctrl-C
    would, but without a signal between processes (Windows has none that lets a process clean
    up: terminate() there ends the worker at once and leaves its kernels and browser running).
    An idle worker is left to end when the pool shuts down."""
    import _thread
    import signal

    stop.wait()
    if _BUILDING.is_set():
        _thread.interrupt_main(signal.SIGINT)


def run_local(
    jobs: list[Job],
    data_dir: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    force: bool,
    workers: int,
    report: Callable[[Outcome], None],
) -> list[Outcome]:
    """Run jobs on ``workers`` processes; a job whose worker died is tried once more alone."""
    outcomes: list[Outcome] = []
    attempts: dict[Job, int] = {}
    pending = list(jobs)
    while pending:
        retry: list[Job] = []
        context = get_context("spawn")
        stop = context.Event()
        with _stopping(
            ProcessPoolExecutor(
                max_workers=min(workers, len(pending)),
                mp_context=context,
                initializer=_worker_start,
                initargs=(stop,),
            ),
            stop,
        ) as pool:
            futures = {
                pool.submit(run_job, job, str(data_dir), str(out_dir), formats, force): job
                for job in pending
            }
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    attempts[job] = attempts.get(job, 0) + 1
                    if attempts[job] < 2:
                        retry.append(job)
                        continue
                    outcome = Outcome(job, FAILED, "proses pekerja berhenti mendadak (dua kali)")
                outcomes.append(outcome)
                report(outcome)
        pending = retry
        workers = 1 if retry else workers  # after a crash, find the culprit one at a time
    return outcomes


@contextmanager
def _stopping(pool: ProcessPoolExecutor, stop) -> Iterator[ProcessPoolExecutor]:
    """The pool, shut down normally; when the batch is interrupted, queued reports are
    cancelled and ``stop`` (the workers' event, see :func:`_stop_when`) asks each worker to
    unwind its running report, closing its kernel and browser; a worker that has not ended
    after :data:`WORKER_STOP_SECONDS` is killed."""
    try:
        yield pool
    except BaseException:
        processes = list((pool._processes or {}).values())
        stop.set()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=WORKER_STOP_SECONDS)
            if process.is_alive():
                process.kill()
        raise
    else:
        pool.shutdown(wait=True)


def office_bytes(data_dir: Path, office: str) -> dict[str, bytes]:
    """An office's input files as bytes, by their path inside its folder: what a worker that
    cannot see the data folder receives with its tasks (links leading outside are refused)."""
    folder = office_dir(data_dir, office)
    files, problems = office_files(folder)
    if problems:
        raise DataError(problems)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def run_shipped(
    job: Job, files: dict[str, bytes], formats: tuple[str, ...]
) -> tuple[Outcome, dict[str, bytes], str]:
    """On a worker without the client's folders: the office's files written to a folder of
    the task's own, the report built there, and the built files sent back as bytes for the
    client to publish; also the task's data folder, for the client to name files its way."""
    with tempfile.TemporaryDirectory(prefix="kpureport-") as folder:
        data = Path(folder) / "data"
        office = data / job.office
        for name, content in files.items():
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts:
                raise KpuReportError(f"Nama berkas kiriman tidak sah: {name!r}")
            path = office.joinpath(*relative.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        out = Path(folder) / "out"
        outcome = run_job(job, str(data), str(out), formats, True, prefetch=False)
        target = out / job.office / str(job.year)
        built = (
            {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}
            if target.is_dir()
            else {}
        )
        outcome.files = []
        return outcome, built, str(data)


def _workers_see(client, data_dir: Path, names: list[str]) -> bool:
    """Whether every worker reads the same office profiles at the same paths (a shared disk)."""
    import hashlib

    wanted = {
        n: hashlib.sha256((data_dir / n / PROFILE_FILE).read_bytes()).hexdigest() for n in names
    }

    def probe(folder: str, wanted: dict[str, str]) -> bool:
        import hashlib
        from pathlib import Path

        try:
            return all(
                hashlib.sha256((Path(folder) / n / "profile.yml").read_bytes()).hexdigest() == d
                for n, d in wanted.items()
            )
        except OSError:
            return False

    try:
        return all(client.run(probe, str(data_dir), wanted).values())
    except OSError:
        return False


def _current(job: Job, data_dir: Path, out_dir: Path, formats: tuple[str, ...]) -> Outcome | None:
    """A skipped outcome when the published report is up to date (decided here, so that an
    unchanged report is never shipped to a worker)."""
    from kpureport.engine.build import fingerprint, is_current, report_document

    doc, inputs = report_document(job.office, job.year, data_dir, out_dir)
    if not is_current(doc, fingerprint(inputs, doc.notebook, doc.data_dir), formats):
        return None
    files = sorted(p for p in doc.target.iterdir() if not p.name.startswith("."))
    return Outcome(job, SKIPPED, "sudah mutakhir", files=files)


def run_dask(
    jobs: list[Job],
    data_dir: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    force: bool,
    scheduler: str,
    report: Callable[[Outcome], None],
    ship: bool | None = None,
) -> list[Outcome]:
    """Run jobs as tasks on an existing Dask cluster. Where the workers see the same folders
    (checked, unless ``ship`` says), they read and write them; otherwise each office's files
    go to the workers as bytes, once per office, and the built files come back to be
    published here."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:
        raise KpuReportError(
            "Menjalankan di klaster Dask memerlukan paket tambahan: pip install 'kpureport[dask]'."
        ) from exc
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as exc:
        raise KpuReportError(f"Tidak dapat terhubung ke penjadwal Dask {scheduler}: {exc}") from exc
    outcomes: list[Outcome] = []
    with client:
        names = sorted({job.office for job in jobs})
        if ship is None:
            ship = not _workers_see(client, data_dir, names)
        futures = {}
        if ship:
            futures = _ship(client, jobs, data_dir, out_dir, formats, force, outcomes, report)
        else:
            for job in jobs:
                future = client.submit(
                    run_job,
                    job,
                    str(data_dir),
                    str(out_dir),
                    formats,
                    force,
                    prefetch=False,
                    pure=False,
                    key=f"kpureport-{job.office}-{job.year}-{time.time_ns()}",
                )
                futures[future] = job
        for future in dask_completed(list(futures)):
            job = futures[future]
            try:
                result = future.result()
                outcome = _published(result, job, data_dir, out_dir) if ship else result
            except KpuReportError as exc:
                outcome = Outcome(job, FAILED, str(exc))
            except Exception as exc:  # the task's worker died
                outcome = Outcome(job, FAILED, f"tugas Dask gagal: {type(exc).__name__}: {exc}")
            outcomes.append(outcome)
            report(outcome)
    return outcomes


def _ship(client, jobs, data_dir, out_dir, formats, force, outcomes, report) -> dict:
    """Submit the jobs with their office's files (sent to the cluster once per office);
    reports already up to date, or whose files cannot be read, are settled here."""
    packed: dict[str, object] = {}
    futures = {}
    for job in jobs:
        try:
            settled = None if force else _current(job, data_dir, out_dir, formats)
            if settled is None and job.office not in packed:
                packed[job.office] = client.scatter([office_bytes(data_dir, job.office)])[0]
        except KpuReportError as exc:
            settled = Outcome(job, FAILED, str(exc))
        if settled is not None:
            outcomes.append(settled)
            report(settled)
            continue
        future = client.submit(
            run_shipped,
            job,
            packed[job.office],
            formats,
            pure=False,
            key=f"kpureport-{job.office}-{job.year}-{time.time_ns()}",
        )
        futures[future] = job
    return futures


def _published(result: tuple, job: Job, data_dir: Path, out_dir: Path) -> Outcome:
    """A shipped task's outcome, its files published here and its messages naming the files
    in this machine's data folder."""
    from kpureport.engine.build import publish_files

    outcome, built, their_data = result
    outcome.detail = outcome.detail.replace(their_data, str(data_dir))
    outcome.warnings = [w.replace(their_data, str(data_dir)) for w in outcome.warnings]
    if built and outcome.status != FAILED:
        outcome.files = publish_files(out_dir / job.office / str(job.year), built)
    return outcome


def build_many(
    jobs: list[Job],
    data_dir: Path,
    out_dir: Path,
    formats: Iterable[str] = ("html", "pdf"),
    force: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    kernel: Kernel | None = None,
    ship: bool | None = None,
) -> list[Outcome]:
    """Build every job; returns one outcome per job, in the order the jobs were given.

    ``kernel``: a kernel the caller started ahead for a lone report (closed if not used).
    ``ship``: on a Dask cluster, send the offices' files with the tasks (True), let the
    workers use the shared folders (False), or check which the workers need (None).
    """
    formats = tuple(formats)
    if kernel is not None and (scheduler or len(jobs) != 1):
        kernel.close()
        kernel = None
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    bar = tqdm(
        total=len(jobs),
        desc="Membuat laporan",
        unit="laporan",
        file=sys.stderr,
        disable=not progress,
        bar_format="{desc}: {n}/{total} |{bar}| {elapsed} berlalu, perkiraan sisa {remaining}",
    )

    def report(outcome: Outcome) -> None:
        bar.set_postfix_str(f"{outcome.job.office} {outcome.job.year}: {outcome.status}")
        bar.update()

    try:
        if scheduler:
            outcomes = run_dask(jobs, data_dir, out_dir, formats, force, scheduler, report, ship)
        elif len(jobs) == 1:
            outcomes = [
                run_job(
                    jobs[0],
                    str(data_dir),
                    str(out_dir),
                    formats,
                    force,
                    in_worker=False,
                    kernel=kernel,
                )
            ]
            report(outcomes[0])
        else:
            outcomes = run_local(
                jobs, data_dir, out_dir, formats, force, workers or os.cpu_count() or 1, report
            )
    finally:
        bar.close()
    order = {job: i for i, job in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[o.job])


def summary(outcomes: list[Outcome]) -> str:
    """The closing table: what was built, skipped, or failed, and why."""
    counts = {s: sum(o.status == s for o in outcomes) for s in Status}
    lines = [
        f"Ringkasan: {counts[BUILT]} dibuat, {counts[SKIPPED]} dilewati, "
        + (f"{counts[PARTIAL]} sebagian, " if counts[PARTIAL] else "")
        + f"{counts[FAILED]} gagal."
    ]
    width = max([len(o.job.office) for o in outcomes] + [6])
    lines.append(f"{'Kantor':<{width}}  Tahun  Status    Keterangan")
    for o in outcomes:
        detail = o.detail if o.status != BUILT else f"{o.seconds:.1f} detik".replace(".", ",")
        first, *rest = (detail or "-").splitlines()
        year = "-" if o.job.year is None else o.job.year
        lines.append(f"{o.job.office:<{width}}  {year:<5}  {o.status:<8}  {first}")
        lines += [f"{'':<{width}}  {'':<5}  {'':<8}  {line}" for line in rest]
    peaks = [o.peak_mb for o in outcomes if o.peak_mb]
    if peaks:
        lines.append(f"Memori puncak proses pekerja: paling besar {fmt.number(max(peaks))} MB.")
    return "\n".join(lines)
