"""The output formats as a registry: each format one writer, a failed format reported by its
writer's return value (and the other formats still made), timings added per stage; and end to
end: the real notebook under real papermill, exported by real nbconvert."""

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import psutil
import pytest

from kpureport.cli import main
from kpureport.config import FORMATS, KNOWN_FORMATS
from kpureport.engine import build
from kpureport.engine.build import OUTPUT_FORMATS, Document, Made, Stopwatch, build_report
from kpureport.errors import BuildError, DataError, OfficeNotFoundError
from kpureport.output.export import BROWSER_ENV

from ..conftest import DATA, KKU, ROOT


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


@pytest.mark.build
def test_rollup_compares_and_ranks_the_offices_of_a_province(tmp_path, capsys):
    jury = DATA / "_rekap" / "kalimantan-barat" / "nilai-juri.csv"
    args = ["rekap", "--province", "Kalimantan Barat", "--year", "2024", "--data", str(DATA)]
    assert main([*args, "--out", str(tmp_path), "--format", "html", "--nilai-juri", str(jury)]) == 0
    html = (
        tmp_path / "rekap" / "kalimantan-barat" / "2024" / "rekap-kalimantan-barat-2024.html"
    ).read_text(encoding="utf-8")
    assert "KPU Kabupaten Contoh *" in html and "KPU Kota Contoh Raya *" in html
    assert "kayong-utara: tidak ada data tahun 2024" in html  # named, not silently dropped
    assert "Nilai akhir dan peringkat kantor se-Provinsi Kalimantan Barat, tahun 2024" in html
    assert "Peringkat tanpa juri" in html and "Kualitas konten (10)" in html
    assert "116.219" in html  # Contoh's followers at the end of 2024
    assert (
        main(
            [
                "rekap",
                "--province",
                "Papua Selatan",
                "--year",
                "2021",
                "--data",
                str(DATA),
                "--out",
                str(tmp_path),
            ]
        )
        == 1
    )


STEM = "laporan-media-sosial-kayong-utara-2021"


