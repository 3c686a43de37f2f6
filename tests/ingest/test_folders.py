"""The data folder is found without the data libraries: a lone ``kpureport build`` starts its
kernel before pandas is imported, so the kernel's boot overlaps the host's imports."""

import subprocess
import sys

from tests.conftest import DATA, KKU, ROOT

FIND_FOLDER_ONLY = """
import sys
from kpureport import cli
args = cli.parser().parse_args(["build", "--office", sys.argv[1], "--year", "2021", "--data", sys.argv[2]])
assert cli._data_folder(args).name == "data"
heavy = sorted(m for m in ("pandas", "pandera", "matplotlib", "papermill") if m in sys.modules)
print(",".join(heavy))
"""


def test_the_command_line_finds_the_data_folder_without_the_data_libraries():
    found = subprocess.run(
        [sys.executable, "-c", FIND_FOLDER_ONLY, KKU, str(DATA)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert found.stdout.strip() == ""


def test_the_folder_names_stay_importable_from_load():
    from kpureport.ingest import folders, load

    assert load.data_folder is folders.data_folder and load.office_dir is folders.office_dir
    assert load.data_folder(DATA) == DATA.resolve()
