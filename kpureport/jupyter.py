"""kpureport in a notebook: short error messages, and an office and year picker.

Importing kpureport inside IPython registers :func:`show_error` for kpureport's own errors
(bad data, an unknown office, a missing year): the analyst sees what went wrong, where and how
to fix it, instead of forty lines of traceback. ``%tb`` still prints the whole traceback, and
the kernel still reports the error (papermill stops on it as before).
"""

from __future__ import annotations

import os
import sys

from kpureport.errors import ERROR_MIME, ERRORS_AS_DATA_ENV, KpuReportError

#: The last line of the short message: where the full traceback still is.
FULL_TRACEBACK = "(Jejak lengkap kesalahan: jalankan %tb pada sel baru.)"


def show_error(shell, etype, value, tb, tb_offset=None) -> list[str]:
    """IPython custom exception handler: the message only, in red, and where the rest is."""
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
    lines = [f"\x1b[1;31m{etype.__name__}\x1b[0m: {value}", FULL_TRACEBACK]
    if os.environ.get(ERRORS_AS_DATA_ENV):  # a build's kernel: the builder reads it back
        shell.display_pub.publish(data={ERROR_MIME: value.as_data()}, metadata={})
    shell._showtraceback(etype, value, lines)
    return lines


def install(shell=None) -> bool:
    """Register :func:`show_error` in the running IPython shell, if there is one."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc((KpuReportError,), show_error)
    return True


def picker(data_dir=None, office: str | None = None, year: int | None = None):
    """Drop-down lists of the offices and their years, starting at ``office`` and ``year``.
    The chosen values are ``picker.office.value`` and ``picker.year.value``.

    Needs ``ipywidgets`` (the ``kpureport[widgets]`` extra); without it, None: a notebook
    then keeps its parameters, as papermill runs always do.
    """
    try:
        import ipywidgets as widgets
    except ImportError:
        return None
    from kpureport.ingest.load import data_folder, office_years, offices

    folder = data_folder(data_dir)
    names = offices(folder)
    chosen = office if office in names else (names[0] if names else None)
    office_box = widgets.Dropdown(options=names, value=chosen, description="Kantor")
    year_box = widgets.Dropdown(description="Tahun")

    def refresh(change=None) -> None:
        years = office_years(office_box.value, folder) if office_box.value else []
        year_box.options = years
        if years:
            year_box.value = year if year in years else years[-1]

    office_box.observe(refresh, names="value")
    refresh()
    box = widgets.HBox([office_box, year_box])
    box.office, box.year = office_box, year_box
    return box
