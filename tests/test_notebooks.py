import json
from pathlib import Path

import pytest

#: Every test here runs whole builds (papermill kernels, browsers).
pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebooks_carry_no_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; clear them before committing"


#: Notebooks papermill runs; aplikasi.ipynb is the staff's page, served by Voila, not run.
PARAMETERIZED = [p for p in NOTEBOOKS if p.stem != "aplikasi"]


@pytest.mark.parametrize("path", PARAMETERIZED, ids=lambda p: p.name)
def test_notebooks_have_a_papermill_parameters_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    source = "".join(tagged[0]["source"])
    names = (
        ("offices", "province", "year", "data_dir", "rubric", "jury")
        if path.stem == "rekap"
        else ("office", "year", "data_dir")
    )
    for name in names:
        assert f"{name} =" in source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_code_cells_stay_thin(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        # the parameters cell declares, one name a line; it computes nothing
        parameters = "parameters" in cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] == "code" and not parameters:
            lines = [line for line in "".join(cell["source"]).splitlines() if line.strip()]
            assert len(lines) <= 5, "a notebook cell arranges; computing belongs in kpureport/"


def test_exploration_notebook_runs_top_to_bottom_under_papermill(tmp_path):
    import papermill

    output = tmp_path / "eksplorasi.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "eksplorasi.ipynb"),
        str(output),
        kernel_name="python3",
        parameters={"office": "contoh", "year": 2024, "data_dir": str(ROOT / "data")},
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
    )
    nb = json.loads(output.read_text(encoding="utf-8"))
    code = [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", [])
    ]
    assert all(c["outputs"] for c in code[2:])  # every cell after loading shows something
    assert not [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    shown = json.dumps(nb)
    assert "image/svg+xml" in shown and "engagement" in shown


def test_papermill_from_the_project_root_and_nbconvert_to_the_official_html(tmp_path):
    """The commands an analyst types from the project root: no data folder named, the report
    notebook finds data/; nbconvert's registered exporter gives the report without code."""
    import subprocess
    import sys

    bin_dir = Path(sys.executable).parent
    out = tmp_path / "out.ipynb"
    env = {k: v for k, v in __import__("os").environ.items() if k != "KPUREPORT_DATA"}
    run = [str(bin_dir / "papermill"), "notebooks/laporan.ipynb", str(out)]
    subprocess.run(
        [*run, "-p", "office", "contoh", "-p", "year", "2023", "--no-progress-bar"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    html = tmp_path / "out.html"
    for exporter in (["--to", "kpureport_html"], ["--to", "html", "--template", "laporan"]):
        subprocess.run(
            [str(bin_dir / "jupyter"), "nbconvert", *exporter, str(out), "--output", str(html)],
            check=True,
            capture_output=True,
        )
        text = html.read_text(encoding="utf-8")
        assert "BAB I" in text and "KPU Contoh" in text and "2023" in text
        assert "Report.load" not in text and 'office = "' not in text  # no code, no parameters
        assert "kpureport.kpureport" not in text  # the notebook-only style stays out
