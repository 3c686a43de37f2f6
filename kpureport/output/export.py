"""Export an executed report notebook to HTML and PDF with nbconvert.

Each output format is an nbconvert exporter subclass configured with traits, plus the
``laporan`` template in ``templates/nbconvert``. PDFs are printed by a Chromium-family
browser already on the machine; kpureport never downloads one.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import io
import os
import re
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, WebPDFExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets import Unicode, default

from kpureport.config import TEMPLATES_DIR
from kpureport.errors import ErrorKind, KpuReportError

#: Cells an exported report never shows: papermill's parameters, and cells analysts mark.
REMOVE_TAGS = {"parameters", "injected-parameters", "remove"}

BROWSER_ENV = "KPUREPORT_BROWSER"
_BROWSER_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "msedge",
    "chrome",
)
_WINDOWS_BROWSERS = (
    r"Google\Chrome\Application\chrome.exe",
    r"Microsoft\Edge\Application\msedge.exe",
    r"Chromium\Application\chrome.exe",
)
_MAC_BROWSERS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)

#: Flags for a headless browser on a machine with no network and, often, as root.
BROWSER_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

NO_BROWSER_HELP = (
    "PDF tidak dibuat karena tidak ditemukan peramban Chromium, Google Chrome, atau Microsoft "
    "Edge di komputer ini. Laporan HTML tetap dibuat. Untuk mendapatkan PDF: pasang salah satu "
    "peramban tersebut (di Debian/Ubuntu: sudo apt-get install chromium), atau tetapkan "
    f"variabel lingkungan {BROWSER_ENV} ke lokasi berkas peramban, lalu jalankan ulang perintah "
    "yang sama. PDF juga dapat dibuat dari berkas HTML melalui menu Cetak > Simpan sebagai PDF "
    "di peramban."
)


NO_BROWSER_WORD = (
    "Dokumen Word tidak dibuat karena grafiknya diubah menjadi gambar oleh peramban Chromium, "
    "Google Chrome, atau Microsoft Edge, dan tidak ada satu pun di komputer ini. Laporan HTML "
    "tetap dibuat. Pasang salah satu peramban tersebut (di Debian/Ubuntu: sudo apt-get install "
    f"chromium), atau tetapkan variabel lingkungan {BROWSER_ENV} ke lokasi berkas peramban, lalu "
    "jalankan ulang perintah yang sama."
)


class BrowserNotFoundError(KpuReportError):
    """No Chromium-family browser to print the PDF with."""

    kind = ErrorKind.BROWSER


def find_browser() -> Path | None:
    """A Chromium-family browser: ``$KPUREPORT_BROWSER``, the PATH, then the usual install places."""
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise BrowserNotFoundError(
                f"{BROWSER_ENV} menunjuk ke {configured}, tetapi berkas itu tidak ada."
            )
        return path
    for name in _BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates: list[Path] = []
    if sys.platform == "win32":
        for root in filter(
            None, (os.environ.get(v) for v in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"))
        ):
            candidates += [Path(root) / p for p in _WINDOWS_BROWSERS]
    elif sys.platform == "darwin":
        candidates = [Path(p) for p in _MAC_BROWSERS]
    return next((p for p in candidates if p.is_file()), None)


class _LaporanTemplate:
    """The ``laporan`` nbconvert template and the cells it never shows, for every exporter."""

    @default("template_name")
    def _template_name_default(self) -> str:
        return "laporan"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES_DIR / "nbconvert")]

    def __init__(self, **kw):
        super().__init__(**kw)
        self.register_preprocessor(
            TagRemovePreprocessor(remove_cell_tags=REMOVE_TAGS, enabled=True), enabled=True
        )


class ReportHTMLExporter(_LaporanTemplate, HTMLExporter):
    """The report as one self-contained HTML file: no code, no prompts, no external resource."""

    export_from_notebook = "Laporan KPU (HTML)"


class ReportPDFExporter(_LaporanTemplate, WebPDFExporter):
    """The same page printed to A4 PDF by the machine's own browser, with page numbers."""

    export_from_notebook = "Laporan KPU (PDF)"
    browser = Unicode(help="Path of the Chromium-family browser that prints the PDF.").tag(
        config=True
    )
    header = Unicode("", help="Running head printed on every page.").tag(config=True)
    footer = Unicode("", help="Running foot printed on every page, before the page number.").tag(
        config=True
    )
    author = Unicode("", help="The PDF's author: the office that issues the report.").tag(
        config=True
    )
    subject = Unicode("", help="The PDF's subject line.").tag(config=True)

    #: A running browser shared by many exports (batch workers); None starts one per PDF.
    printer: PdfPrinter | None = None

    def run_playwright(self, html: str) -> bytes:
        page = PageSetup(self.header, self.footer, self.author, self.subject)
        if self.printer is not None:
            return self.printer.print(html, page)
        browser = Path(self.browser) if self.browser else find_browser()
        if browser is None:
            raise BrowserNotFoundError(NO_BROWSER_HELP)
        return print_pdf(html, browser, page)


