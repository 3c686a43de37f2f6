"""The report's front matter as the office sets it in profile.yml."""

import shutil

from kpureport import Report

from ..conftest import DATA, KKU


def test_lists_of_tables_are_asked_for_in_the_profile(tmp_path):
    shutil.copytree(DATA / KKU, tmp_path / KKU)
    assert "data-daftar-lain" not in Report.load(KKU, 2021, tmp_path).title_page().html
    profile = tmp_path / KKU / "profile.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + "lists_of_tables: true\n", encoding="utf-8"
    )
    html = Report.load(KKU, 2021, tmp_path).title_page().html
    assert "data-daftar-lain" in html
    # the summary comes first in the contents; a seed without targets lists no targets page
    assert 'href="#ringkasan"' in html and 'href="#capaian-target"' not in html
