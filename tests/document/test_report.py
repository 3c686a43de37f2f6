"""The report object as an analyst uses it: tables of plain numbers that plot, and reprs; and
the report's front matter as the office sets it in profile.yml."""

import csv
import re
import shutil

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from kpureport import Report
from kpureport import formatting as fmt
from kpureport.analysis import metrics
from kpureport.document.rollup import Rollup

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


#: Every table a report exposes, and the column an analyst would plot.
PUBLIC = {
    "platforms": "share",
    "history": "followers",
    "growth_table": "change_pct",
    "rates": "rate",
    "per_month": None,
    "polls": "share",
    "stories": "reach",
}


@pytest.fixture(scope="module")
def demo() -> Report:
    return Report.load("contoh", 2024, DATA)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_table_holds_numbers_that_plot(demo: Report, name: str):
    table = getattr(demo.figures, name)
    column = PUBLIC[name]
    numbers = table.select_dtypes("number")
    assert column is None or column in numbers.columns, table.dtypes
    assert not [c for c in table.columns if table[c].map(type).eq(object).any()]
    fig = Figure()
    ax = fig.subplots()
    (table[column] if column else table).plot(ax=ax)  # "no numeric data to plot" before
    assert ax.has_data()
    if column in ("share", "change_pct", "rate"):
        assert table[column].dtype == "float64"  # a percentage, rounded only when shown


def test_tables_of_an_office_without_posts_keep_their_types(tmp_path):
    import shutil

    shutil.copytree(DATA / KKU, tmp_path / KKU)
    report = Report.load(KKU, 2021, tmp_path)
    posts = report.data.posts
    assert posts.empty and str(posts["published"].dtype).startswith("datetime64")
    assert posts["published"].dt.year.empty  # .dt works on an empty table
    assert report.figures.rates.empty and report.figures.rates["rate"].dtype == "float64"
    assert report.figures.stories["stories"].dtype == "int64"
    assert metrics.top_posts(posts, 2021)["engagement"].dtype == "Float64"
    assert report.figures.year_posts.empty


def test_reprs_summarise_office_year_tables_and_period(demo: Report):
    shown = repr(demo)
    assert shown.startswith("<Report 'contoh' 2024: 6 akun,")
    assert f"{len(demo.figures.year_posts)} unggahan tahun ini" in shown
    assert f"posts={len(demo.data.posts)}" in shown and "data 2019-" in shown
    assert repr(demo.data).startswith("ReportData('contoh', 2024: followers=")
    assert len(repr(demo.data)) < 300  # a summary, not every table printed out
    rollup = Rollup.load(2021, DATA, province="Kalimantan Barat")
    assert repr(rollup) == "<Rollup se-Provinsi Kalimantan Barat 2021: 2 kantor, 3 tidak dimuat>"


def test_matplotlib_state_is_left_alone_by_plotting_public_tables(demo: Report):
    backend = matplotlib.get_backend()
    demo.figures.rates.plot.bar(x="platform", y="rate", ax=Figure().subplots())
    assert matplotlib.get_backend() == backend
    assert isinstance(demo.figures.growth_table, pd.DataFrame)


def _cells(html: str, label: str) -> list[str]:
    """The printed cells of the table row ``label`` heads."""
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if f">{label}<" in r)
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells]


def test_the_demo_lists_its_whatsapp_channel_with_the_staff_count_and_no_posts(demo: Report):
    """WhatsApp Channels has no export: the accounts table shows the count staff typed in
    followers.csv with its share of every account's year-end count; its posts are said not to
    be recorded, never counted as none."""
    with (DATA / "contoh" / "followers.csv").open(encoding="utf-8") as handle:
        year_end = {
            r["platform"]: int(r["pengikut"])
            for r in csv.DictReader(handle)
            if r["tanggal"] == "2024-12-31"
        }
    typed, total = year_end["whatsapp"], sum(year_end.values())
    table = demo.followers_table().html
    row = _cells(table, "WhatsApp")
    assert row[2].startswith("Saluran WhatsApp KPU Kabupaten Contoh https://whatsapp.com/channel/")
    assert row[3:] == [fmt.number(typed), fmt.percent(typed * 100 / total, 1)]
    assert f'<td class="angka">{fmt.number(total)}</td>' in table  # the total counts it
    # the scorecard: followers and their change only, every post and engagement cell "-"
    assert _cells(demo.summary().html, "WhatsApp")[4:] == ["-"] * 5
    activity = demo.activity().html
    assert "Unggahan WhatsApp tidak termasuk dalam jumlah di atas" in activity
    assert "Ekspor unggahan WhatsApp" not in activity  # not an export the office forgot
    assert _cells(activity, "WhatsApp")[1:] == ["tidak tercatat"] + ["-"] * 5
    assert "Pengikut WhatsApp dicatat staf dari aplikasinya" in demo.methods().html


def test_a_year_without_year_end_counts_shows_no_growth_table_of_headers_alone():
    """The demo's 2025 has no year-end count yet: the growth section says so in a sentence,
    and the trend chart's figures stay, without an empty table."""
    section = str(Report.load("contoh", 2025, DATA).growth())
    assert "akhir tahun 2025 belum tercatat" in section
    assert 'data-key="pertumbuhan"' not in section


def test_the_best_times_note_says_which_export_has_no_hours(demo):
    """X's export gives dates only: its "-" hour is not "too few posts" (the text says so)."""
    section = str(demo.engagement())
    assert (
        "Ekspor X (Twitter) hanya mencatat tanggal terbit sehingga jam terbitnya bertanda -."
        in section
    )
