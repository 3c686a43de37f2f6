"""The output formats as a registry: each format one writer, a failed format reported by its
writer's return value (and the other formats still made), timings added per stage."""

import datetime as dt
import shutil

import pytest

from kpureport.cli import main
from kpureport.config import FORMATS, KNOWN_FORMATS
from kpureport.engine import build
from kpureport.engine.build import OUTPUT_FORMATS, Document, Made, Stopwatch
from kpureport.output.export import BROWSER_ENV

from ..conftest import DATA


def _doc(tmp_path) -> Document:
    return Document(
        notebook=tmp_path / "laporan.ipynb",
        parameters={},
        target=tmp_path / "out",
        stem="laporan",
        title="Laporan",
        header="Laporan",
        footer="Kantor",
    )


#: The moment a build is made, as the writers receive it.
BUILT = dt.datetime(2025, 1, 2, 3, 4, 5)


def test_the_command_line_offers_exactly_the_registered_formats():
    assert tuple(OUTPUT_FORMATS) == KNOWN_FORMATS
    assert set(FORMATS) <= set(OUTPUT_FORMATS)
    assert {f.suffix for f in OUTPUT_FORMATS.values()} == set(KNOWN_FORMATS)


def test_the_html_format_is_the_page_itself(tmp_path):
    made = OUTPUT_FORMATS["html"].write("<p>Halo</p>", _doc(tmp_path), None, BUILT)
    assert made == Made(b"<p>Halo</p>")


@pytest.mark.parametrize("name", ["pdf", "docx"])
def test_a_format_that_cannot_be_made_says_why_in_its_return_value(tmp_path, monkeypatch, name):
    monkeypatch.setenv(BROWSER_ENV, str(tmp_path / "tidak-ada" / "chromium"))
    made = OUTPUT_FORMATS[name].write("<p>Halo</p>", _doc(tmp_path), None, BUILT)
    assert made.content is None
    assert BROWSER_ENV in made.failure and "tidak ada" in made.failure


def test_a_new_format_registers_its_writer(tmp_path):
    @build.output_format("txt-uji", suffix="txt")
    def text(html, doc, printer, built):
        return Made(doc.title.encode())

    try:
        assert OUTPUT_FORMATS["txt-uji"].write("", _doc(tmp_path), None, BUILT) == Made(b"Laporan")
        assert OUTPUT_FORMATS["txt-uji"].suffix == "txt"
    finally:
        del OUTPUT_FORMATS["txt-uji"]


def test_laps_of_one_stage_add_up():
    clock = Stopwatch()
    first = clock.lap("html")
    clock.lap("pdf")
    assert clock.lap("html") >= 0 and clock.laps["html"] >= first
    assert list(clock.laps) == ["html", "pdf"]


OFFICE = "contoh"


def _stamp(data_dir, out):
    doc, inputs = build.report_document(OFFICE, 2024, data_dir, out)
    return build.fingerprint(inputs, doc.notebook, doc.data_dir)


def test_moving_an_export_out_of_exports_changes_the_fingerprint(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA / OFFICE, data_dir / OFFICE)
    before = _stamp(data_dir, tmp_path / "out")
    moved = sorted(p for p in (data_dir / OFFICE / "exports").rglob("*") if p.is_file())[-1]
    (data_dir / OFFICE / "exports.lama").mkdir()  # the same place in the sorted files
    moved.rename(data_dir / OFFICE / "exports.lama" / moved.name)
    assert _stamp(data_dir, tmp_path / "out") != before


def test_provinces_in_another_script_get_file_names_of_their_own():
    assert build._area_slug("Папуа") != build._area_slug("Бали")
    assert build._area_slug("Папуа").strip("-")


@pytest.mark.build
def test_a_roll_up_that_leaves_an_office_out_says_which_and_fails(tmp_path, capsys):
    for office in ("contoh-hulu", "kota-contoh"):
        shutil.copytree(DATA / office, tmp_path / "data" / office)
    followers = tmp_path / "data" / "kota-contoh" / "followers.csv"
    lines = followers.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",banyak"
    followers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = ["rekap", "--year", "2024", "--office", "contoh-hulu", "kota-contoh"]
    options = ["--data", str(tmp_path / "data"), "--out", str(tmp_path / "out")]
    assert main([*command, *options, "--format", "html"]) == 1
    said = capsys.readouterr()
    assert "Tidak termasuk dalam rekap: kota-contoh: " in said.err and "banyak" in said.err
    (page,) = (tmp_path / "out" / "rekap").glob("*/2024/*.html")
    assert "kota-contoh" in page.read_text(encoding="utf-8")