def to_html(nb: nbformat.NotebookNode) -> str:
    html, _ = ReportHTMLExporter().from_notebook_node(nb)
    return html


def _page_template(name: str, **fields: str) -> str:
    text = (TEMPLATES_DIR / "pdf" / name).read_text(encoding="utf-8")
    return text.format(**{k: _escape(v) for k, v in fields.items()})


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


@dataclass(frozen=True)
class PageSetup:
    """What a printed copy carries besides the page: running head and foot, and the PDF's
    author and subject (its title is the page's own title)."""

    header: str = ""
    footer: str = ""
    author: str = ""
    subject: str = ""


def _paginated(page, options: dict) -> bytes:
    """The PDF with its contents' pages written in, from one print of the whole page.

    Chromium has no ``target-counter()``: the printed contents are built in the page with a
    link to each target and a box of fixed width for its page; the whole page is printed once
    and each target's page read from the PDF's named destinations (the links' targets); the
    pages are written into their boxes, which moves nothing, and only the front pages (the
    cover and the contents) are printed again and put in place of the first print's. Where
    that cannot be done, the whole page is printed a second time.
    """
    script = (TEMPLATES_DIR / "pdf" / "toc.js").read_text(encoding="utf-8")
    if not page.evaluate(f"() => (window.kpuToc = {script}).build()"):
        return page.pdf(**options)
    whole = page.pdf(**options)
    pages, total = _destination_pages(whole)
    page.evaluate("(pages) => window.kpuToc.fill(pages)", pages)
    page.evaluate("() => window.kpuToc.front()")
    footer = options["footer_template"].replace(_TOTAL_PAGES, str(total))
    front = page.pdf(**{**options, "footer_template": footer})
    patched = _with_front_pages(whole, front, min(pages.values(), default=1) - 1)
    if patched is not None:
        return patched
    page.evaluate("() => window.kpuToc.whole()")
    return page.pdf(**options)


#: The running foot's total, which a print of the front pages alone is given as a number.
_TOTAL_PAGES = '<span class="totalPages"></span>'


def _destination_pages(pdf: bytes) -> tuple[dict[str, int], int]:
    """The page of each named destination (by name, without the slash) and the page count."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = {
        str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }
    return {k: v for k, v in pages.items() if v > 0}, len(reader.pages)


def _with_front_pages(whole: bytes, front: bytes, body_starts_after: int) -> bytes | None:
    """``whole`` with its first pages drawn as ``front``'s (a print of the same page laid out
    the same, only its front left), as an incremental update: the first pages' contents and
    resources are replaced, their links, the outline, the tags and every later page stay as
    printed. None when the front is not a few whole pages before the body, or ``whole`` does
    not end in a classic cross-reference table."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    trailer = _TRAILER.search(whole, max(len(whole) - 4096, 0))
    if trailer is None:
        return None
    body = trailer.group(1)
    size, root, info = _SIZE.search(body), _ROOT.search(body), _INFO.search(body)
    if size is None or root is None:
        return None
    old, new = PdfReader(io.BytesIO(whole)), PdfReader(io.BytesIO(front))
    if not 0 < len(new.pages) <= body_starts_after or len(new.pages) >= len(old.pages):
        return None
    numbers: dict[int, int] = {}
    queue: list[IndirectObject] = []

    def written(obj, moved: bool) -> bytes:
        """An object as PDF syntax; ``moved``: it comes from ``front`` and is renumbered."""
        if isinstance(obj, IndirectObject):
            if not moved:
                return b"%d %d R" % (obj.idnum, obj.generation)
            if obj.idnum not in numbers:
                numbers[obj.idnum] = int(size.group(1)) + len(numbers)
                queue.append(obj)
            return b"%d 0 R" % numbers[obj.idnum]
        if isinstance(obj, StreamObject):
            data = obj._data
            entries = {k: v for k, v in obj.items() if k != "/Length"}
            head = written(DictionaryObject(entries), moved)
            return head[:-2] + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream"
        if isinstance(obj, DictionaryObject):
            parts = []
            for key, value in obj.items():
                if moved and key == "/Parent":
                    continue
                parts.append(_plain(key) + b" " + written(value, moved))
            return b"<<" + b"\n".join(parts) + b">>"
        if isinstance(obj, ArrayObject):
            return b"[" + b" ".join(written(v, moved) for v in obj) + b"]"
        return _plain(obj)

    update, offsets = b"", {}
    for index, page in enumerate(new.pages):
        target = old.pages[index]
        number = target.indirect_reference.idnum
        entries = {k: v for k, v in target.items() if k not in ("/Contents", "/Resources")}
        text = written(DictionaryObject(entries), False)[:-2]
        for key in ("/Contents", "/Resources"):
            if key in page:
                text += b"\n" + _plain(key) + b" " + written(page.raw_get(key), True)
        offsets[number] = len(whole) + len(update) + 1
        update += b"\n%d 0 obj\n%s>>\nendobj" % (number, text)
    while queue:
        source = queue.pop(0)
        offsets[numbers[source.idnum]] = len(whole) + len(update) + 1
        text = written(source.get_object(), True)
        update += b"\n%d 0 obj\n%s\nendobj" % (numbers[source.idnum], text)
    xref = len(whole) + len(update) + 1
    update += b"\nxref\n" + b"".join(
        b"%d 1\n%010d 00000 n \n" % (n, offsets[n]) for n in sorted(offsets)
    )
    fields = root.group(0) + (b"\n" + info.group(0) if info else b"")
    update += b"trailer\n<</Size %d\n%s\n/Prev %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        int(size.group(1)) + len(numbers),
        fields,
        trailer.group(2),
        xref,
    )
    return whole + update


