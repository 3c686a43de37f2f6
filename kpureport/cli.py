"""Command line: ``kpureport build | rekap | check | inspect | init | notebook``, a thin layer
over the API.

Each command imports what it needs when it runs, so that a lone ``build`` can start its kernel
before the heavier libraries load."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from pathlib import Path

from kpureport.config import DEFAULT_TIMEZONE, FORMATS, KNOWN_FORMATS
from kpureport.errors import Interrupted, KpuReportError, stop_on_signals
from kpureport.ingest import cache

#: The notebooks ``kpureport notebook`` copies out of the package.
NOTEBOOKS = ("eksplorasi", "laporan", "rekap")

#: argparse's own phrases in its error messages, said in Bahasa Indonesia.
_ARGPARSE_WORDS = (
    ("the following arguments are required", "wajib diisi"),
    ("argument ", "argumen "),
    ("invalid choice", "pilihan tidak dikenal"),
    ("choose from", "pilih dari"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("not allowed with argument", "tidak boleh bersama argumen"),
    ("one of the arguments", "salah satu argumen"),
    ("is required", "wajib diisi"),
    ("expected one argument", "perlu satu nilai"),
    ("expected at least one argument", "perlu minimal satu nilai"),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Cara pakai: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking Bahasa Indonesia: usage line, section titles, help and errors."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan petunjuk ini lalu keluar")

    def error(self, message: str) -> None:
        for english, indonesian in _ARGPARSE_WORDS:
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"{self.prog}: perintah tidak lengkap atau salah: {message}\n"
            f"Lihat '{self.prog} --help' untuk petunjuk.\n",
        )


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [f for f in chosen if f not in KNOWN_FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"format tidak dikenal: {', '.join(unknown) or text!r}; pilih dari "
            f"{', '.join(KNOWN_FORMATS)}"
        )
    return chosen


def _years(text: str) -> str:
    """A year, a list or a range; the range's order is checked when the jobs are planned."""
    if not re.fullmatch(r"\d{4}(-\d{4})?(,\d{4}(-\d{4})?)*", text.strip()):
        raise argparse.ArgumentTypeError(
            f"tahun harus empat angka, mis. 2021 atau 2019-2024, bukan {text!r}"
        )
    return text


def _notebook_name(text: str) -> str:
    name = text.strip().lower().removesuffix(".ipynb")
    if name not in NOTEBOOKS:
        raise argparse.ArgumentTypeError(
            f"notebook tidak dikenal: {text!r}; pilih dari {', '.join(NOTEBOOKS)}"
        )
    return name


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat 1 atau lebih, bukan {text!r}")
    return int(text)


def _common(command: argparse.ArgumentParser, out: bool = True, cached: bool = True) -> None:
    command.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder data semua kantor (bawaan: $KPUREPORT_DATA, atau folder data/ terdekat "
        "dari folder kerja ke atas)",
    )
    if cached:
        command.add_argument(
            "--no-cache",
            action="store_true",
            help="baca ulang setiap berkas ekspor, tanpa memakai atau mengisi tembolok hasil "
            "baca di <folder hasil>/.cache",
        )
    if out:
        command.add_argument(
            "--out",
            type=Path,
            default=Path("outputs"),
            help="folder hasil laporan (bawaan: outputs)",
        )
        command.add_argument(
            "--format",
            type=_formats,
            default=FORMATS,
            help="format ekspor, dipisah koma: html, pdf, docx, xlsx (bawaan: html,pdf,xlsx)",
        )


