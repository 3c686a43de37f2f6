"""The office's rule files, read by the ingest stage: content pillars extend the shipped
ones, a scale replaces the default, and a wrong file names what is wrong."""

import pytest

from kpureport.errors import DataError
from kpureport.ingest import rules


def test_without_an_office_file_the_shipped_pillars_and_scale_apply(tmp_path):
    shipped = rules.load_pillars()
    assert [p.key for p in rules.load_pillars(tmp_path)] == [p.key for p in shipped]
    assert rules.load_scale(tmp_path) is rules.default_scale()
    assert rules.known(shipped)[-1] == rules.OTHER


def test_an_office_extends_a_pillar_and_adds_its_own(tmp_path):
    (tmp_path / "pillars.yml").write_text(
        "pillars:\n"
        "  sosialisasi_tahapan:\n    words: [coklit]\n"
        "  budaya_lokal:\n    label: budaya lokal\n    words: [pantun, tari daerah]\n"
        "    hashtags: ['#kayongberbudaya']\n",
        encoding="utf-8",
    )
    pillars = {p.key: p for p in rules.load_pillars(tmp_path)}
    assert "coklit" in pillars["sosialisasi_tahapan"].words
    local = pillars["budaya_lokal"]
    assert local.label == "budaya lokal" and local.words == {"pantun"}
    assert local.phrases == {("tari", "daerah")} and local.hashtags == {"kayongberbudaya"}


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("pillars:\n  Lainnya:\n    words: [x]\n", "Lainnya"),
        ("pillars:\n  edukasi:\n    kata: [x]\n", "edukasi"),
        ("pillars:\n  edukasi:\n    words: pemilu\n", "edukasi.words"),
    ],
)
def test_a_wrong_pillar_rule_is_refused_by_name(tmp_path, text, column):
    (tmp_path / "pillars.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        rules.load_pillars(tmp_path)
    assert [p.column for p in caught.value.problems] == [column]


def test_an_office_scale_replaces_the_default_and_names_its_source(tmp_path):
    (tmp_path / "capaian.yml").write_text(
        "sumber: Perkin KPU 2023\nkategori:\n  - {min: 80, nama: Baik}\n  - {min: 0, nama: Kurang}\n",
        encoding="utf-8",
    )
    scale = rules.load_scale(tmp_path)
    assert scale.category(80.0) == "Baik" and scale.category(79.9) == "Kurang"
    assert scale.source == "Perkin KPU 2023"
    assert scale.describe() == "Baik 80% ke atas; Kurang kurang dari 80%"


def test_a_scale_must_descend_and_end_at_zero(tmp_path):
    (tmp_path / "capaian.yml").write_text(
        "kategori:\n  - {min: 50, nama: Baik}\n  - {min: 60, nama: Kurang}\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        rules.load_scale(tmp_path)
    assert "dari yang tertinggi" in str(caught.value)
    (tmp_path / "capaian.yml").write_text(
        "kategori:\n  - {min: 50, nama: Baik}\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="0 pada kategori terakhir"):
        rules.load_scale(tmp_path)


def test_the_bands_do_not_overlap_and_cover_every_achievement(tmp_path):
    (tmp_path / "capaian.yml").write_text(
        "sumber: Keputusan Sekretaris KPU Kabupaten Contoh\n"
        "kategori:\n  - {min: 100, nama: Tercapai penuh}\n  - {min: 80, nama: Baik}\n"
        "  - {min: 0, nama: Kurang}\n",
        encoding="utf-8",
    )
    own = rules.load_scale(tmp_path)
    assert own.own and own.source == "Keputusan Sekretaris KPU Kabupaten Contoh"
    assert own.describe() == (
        "Tercapai penuh 100% ke atas; Baik 80% sampai kurang dari 100%; Kurang kurang dari 80%"
    )
    # 99,9% is Baik, as the band "80% sampai kurang dari 100%" says
    assert own.category(99.9) == "Baik" and own.category(100) == "Tercapai penuh"


def test_the_default_scale_says_it_is_a_default_and_not_a_kpu_rule(tmp_path):
    default = rules.load_scale(tmp_path)
    assert not default.own
    assert "Permendagri Nomor 86 Tahun 2017" in default.source
    assert "bukan ketentuan KPU" in default.source
    assert "selama kantor tidak menetapkan skalanya sendiri" in default.source  # replaceable
    assert "76% sampai kurang dari 91%" in default.describe()
    assert "ke atas" not in default.describe().split("; ", 1)[1]
