"""What the wheel and the sdist must hold for a report to build from any folder: the code,
every template, calendar and lexicon file, the notebooks inside the package, the nbconvert
template where Jupyter looks, and the commands."""

import tarfile
import zipfile
from pathlib import Path

import pytest

from kpureport.config import PACKAGE_DIR
from kpureport.version import __version__

from .conftest import ROOT

#: Files a build reads, beside the Python code (relative to the package).
REQUIRED = [
    "notebooks/laporan.ipynb",
    "notebooks/rekap.ipynb",
    "notebooks/eksplorasi.ipynb",
    "tahapan/pemilu-2019.yml",
    "tahapan/pemilu-2024.yml",
    "tahapan/pilkada-2020.yml",
    "tahapan/pilkada-2024.yml",
    "lexicon/feedback.yml",
    "lexicon/pillars.yml",
    "templates/word/referensi.docx",
    "templates/nbconvert/laporan/index.html.j2",
    "templates/office/profile.yml",
    "templates/pdf/toc.js",
    "templates/sentences.yml",
    "templates/monev.yml",
]


def shipped_files() -> set[str]:
    """Every file of the package in the checkout that is not a by-product of running it."""
    return {
        p.relative_to(PACKAGE_DIR).as_posix()
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    from hatchling.builders.wheel import WheelBuilder

    folder = tmp_path_factory.mktemp("dist")
    path = next(WheelBuilder(str(ROOT)).build(directory=str(folder), versions=["standard"]))
    return zipfile.ZipFile(path)


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> tarfile.TarFile:
    from hatchling.builders.sdist import SdistBuilder

    folder = tmp_path_factory.mktemp("dist")
    path = next(SdistBuilder(str(ROOT)).build(directory=str(folder), versions=["standard"]))
    return tarfile.open(path)


def test_the_wheel_holds_everything_a_build_reads(wheel):
    names = set(wheel.namelist())
    package = {n.removeprefix("kpureport/") for n in names if n.startswith("kpureport/")}
    assert set(REQUIRED) <= package
    assert shipped_files() <= package
    notebooks = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert {n.removeprefix("notebooks/") for n in package if n.startswith("notebooks/")} == (
        notebooks
    )
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    data = f"kpureport-{__version__}.data/data/share/jupyter/nbconvert/templates/laporan/"
    assert {data + f for f in ("conf.json", "index.html.j2", "laporan.css")} <= names


def test_the_wheel_declares_the_commands_and_the_exporters(wheel):
    info = f"kpureport-{__version__}.dist-info/"
    entry_points = wheel.read(info + "entry_points.txt").decode()
    assert "kpureport = kpureport.cli:main" in entry_points
    assert "kpureport_html = kpureport.output.export:ReportHTMLExporter" in entry_points
    assert "kpureport_pdf = kpureport.output.export:ReportPDFExporter" in entry_points
    assert f"Version: {__version__}" in wheel.read(info + "METADATA").decode()


def test_the_sdist_holds_what_the_wheel_is_built_from(sdist):
    top = f"kpureport-{__version__}/"
    names = {n.removeprefix(top) for n in sdist.getnames()}
    assert {"pyproject.toml", "README.md", "CHANGELOG.md"} <= names
    assert {f"kpureport/{f}" for f in shipped_files()} <= names
    assert {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")} <= names
    assert not [n for n in names if n.startswith(("data/", "outputs/", ".venv/", "tests/"))]


def test_the_version_is_written_once():
    import kpureport
    from kpureport.cli import main

    assert kpureport.__version__ == __version__
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert __version__ in (Path(ROOT) / "CHANGELOG.md").read_text(encoding="utf-8")