def parser() -> argparse.ArgumentParser:
    root = _Parser(
        prog="kpureport",
        description="Laporan Penggunaan Media Sosial KPU: dari data ke HTML dan PDF.",
    )
    root.add_argument(
        "--version",
        action="version",
        version=_version(),
        help="tampilkan versi kpureport lalu keluar",
    )
    commands = root.add_subparsers(
        dest="command", required=True, metavar="PERINTAH", parser_class=_Parser
    )

    build = commands.add_parser(
        "build",
        help="membuat laporan satu atau banyak kantor dan tahun",
        description="Menjalankan notebook laporan dan mengekspornya. Beberapa kantor dan tahun "
        "dibuat bersamaan; laporan yang masih mutakhir dilewati.",
    )
    build.add_argument(
        "--office",
        nargs="+",
        action="extend",
        default=[],
        help="nama folder kantor, boleh lebih dari satu, mis. kayong-utara",
    )
    build.add_argument(
        "--year",
        nargs="+",
        action="extend",
        default=[],
        type=_years,
        help="tahun laporan: 2021, beberapa tahun, atau rentang 2019-2024",
    )
    build.add_argument(
        "--all",
        action="store_true",
        help="semua kantor (atau kantor yang disebut) dan semua tahun yang ada datanya",
    )
    _common(build)
    build.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        help="jumlah laporan yang dibuat bersamaan (bawaan: jumlah inti prosesor)",
    )
    build.add_argument("--force", action="store_true", help="buat ulang walaupun sudah mutakhir")
    build.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="jalankan di klaster Dask yang sudah ada (perlu kpureport[dask])",
    )

    rekap = commands.add_parser(
        "rekap",
        help="membuat rekap perbandingan beberapa kantor (monev)",
        description="Membandingkan kantor-kantor satu provinsi atau yang disebut, untuk satu tahun.",
    )
    chosen = rekap.add_mutually_exclusive_group(required=True)
    chosen.add_argument(
        "--province", help='nama provinsi pada profil kantor, mis. "Kalimantan Barat"'
    )
    chosen.add_argument("--office", nargs="+", action="extend", help="nama folder kantor")
    rekap.add_argument("--year", required=True, type=_positive, help="tahun rekap, mis. 2021")
    rekap.add_argument(
        "--rubrik",
        type=Path,
        metavar="BERKAS.yml",
        help="rubrik penilaian provinsi (kriteria dan bobot); tanpa ini: rubrik bawaan",
    )
    rekap.add_argument(
        "--nilai-juri",
        type=Path,
        metavar="BERKAS",
        help="tabel nilai juri (.csv atau .xlsx; kolom kantor, kriteria, nilai)",
    )
    rekap.add_argument(
        "--siapkan",
        type=Path,
        metavar="FOLDER",
        help="tulis salinan rubrik bawaan dan templat nilai juri untuk kantor-kantor ini ke "
        "FOLDER, lalu berhenti",
    )
    _common(rekap)

    check = commands.add_parser(
        "check",
        help="memeriksa folder data satu kantor",
        description="Mencantumkan setiap masalah pada data kantor.",
    )
    check.add_argument("--office", required=True, help="nama folder kantor, mis. kayong-utara")
    _common(check, out=False)

    inspect = commands.add_parser(
        "inspect",
        help="menampilkan isi satu berkas ekspor",
        description="Menampilkan apa yang dipahami dari satu berkas.",
    )
    inspect.add_argument("file", type=Path, help="berkas ekspor platform atau formulir")
    inspect.add_argument("--json", action="store_true", help="keluaran sebagai satu objek JSON")
    inspect.add_argument(
        "--office", help="kantor yang zona waktunya dipakai (bawaan: Asia/Jakarta)"
    )
    _common(inspect, out=False)

    init = commands.add_parser(
        "init",
        help="membuat folder data untuk kantor baru",
        description="Membuat profil dan templat tabel untuk kantor baru.",
    )
    init.add_argument("--office", required=True, help="nama folder kantor, mis. kota-pontianak")
    _common(init, out=False, cached=False)

    notebook = commands.add_parser(
        "notebook",
        help="menyalin notebook kpureport (eksplorasi, laporan, rekap) untuk dibuka di Jupyter",
        description="Menyalin notebook bawaan kpureport ke folder yang berisi folder data/, "
        "agar analis dapat membukanya di JupyterLab tanpa salinan kode sumber.",
    )
    notebook.add_argument(
        "name",
        nargs="*",
        type=_notebook_name,
        default=[],
        metavar="NAMA",
        help=f"notebook yang disalin: {', '.join(NOTEBOOKS)} (bawaan: eksplorasi)",
    )
    notebook.add_argument(
        "--to",
        type=Path,
        metavar="FOLDER",
        help="folder tujuan (bawaan: folder yang berisi folder data, atau folder kerja)",
    )
    _common(notebook, out=False, cached=False)
    app = commands.add_parser(
        "app",
        help="membuka halaman staf di peramban (tanpa terminal)",
        description="Menjalankan halaman staf di komputer ini saja (127.0.0.1, dengan token) "
        "dan membukanya di peramban; berhenti dengan Ctrl-C atau tombol Selesai di halaman.",
    )
    _common(app, out=False, cached=False)
    app.add_argument(
        "--out", type=Path, default=Path("outputs"), help="folder hasil laporan (bawaan: outputs)"
    )
    app.add_argument(
        "--no-browser", action="store_true", help="jangan membuka peramban; cetak alamatnya saja"
    )
    return root