def _plain(obj) -> bytes:
    """A PDF object without references, as pypdf writes it."""
    buffer = io.BytesIO()
    if isinstance(obj, str) and not hasattr(obj, "write_to_stream"):
        from pypdf.generic import NameObject

        obj = NameObject(obj)
    obj.write_to_stream(buffer)
    return buffer.getvalue()


def _pdf_text(text: str) -> bytes:
    """A PDF text string in UTF-16BE hex: any script, nothing to escape."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)
_INFO = re.compile(rb"/Info\s+(\d+)\s+(\d+)\s+R")
_SIZE = re.compile(rb"/Size\s+(\d+)")
_ROOT = re.compile(rb"/Root\s+\d+\s+\d+\s+R")


def _appended_info(pdf: bytes, fields: dict[str, str]) -> bytes | None:
    """``pdf`` with an incremental update that replaces its document information with the
    old one plus ``fields``: the printed bytes stay as they are, a few hundred bytes follow
    (milliseconds, where rewriting a report's PDF takes half a second). None when the file
    does not end in a classic cross-reference table (then it is rewritten instead)."""
    tail_start = max(len(pdf) - 4096, 0)
    trailer = _TRAILER.search(pdf, tail_start)
    if trailer is None:
        return None
    body, previous = trailer.group(1), trailer.group(2)
    size, root, info = _SIZE.search(body), _ROOT.search(body), _INFO.search(body)
    if size is None or root is None or info is None:
        return None
    start = pdf.find(b"\n%s %s obj" % (info.group(1), info.group(2)))
    end = pdf.find(b"endobj", start)
    if start < 0 or end < 0:
        return None
    old = pdf[start:end]
    opened, closed = old.find(b"<<"), old.rfind(b">>")
    if opened < 0 or closed < opened:
        return None
    entries = old[opened + 2 : closed]
    entries += b"".join(b"\n/" + k.encode() + b" " + _pdf_text(v) for k, v in fields.items())
    number = int(size.group(1))
    update = b"\n%d 0 obj\n<<%s>>\nendobj\n" % (number, entries)
    offset = len(pdf) + 1
    xref = len(pdf) + len(update)
    update += b"xref\n%d 1\n%010d 00000 n \n" % (number, offset)
    update += b"trailer\n<</Size %d\n%s\n/Info %d 0 R\n/Prev %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        number + 1,
        root.group(0),
        number,
        previous,
        xref,
    )
    return pdf + update


def with_metadata(pdf: bytes, setup: PageSetup) -> bytes:
    """The PDF with its author and subject set (Chromium writes only the title); the outline,
    tags and language are kept."""
    if not (setup.author or setup.subject):
        return pdf
    fields = {"Author": setup.author, "Subject": setup.subject}
    updated = _appended_info(pdf, {k: v for k, v in fields.items() if v})
    if updated is not None:
        return updated
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    fields = {"/Author": setup.author, "/Subject": setup.subject}
    writer.add_metadata({k: v for k, v in fields.items() if v})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class PdfPrinter:
    """One headless browser that prints any number of pages; start it once, reuse it."""

    def __init__(self, browser: Path):
        self.browser_path = browser
        self._playwright = None
        self._thread: int | None = None
        self._browser = None

    def __enter__(self) -> PdfPrinter:
        from playwright.sync_api import sync_playwright

        args = list(BROWSER_ARGS)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")
        self._playwright = sync_playwright().start()
        self._thread = threading.get_ident()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(self.browser_path), args=args, headless=True
            )
        except Exception as exc:
            self._playwright.stop()
            raise BrowserNotFoundError(
                f"Peramban {self.browser_path} tidak dapat dijalankan untuk membuat PDF: "
                f"{str(exc).splitlines()[0]}"
            ) from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close the browser; one whose driver is gone already (a worker process ending, its
        children stopped first), or whose thread has ended (a Dask worker's, at exit), is left
        to end with the process, without a traceback at exit."""
        from playwright.sync_api import Error

        # Playwright's objects answer only on the thread that made them; a call from another
        # would leave this thread marked as running an event loop. A call to a gone driver too.
        if threading.get_ident() != self._thread:
            return
        with contextlib.suppress(Error):
            if self._browser.is_connected():
                self._browser.close()
        with contextlib.suppress(Error):
            self._playwright.stop()

    def print(self, html: str, setup: PageSetup | None = None) -> bytes:
        setup = setup or PageSetup()
        page = self._browser.new_page()
        try:
            page.route("**/*", _offline)
            page.set_content(html, wait_until="load")
            # A chart's figures, folded under it on screen, are printed open.
            page.evaluate(
                "() => document.querySelectorAll('details.data-cetak').forEach(d => d.open = true)"
            )
            options = {
                "format": "A4",
                "print_background": True,
                "display_header_footer": True,
                "header_template": _page_template("header.html", header=setup.header),
                "footer_template": _page_template("footer.html", footer=setup.footer),
                "margin": {"top": "2.5cm", "bottom": "2.2cm", "left": "2cm", "right": "2cm"},
                "outline": True,
                "tagged": True,
            }
            return with_metadata(_paginated(page, options), setup)
        finally:
            page.close()

    def rasterize(self, uris: list[str], scale: int = 3) -> list[bytes]:
        """Images (data URIs, e.g. the charts' SVG) as PNG at ``scale`` times their CSS size:
        print resolution for a Word document."""
        page = self._browser.new_page(device_scale_factor=scale)
        try:
            page.route("**/*", _offline)
            shots = []
            for uri in uris:
                page.set_content(
                    '<body style="margin:0;background:#fff"><img id="gambar" src="'
                    + _escape(uri)
                    + '"></body>',
                    wait_until="load",
                )
                shots.append(page.locator("#gambar").screenshot(type="png"))
            return shots
        finally:
            page.close()


class PrinterThread:
    """A :class:`PdfPrinter` on a thread of its own, usable from any thread, also one with a
    running event loop (Jupyter, a web app): :meth:`start` launches the browser in the
    background, e.g. while a report's notebook runs, and each print waits for it."""

    def __init__(self, browser: Path):
        self.browser_path = browser
        self._printer = PdfPrinter(browser)
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="kpureport-pdf")
        self._started: concurrent.futures.Future | None = None

    def start(self) -> PrinterThread:
        if self._started is None:
            self._started = self._pool.submit(self._printer.__enter__)
        return self

    def _run(self, method, *args):
        self.start()._started.result()
        return self._pool.submit(method, *args).result()

    def print(self, html: str, setup: PageSetup | None = None) -> bytes:
        return self._run(self._printer.print, html, setup)

    def rasterize(self, uris: list[str], scale: int = 3) -> list[bytes]:
        return self._run(self._printer.rasterize, uris, scale)

    def close(self) -> None:
        """Stop the browser (idempotent); waits for a launch still under way."""
        started, self._started = self._started, None
        if started is not None and started.exception() is None:
            self._pool.submit(self._printer.__exit__, None, None, None).result()
        self._pool.shutdown()

    def __enter__(self) -> PrinterThread:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()


#: A browser of this thread's, or one on a thread of its own.
Printer = PdfPrinter | PrinterThread


def _offline(route) -> None:
    """The PDF is printed with no network: anything but inline data is refused."""
    if route.request.url.startswith(("data:", "about:")):
        route.continue_()
    else:
        route.abort()


def rasterize(uris: list[str], browser: Path) -> list[bytes]:
    """PNG of each image, by a browser started for the purpose (see :meth:`PdfPrinter.rasterize`)."""

    def run() -> list[bytes]:
        with PdfPrinter(browser) as printer:
            return printer.rasterize(uris)

    return _outside_event_loop(run)


def _outside_event_loop(run):
    """Playwright's sync API cannot run inside an event loop (Jupyter): a worker thread then."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def print_pdf(html: str, browser: Path, setup: PageSetup | None = None) -> bytes:
    """Print one page; runs in a worker thread when called from a running event loop (Jupyter)."""

    def run() -> bytes:
        with PdfPrinter(browser) as printer:
            return printer.print(html, setup)

    return _outside_event_loop(run)
