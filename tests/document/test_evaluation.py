"""The parts an office is evaluated on, in the demo report as built, each figure computed here
again from the demo's own files; and the staff tables' bad input refused with its row."""

import base64
import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from kpureport.document.report import Report
from kpureport.errors import DataError
from kpureport.ingest.load import load_report_data

from ..conftest import DATA
from ..tables import tables as keyed_tables

DEMO = DATA / "contoh"


def _rows(name: str) -> list[dict]:
    with (DEMO / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def html(built_demo) -> str:
    return next(built_demo.glob("*.html")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tables(html) -> dict:
    return keyed_tables(html)


def test_targets_table_shows_realisation_and_achievement_from_the_data(tables):
    table = {r[1]: r for r in tables["target"][1:]}
    # Instagram followers on 31 Dec 2024 in followers.csv, against the target of 70.000
    counted = next(
        int(r["pengikut"])
        for r in _rows("followers.csv")
        if r["tanggal"] == "2024-12-31" and r["platform"] == "instagram"
    )
    row = table["Jumlah pengikut akhir tahun Instagram"]
    assert row[2:] == [
        "70.000",
        f"{counted:,}".replace(",", "."),
        "94,3%",
        "Belum tercapai",
        "Sangat Tinggi",
    ]
    assert round(counted * 100 / 70000, 1) == 94.3
    # Polls: distinct questions of 2024 in polls.csv, against 4
    polls = {
        (r["tanggal"], r["pertanyaan"]) for r in _rows("polls.csv") if r["tanggal"][:4] == "2024"
    }
    assert table["Jumlah polling"][3:] == [str(len(polls)), "75,0%", "Belum tercapai", "Sedang"]
    # Answered within 24 hours, of all questions received in 2024, against 80%
    received = [r for r in _rows("questions.csv") if r["diterima"][:4] == "2024"]
    fast = sum(
        1
        for r in received
        if r["dijawab"]
        and dt.datetime.fromisoformat(r["dijawab"]) - dt.datetime.fromisoformat(r["diterima"])
        <= dt.timedelta(hours=24)
    )
    share = fast * 100 / len(received)
    row = table["Pertanyaan dan pengaduan dijawab dalam 1 \u00d7 24 jam"]
    assert row[3] == f"{share:.2f}%".replace(".", ",")
    assert row[5] == ("Tercapai" if share >= 80 else "Belum tercapai")
    assert row[6] == ("Sangat Tinggi" if share * 100 / 80 >= 91 else "Tinggi")


def test_responsiveness_per_channel_and_clarifications(tables):
    times = tables["respons"]
    received = [r for r in _rows("questions.csv") if r["diterima"][:4] == "2024"]
    total = times[-1]
    assert total[0] == "Semua kanal"
    assert total[1:3] == [str(len(received)), str(sum(1 for r in received if r["dijawab"]))]
    hours = sorted(
        (dt.datetime.fromisoformat(r["dijawab"]) - dt.datetime.fromisoformat(r["diterima"]))
        / dt.timedelta(hours=1)
        for r in received
        if r["dijawab"]
    )
    middle = len(hours) // 2
    median = hours[middle] if len(hours) % 2 else (hours[middle - 1] + hours[middle]) / 2
    assert total[3] == f"{median:.1f}".replace(".", ",")
    clarified = tables["klarifikasi"][1:]
    assert len(clarified) == sum(
        1 for r in _rows("clarifications.csv") if r["tanggal"][:4] == "2024"
    )


def test_stage_table_counts_posts_per_day_inside_the_campaign(tables):
    rows = {r[0]: r for r in tables["tahapan"][1:]}
    campaign = rows["Masa kampanye Pemilu Tahun 2024"]
    # PKPU 3/2022: the campaign ran to 10 February 2024: 41 days of 2024
    assert campaign[1] == "1 Januari 2024\u201310 Februari 2024" and campaign[2] == "41"
    report = Report.load("contoh", 2024, DATA)
    days = report.figures.year_posts["published"].dt.date
    inside = ((days >= dt.date(2024, 1, 1)) & (days <= dt.date(2024, 2, 10))).sum()
    assert campaign[3] == str(inside)
    assert campaign[4] == f"{inside / 41:.2f}".replace(".", ",")  # two decimals, as compared
    assert "Pemungutan suara ulang di TPS 03 Desa Contoh" in rows  # the office's own event
    assert rows["Di luar tahapan"][0] == "Di luar tahapan"


def test_time_charts_mark_the_stages(html):
    figures = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    svgs = [base64.b64decode(f).decode("utf-8") for f in figures]
    marked = [s for s in svgs if "Masa kampanye" in s and "Hari pemungutan suara" in s]
    assert len(marked) >= 2  # posts per month and interactions per day
    # Coordinates are drawing, not text: none is taken for a phone number and cut out
    assert not [s for s in svgs if "dihapus]" in s]


def test_year_on_year_gives_both_years(tables):
    table = {r[0]: r for r in tables["tahun-lalu"][1:]}
    feedback = {
        y: sum(1 for r in _rows("feedback.csv") if r["tanggal"][:4] == str(y)) for y in (2023, 2024)
    }
    forms = {
        y: sum(
            1
            for _ in csv.reader(
                (DEMO / "exports" / f"Formulir Kritik dan Saran {y} (Jawaban).csv").open(
                    encoding="utf-8"
                )
            )
        )
        - 1
        for y in (2023, 2024)
    }
    row = table["Jumlah masukan masyarakat"]
    assert row[1:3] == [str(feedback[2023] + forms[2023]), str(feedback[2024] + forms[2024])]
    assert any(k.startswith("Tingkat interaksi Instagram dari jangkauan") for k in table)
    assert "bulanan-instagram" in tables  # the monthly comparison in the appendix


def test_pillar_table_counts_every_post_once_and_the_staff_override(tables):
    rows = tables["pilar"][1:]
    total = sum(int(r[1].replace(".", "")) for r in rows)
    types = tables["jenis"][1:]
    assert total == sum(int(r[2].replace(".", "")) for r in types)
    assert {r[0] for r in rows} >= {"Sosialisasi tahapan", "Kegiatan kelembagaan", "Lainnya"}


@pytest.fixture
def office(tmp_path) -> Path:
    folder = tmp_path / "data" / "contoh"
    shutil.copytree(DEMO, folder)
    return folder


@pytest.mark.parametrize(
    ("name", "text", "column", "expected"),
    [
        (
            "stages.csv",
            "mulai,selesai,tahapan\n2024-12-07,2024-12-01,PSU\n",
            "selesai",
            "sesudah 'mulai'",
        ),
        (
            "questions.csv",
            "diterima,dijawab,kanal\n2024-03-01 10:00,2024-03-01 09:00,WhatsApp\n",
            "dijawab",
            "sesudah 'diterima'",
        ),
        (
            "questions.csv",
            "diterima,dijawab,kanal\n2024-13-01,,WhatsApp\n",
            "diterima",
            "tanggal dengan atau tanpa jam",
        ),
        (
            "pillars.csv",
            "platform,id_unggahan,pilar\ninstagram,1,humor\n",
            "pilar",
            "sosialisasi_tahapan",
        ),
        (
            "targets.csv",
            "tahun,indikator,platform,target\n2024,likes,,10\n",
            "indikator",
            "tingkat_interaksi",
        ),
        (
            "targets.csv",
            "tahun,indikator,platform,target\n2024,unggahan,,-5\n",
            "target",
            "angka lebih dari 0",
        ),
    ],
)
def test_bad_rows_are_refused_by_row_and_column(office, name, text, column, expected):
    (office / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_report_data(office.parent, "contoh", 2024)
    problems = [p for p in caught.value.problems if p.path.name == name]
    assert problems and problems[0].row == 2 and problems[0].column == column
    assert expected in problems[0].expected


def test_a_scale_whose_levels_do_not_descend_is_refused(office):
    (office / "capaian.yml").write_text(
        "kategori:\n  - min: 50\n    nama: Baik\n  - min: 80\n    nama: Kurang\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_report_data(office.parent, "contoh", 2024)
    assert any("lebih kecil" in p.expected for p in caught.value.problems)


def test_an_office_scale_changes_the_category(office):
    (office / "capaian.yml").write_text(
        "sumber: Skala kantor\nkategori:\n  - min: 100\n    nama: Tercapai\n"
        "  - min: 0\n    nama: Belum tercapai\n",
        encoding="utf-8",
    )
    report = Report(load_report_data(office.parent, "contoh", 2024))
    categories = set(report.figures.achievement["category"].dropna())
    assert categories == {"Tercapai", "Belum tercapai"}


def test_absent_tables_leave_their_sections_out(office):
    for name in ("targets.csv", "questions.csv", "clarifications.csv"):
        (office / name).unlink()
    report = Report(load_report_data(office.parent, "contoh", 2024))
    assert str(report.targets_section()) == "" and str(report.responsiveness_section()) == ""