#: What each command was doing, for the one line an unexpected failure prints.
_DOING = {
    "build": "membuat laporan",
    "rekap": "membuat rekap",
    "check": "memeriksa data kantor",
    "inspect": "membaca berkas",
    "init": "membuat folder kantor",
    "notebook": "menyalin notebook",
}
LOG_FILE = "kpureport-galat.log"


def _version() -> str:
    from kpureport.version import __version__

    return f"kpureport {__version__}"


def _lighter_imports() -> None:
    """jsonschema (imported by nbformat) builds an IRI grammar when the optional rfc3987-syntax
    is installed, about 0.9 s of every command; no notebook schema checks an IRI, so the
    command line does without it (jsonschema then leaves that one format unchecked)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def main(argv: list[str] | None = None) -> int:
    _lighter_imports()
    args = parser().parse_args(argv)
    commands = {
        "build": _build,
        "rekap": _rekap,
        "check": _check,
        "inspect": _inspect,
        "init": _init,
        "notebook": _notebook,
        "app": _app,
    }
    stop_on_signals()
    try:
        args.data = _data_folder(args)
        with cache.using(_cache_folder(args)):
            return commands[args.command](args)
    except KpuReportError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a defect of kpureport or of the machine: no traceback for a user
        log = _log_failure(args, exc)
        print(
            f"Gagal tak terduga saat {_DOING[args.command]} ({type(exc).__name__}: "
            f"{_one_line(exc)}). Rincian teknis ditulis ke {log}; kirimkan berkas itu kepada "
            "pengelola kpureport.",
            file=sys.stderr,
        )
        return 70  # EX_SOFTWARE
    except Interrupted as exc:
        # The notebook client's tasks end with "kernel died" as the process winds down; asyncio
        # would print each one as an unretrieved task exception under the message below.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        print(
            "Dihentikan: proses dibatalkan; laporan yang sudah ada tidak diubah dan tidak ada "
            "berkas setengah jadi yang ditinggalkan.",
            file=sys.stderr,
        )
        return exc.code


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _log_failure(args: argparse.Namespace, exc: BaseException) -> Path:
    import traceback

    return _log(args, "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


def _log(args: argparse.Namespace, details: str) -> Path:
    """Append ``details`` to ``kpureport-galat.log`` in the output folder (the working
    folder for commands without one; the system's temporary folder when neither can be
    written); returns the file written."""
    import datetime as dt
    import tempfile

    from kpureport.version import __version__

    entry = (
        f"=== {dt.datetime.now().astimezone().isoformat(timespec='seconds')} kpureport "
        f"{__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
        f"perintah: {args.command} {vars(args)}\n{details}"
    )
    folder = getattr(args, "out", None) or Path.cwd()
    for place in (Path(folder), Path(tempfile.gettempdir())):
        path = (place / LOG_FILE).resolve()
        try:
            place.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(entry)
            return path
        except OSError:
            continue
    return Path(tempfile.gettempdir()) / LOG_FILE


def _cache_folder(args: argparse.Namespace) -> Path | None:
    """Parsed exports are kept under the output folder (``outputs/.cache`` by default); for a
    command that writes no report (``check``, ``inspect``), under the ``outputs`` beside the
    data folder, or, for a lone file, in the user's cache folder: never where the command
    happens to run."""
    if not hasattr(args, "no_cache") or args.no_cache:
        return None
    if getattr(args, "out", None):
        return Path(args.out) / cache.CACHE_DIR
    if args.data:
        return Path(args.data).resolve().parent / "outputs" / cache.CACHE_DIR
    return cache.user_folder()


def _data_folder(args: argparse.Namespace) -> Path | None:
    """The data folder by the one rule (``--data``, ``$KPUREPORT_DATA``, the nearest data/);
    ``init`` may create it, and ``inspect`` of a lone file needs none."""
    from kpureport.errors import OfficeNotFoundError
    from kpureport.ingest.folders import data_folder

    if args.command == "inspect" and not args.office:
        return args.data
    if args.command in ("init", "notebook", "app"):
        try:
            return data_folder(args.data)
        except OfficeNotFoundError:
            return Path(args.data or "data").resolve()
    return data_folder(args.data)


def _lone_report(args: argparse.Namespace) -> bool:
    """One office and one year: its kernel can start before anything else is loaded."""
    return (
        not args.all
        and not args.scheduler
        and len(args.office) == 1
        and len(args.year) == 1
        and args.year[0].isdigit()
    )


def _build(args: argparse.Namespace) -> int:
    kernel = None
    try:
        if _lone_report(args):
            from kpureport.config import notebook_path
            from kpureport.engine.kernel import Kernel

            kernel = Kernel(notebook_path().parent)  # boots while the libraries below load
        from kpureport.engine import batch

        planned = batch.plan(args.data, args.office, args.year, args.all)
    except BaseException:
        if kernel is not None:
            kernel.close()
        raise
    for note in planned.notes:
        print(f"Catatan: {note}", file=sys.stderr)
    if not planned.jobs and not planned.failed:
        print("Tidak ada laporan yang perlu dibuat: tidak ada data untuk pilihan ini.")
        return 0
    outcomes = planned.failed + batch.build_many(
        planned.jobs,
        args.data,
        args.out,
        args.format,
        force=args.force,
        workers=args.jobs,
        scheduler=args.scheduler,
        progress=len(planned.jobs) > 1,
        kernel=kernel,
    )
    for outcome in outcomes:
        for warning in outcome.warnings:
            print(
                f"Peringatan ({outcome.job.office} {outcome.job.year}): {warning}", file=sys.stderr
            )
    traces = [f"{o.job.office} {o.job.year}:\n{o.trace}" for o in outcomes if o.trace]
    if traces:
        log = _log(args, "\n".join(traces))
        print(
            f"Kegagalan tak terduga pada {len(traces)} laporan; rincian teknis ditulis ke {log}; "
            "kirimkan berkas itu kepada pengelola kpureport.",
            file=sys.stderr,
        )
    if len(outcomes) == 1:
        return _single(outcomes[0])
    print(batch.summary(outcomes))
    return 1 if any(o.status in (batch.FAILED, batch.PARTIAL) for o in outcomes) else 0


def _single(outcome) -> int:
    from kpureport.engine import batch

    if outcome.status == batch.FAILED:
        print(f"Gagal: {outcome.detail}", file=sys.stderr)
        return 1
    if outcome.status == batch.SKIPPED:
        print(
            "Laporan sudah mutakhir (data, notebook, dan templat tidak berubah sejak dibuat); "
            "gunakan --force untuk membuat ulang:"
        )
    elif outcome.status == batch.PARTIAL:
        print("Laporan dibuat sebagian:")
    else:
        print("Laporan selesai:")
    for path in outcome.files:
        print(f"  {path}")
    if outcome.status == batch.PARTIAL:
        print(f"Gagal: {outcome.detail}", file=sys.stderr)
        return 1
    return 0


def _rekap(args: argparse.Namespace) -> int:
    from kpureport.engine.build import build_rollup
    from kpureport.scaffold import rollup_templates

    if args.siapkan:
        written = rollup_templates(args.siapkan, args.data, args.province, args.office, args.rubrik)
        print(f"Templat rekap ditulis ke {args.siapkan}:")
        for path in written:
            print(f"  {path}")
        return 0
    result = build_rollup(
        args.data,
        args.out,
        args.year,
        province=args.province,
        offices=args.office,
        formats=args.format,
        rubric=args.rubrik,
        jury=args.nilai_juri,
    )
    print("Rekap dibuat sebagian:" if result.failed or result.left_out else "Rekap selesai:")
    for path in result.files:
        print(f"  {path}")
    for name, reason in result.failed.items():
        print(f"Gagal: {name.upper()} tidak dibuat: {reason}", file=sys.stderr)
    for reason in result.left_out:
        print(f"Tidak termasuk dalam rekap: {reason}", file=sys.stderr)
    return 1 if result.failed or result.left_out else 0


def _check(args: argparse.Namespace) -> int:
    from kpureport.ingest.load import check_office

    problems, notes = check_office(args.data, args.office)
    if notes:
        print(f"Catatan ({len(notes)}), tidak menghentikan pembuatan laporan:")
        for note in notes:
            print(f"  - {note}")
    if not problems:
        print(f"Data kantor '{args.office}' di {args.data / args.office} tidak bermasalah.")
        return 0
    print(f"Ditemukan {len(problems)} masalah pada data kantor '{args.office}':")
    for problem in problems:
        print(f"  - {problem}")
    return 1


def _inspect(args: argparse.Namespace) -> int:
    from kpureport.ingest import readers
    from kpureport.ingest.load import load_profile, office_dir, reader_settings

    timezone, column, settings = DEFAULT_TIMEZONE, None, {}
    if args.office:  # read as the office's report reads it
        profile = load_profile(office_dir(args.data, args.office))
        timezone, column = profile.timezone, profile.feedback_column
        settings = reader_settings(profile)
    exports = cache.read_exports(args.file, timezone, column, **settings)
    summaries = [readers.summary(e, timezone) for e in exports]
    if args.json:
        shown = summaries[0] if len(summaries) == 1 else summaries
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    for found in summaries:
        _print_summary(found, timezone)
    return 0


def _print_summary(found: dict, timezone: str) -> None:
    from kpureport import formatting as fmt

    print(f"Berkas   : {found['file']}")
    print(f"Format   : {found['title']} ({found['format']})")
    print(f"Platform : {found['platform'] or '-'}")
    print(f"Baris    : {found['rows']}")
    print(f"Periode  : {found['start']} s.d. {found['end']} ({timezone})")
    if found["downloaded"]:
        print(f"Diunduh  : {found['downloaded']} (menurut nama berkas)")
    if found["timed_posts"] is not None:
        print(f"Berjam   : {found['timed_posts']} dari {found['rows']} baris mencatat jam terbit")
    for metric, value in found["totals"].items():
        print(f"  {metric:<17}{fmt.number(value, 0 if float(value).is_integer() else 2)}")
    if found["repeated_columns"]:
        print(
            f"Kolom ganda ({len(found['repeated_columns'])} nama ditulis lebih dari sekali; "
            "yang dibaca adalah kolom pertama, data kolom lainnya tidak bergeser):"
        )
        for name, positions in found["repeated_columns"].items():
            where = ", ".join(map(str, positions))
            print(f"  {name} (kolom {where})")


def _init(args: argparse.Namespace) -> int:
    from kpureport import scaffold

    for path in scaffold.create_office(args.data, args.office):
        print(f"  {path}")
    print(
        f"Folder kantor '{args.office}' dibuat. Isi profile.yml, lalu tabel-tabelnya; periksa "
        f"dengan: kpureport check --office {args.office}"
    )
    return 0


def _notebook(args: argparse.Namespace) -> int:
    """Copy the package's notebooks next to the data folder; a file already there is kept."""
    import shutil

    from kpureport.config import notebook_path

    folder = args.to or (args.data.parent if args.data.is_dir() else Path.cwd())
    folder.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for name in dict.fromkeys(args.name or ["eksplorasi"]):
        target = folder / f"{name}.ipynb"
        if target.exists():
            kept.append(target)
        else:
            shutil.copyfile(notebook_path(name), target)
            copied.append(target)
    for path in copied:
        print(f"  {path}")
    for path in kept:
        print(f"Sudah ada, tidak ditimpa: {path}")
    print(
        "Buka dengan JupyterLab (pip install 'kpureport[lab]'), mis.: "
        f"python -m jupyterlab {(copied or kept)[0].name}  (dari folder {folder})"
    )
    return 0


def _app(args: argparse.Namespace) -> int:
    from kpureport.app import server

    return server.serve(args.data, args.out, open_browser=not args.no_browser)
