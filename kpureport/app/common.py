"""What every panel of the staff page shares: messages, the error guard, safe HTML from
templates, and whole-file writes.

Every text that comes from data reaches the page through :func:`html`: a Jinja template with
autoescape, each value redacted as the report redacts it. Every callback runs under
:func:`guarded`, so a staff member reads what failed in Bahasa Indonesia, never a traceback.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import jinja2

from kpureport.errors import KpuReportError
from kpureport.redact import redact_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Where the launcher tells the page's kernel to write its log.
LOG_ENV = "KPUREPORT_APP_LOG"
LOG_NAME = "kpureport-app.log"

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters["public"] = lambda value: redact_text(str(value)) if value is not None else ""


def html(template: str, **context: object) -> str:
    """A piece of the page from ``templates/<template>``; every value escaped."""
    return _ENV.get_template(template).render(**context)


def log_file() -> Path:
    """The page's log: named by the launcher, else in the temporary folder."""
    given = os.environ.get(LOG_ENV)
    return Path(given) if given else Path(tempfile.gettempdir()) / LOG_NAME


def logger() -> logging.Logger:
    log = logging.getLogger("kpureport.app")
    if not log.handlers:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``path`` whole: a temporary file beside it, then one rename. A reader (another
    tab, a build) sees the old file or the new one, never half of either."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Message:
    """One line of feedback under a panel: what was done, or what went wrong."""

    def __init__(self):
        import ipywidgets as widgets

        self.widget = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.widget.add_class("kr-message")

    def show(self, kind: str, text: str, lines: list[str] | tuple[str, ...] = ()) -> None:
        """``kind``: ok, error, info, busy."""
        self.widget.value = html("message.html.j2", kind=kind, text=text, lines=list(lines))

    def clear(self) -> None:
        self.widget.value = ""


def unexpected(doing: str, exc: BaseException) -> str:
    """The message for an error kpureport did not foresee; the details go to the log."""
    logger().error(
        "%s\n%s", doing, "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    )
    return (
        f"Terjadi kesalahan tak terduga saat {doing}. Data yang sudah tersimpan tidak berubah. "
        f"Rinciannya dicatat di {log_file()}; kirimkan berkas itu kepada pengelola kpureport."
    )


def problem_lines(exc: KpuReportError) -> list[str]:
    """The lines of a kpureport error, without the list marks the command line prints."""
    return [line.strip().removeprefix("- ") for line in str(exc).splitlines() if line.strip()]


def guarded(message: Message, doing: str) -> Callable[[Callable], Callable]:
    """Run a widget callback so that any error becomes a message in ``message``."""

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except KpuReportError as exc:
                message.show("error", f"Gagal {doing}.", problem_lines(exc))
            except Exception as exc:
                message.show("error", unexpected(doing, exc))
            return None

        return run

    return wrap
