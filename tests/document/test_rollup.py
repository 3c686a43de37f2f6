"""An office left out of a roll-up is named with the problem that kept it out."""

import shutil

from kpureport.document.rollup import Rollup

from ..conftest import DATA


def test_an_office_left_out_is_named_with_its_first_problem(tmp_path):
    for office in ("contoh-hulu", "kota-contoh"):
        shutil.copytree(DATA / office, tmp_path / office)
    followers = tmp_path / "kota-contoh" / "followers.csv"
    lines = followers.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",banyak"
    lines[2] = lines[2].rsplit(",", 1)[0] + ",sekali"
    followers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rollup = Rollup.load(2024, tmp_path, offices=["contoh-hulu", "kota-contoh"])
    (reason,) = rollup.missing
    assert reason.startswith("kota-contoh: ") and "followers.csv" in reason
    assert "banyak" in reason and "dan 1 masalah lain" in reason
    assert "kpureport check --office kota-contoh" in reason
