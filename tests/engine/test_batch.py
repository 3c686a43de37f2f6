"""Many reports at once: parallel, isolated, atomic, skipped when up to date, on Dask too; and
how a batch ends, as one Enum of statuses, counted in the closing table."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from kpureport.cli import main
from kpureport.engine import batch
from kpureport.engine.batch import Job, Outcome, Status
from kpureport.errors import KpuReportError

from ..conftest import DATA, KKU, ROOT


def test_statuses_are_one_enum_said_in_indonesian():
    assert [str(s) for s in Status] == ["dibuat", "dilewati", "sebagian", "gagal"]
    assert tuple(Status) == (batch.BUILT, batch.SKIPPED, batch.PARTIAL, batch.FAILED)
    assert f"{Status.FAILED:<8}|" == "gagal   |"


def test_the_summary_counts_every_status():
    outcomes = [
        Outcome(Job("kayong-utara", 2021), Status.BUILT, seconds=12.5),
        Outcome(Job("kayong-utara", 2022), Status.SKIPPED, "sudah mutakhir"),
        Outcome(Job("contoh", 2024), Status.PARTIAL, "PDF gagal dicetak"),
        Outcome(Job("rusak", None), Status.FAILED, "profile.yml: YAML tidak sah"),
    ]
    text = batch.summary(outcomes)
    assert "1 dibuat, 1 dilewati, 1 sebagian, 1 gagal." in text
    assert "12,5 detik" in text and "YAML tidak sah" in text


def make_offices(data_dir: Path, count: int) -> list[str]:
    """Fictional copies of Kayong Utara's data under other names."""
    names = []
    for n in range(1, count + 1):
        name = f"uji-{n}"
        shutil.copytree(DATA / KKU, data_dir / name)
        profile = data_dir / name / "profile.yml"
        profile.write_text(
            profile.read_text(encoding="utf-8")
            .replace("Kabupaten Kayong Utara", f"Kabupaten Uji {n}")
            .replace("abbreviation: KPU KKU", f"abbreviation: KPU UJI{n}")
            + "fictional: true\n",
            encoding="utf-8",
        )
        names.append(name)
    return names


def build(data: Path, out: Path, *args: str) -> int:
    return main(["build", *args, "--data", str(data), "--out", str(out), "--format", "html"])


def kernels_left(runtime: Path) -> int:
    """Kernels of this test only: those whose connection file is in the test's runtime folder,
    and forked kernels and their warm parent, started with that folder as their runtime
    (other Jupyter kernels on the machine do not count)."""
    found = 0
    for process in psutil.process_iter(["cmdline"]):
        try:
            environ = process.environ() if process.pid != os.getpid() else {}
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            environ = {}
        cmdline = process.info["cmdline"] or ()
        if any(str(runtime) in part for part in cmdline) or (
            "kpureport.engine.zygote" in cmdline
            and environ.get("JUPYTER_RUNTIME_DIR") == str(runtime)
        ):
            found += 1
    return found


def test_years_accept_lists_and_ranges():
    assert batch.parse_years(["2019-2021", "2024"]) == [2019, 2020, 2021, 2024]
    assert batch.parse_years(["2021,2023"]) == [2021, 2023]
    with pytest.raises(KpuReportError, match="terbalik"):
        batch.parse_years(["2024-2019"])


def test_all_plans_every_office_and_year_with_data():
    jobs = batch.plan(DATA, [], [], every=True).jobs
    assert batch.Job(KKU, 2021) in jobs
    assert {j.year for j in jobs if j.office == "contoh"} == set(range(2019, 2026))
    assert batch.plan(DATA, ["contoh"], ["2023-2030"], every=True).jobs == [
        batch.Job("contoh", 2023),
        batch.Job("contoh", 2024),
        batch.Job("contoh", 2025),
    ]


