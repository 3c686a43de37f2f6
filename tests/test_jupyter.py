"""kpureport in a live kernel: kpureport's errors as short messages, the full traceback on
request, and the office and year picker."""

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import DATA


def _run(*sources: str) -> list:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120).execute()
    return [cell.outputs for cell in nb.cells]


def test_kpureport_errors_are_short_in_a_notebook_and_the_traceback_stays_available():
    load, full, other = _run(
        f"import kpureport\nkpureport.Report.load('tidak-ada', 2024, {str(DATA)!r})",
        "%tb",
        "1 / 0",
    )
    (error,) = [o for o in load if o.output_type == "error"]
    assert error.ename == "OfficeNotFoundError"  # papermill still stops on it, by name
    assert len(error.traceback) == 2
    assert "Kantor 'tidak-ada' tidak ditemukan" in error.traceback[0]
    assert "%tb" in error.traceback[1]
    shown = "".join(o.get("text", "") for o in full) + "".join(
        line for o in full for line in o.get("traceback", [])
    )
    assert "office_dir" in shown  # the whole traceback, on request
    (plain,) = [o for o in other if o.output_type == "error"]
    assert len(plain.traceback) > 2  # other errors keep IPython's usual traceback


def test_the_picker_offers_the_offices_and_their_years():
    pytest.importorskip("ipywidgets")
    import kpureport

    picker = kpureport.picker(DATA, "contoh", 2023)
    assert list(picker.office.options) == ["contoh", "kayong-utara"]
    assert picker.office.value == "contoh" and picker.year.value == 2023
    picker.office.value = "kayong-utara"
    assert list(picker.year.options) == [2021] and picker.year.value == 2021
