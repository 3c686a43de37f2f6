"""Command line: ``kpureport build``, ``kpureport check``. A thin layer over the Python API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpureport.build import FORMATS, build_report
from kpureport.errors import KpuReportError
from kpureport.load import check_office


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
    return root


def _version() -> str:
    from kpureport import __version__

    return f"kpureport {__version__}"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        return _check(args)
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
