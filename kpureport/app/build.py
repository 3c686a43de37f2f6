"""Check and build: "Periksa" lists every problem ``kpureport check`` finds, each with a button
to the place in the page where it is fixed; "Buat laporan" builds the chosen year with a bar
per stage, once at a time, then shows the report and offers its files as downloads.

One builder serves every build of the page: a thread that keeps the batch worker's warm
forking parent, the next report's kernel and the browser alive between builds
(:class:`kpureport.engine.batch.Worker`), so a rebuild after a small change skips their start.
"""

from __future__ import annotations

import atexit
import base64
import mimetypes
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import ipywidgets as widgets

from kpureport.config import KNOWN_FORMATS
from kpureport.errors import DataError, KpuReportError
from kpureport.ingest import cache
from kpureport.ingest.load import EXPORTS_DIR, NARRATIVE_DIR, PROFILE_FILE, check_office

from .common import Message, guarded, html, problem_lines, unexpected
from .state import State
from .tables import LABELS

#: What the page offers to download, in this order, with the button's words.
DOWNLOADS = (
    (".pdf", "Unduh PDF"),
    (".docx", "Unduh Word"),
    (".html", "Unduh HTML"),
    (".xlsx", "Unduh buku data (Excel)"),
)
STAGES = (
    ("kernel", "Menyiapkan"),
    ("execute", "Memeriksa data, menghitung, menyusun"),
    ("export", "Membuat HTML, PDF, dan Word"),
)


