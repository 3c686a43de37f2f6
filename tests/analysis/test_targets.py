"""The achievement scale as the report states it: bands that do not overlap, and a basis
named for what it is (the office's own, or a default borrowed from a regional-government
rule that the office may replace)."""

from kpureport.ingest import rules


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
    assert "menggantinya" in default.source
    assert "76% sampai kurang dari 91%" in default.describe()
    assert "ke atas" not in default.describe().split("; ", 1)[1]