@pytest.mark.build
def test_a_broken_office_fails_alone_and_the_summary_says_why(tmp_path, capsys, monkeypatch):
    runtime = tmp_path / "runtime"
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    data = tmp_path / "data"
    names = make_offices(data, 3)
    (data / "uji-2" / "followers.csv").write_text(
        "date,platform,followers\n2021-06-30,instagram,1.030\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    code = build(data, out, "--office", *names, "--year", "2021", "--jobs", "2")
    printed = capsys.readouterr()
    assert code == 1
    assert "Ringkasan: 2 dibuat, 0 dilewati, 1 gagal." in printed.out
    assert "uji-2" in printed.out and "tulis 1030, bukan 1.030" in printed.out
    assert "Membuat laporan" in printed.err  # the progress bar
    for name in ("uji-1", "uji-3"):
        assert (out / name / "2021" / f"laporan-media-sosial-{name}-2021.html").is_file()
    assert (
        kernels_left(runtime) == 0
    )  # kernels started ahead by the workers were shut down with them
    assert not (out / "uji-2").exists() or not any((out / "uji-2").rglob("*.html"))

    # Up to date: nothing is rebuilt; a changed input rebuilds that office only; --force all.
    (data / "uji-2" / "followers.csv").write_text(
        "date,platform,followers\n2021-06-30,instagram,1030\n", encoding="utf-8"
    )
    before = (out / "uji-1" / "2021" / "laporan-media-sosial-uji-1-2021.html").stat().st_mtime_ns
    assert build(data, out, "--office", *names, "--year", "2021") == 0
    assert "Ringkasan: 1 dibuat, 2 dilewati, 0 gagal." in capsys.readouterr().out
    assert (
        out / "uji-1" / "2021" / "laporan-media-sosial-uji-1-2021.html"
    ).stat().st_mtime_ns == before
    assert build(data, out, "--office", "uji-1", "--year", "2021", "--force") == 0
    assert "Laporan selesai" in capsys.readouterr().out


@pytest.mark.build
def test_a_killed_build_leaves_the_previous_report_in_place(tmp_path):
    data = tmp_path / "data"
    make_offices(data, 1)
    out = tmp_path / "out"
    assert build(data, out, "--office", "uji-1", "--year", "2021") == 0
    report = out / "uji-1" / "2021"
    before = {p.name: p.read_bytes() for p in report.iterdir()}
    narrative = data / "uji-1" / "narrative" / "2021.yml"
    narrative.write_text(
        narrative.read_text(encoding="utf-8").replace("Rudi Handoko", "Penjabat Ketua"),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kpureport",
            "build",
            "--office",
            "uji-1",
            "--year",
            "2021",
            "--data",
            str(data),
            "--out",
            str(out),
            "--format",
            "html",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 60
    parent = psutil.Process(process.pid)
    while time.time() < deadline:  # until the notebook runs in its kernel
        staging = list(report.parent.glob(".2021-staging-*"))
        kernel = [
            c for c in parent.children(recursive=True) if "ipykernel" in " ".join(c.cmdline())
        ]
        if staging and kernel:
            break
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert {p.name: p.read_bytes() for p in report.iterdir()} == before
    # The next build cleans the killed build's staging folder and publishes the new report.
    assert build(data, out, "--office", "uji-1", "--year", "2021") == 0
    assert not list(report.parent.glob(".2021-staging-*"))
    assert "Penjabat Ketua" in (report / "laporan-media-sosial-uji-1-2021.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.build
def test_builds_run_on_a_dask_cluster(tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    data = tmp_path / "data"
    names = make_offices(data, 2)
    out = tmp_path / "out"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        code = build(
            data,
            out,
            "--office",
            *names,
            "--year",
            "2021",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert code == 0, capsys.readouterr()
    assert "Ringkasan: 2 dibuat" in capsys.readouterr().out
    for name in names:
        assert (out / name / "2021" / f"laporan-media-sosial-{name}-2021.html").is_file()


def _paths_in(value, found: list) -> list:
    """Every text or path inside a task's arguments (nested in tuples, lists and dicts)."""
    if isinstance(value, str | Path):
        found.append(str(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _paths_in(key, found)
            _paths_in(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _paths_in(item, found)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            _paths_in(getattr(value, name), found)
    return found


@pytest.mark.build
def test_workers_without_the_shared_folders_get_the_files_with_their_tasks(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    data = tmp_path / "data"
    names = make_offices(data, 2)
    (data / names[1] / "followers.csv").write_text(
        "date,platform,followers\n2021-06-30,instagram,1.030\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    sent = []
    submit, scatter = distributed.Client.submit, distributed.Client.scatter

    def watched_submit(self, fn, *args, **kwargs):
        sent.append((fn.__name__, args))
        return submit(self, fn, *args, **kwargs)

    def watched_scatter(self, data, *args, **kwargs):
        sent.append(("scatter", (data,)))
        return scatter(self, data, *args, **kwargs)

    monkeypatch.setattr(distributed.Client, "submit", watched_submit)
    monkeypatch.setattr(distributed.Client, "scatter", watched_scatter)
    jobs = [batch.Job(name, 2021) for name in names]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        outcomes = batch.build_many(
            jobs, data, out, ("html",), scheduler=cluster.scheduler_address, ship=True
        )
        assert [o.status for o in outcomes] == [batch.BUILT, batch.FAILED]
        # the bad office's problem names the file in this machine's data folder
        assert f"{data / names[1] / 'followers.csv'}, baris 2" in outcomes[1].detail
        built = out / names[0] / "2021"
        assert (built / f"laporan-media-sosial-{names[0]}-2021.html").is_file()
        assert (built / ".kpureport-build.json").is_file()  # published whole, with its record
        assert outcomes[0].files == sorted(p for p in built.iterdir() if p.name[0] != ".")
        # each office's files went once, and no task was given a path into the data folder
        assert [name for name, _ in sent] == ["scatter", "run_shipped", "scatter", "run_shipped"]
        assert not [p for p in _paths_in(sent, []) if str(tmp_path) in p]
        # up to date: decided here, nothing shipped again
        sent.clear()
        again = batch.build_many(
            jobs[:1], data, out, ("html",), scheduler=cluster.scheduler_address, ship=True
        )
        assert again[0].status == batch.SKIPPED and sent == []


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys):
    pytest.importorskip("distributed")
    code = build(
        DATA,
        tmp_path,
        "--office",
        KKU,
        "contoh",
        "--year",
        "2021",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    assert code == 1
    assert "Tidak dapat terhubung ke penjadwal Dask tcp://127.0.0.1:9" in capsys.readouterr().err


@pytest.mark.build
def test_all_with_one_broken_office_builds_the_others(tmp_path, capsys):
    data = tmp_path / "data"
    make_offices(data, 2)
    (data / "uji-2" / "profile.yml").write_text("name: [tidak sah\n", encoding="utf-8")
    out = tmp_path / "out"
    code = build(data, out, "--all", "--jobs", "2")
    printed = capsys.readouterr()
    assert code == 1
    assert "Ringkasan: 1 dibuat, 0 dilewati, 1 gagal." in printed.out
    assert "uji-2" in printed.out and "profile.yml, baris" in printed.out
    assert (out / "uji-1" / "2021" / "laporan-media-sosial-uji-1-2021.html").is_file()


def test_a_range_of_years_beyond_the_data_says_which_years_exist(tmp_path, capsys):
    planned = batch.plan(DATA, [KKU], ["2015-2040"], every=False)
    assert planned.jobs == [batch.Job(KKU, 2021)]
    assert planned.notes == [
        f"{KKU}: tidak ada data untuk tahun 2015-2020, 2022-2040; tahun yang tersedia: 2021."
    ]