class Builder:
    """The page's one build thread and the warm worker it keeps between builds.

    Playwright's browser belongs to the thread that started it, so the worker lives and is
    closed on this one thread: a daemon thread that takes jobs from a queue, and at exit
    closes the worker (kernel, forking parent, browser) before the interpreter goes away.
    """

    def __init__(self):
        self._jobs: queue.Queue = queue.Queue()
        self._worker = None
        self._running = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="kpureport-app-build", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    @property
    def busy(self) -> bool:
        return self._running.locked()

    def _serve(self) -> None:
        while True:
            future, job = self._jobs.get()
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(job())
                except BaseException as exc:
                    future.set_exception(exc)
            if job == self._close_worker:
                return

    def _run(self, job: Callable) -> Future:
        future: Future = Future()
        self._jobs.put((future, job))
        return future

    def submit(self, state: State, progress: Callable[[str], None]) -> Future:
        if not self._running.acquire(blocking=False):
            raise KpuReportError("Laporan sedang dibuat; tunggu sampai selesai.")
        office, year = state.office, state.year
        future = self._run(lambda: self._build(office, year, state, progress))
        future.add_done_callback(lambda _: self._running.release())
        return future

    def close(self) -> None:
        """Stop the worker's kernel, forking parent and browser, on the thread that owns them."""
        if self._thread.is_alive():
            self._run(self._close_worker).result(timeout=60)

    def _close_worker(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _build(self, office: str, year: int, state: State, progress: Callable[[str], None]):
        from kpureport.engine import batch
        from kpureport.engine.build import build_report

        if self._worker is None:
            self._worker = batch.Worker(forking=True)
        worker = self._worker
        progress("kernel")
        kernel = worker.kernel()

        def executed() -> None:
            progress("export")
            worker.start_next()

        progress("execute")
        with cache.using(state.out_dir / cache.CACHE_DIR):
            return build_report(
                office,
                year,
                state.data_dir,
                state.out_dir,
                KNOWN_FORMATS,
                force=False,
                printer=worker.printer(KNOWN_FORMATS),
                kernel=kernel,
                on_executed=executed,
            )


#: One builder per kernel, i.e. per open page.
BUILDER = Builder()


def place_of(problem_path: Path, folder: Path) -> tuple[str, dict]:
    """Which panel fixes a problem of this file: the office form, the exports, a table (and
    which), or the narrative (and which year)."""
    try:
        relative = Path(problem_path).resolve().relative_to(folder.resolve())
    except ValueError:
        return "office", {}
    parts = relative.parts
    if not parts or parts[0] == PROFILE_FILE:
        return "office", {}
    if parts[0] == EXPORTS_DIR:
        return "exports", {}
    if parts[0] == NARRATIVE_DIR and Path(parts[-1]).stem.isdigit():
        return "narrative", {"year": int(Path(parts[-1]).stem)}
    stem = Path(parts[0]).stem
    if stem in LABELS:
        return "tables", {"table": stem}
    return "office", {}


class BuildPanel:
    def __init__(self, state: State, navigate: Callable[..., None]):
        self.state = state
        self.navigate = navigate
        self.message = Message()
        self.check_button = widgets.Button(description="Periksa", tooltip="Periksa data kantor")
        self.check_button.on_click(guarded(self.message, "memeriksa data")(self._check))
        self.build_button = widgets.Button(
            description="Buat laporan", button_style="primary", tooltip="Buat laporan"
        )
        self.build_button.on_click(guarded(self.message, "membuat laporan")(self._build))
        self.problems = widgets.VBox()
        self.bars = {
            key: widgets.FloatProgress(
                value=0,
                min=0,
                max=1,
                description=label,
                style={"description_width": "18em"},
                layout=widgets.Layout(width="100%"),
            )
            for key, label in STAGES
        }
        self.progress = widgets.VBox(list(self.bars.values()))
        self.progress.add_class("kr-progress")
        self.progress.layout.display = "none"
        self.downloads = widgets.HTML()
        self.report = widgets.HTML()
        self.title = widgets.HTML()
        self.widget = widgets.VBox(
            [
                self.title,
                widgets.HBox([self.check_button, self.build_button]),
                self.progress,
                self.message.widget,
                self.problems,
                self.downloads,
                self.report,
            ]
        )
        self.widget.add_class("kr-build")

    def refresh(self) -> None:
        self.title.value = html(
            "build_title.html.j2", year=self.state.year, office=self.state.office or ""
        )
        ready = self.state.office is not None
        self.check_button.disabled = not ready
        self.build_button.disabled = not ready or BUILDER.busy
        if not ready:
            self.message.show("info", "Buat atau pilih kantor dulu di tab Kantor.")

    # -- Periksa -------------------------------------------------------------------------

    def _check(self, _=None) -> bool:
        """List every problem; True when there is none."""
        self.downloads.value = ""
        self.report.value = ""
        with cache.using(self.state.out_dir / cache.CACHE_DIR):
            problems, notes = check_office(self.state.data_dir, self.state.office)
        self._show_problems(problems, notes)
        if not problems:
            self.message.show(
                "ok",
                "Data kantor tidak bermasalah."
                + (f" Ada {len(notes)} catatan (tidak menghentikan laporan)." if notes else ""),
            )
        return not problems

    def _show_problems(self, problems: list, notes: list) -> None:
        """Each problem with a button to where it is fixed, then the notes."""
        folder = self.state.folder
        rows = []
        for problem in problems:
            place, where = place_of(problem.path, folder)
            text = widgets.HTML(html("problem_row.html.j2", text=_relative(str(problem), folder)))
            button = widgets.Button(description="Perbaiki", tooltip="Buka tempat memperbaikinya")
            button.on_click(
                guarded(self.message, "membuka tempat perbaikan")(
                    lambda _, p=place, w=where: self.navigate(p, **w)
                )
            )
            line = widgets.HBox([text, button])
            line.add_class("kr-problem")
            rows.append(line)
        if notes:
            rows.append(
                widgets.HTML(
                    html("notes.html.j2", notes=[_relative(str(n), folder) for n in notes])
                )
            )
        self.problems.children = rows
        if problems:
            self.message.show(
                "error",
                f"Ditemukan {len(problems)} masalah pada data kantor. "
                "Tekan Perbaiki di samping masalah untuk membuka tempatnya.",
            )

    # -- Buat laporan --------------------------------------------------------------------

    def _build(self, _=None) -> None:
        if BUILDER.busy:
            self.message.show("info", "Laporan sedang dibuat; tunggu sampai selesai.")
            return
        self.build_button.disabled = True
        self.check_button.disabled = True
        try:
            for bar in self.bars.values():
                bar.value, bar.bar_style = 0, ""
            self.progress.layout.display = None
            self.problems.children = []
            self.downloads.value = ""
            self.report.value = ""
            self.message.show(
                "busy",
                f"Laporan tahun {self.state.year} sedang dibuat. Halaman "
                "boleh tetap dibuka; tombol aktif lagi setelah selesai.",
            )
            started = time.perf_counter()
            future = BUILDER.submit(self.state, self._stage)
        except BaseException:
            self._idle()
            raise
        future.add_done_callback(lambda f: self._done(f, started))

    def _stage(self, key: str) -> None:
        """Mark the stages before ``key`` done and ``key`` running."""
        keys = [k for k, _ in STAGES]
        for k in keys[: keys.index(key)]:
            self.bars[k].value, self.bars[k].bar_style = 1, "success"
        self.bars[key].value, self.bars[key].bar_style = 0.5, "info"

    def _idle(self) -> None:
        self.build_button.disabled = False
        self.check_button.disabled = False

    def _done(self, future: Future, started: float) -> None:
        try:
            result = future.result()
        except DataError as exc:  # the data's problems, as Periksa lists them
            self._fail()
            self._show_problems(exc.problems, [])
            return
        except KpuReportError as exc:
            self.message.show("error", "Laporan tidak dibuat.", problem_lines(exc))
            self._fail()
            return
        except Exception as exc:
            self.message.show("error", unexpected("membuat laporan", exc))
            self._fail()
            return
        finally:
            self._idle()
        for bar in self.bars.values():
            bar.value, bar.bar_style = 1, "success"
        seconds = time.perf_counter() - started
        files = [p for p in result.files if p.suffix in dict(DOWNLOADS)]
        state = "sudah mutakhir (data tidak berubah)" if result.skipped else "selesai"
        lines = [f"{k.upper()} tidak dibuat: {v}" for k, v in result.failed.items()]
        self.message.show(
            "error" if lines else "ok",
            f"Laporan tahun {self.state.year} {state} dalam "
            f"{seconds:.0f} detik. Berkasnya di {files[0].parent if files else '-'}.",
            lines,
        )
        self.downloads.value = html("downloads.html.j2", links=_links(files))
        page = next((p for p in files if p.suffix == ".html"), None)
        self.report.value = html(
            "report_frame.html.j2", report=page.read_text(encoding="utf-8") if page else ""
        )

    def _fail(self) -> None:
        for bar in self.bars.values():
            if bar.bar_style == "info":
                bar.bar_style = "danger"


def _links(files: list[Path]) -> list[dict]:
    """Each file as a ``data:`` link: downloaded from the page itself, no route to serve it."""
    order = [suffix for suffix, _ in DOWNLOADS]
    links = []
    for path in sorted(files, key=lambda p: order.index(p.suffix)):
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        links.append(
            {
                "href": f"data:{kind};base64,{data}",
                "name": path.name,
                "label": dict(DOWNLOADS)[path.suffix],
            }
        )
    return links


def _relative(text: str, folder: Path) -> str:
    """A message with the office folder's path cut from its file names."""
    return text.replace(str(folder) + "/", "").replace(str(folder.resolve()) + "/", "")
