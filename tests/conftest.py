from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
#: Real public exports, copied unchanged from ../shared/samples so that a clone tests alone.
SAMPLES = Path(__file__).resolve().parent / "fixtures" / "samples"
KKU = "kayong-utara"


#: The session's built reports: a test that reads one is a full-build test.
BUILT_FIXTURES = {"built", "built_demo"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``build`` every test that reads a report built for the session, so that
    ``pytest -m "not build"`` leaves out every kernel run."""
    for item in items:
        if BUILT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the real data folder, for tests that break a file on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA / KKU, target / KKU)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Kayong Utara 2021 report, built once for the session by the real command."""
    from kpureport.cli import main

    out = tmp_path_factory.mktemp("outputs")
    assert (
        main(["build", "--office", KKU, "--year", "2021", "--data", str(DATA), "--out", str(out)])
        == 0
    )
    return out / KKU / "2021"


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office's 2024 report (HTML, PDF, Word and the data workbook), built once for
    the session."""
    from kpureport.cli import main

    out = tmp_path_factory.mktemp("outputs")
    command = ["build", "--office", "contoh", "--year", "2024", "--data", str(DATA)]
    command += ["--format", "html,pdf,docx,xlsx"]
    assert main([*command, "--out", str(out)]) == 0
    return out / "contoh" / "2024"
