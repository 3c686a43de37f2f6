"""Command line: ``kpureport build | check | inspect | init``. A thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kpureport import formatting as fmt
from kpureport import readers, scaffold
from kpureport.build import FORMATS, build_report
from kpureport.config import DEFAULT_TIMEZONE
from kpureport.errors import KpuReportError
from kpureport.load import check_office, load_profile, office_dir


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors introduced in Bahasa Indonesia."""

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"{self.prog}: perintah tidak lengkap atau salah: {message}\n"
            f"Lihat '{self.prog} --help' untuk petunjuk.\n",
        )


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"format tidak dikenal: {', '.join(unknown) or text!r}; pilih dari {', '.join(FORMATS)}"
        )
    return chosen


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"tahun harus empat angka, mis. 2021, bukan {text!r}")
    return int(text)


def parser() -> argparse.ArgumentParser:
    root = _Parser(
        prog="kpureport",
        description="Laporan Penggunaan Media Sosial KPU: dari data ke HTML dan PDF.",
    )
    root.add_argument("--version", action="version", version=_version())
    commands = root.add_subparsers(
        dest="command", required=True, metavar="PERINTAH", parser_class=_Parser
    )

    build = commands.add_parser(
        "build",
        help="membuat laporan satu kantor untuk satu tahun",
        description="Menjalankan notebook laporan dan mengekspornya.",
    )
    build.add_argument("--office", required=True, help="nama folder kantor, mis. kayong-utara")
    build.add_argument("--year", required=True, type=_year, help="tahun laporan, mis. 2021")
    build.add_argument(
        "--data", type=Path, default=Path("data"), help="folder data semua kantor (bawaan: data)"
    )
    build.add_argument(
        "--out", type=Path, default=Path("outputs"), help="folder hasil laporan (bawaan: outputs)"
    )
    build.add_argument(
        "--format",
        type=_formats,
        default=FORMATS,
        help="format ekspor, dipisah koma (bawaan: html,pdf)",
    )

    check = commands.add_parser(
        "check",
        help="memeriksa folder data satu kantor",
        description="Mencantumkan setiap masalah pada data kantor.",
    )
    check.add_argument("--office", required=True, help="nama folder kantor, mis. kayong-utara")
    check.add_argument(
        "--data", type=Path, default=Path("data"), help="folder data semua kantor (bawaan: data)"
    )

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
    inspect.add_argument(
        "--data", type=Path, default=Path("data"), help="folder data semua kantor (bawaan: data)"
    )

    init = commands.add_parser(
        "init",
        help="membuat folder data untuk kantor baru",
        description="Membuat profil dan templat tabel untuk kantor baru.",
    )
    init.add_argument("--office", required=True, help="nama folder kantor, mis. kayong-utara")
    init.add_argument(
        "--data", type=Path, default=Path("data"), help="folder data semua kantor (bawaan: data)"
    )
    return root


def _version() -> str:
    from kpureport import __version__

    return f"kpureport {__version__}"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return {"build": _build, "check": _check, "inspect": _inspect, "init": _init}[args.command](
            args
        )
    except KpuReportError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    print(f"Membuat laporan {args.office} tahun {args.year}...", file=sys.stderr)
    result = build_report(args.office, args.year, args.data, args.out, args.format)
    for warning in result.warnings:
        print(f"Peringatan: {warning}", file=sys.stderr)
    print("Laporan selesai:")
    for path in result.files:
        print(f"  {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    problems = check_office(args.data, args.office)
    if not problems:
        print(f"Data kantor '{args.office}' di {args.data / args.office} tidak bermasalah.")
        return 0
    print(f"Ditemukan {len(problems)} masalah pada data kantor '{args.office}':")
    for problem in problems:
        print(f"  - {problem}")
    return 1


def _inspect(args: argparse.Namespace) -> int:
    timezone, column = DEFAULT_TIMEZONE, None
    if args.office:
        profile = load_profile(office_dir(args.data, args.office))
        timezone, column = profile.timezone, profile.feedback_column
    found = readers.summary(readers.read_export(args.file, timezone, column))
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    print(f"Berkas   : {found['file']}")
    print(f"Format   : {found['title']} ({found['format']})")
    print(f"Platform : {found['platform'] or '-'}")
    print(f"Baris    : {found['rows']}")
    print(f"Periode  : {found['start']} s.d. {found['end']} ({timezone})")
    for metric, value in found["totals"].items():
        print(f"  {metric:<17}{fmt.number(value, 0 if float(value).is_integer() else 2)}")
    return 0


def _init(args: argparse.Namespace) -> int:
    for path in scaffold.create_office(args.data, args.office):
        print(f"  {path}")
    print(
        f"Folder kantor '{args.office}' dibuat. Isi profile.yml, lalu tabel-tabelnya; periksa "
        f"dengan: kpureport check --office {args.office}"
    )
    return 0