class _Page(HTMLParser):
    """Tags and the text a reader sees, from the exported HTML."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


@pytest.fixture(scope="module")
def page(built: Path) -> _Page:
    parsed = _Page()
    parsed.feed((built / f"{STEM}.html").read_text(encoding="utf-8"))
    return parsed


@pytest.fixture(scope="module")
def text(page: _Page) -> str:
    return re.sub(r"\s+", " ", " ".join(page.text))


def test_build_writes_notebook_html_pdf_and_workbook_and_no_leftovers(built: Path):
    names = sorted(p.name for p in built.iterdir() if not p.name.startswith("."))
    assert names == [f"{STEM}.html", f"{STEM}.ipynb", f"{STEM}.pdf", f"{STEM}.xlsx"]
    assert (built / ".kpureport-build.json").is_file()  # the build record, written last
    # Nothing left beside it but the lock file of this office-year (empty of any data).
    assert [p.name for p in built.parent.iterdir() if p.name.startswith(".")] == [".2021.lock"]


def test_executed_notebook_ran_every_cell_with_the_injected_parameters(built: Path):
    nb = nbformat.read(built / f"{STEM}.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and f'office = "{KKU}"' in injected[0].source
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("laporan.")]
    assert code and all(c.outputs for c in code)


def test_report_carries_the_seed_figures_and_their_total(text: str):
    for figure in ("1.030", "659", "350", "25", "2.064", "49,9%", "31,9%", "17,0%", "1,2%"):
        assert figure in text
    assert text.index("1.030") < text.index("659") < text.index("350")


def test_report_carries_the_seed_names_links_and_contacts(page: _Page, text: str):
    links = {attrs.get("href") for tag, attrs in page.tags if tag == "a"}
    assert {
        "https://www.instagram.com/kpukayongutarakab/",
        "https://id-id.facebook.com/ppid.kpu.kku/",
        "https://twitter.com/kpu_kku",
        "https://www.youtube.com/channel/UCyBCcxJkT2DIOTeo1LrBbwg",
        "http://kpu-kayongutarakab.go.id",
        "http://jdih.kpu.go.id/kalbar",
        "mailto:ppid.kpu.kku@gmail.com",
    } <= links
    for name in (
        "KPU KAYONG UTARA KAB (@kpukayongutarakab)",
        "PPID KPU KKU",
        "KPU KAYONG UTARA (@kpu_kku)",
        "PPID KPU Kab. Kayong Utara",
        "KOMISI PEMILIHAN UMUM",
        "KABUPATEN KAYONG UTARA",
        "TAHUN 2021",
        "Rudi Handoko",
        "Sukadana, Juni 2021",
        "Pemilih Berdaulat Negara Kuat",
    ):
        assert name in text


def test_report_has_the_seed_sections_in_order(text: str):
    headings = [
        "LAPORAN PENGGUNAAN MEDIA SOSIAL",
        "BAB I PENDAHULUAN",
        "BAB II PLATFORM MEDIA SOSIAL DI KPU KABUPATEN KAYONG UTARA",
        "BAB III PENGGUNAAN FITUR MEDIA SOSIAL",
        "BAB IV KENDALA DAN SOLUSI",
        "A. Kendala",
        "B. Solusi",
        "BAB V PENUTUP",
    ]
    positions = [text.rindex(h) for h in headings]
    assert positions == sorted(positions)
    assert "sejak April 2016" in text
    assert "KPU KKU memaksimalkan anggaran yang telah disediakan." in text


def test_report_says_missing_data_plainly_and_invents_none(text: str):
    assert (
        "polling pendapat serta jumlah kritik dan saran yang diterima pada tahun 2021 tidak tersedia"
        in text
    )


def test_report_generates_sentences_from_the_figures(text: str):
    assert "371 pengikut lebih banyak daripada Facebook" in text


def test_html_shows_no_code_prompt_or_parameters(built: Path, text: str):
    html = (built / f"{STEM}.html").read_text(encoding="utf-8")
    for leak in (
        "Report.load",
        "laporan.",
        "data_dir",
        "injected",
        "In&nbsp;[",
        "Out[",
        "jp-InputArea",
        "kpureport.writing.render.Fragment",
    ):
        assert leak not in html
    assert "import " not in text


def test_html_is_self_contained_and_small(page: _Page, built: Path):
    html = (built / f"{STEM}.html").read_text(encoding="utf-8")
    assert (built / f"{STEM}.html").stat().st_size < 300 * 1024
    assert not [t for t, _ in page.tags if t in ("script", "link", "iframe", "object", "embed")]
    sources = [a.get("src") for t, a in page.tags if a.get("src")]
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert "@import" not in html and "url(http" not in html
    assert ('lang="id"') in html
    images = [a for t, a in page.tags if t == "img"]
    assert images and all(a.get("alt", "").startswith("Diagram batang") for a in images)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".lock"
    }


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    out = tmp_path / "outputs"
    report = out / KKU / "2021"
    report.mkdir(parents=True)
    for ext in ("ipynb", "html", "pdf"):
        (report / f"{STEM}.{ext}").write_text(f"laporan lama yang baik ({ext})", encoding="utf-8")
    return out


def _build_kku(data_dir: Path, out: Path) -> int:
    return main(
        ["build", "--office", KKU, "--year", "2021", "--data", str(data_dir), "--out", str(out)]
    )


BAD_FOLLOWERS = {
    "missing column": "date,platform\n2021-06-30,instagram\n",
    "text in a number": "date,platform,followers\n2021-06-30,instagram,seribu\n",
    "negative count": "date,platform,followers\n2021-06-30,instagram,-1\n",
    "unknown platform": "date,platform,followers\n2021-06-30,friendster,1\n",
    "thousands dot": "date,platform,followers\n2021-06-30,instagram,1.030\n",
}


@pytest.mark.build
@pytest.mark.parametrize("content", BAD_FOLLOWERS.values(), ids=BAD_FOLLOWERS.keys())
def test_bad_followers_fail_clearly_and_leave_outputs_as_they_were(
    content, data_dir, previous, capsys
):
    (data_dir / KKU / "followers.csv").write_text(content, encoding="utf-8")
    before = _tree(previous)
    code = _build_kku(data_dir, previous)
    err = capsys.readouterr().err
    assert code == 1
    assert "followers.csv, baris" in err and "seharusnya" in err
    assert _tree(previous) == before


@pytest.mark.build
def test_broken_yaml_fails_clearly_and_leaves_outputs(data_dir, previous, capsys):
    (data_dir / KKU / "profile.yml").write_text("name: [Komisi\n", encoding="utf-8")
    before = _tree(previous)
    assert _build_kku(data_dir, previous) == 1
    assert "profile.yml, baris" in capsys.readouterr().err
    assert _tree(previous) == before


@pytest.mark.build
@pytest.mark.parametrize(
    ("office", "year", "message"),
    [
        ("kayong-selatan", "2021", "Kantor 'kayong-selatan' tidak ditemukan"),
        (KKU, "2019", "Tidak ada data tahun 2019"),
    ],
)
def test_unknown_office_or_year_fails_clearly(office, year, message, previous, capsys):
    before = _tree(previous)
    assert (
        main(
            [
                "build",
                "--office",
                office,
                "--year",
                year,
                "--data",
                str(DATA),
                "--out",
                str(previous),
            ]
        )
        == 1
    )
    assert message in capsys.readouterr().err
    assert _tree(previous) == before


@pytest.mark.build
def test_a_notebook_that_fails_in_the_kernel_leaves_the_previous_report(tmp_path, previous):
    broken = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                'office = "x"\nyear = 0\ndata_dir = "."', metadata={"tags": ["parameters"]}
            ),
            nbformat.v4.new_code_cell("raise RuntimeError('sel rusak')"),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    path = tmp_path / "rusak.ipynb"
    nbformat.write(broken, path)
    before = _tree(previous)
    with pytest.raises(BuildError, match=r"gagal dijalankan .* RuntimeError: sel rusak"):
        build_report(KKU, 2021, DATA, previous, notebook=path)
    assert _tree(previous) == before
    assert sorted(p.name for p in (previous / KKU).iterdir()) == [".2021.lock", "2021"]


def _cli(data_dir: Path, out: Path, *args: str) -> int:
    where = ("--data", str(data_dir), "--out", str(out))
    return main(["build", "--office", KKU, "--year", "2021", *where, *args])


def _published(out: Path) -> set[str]:
    return {p.name for p in (out / KKU / "2021").iterdir()}


@pytest.mark.build
def test_a_published_set_is_always_from_one_build(data_dir, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert _cli(data_dir, out) == 0
    assert f"{STEM}.pdf" in _published(out)
    # Same inputs, HTML only: the PDF of those same inputs stays, it is still current.
    assert _cli(data_dir, out, "--format", "html", "--force") == 0
    assert f"{STEM}.pdf" in _published(out)
    # New inputs, HTML only: the old PDF would show old figures, so it is gone.
    followers = data_dir / KKU / "followers.csv"
    followers.write_text(followers.read_text(encoding="utf-8") + "2021-12-31,youtube,26\n", "utf-8")
    assert _cli(data_dir, out, "--format", "html") == 0
    assert _published(out) == {f"{STEM}.html", f"{STEM}.ipynb", ".kpureport-build.json"}
    # A PDF that cannot be made: the HTML is published, the command fails and says why.
    monkeypatch.setenv("KPUREPORT_BROWSER", str(tmp_path / "tidak-ada-peramban"))
    capsys.readouterr()
    assert _cli(data_dir, out, "--force") == 1
    printed = capsys.readouterr()
    assert "dibuat sebagian" in printed.out and "PDF tidak dibuat" in printed.err
    assert f"{STEM}.pdf" not in _published(out)


@pytest.mark.build
def test_a_full_or_read_only_disk_names_the_folder(tmp_path):
    import errno

    from kpureport.engine.build import _writing
    from kpureport.errors import KpuReportError

    full = pytest.raises(KpuReportError, match=f"folder {tmp_path}: ruang disk penuh")
    with full, _writing(tmp_path / "2021"):
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(KpuReportError, match="hanya-baca"), _writing(tmp_path / "2021"):
        raise OSError(errno.EROFS, "Read-only file system")


def _start_build(data_dir: Path, out: Path, runtime: Path) -> subprocess.Popen:
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime))
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "kpureport", "build", "--office", KKU, "--year", "2021"),
            *("--data", str(data_dir), "--out", str(out), "--format", "html"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_staging(out: Path, process: subprocess.Popen) -> list:
    """Wait until the build runs its notebook; returns its descendant processes."""
    parent = psutil.Process(process.pid)
    deadline = time.time() + 90
    while time.time() < deadline:
        staging = list((out / KKU).glob(".2021-staging-*")) if (out / KKU).is_dir() else []
        children = parent.children(recursive=True)
        if staging and any("ipykernel" in " ".join(c.cmdline()) for c in children):
            return children
        time.sleep(0.05)
    raise AssertionError("the build never reached its notebook")


@pytest.mark.build
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_build_stops_cleanly(data_dir, tmp_path, signum, code):
    out, runtime = tmp_path / "out", tmp_path / "runtime"
    process = _start_build(data_dir, out, runtime)
    children = _wait_for_staging(out, process)
    time.sleep(0.5)  # the kernel is busy with the notebook
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code
    assert err.strip().splitlines()[-1].startswith("Dihentikan:") and "Traceback" not in err
    psutil.wait_procs(children, timeout=10)
    assert not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    assert not list((out / KKU).glob(".2021-staging-*"))
    assert not list(runtime.glob("kernel-*.json"))


@pytest.mark.build
def test_two_builds_of_one_report_at_once_give_one_report_and_one_message(
    data_dir, tmp_path, capsys
):
    out = tmp_path / "out"
    first = _start_build(data_dir, out, tmp_path / "runtime")
    _wait_for_staging(out, first)
    assert _cli(data_dir, out, "--format", "html") == 1
    assert "sedang dibuat oleh proses lain" in capsys.readouterr().err
    assert first.wait(timeout=120) == 0
    assert "Penutup" in (out / KKU / "2021" / f"{STEM}.html").read_text(encoding="utf-8").title()


@pytest.mark.build
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts this process's open files")
def test_building_many_reports_in_one_process_leaves_no_sockets_behind(tmp_path):
    """A batch worker builds report after report: each kernel's ZMQ contexts, sockets and
    heartbeat threads end with it (left open, a long batch ran out of file descriptors)."""
    import gc
    import threading

    import zmq

    from kpureport.engine.build import build_report

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    build_report(KKU, 2021, DATA, tmp_path, formats=["html"])
    gc.collect()
    before = open_files()
    for _ in range(3):
        build_report(KKU, 2021, DATA, tmp_path, formats=["html"], force=True)
    gc.collect()
    assert open_files() <= before
    assert not [o for o in gc.get_objects() if isinstance(o, zmq.Context) and not o.closed]
    assert not [t for t in threading.enumerate() if type(t).__name__ == "HBChannel"]


@pytest.mark.build
def test_a_data_error_in_the_kernel_comes_back_as_the_same_error_with_its_problems(
    data_dir, tmp_path
):
    (data_dir / KKU / "followers.csv").write_text(BAD_FOLLOWERS["thousands dot"], encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_report(KKU, 2021, data_dir, tmp_path / "out", formats=("html",))
    problem = caught.value.problems[0]
    assert problem.path == data_dir / KKU / "followers.csv"
    assert (problem.row, problem.column) == (2, "followers")
    assert "1030" in problem.expected
    with pytest.raises(OfficeNotFoundError):
        build_report("kayong-selatan", 2021, DATA, tmp_path / "out", formats=("html",))
