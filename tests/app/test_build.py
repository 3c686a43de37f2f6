"""Periksa lists what ``kpureport check`` finds, each problem with a way to where it is fixed."""

from __future__ import annotations

import html
import shutil

from kpureport.app import build
from kpureport.app.state import State
from tests.conftest import DATA


def test_each_problem_opens_the_panel_that_fixes_it(tmp_path):
    office = tmp_path / "data" / "uji"
    office.mkdir(parents=True)
    shutil.copy(DATA / "contoh" / "profile.yml", office / "profile.yml")
    (office / "followers.csv").write_text(
        "tanggal,platform,pengikut\n2024-12-31,youtube,1.250\n", encoding="utf-8"
    )
    visits = []
    state = State(tmp_path / "data", tmp_path / "outputs", "uji", 2024)
    panel = build.BuildPanel(state, lambda place, **where: visits.append((place, where)))
    assert panel._check() is False
    assert "1 masalah" in panel.message.widget.value
    row = panel.problems.children[0]
    text, button = row.children
    assert "followers.csv, baris 2, kolom 'pengikut'" in html.unescape(text.value)
    assert str(office) not in text.value  # named inside the office folder
    button.click()
    assert visits == [("tables", {"table": "followers"})]


def test_places_of_the_office_files():
    folder = DATA / "contoh"
    assert build.place_of(folder / "profile.yml", folder) == ("office", {})
    assert build.place_of(folder / "exports" / "a.csv", folder) == ("exports", {})
    assert build.place_of(folder / "narrative" / "2024.yml", folder) == (
        "narrative",
        {"year": 2024},
    )
    assert build.place_of(folder / "targets.xlsx", folder) == ("tables", {"table": "targets"})
