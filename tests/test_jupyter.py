"""kpureport in a live kernel: kpureport's errors as short messages, the full traceback on
request, and the office and year picker."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import DATA

#: Every test here runs whole builds (papermill kernels, browsers).
pytestmark = pytest.mark.build


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
    assert list(picker.office.options) == [
        "contoh",
        "contoh-hulu",
        "contoh-pesisir",
        "kayong-utara",
        "kota-contoh",
    ]
    assert picker.office.value == "contoh" and picker.year.value == 2023
    picker.office.value = "kayong-utara"
    assert list(picker.year.options) == [2021] and picker.year.value == 2021


def _start_lab(root, home):
    """JupyterLab on a loopback port the system picks, with its own config and runtime
    folders; returns the process and the base URL with its token."""
    import os
    import re
    import secrets
    import subprocess
    import sys
    import time

    token = secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        HOME=str(home),
    )
    env.pop("KPUREPORT_DATA", None)
    # Every cell rendered (no windowing), so that the test sees every prompt and output.
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    log = (home / "lab.log").open("w")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--ContentsManager.allow_hidden=False",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run commands by name
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    deadline = time.time() + 90
    while time.time() < deadline:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", (home / "lab.log").read_text())
        if found:
            return process, f"http://127.0.0.1:{found.group(1)}", token
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise AssertionError((home / "lab.log").read_text())


def test_an_analyst_runs_the_exploration_notebook_in_jupyterlab_and_plots_their_own(tmp_path):
    import shutil

    from playwright.sync_api import sync_playwright

    from kpureport.output.export import BROWSER_ARGS, find_browser

    browser_path = find_browser()
    if browser_path is None:
        pytest.skip("no Chromium-family browser here")
    project = tmp_path / "proyek"  # a copy: the Lab may autosave what it runs
    shutil.copytree(DATA.parent / "notebooks", project / "notebooks")
    shutil.copytree(DATA, project / "data")
    process, base, token = _start_lab(project, tmp_path)
    shots = tmp_path / "screenshots"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(browser_path), args=[*BROWSER_ARGS, "--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{base}/lab/tree/notebooks/eksplorasi.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
            page.locator(".jp-Notebook .jp-Cell").first.click()  # the notebook has the focus
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(
                """() => {
                    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                    return prompts.length && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
                }""",
                timeout=120_000,
            )
            page.screenshot(path=str(shots / "eksplorasi.png"))
            errors = "[data-mime-type='application/vnd.jupyter.stderr']"  # tracebacks, warnings
            assert page.locator(errors).count() == 0
            assert page.locator(".jp-OutputArea-output .kpureport").count() == 0  # tables only
            # The analyst's own plot, in a new cell at the end.
            page.locator(".jp-Notebook .jp-Cell").last.click()
            page.keyboard.press("Escape")
            page.keyboard.press("b")
            page.keyboard.press("Enter")
            page.keyboard.type('laporan.figures.rates.plot.bar(x="platform", y="rate")')
            page.keyboard.press("Shift+Enter")
            own = page.locator(
                ".jp-Notebook .jp-CodeCell", has_text="laporan.figures.rates.plot.bar"
            )
            own.locator(".jp-OutputArea-output img").wait_for(timeout=60_000)
            page.screenshot(path=str(shots / "plot-sendiri.png"))
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert (shots / "plot-sendiri.png").stat().st_size > 10_000
