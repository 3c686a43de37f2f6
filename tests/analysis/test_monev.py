"""The monev rubric of the roll-up over the demo offices of Kalimantan Barat, 2024: raw values
recomputed here from the offices' own files, scores and ranks computed by hand, a weight
changed and the ranking following, ties said as ties, and bad rubrics and jury tables refused
with what is wrong."""

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from kpureport.analysis import monev
from kpureport.cli import main
from kpureport.config import TEMPLATES_DIR
from kpureport.document.rollup import Rollup
from kpureport.errors import DataError

from ..conftest import DATA

PROVINCE = "Kalimantan Barat"
JURY = DATA / "_rekap" / "kalimantan-barat" / "nilai-juri.csv"
OFFICES = ["contoh", "contoh-hulu", "contoh-pesisir", "kota-contoh"]


@pytest.fixture(scope="module")
def rollup() -> Rollup:
    return Rollup.load(2024, DATA, offices=OFFICES, jury=JURY)


def _rubric(tmp_path: Path, change) -> Path:
    """The shipped rubric with ``change`` applied to its parsed YAML, written to a file."""
    raw = yaml.safe_load((TEMPLATES_DIR / "monev.yml").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "monev.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _weeks_from_export(path: Path) -> int:
    """Weeks of 2024 (seven days from 1 January, the last days in week 52) with a post, read
    straight from a Meta Business Suite export (Publish time in US Pacific time)."""
    weeks = set()
    with path.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            pacific = pd.Timestamp(dt.datetime.strptime(row["Publish time"], "%m/%d/%Y %H:%M"))
            local = pacific.tz_localize("America/Los_Angeles", ambiguous=True).tz_convert(
                "Asia/Pontianak"
            )
            if local.year == 2024:
                weeks.add(min((local.day_of_year - 1) // 7, 51))
    return len(weeks)


def test_raw_values_come_from_the_offices_files(rollup):
    table = rollup.table.set_index("office")
    # Contoh Pesisir: Facebook and Instagram exports; X and YouTube accounts without posts
    folder = DATA / "contoh-pesisir" / "exports"
    shares = [
        _weeks_from_export(folder / f"{p}-2024.csv") * 100 / 52 for p in ("facebook", "instagram")
    ]
    assert table.at["contoh-pesisir", "konsistensi"] == pytest.approx(sum(shares) / 4)
    # Contoh Hulu: four of the six official channels in its profile
    assert table.at["contoh-hulu", "kehadiran"] == pytest.approx(4 * 100 / 6)
    # answered within 1x24 hours, from its questions table
    with (DATA / "contoh-hulu" / "questions.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["diterima"].startswith("2024")]
    fast = sum(
        dt.datetime.fromisoformat(r["dijawab"]) - dt.datetime.fromisoformat(r["diterima"])
        <= dt.timedelta(hours=24)
        for r in rows
    )
    assert table.at["contoh-hulu", "responsivitas"] == pytest.approx(fast * 100 / len(rows))
    # Contoh Pesisir keeps no questions table: not scored on it ("lewati")
    assert pd.isna(table.at["contoh-pesisir", "responsivitas"])
    # follower growth of the accounts counted both years, from followers.csv
    with (DATA / "kota-contoh" / "followers.csv").open(encoding="utf-8") as handle:
        counts = {
            (r["tanggal"][:4], r["platform"]): int(r["pengikut"]) for r in csv.DictReader(handle)
        }
    before = sum(v for (y, _), v in counts.items() if y == "2023")
    after = sum(v for (y, _), v in counts.items() if y == "2024")
    assert table.at["kota-contoh", "pertumbuhan"] == pytest.approx((after - before) * 100 / before)


def _by_hand(table: pd.DataFrame, weights: dict[str, float], jury: dict) -> dict[str, float]:
    """Totals by the rubric's rule, written out: shares as they are, growth and engagement
    against the best office, "responsivitas" left out where missing, juried scores as typed."""
    best = {k: table[k].max() for k in ("pertumbuhan", "interaksi")}
    totals = {}
    for _, r in table.iterrows():
        scores = {
            "konsistensi": r["konsistensi"],
            "pertumbuhan": max(r["pertumbuhan"], 0) * 100 / best["pertumbuhan"],
            "interaksi": r["interaksi"] * 100 / best["interaksi"],
            "kehadiran": r["kehadiran"],
            "responsivitas": r["responsivitas"],
            "konten": jury[r["office"]][0],
            "desain": jury[r["office"]][1],
        }
        counted = {k: w for k, w in weights.items() if not pd.isna(scores[k])}
        totals[r["office"]] = sum(scores[k] * w for k, w in counted.items()) / sum(counted.values())
    return totals


def _jury() -> dict:
    scores: dict = {}
    with JURY.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            scores.setdefault(row["kantor"], {})[row["kriteria"]] = float(row["nilai"])
    return {office: (s["konten"], s["desain"]) for office, s in scores.items()}


def _order(totals: dict[str, float]) -> list[str]:
    return sorted(totals, key=lambda office: -totals[office])


def test_changing_one_weight_changes_the_ranking_as_computed_by_hand(rollup, tmp_path):
    weights = {c.code: c.weight for c in monev.default_rubric().criteria}
    shipped = _by_hand(rollup.table, weights, _jury())
    assert list(rollup.scores["office"]) == _order(shipped)
    scores = rollup.scores.set_index("office")
    for office, total in shipped.items():
        assert scores.at[office, "total"] == pytest.approx(total)

    # engagement weighs 45 instead of 15 (and the declared total follows: 130)
    def heavier(raw):
        raw["jumlah_bobot"] = 130
        next(c for c in raw["kriteria"] if c["kode"] == "interaksi")["bobot"] = 45

    changed = Rollup.load(2024, DATA, offices=OFFICES, rubric=_rubric(tmp_path, heavier), jury=JURY)
    expected = _order(_by_hand(changed.table, weights | {"interaksi": 45}, _jury()))
    assert list(changed.scores["office"]) == expected
    assert expected != _order(shipped)  # the weight moved the offices
    assert changed.scores.iloc[0]["office"] == "contoh-pesisir"  # the best engagement, now first


def test_rank_without_the_juried_part_is_given_beside(rollup):
    weights = {c.code: c.weight for c in monev.default_rubric().measured}
    no_jury = {o: (float("nan"), float("nan")) for o in OFFICES}
    by_data = _by_hand(rollup.table, weights | {"konten": 10, "desain": 10}, no_jury)
    scores = rollup.scores.set_index("office")
    for office, total in by_data.items():
        assert scores.at[office, "total_data"] == pytest.approx(total)
    ranked = _order(by_data)
    assert [int(scores.at[o, "rank_data"]) for o in ranked] == [1, 2, 3, 4]
    html = rollup.rubric_section().html
    assert "Peringkat tanpa juri" in html and "Nilai tanpa juri" in html


def test_equal_totals_are_stated_as_a_tie(tmp_path):
    # presence alone: Contoh Hulu and Contoh Pesisir both have four of the six channels
    def presence_only(raw):
        raw["kriteria"] = [{"kode": "kehadiran", "nama": "Kehadiran di kanal resmi", "bobot": 100}]

    rollup = Rollup.load(2024, DATA, offices=OFFICES, rubric=_rubric(tmp_path, presence_only))
    scores = rollup.scores.set_index("office")
    assert scores.loc[["contoh-hulu", "contoh-pesisir"], "rank"].tolist() == [3, 3]
    assert scores.loc[["contoh-hulu", "contoh-pesisir"], "tied"].all()
    html = rollup.rubric_section().html
    assert html.count("3 (seri)") == 2
    assert (
        "KPU Kabupaten Contoh Hulu dan KPU Kabupaten Contoh Pesisir memperoleh nilai akhir yang "
        "sama (66,67) sehingga sama-sama berada di peringkat 3." in html
    )


def test_without_jury_scores_the_total_is_from_the_data_and_says_so():
    rollup = Rollup.load(2024, DATA, offices=OFFICES)
    html = rollup.rubric_section().html
    assert "Nilai juri untuk kriteria Kualitas konten dan Desain belum diisi" in html
    assert "Peringkat tanpa juri" not in html
    assert (rollup.scores["total"] == rollup.scores["total_data"]).all()


@pytest.mark.parametrize(
    ("change", "column", "found"),
    [
        (lambda raw: raw.update(jumlah_bobot=90), "bobot", "jumlah bobot 100 ("),
        (lambda raw: raw["kriteria"][0].update(bobot=-5), "kriteria 1: bobot", "-5"),
        (lambda raw: raw["kriteria"][1].update(kode="viral"), "kriteria 2: kode", "viral"),
        (lambda raw: raw["kriteria"][4].update(tanpa_data="abaikan"), "tanpa_data", "abaikan"),
        (
            lambda raw: raw["kriteria"][5].update(kode="konsistensi"),
            "kriteria 6: kode",
            "konsistensi",
        ),
        (
            lambda raw: raw.update(kanal_resmi=["instagram", "friendster"]),
            "kanal_resmi",
            "friendster",
        ),
    ],
)
def test_a_wrong_rubric_is_refused_saying_what_is_wrong(tmp_path, change, column, found):
    path = _rubric(tmp_path, change)
    with pytest.raises(DataError) as caught:
        monev.read_rubric(path)
    problem = caught.value.problems[0]
    assert problem.path == path and problem.column.endswith(column) and found in problem.found


def test_weights_that_do_not_sum_as_declared_stop_rekap_before_any_kernel(tmp_path, capsys):
    path = _rubric(tmp_path, lambda raw: raw["kriteria"][0].update(bobot=30))
    code = main(
        [
            *("rekap", "--province", PROVINCE, "--year", "2024", "--data", str(DATA)),
            *("--out", str(tmp_path / "out"), "--rubrik", str(path)),
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "jumlah bobot 105 (30 + 15 + 15 + 15 + 10 + 10 + 10)" in err, err
    assert "jumlah bobot 100 seperti tertulis pada 'jumlah_bobot'" in err
    assert not (tmp_path / "out" / "rekap").exists()


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        ("kota-lain,konten,80", "kantor", "salah satu dari: contoh, contoh-hulu"),
        ("contoh,kreativitas,80", "kriteria", "salah satu dari: konten, desain"),
        ("contoh,konten,120", "nilai", "nilai dari 0 sampai 100"),
    ],
)
def test_a_wrong_jury_row_is_refused_with_its_row(tmp_path, row, column, expected):
    path = tmp_path / "nilai-juri.csv"
    lines = JURY.read_text(encoding="utf-8").splitlines()
    assert lines[8] == "kota-contoh,desain,80"
    path.write_text("\n".join([*lines[:8], row]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Rollup.load(2024, DATA, offices=OFFICES, jury=path)
    assert any(
        (p.row, p.column) == (9, column) and expected in p.expected for p in caught.value.problems
    )


def test_a_jury_table_lacking_an_office_says_which(tmp_path):
    path = tmp_path / "nilai-juri.csv"
    lines = JURY.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(line for line in lines if not line.startswith("kota-contoh,desain")) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=re.escape("tidak ada nilai untuk kota-contoh (desain)")):
        Rollup.load(2024, DATA, offices=OFFICES, jury=path)


def test_prepare_writes_the_rubric_and_a_jury_table_to_fill(tmp_path, capsys):
    folder = tmp_path / "monev"
    args = [
        "rekap",
        "--office",
        *OFFICES,
        "--year",
        "2024",
        "--data",
        str(DATA),
        "--siapkan",
        str(folder),
    ]
    assert main(args) == 0
    assert (folder / "monev.yml").read_bytes() == (TEMPLATES_DIR / "monev.yml").read_bytes()
    with (folder / "nilai-juri.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["kantor"], r["kriteria"]) for r in rows} == {
        (o, c) for o in OFFICES for c in ("konten", "desain")
    }
    assert all(r["nilai"] == "" for r in rows)
    assert main(args) == 1  # never overwrites what the province may have filled
    assert "tidak ditimpa" in capsys.readouterr().err


def test_the_kernel_side_never_loads_the_build_machinery():
    """The report and roll-up kernels import what they compute with, not papermill, nbconvert
    or the browser: those belong to the process that builds and publishes."""
    import subprocess
    import sys

    code = (
        "import sys, kpureport.document.rollup, kpureport.document.report; "
        "print(sorted(m for m in ('papermill', 'nbconvert', 'playwright', 'kpureport.engine.build', "
        "'kpureport.engine.batch') if m in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
