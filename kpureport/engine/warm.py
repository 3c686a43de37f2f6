"""A warm builder for a long-lived process (the staff app, a service): started once, it
rebuilds a report in a fraction of a cold command's time.

It keeps what a cold build pays for at every start: a forking parent with the report's
libraries imported (:mod:`kpureport.engine.zygote`), the next report's kernel forked ahead,
a running browser for the PDFs, and the host's own imports. Every report still runs in a
fresh kernel process of its own and goes through the one build path
(:func:`kpureport.engine.build.build_report`): same files, same checks, same publishing.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterable
from pathlib import Path

from kpureport.config import FORMATS
from kpureport.engine.batch import Worker
from kpureport.engine.build import BuildResult, build_report
from kpureport.ingest import cache
from kpureport.ingest.load import data_folder


class Builder:
    """Builds reports on demand, warm; use as a context manager, or call :meth:`close`.

    ``data_dir`` None finds the data folder by :func:`kpureport.ingest.load.data_folder`'s
    rule; parsed exports are cached under ``out_dir`` as the command line caches them
    (``cached=False``: never). Builds run one at a time on the builder's own thread, so
    :meth:`build` may be called from any thread, also one running an event loop (Voila,
    Jupyter, a web server); :meth:`submit` returns at once with a future.
    """

    def __init__(
        self,
        data_dir: str | Path | None = None,
        out_dir: str | Path = "outputs",
        formats: Iterable[str] = FORMATS,
        cached: bool = True,
        forking: bool = True,
    ):
        self.data_dir = data_folder(data_dir)
        self.out_dir = Path(out_dir).resolve()
        self.formats = tuple(formats)
        self._cache = self.out_dir / cache.CACHE_DIR if cached else None
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="kpureport")
        self._worker: Worker | None = None
        self._pool.submit(self._warm, forking).result()

    def _warm(self, forking: bool) -> None:
        """On the builder's thread (Playwright's objects belong to the thread that made them):
        the host's imports, the first kernel forked, the browser launched."""
        import nbconvert  # noqa: F401
        import papermill  # noqa: F401

        self._worker = Worker(forking)
        with cache.using(self._cache):  # the kernel's environment names the cache
            self._worker.start_next()
        self._worker.printer(self.formats)

    def submit(
        self, office: str, year: int, formats: Iterable[str] | None = None, force: bool = True
    ) -> concurrent.futures.Future[BuildResult]:
        """Build one report in the background; the future gives its :class:`BuildResult` or
        raises the build's error (a :class:`kpureport.errors.KpuReportError` for bad data)."""
        wanted = tuple(formats) if formats is not None else self.formats
        return self._pool.submit(self._build, office, int(year), wanted, force)

    def build(
        self, office: str, year: int, formats: Iterable[str] | None = None, force: bool = True
    ) -> BuildResult:
        """Build ``outputs/<office>/<year>/`` now, as ``kpureport build --force`` would
        (``force=False``: leave an up-to-date report as it is)."""
        return self.submit(office, year, formats, force).result()

    def _build(self, office: str, year: int, formats: tuple[str, ...], force: bool):
        worker = self._worker
        with cache.using(self._cache):
            return build_report(
                office,
                year,
                self.data_dir,
                self.out_dir,
                formats,
                force=force,
                printer=worker.printer(formats),
                kernel=worker.kernel(),
                on_executed=worker.start_next,
            )

    def close(self) -> None:
        """Stop the kernel started ahead, the browser and the forking parent (idempotent)."""
        if self._worker is not None:
            self._pool.submit(self._worker.close).result()
            self._worker = None
        self._pool.shutdown()

    def __enter__(self) -> Builder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
